using System.Collections.ObjectModel;
using System.Globalization;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace OpenStack.Monasca;

// The converters of the rows and series of SeriesRows.cs: a row array read in one pass into typed cells, and a series
// whose columns are bound to its rows once it is complete.

/// <summary>Reads and writes a row array in one pass.</summary>
internal sealed class SeriesRowConverter : JsonConverter
{
    /// <summary>The cells of a row wider than three, read before the row's own array is made (one per thread).</summary>
    [ThreadStatic]
    private static RowCell[]? _scratch;

    public override bool CanConvert(Type objectType) => objectType == typeof(MeasurementRow) || objectType == typeof(StatisticsRow);

    public override object? ReadJson(JsonReader reader, Type objectType, object? existingValue, JsonSerializer serializer) =>
        ReadRow(reader, objectType == typeof(MeasurementRow));

    /// <summary>Reads one row array (the reader on its first token) into a measurement or statistics row.</summary>
    internal static SeriesRow ReadRow(JsonReader reader, bool measurement)
    {
        if (reader.TokenType == JsonToken.Null)
        {
            throw new JsonSerializationException($"A row of the series is null (at '{reader.Path}').");
        }
        if (reader.TokenType != JsonToken.StartArray)
        {
            throw new JsonSerializationException($"A row of the series is a JSON {reader.TokenType.ToString().ToLowerInvariant()}, not an array (at '{reader.Path}').");
        }
        // The first three cells go into locals, so that the common measurement row allocates no cell array.
        RowCell c0 = default, c1 = default, c2 = default;
        var count = 0;
        RowCell[]? cells = null;
        while (true)
        {
            if (!reader.Read())
            {
                throw new JsonSerializationException($"The body ended inside a row (at '{reader.Path}').");
            }
            if (reader.TokenType == JsonToken.EndArray)
            {
                break;
            }
            var cell = ReadCell(reader);
            switch (count)
            {
                case 0: c0 = cell; break;
                case 1: c1 = cell; break;
                case 2: c2 = cell; break;
                default:
                    if (cells is null)
                    {
                        cells = _scratch ??= new RowCell[8];
                        cells[0] = c0;
                        cells[1] = c1;
                        cells[2] = c2;
                    }
                    else if (count == cells.Length)
                    {
                        Array.Resize(ref cells, cells.Length * 2);
                        _scratch = cells;
                    }
                    cells[count] = cell;
                    break;
            }
            count++;
        }
        if (measurement && count is 2 or 3 && c0.Kind == CellKind.Text && c1.Kind is CellKind.Integer or CellKind.Float or CellKind.Null
            && c2.Kind is CellKind.Meta or CellKind.Null)
        {
            return new MeasurementRow(c0.Text!, c1.Kind, c1.Number, c2.Other as IReadOnlyDictionary<string, string?>);
        }
        if (cells is null)
        {
            cells = count switch { 0 => [], 1 => [c0], 2 => [c0, c1], _ => [c0, c1, c2] };
        }
        else
        {
            // The row's own array, exactly sized; the scratch array stays with the thread for the next row.
            cells = cells.AsSpan(0, count).ToArray();
        }
        return measurement ? new MeasurementRow(cells) : new StatisticsRow(cells);
    }

