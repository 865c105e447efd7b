using System.Collections.ObjectModel;
using System.Globalization;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace OpenStack.Monasca;

/// <summary>One measurement: a row <c>[timestamp, value, value_meta]</c> of a <see cref="MeasurementSeries"/>.</summary>
/// <param name="Timestamp">When the value was measured.</param>
/// <param name="RawTimestamp">The timestamp exactly as the server sent it.</param>
/// <param name="Value">The value (NaN when the server sent null).</param>
/// <param name="ValueMeta">The value's metadata (empty when there is none).</param>
public sealed record MeasurementRow(DateTimeOffset Timestamp, string RawTimestamp, double Value, IReadOnlyDictionary<string, string?> ValueMeta);

/// <summary>One period of a <see cref="StatisticsSeries"/>: a timestamp and one value per requested statistic.</summary>
/// <param name="Timestamp">The start of the period.</param>
/// <param name="RawTimestamp">The timestamp exactly as the server sent it.</param>
/// <param name="Values">The statistics by column name (<c>avg</c>, <c>count</c>, ...); null where the server sent null.</param>
public sealed record StatisticsRow(DateTimeOffset Timestamp, string RawTimestamp, IReadOnlyDictionary<string, double?> Values)
{
    /// <summary>The value of a statistic column (case-insensitive), or null when absent or null.</summary>
    /// <param name="statistic">A column name such as <see cref="Statistic.Average"/>.</param>
    public double? this[string statistic] => Values.TryGetValue(statistic, out var v) ? v : null;

    /// <summary>The <c>avg</c> column.</summary>
    public double? Average => this[Statistic.Average];

    /// <summary>The <c>min</c> column.</summary>
    public double? Minimum => this[Statistic.Minimum];

    /// <summary>The <c>max</c> column.</summary>
    public double? Maximum => this[Statistic.Maximum];

    /// <summary>The <c>count</c> column.</summary>
    public double? Count => this[Statistic.Count];

    /// <summary>The <c>sum</c> column.</summary>
    public double? Sum => this[Statistic.Sum];
}

/// <summary>One row of an <see cref="AlarmCount"/>: a count and the values of the grouped fields.</summary>
/// <param name="Count">The number of alarms (an alarm can be counted in several groups).</param>
/// <param name="Groups">The group_by field values of this row, by field name (null where the server sent null).</param>
public sealed record AlarmCountRow(long Count, IReadOnlyDictionary<string, string?> Groups);

/// <summary>One series of measurements: a metric's name and dimensions and its rows.</summary>
public partial class MeasurementSeries
{
    /// <summary>
    /// The measurement rows, typed. Columns are located by name in <see cref="Columns"/>
    /// (<c>timestamp</c>, <c>value</c>, <c>value_meta</c>), by position when the server sent no columns.
    /// </summary>
    /// <exception cref="FormatException">A row holds a timestamp or value of the wrong kind.</exception>
    public IReadOnlyList<MeasurementRow> GetRows()
    {
        var cols = Columns?.ToList() ?? new List<string>();
        var ti = Index(cols, "timestamp", 0);
        var vi = Index(cols, "value", 1);
        var mi = Index(cols, "value_meta", 2);
        var rows = new List<MeasurementRow>(Measurements?.Count ?? 0);
        foreach (var raw in Measurements ?? Array.Empty<ICollection<object>>())
        {
            var row = raw as IList<object> ?? raw.ToList();
            var (ts, rawTs) = RowValues.Time(At(row, ti));
            rows.Add(new MeasurementRow(ts, rawTs, RowValues.Number(At(row, vi)) ?? double.NaN, RowValues.Meta(At(row, mi))));
        }
        return rows;
    }

    internal static int Index(List<string> columns, string name, int fallback)
    {
        var i = columns.FindIndex(c => string.Equals(c, name, StringComparison.OrdinalIgnoreCase));
        return i >= 0 ? i : fallback;
    }

    internal static object? At(IList<object> row, int index) => index >= 0 && index < row.Count ? row[index] : null;
}