    private static RowCell ReadCell(JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonToken.Null:
            case JsonToken.Undefined:
                return RowCell.Null;
            case JsonToken.String:
                return RowCell.OfText((string)reader.Value!);
            case JsonToken.Integer:
                return RowCell.OfInteger(reader.Value switch
                {
                    long l => l,
                    int i => i,
                    System.Numerics.BigInteger b => (double)b,
                    var v => Convert.ToDouble(v, CultureInfo.InvariantCulture),
                });
            case JsonToken.Float:
                return RowCell.OfFloat(reader.Value switch
                {
                    double d => d,
                    var v => Convert.ToDouble(v, CultureInfo.InvariantCulture),
                });
            case JsonToken.Date:
                // Only when a caller's settings parse dates: keep the text form.
                return RowCell.OfText(reader.Value is DateTimeOffset dto ? dto.ToString("o", CultureInfo.InvariantCulture)
                    : ((DateTime)reader.Value!).ToString("o", CultureInfo.InvariantCulture));
            case JsonToken.StartObject:
                return ReadMeta(reader);
            default:
                return RowCell.OfOther(JToken.ReadFrom(reader));
        }
    }

    private static RowCell ReadMeta(JsonReader reader)
    {
        Dictionary<string, string?>? meta = null;
        while (reader.Read() && reader.TokenType != JsonToken.EndObject)
        {
            if (reader.TokenType != JsonToken.PropertyName)
            {
                throw new JsonSerializationException($"Unexpected {reader.TokenType} in value_meta (at '{reader.Path}').");
            }
            var name = (string)reader.Value!;
            if (!reader.Read())
            {
                break;
            }
            string? value = reader.TokenType switch
            {
                JsonToken.Null => null,
                JsonToken.String => (string)reader.Value!,
                JsonToken.StartObject or JsonToken.StartArray => JToken.ReadFrom(reader).ToString(Formatting.None),
                _ => Convert.ToString(reader.Value, CultureInfo.InvariantCulture),
            };
            (meta ??= new Dictionary<string, string?>(StringComparer.Ordinal))[name] = value;
        }
        if (reader.TokenType != JsonToken.EndObject)
        {
            throw new JsonSerializationException($"The body ended inside value_meta (at '{reader.Path}').");
        }
        return meta is null ? RowCell.OfMeta(RowCell.EmptyMeta) : RowCell.OfMeta(new ReadOnlyDictionary<string, string?>(meta));
    }

    public override void WriteJson(JsonWriter writer, object? value, JsonSerializer serializer)
    {
        if (value is not SeriesRow row)
        {
            writer.WriteNull();
            return;
        }
        writer.WriteStartArray();
        foreach (var cell in row.Cells)
        {
            switch (cell.Kind)
            {
                case CellKind.Text:
                    writer.WriteValue(cell.Text);
                    break;
                case CellKind.Integer when cell.Number is >= long.MinValue and <= long.MaxValue:
                    writer.WriteValue((long)cell.Number);
                    break;
                case CellKind.Integer:
                case CellKind.Float:
                    writer.WriteValue(cell.Number);
                    break;
                case CellKind.Meta:
                    writer.WriteStartObject();
                    foreach (var (k, v) in (IReadOnlyDictionary<string, string?>)cell.Other!)
                    {
                        writer.WritePropertyName(k);
                        writer.WriteValue(v);
                    }
                    writer.WriteEndObject();
                    break;
                case CellKind.Other:
                    ((JToken)cell.Other!).WriteTo(writer);
                    break;
                default:
                    writer.WriteNull();
                    break;
            }
        }
        writer.WriteEndArray();
    }
}

/// <summary>One series of measurements: a metric's name and dimensions and its typed rows.</summary>
[JsonConverter(typeof(SeriesConverter))]
public partial class MeasurementSeries
{
}

/// <summary>One series of statistics: a metric's name and dimensions and one typed row per period.</summary>
[JsonConverter(typeof(SeriesConverter))]
public partial class StatisticsSeries
{
}

/// <summary>
/// Reads a series in one pass: its rows are read by the row reader straight into a list (no converter dispatch per
/// row) and, when the series' <c>columns</c> came before its rows (as monasca-api sends them), bound and checked as
/// they are read; the series' other properties are read as the generated contract says (a small object populated at
/// the end). A failure is an exception of the read, so that the call fails with the service's exception rather than a
/// later accessor.
/// </summary>
internal sealed class SeriesConverter : JsonConverter
{
    public override bool CanWrite => false;

    public override bool CanConvert(Type objectType) => objectType == typeof(MeasurementSeries) || objectType == typeof(StatisticsSeries);

    public override object? ReadJson(JsonReader reader, Type objectType, object? existingValue, JsonSerializer serializer)
    {
        if (reader.TokenType == JsonToken.Null)
        {
            return null;
        }
        return objectType == typeof(MeasurementSeries)
            ? ReadSeries(reader, serializer, existingValue as MeasurementSeries ?? new MeasurementSeries(), "measurements",
                RowLayout.Measurements, s => s.Columns, (MeasurementSeries s, List<MeasurementRow>? rows) => s.Measurements = rows)
            : ReadSeries(reader, serializer, existingValue as StatisticsSeries ?? new StatisticsSeries(), "statistics",
                RowLayout.Statistics, s => s.Columns, (StatisticsSeries s, List<StatisticsRow>? rows) => s.Statistics = rows);
    }

    private static TSeries ReadSeries<TSeries, TRow>(JsonReader reader, JsonSerializer serializer, TSeries series, string rowsName,
        RowLayout fallback, Func<TSeries, ICollection<string>?> columns, Action<TSeries, List<TRow>?> setRows)
        where TSeries : class
        where TRow : SeriesRow
    {
        if (reader.TokenType != JsonToken.StartObject)
        {
            // Not an object: the contract's own error.
            serializer.Populate(reader, series);
            return series;
        }
        var rows = SeriesReader.Read<TRow>(reader, serializer, series, rowsName, out var boundWith);
        setRows(series, rows);
        SeriesReader.BindLate(rows, boundWith, RowLayout.For(columns(series), fallback));
        return series;
    }

    public override void WriteJson(JsonWriter writer, object? value, JsonSerializer serializer) => throw new NotSupportedException();
}

/// <summary>The one-pass reader of a series object (see <see cref="SeriesConverter"/>).</summary>
internal static class SeriesReader
{
    /// <summary>
    /// Reads the series object the reader is on (its <c>StartObject</c>): the rows property into the returned list,
    /// every other property into <paramref name="target"/> through the contract; returns null when the rows were absent
    /// or null. <paramref name="boundWith"/> is the layout the rows were bound to as they were read (null: not bound).
    /// </summary>
    public static List<TRow>? Read<TRow>(JsonReader reader, JsonSerializer serializer, object target, string rowsName, out RowLayout? boundWith)
        where TRow : SeriesRow
    {
        var measurement = typeof(TRow) == typeof(MeasurementRow);
        JObject? rest = null;
        List<TRow>? rows = null;
        List<string>? columns = null;
        boundWith = null;
        while (true)
        {
            if (!reader.Read())
            {
                throw new JsonSerializationException($"The body ended inside a series (at '{reader.Path}').");
            }
            if (reader.TokenType == JsonToken.EndObject)
            {
                break;
            }
            if (reader.TokenType != JsonToken.PropertyName)
            {
                throw new JsonSerializationException($"Unexpected {reader.TokenType} in a series (at '{reader.Path}').");
            }
            var name = (string)reader.Value!;
            if (!reader.Read())
            {
                throw new JsonSerializationException($"The body ended inside a series (at '{reader.Path}').");
            }
            if (string.Equals(name, rowsName, StringComparison.OrdinalIgnoreCase) && reader.TokenType is JsonToken.StartArray or JsonToken.Null)
            {
                if (reader.TokenType == JsonToken.Null)
                {
                    rows = null;
                    continue;
                }
                // Bound as read when the columns came first (as monasca-api sends them), else once the series is complete.
                boundWith = columns is null ? null : new RowLayout(columns);
                rows = ReadRows<TRow>(reader, measurement, boundWith);
                continue;
            }
            var value = JToken.ReadFrom(reader);
            if (string.Equals(name, "columns", StringComparison.OrdinalIgnoreCase))
            {
                columns = value is JArray { Count: > 0 } array && array.All(c => c.Type == JTokenType.String) ? array.Select(c => (string)c!).ToList() : null;
            }
            (rest ??= new JObject())[name] = value;
        }
        using (var properties = (rest ?? new JObject()).CreateReader())
        {
            serializer.Populate(properties, target);
        }
        return rows;
    }

    /// <summary>Binds the rows to the series' final layout unless they were bound to the same columns as they were read.</summary>
    public static void BindLate<TRow>(List<TRow>? rows, RowLayout? boundWith, RowLayout layout)
        where TRow : SeriesRow
    {
        if (rows is null || (boundWith is not null && boundWith.Columns.SequenceEqual(layout.Columns, StringComparer.Ordinal)))
        {
            return;
        }
        // The columns came after the rows (or not at all, or changed): a second pass.
        for (var i = 0; i < rows.Count; i++)
        {
            rows[i].Bind(layout, i);
        }
    }

    internal static List<TRow> ReadRows<TRow>(JsonReader reader, bool measurement, RowLayout? layout)
        where TRow : SeriesRow
    {
        var rows = new List<TRow>();
        while (true)
        {
            if (!reader.Read())
            {
                throw new JsonSerializationException($"The body ended inside the rows of a series (at '{reader.Path}').");
            }
            if (reader.TokenType == JsonToken.EndArray)
            {
                return rows;
            }
            var row = (TRow)SeriesRowConverter.ReadRow(reader, measurement);
            if (layout is not null)
            {
                row.Bind(layout, rows.Count);
            }
            rows.Add(row);
        }
    }
}