/// <summary>One series of statistics: a metric's name and dimensions and one row per period.</summary>
public partial class StatisticsSeries
{
    /// <summary>The statistics rows, typed: a timestamp and each statistic by its column name.</summary>
    /// <exception cref="FormatException">A row holds a timestamp or value of the wrong kind.</exception>
    public IReadOnlyList<StatisticsRow> GetRows()
    {
        var cols = Columns?.ToList() ?? new List<string> { "timestamp" };
        var ti = MeasurementSeries.Index(cols, "timestamp", 0);
        var rows = new List<StatisticsRow>(Statistics?.Count ?? 0);
        foreach (var raw in Statistics ?? Array.Empty<ICollection<object>>())
        {
            var row = raw as IList<object> ?? raw.ToList();
            var (ts, rawTs) = RowValues.Time(MeasurementSeries.At(row, ti));
            var values = new Dictionary<string, double?>(StringComparer.OrdinalIgnoreCase);
            for (var i = 0; i < cols.Count; i++)
            {
                if (i != ti)
                {
                    values[cols[i]] = RowValues.Number(MeasurementSeries.At(row, i));
                }
            }
            rows.Add(new StatisticsRow(ts, rawTs, new ReadOnlyDictionary<string, double?>(values)));
        }
        return rows;
    }
}

/// <summary>Alarm counts: <c>columns</c> and rows of a count followed by the grouped field values.</summary>
public partial class AlarmCount
{
    /// <summary>The count rows, typed: the first column is the count, the others are the grouped fields.</summary>
    public IReadOnlyList<AlarmCountRow> GetRows()
    {
        var cols = Columns?.ToList() ?? new List<string> { "count" };
        var ci = MeasurementSeries.Index(cols, "count", 0);
        var rows = new List<AlarmCountRow>(Counts?.Count ?? 0);
        foreach (var raw in Counts ?? Array.Empty<ICollection<object>>())
        {
            var row = raw as IList<object> ?? raw.ToList();
            var groups = new Dictionary<string, string?>(StringComparer.Ordinal);
            for (var i = 0; i < cols.Count; i++)
            {
                if (i != ci)
                {
                    groups[cols[i]] = RowValues.Text(MeasurementSeries.At(row, i));
                }
            }
            rows.Add(new AlarmCountRow((long)(RowValues.Number(MeasurementSeries.At(row, ci)) ?? 0), new ReadOnlyDictionary<string, string?>(groups)));
        }
        return rows;
    }
}

internal static class RowValues
{
    private static readonly IReadOnlyDictionary<string, string?> Empty = new ReadOnlyDictionary<string, string?>(new Dictionary<string, string?>());

    public static (DateTimeOffset, string) Time(object? value) => Unwrap(value) switch
    {
        string s => (MonascaTime.Parse(s), s),
        long ms => (DateTimeOffset.FromUnixTimeMilliseconds(ms), ms.ToString(CultureInfo.InvariantCulture)),
        DateTime dt => (new DateTimeOffset(DateTime.SpecifyKind(dt, DateTimeKind.Utc)), dt.ToString("o", CultureInfo.InvariantCulture)),
        DateTimeOffset dto => (dto, dto.ToString("o", CultureInfo.InvariantCulture)),
        var other => throw new FormatException($"Expected a timestamp in the row but found {Describe(other)}."),
    };

    public static double? Number(object? value) => Unwrap(value) switch
    {
        null => null,
        double d => d,
        long l => l,
        int i => i,
        decimal m => (double)m,
        System.Numerics.BigInteger b => (double)b,
        string s when double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d,
        var other => throw new FormatException($"Expected a number in the row but found {Describe(other)}."),
    };

    public static string? Text(object? value) => Unwrap(value) switch
    {
        null => null,
        string s => s,
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        JToken t => t.ToString(Formatting.None),
        var other => other.ToString(),
    };

    public static IReadOnlyDictionary<string, string?> Meta(object? value)
    {
        if (Unwrap(value) is not JObject obj)
        {
            return Empty;
        }
        var dict = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var p in obj.Properties())
        {
            dict[p.Name] = p.Value.Type switch
            {
                JTokenType.Null => null,
                JTokenType.String => (string?)p.Value,
                _ => p.Value.ToString(Formatting.None),
            };
        }
        return new ReadOnlyDictionary<string, string?>(dict);
    }

    private static object? Unwrap(object? value) => value is JValue v ? v.Value : value;

    private static string Describe(object? value) => value is null ? "null" : $"{value.GetType().Name} '{value}'";
}
