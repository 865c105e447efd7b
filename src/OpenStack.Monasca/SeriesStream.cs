using System.Collections;
using System.Diagnostics.CodeAnalysis;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using OpenStack.Http;

namespace OpenStack.Monasca;

public abstract partial class MonascaClientBase
{
    /// <summary>
    /// The pages of an all-pages stream of measurements or statistics are parsed as their series are handed on: a long
    /// series comes in consecutive parts of at most <see cref="SeriesStream{TSeries, TRow}.PartRows"/> rows (each with
    /// the series' id, name, dimensions and columns), so that a page's rows are never all held at once.
    /// </summary>
    /// <inheritdoc />
    protected override bool TryReadLater<T>(BufferedResponseBody body, [MaybeNullWhen(false)] out T value)
    {
        ArgumentNullException.ThrowIfNull(body);
        object? page = null;
        if (typeof(T) == typeof(MeasurementSeriesCollection))
        {
            var measurements = new MeasurementSeriesCollection();
            measurements.Elements = new SeriesStream<MeasurementSeries, MeasurementRow>(body, Serializer, measurements, "measurements",
                RowLayout.Measurements, static (s, rows) => s.Measurements = rows, static s => s.Columns);
            page = measurements;
        }
        else if (typeof(T) == typeof(StatisticsSeriesCollection))
        {
            var statistics = new StatisticsSeriesCollection();
            statistics.Elements = new SeriesStream<StatisticsSeries, StatisticsRow>(body, Serializer, statistics, "statistics",
                RowLayout.Statistics, static (s, rows) => s.Statistics = rows, static s => s.Columns);
            page = statistics;
        }
        value = (T)page!;
        return page is not null;
    }
}

/// <summary>
/// The series of one page, parsed from the page's bytes as they are enumerated (once): a series whose name,
/// dimensions and columns come before its rows (as monasca-api sends them) is handed on in parts of at most
/// <see cref="PartRows"/> rows as they are read; any other series whole, once it is read. The page's other
/// properties (its links) are set on the page when the enumeration ends; the body goes back to the pool then.
/// </summary>
internal sealed class SeriesStream<TSeries, TRow>(
    BufferedResponseBody body,
    JsonSerializer serializer,
    object page,
    string rowsName,
    RowLayout fallback,
    Action<TSeries, List<TRow>?> setRows,
    Func<TSeries, ICollection<string>?> columnsOf) : ICollection<TSeries>
    where TSeries : class, new()
    where TRow : SeriesRow
{
    /// <summary>The most rows of one part of a series.</summary>
    public const int PartRows = 1000;

    private int _enumerated;

    public int Count => throw new NotSupportedException("The series of a streamed page are counted by enumerating them.");

    public bool IsReadOnly => true;

    public IEnumerator<TSeries> GetEnumerator()
    {
        if (Interlocked.Exchange(ref _enumerated, 1) != 0)
        {
            throw new InvalidOperationException("The series of a streamed page can be enumerated once.");
        }
        return new Guard(body, Read().GetEnumerator());
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public void Add(TSeries item) => throw new NotSupportedException();

    public void Clear() => throw new NotSupportedException();

    public bool Contains(TSeries item) => throw new NotSupportedException();

    public void CopyTo(TSeries[] array, int arrayIndex) => throw new NotSupportedException();

    public bool Remove(TSeries item) => throw new NotSupportedException();

    private IEnumerable<TSeries> Read()
    {
        using var reader = body.OpenReader();
        if (!reader.Read() || reader.TokenType != JsonToken.StartObject)
        {
            throw new JsonSerializationException($"The page is not a JSON object (at '{reader.Path}').");
        }
        var rest = new JObject();
        while (true)
        {
            var name = NextProperty(reader, "the page");
            if (name is null)
            {
                break;
            }
            if (string.Equals(name, "elements", StringComparison.OrdinalIgnoreCase) && reader.TokenType == JsonToken.StartArray)
            {
                rest[name] = new JArray();
                while (true)
                {
                    if (!reader.Read())
                    {
                        throw new JsonSerializationException($"The body ended inside the page's elements (at '{reader.Path}').");
                    }
                    if (reader.TokenType == JsonToken.EndArray)
                    {
                        break;
                    }
                    if (reader.TokenType == JsonToken.Null)
                    {
                        yield return null!;
                        continue;
                    }
                    if (reader.TokenType != JsonToken.StartObject)
                    {
                        throw new JsonSerializationException($"A series is a JSON {reader.TokenType.ToString().ToLowerInvariant()}, not an object (at '{reader.Path}').");
                    }
                    foreach (var series in ReadSeries(reader))
                    {
                        yield return series;
                    }
                }
                continue;
            }
            rest[name] = JToken.ReadFrom(reader);
        }
        while (reader.Read())
        {
            if (reader.TokenType != JsonToken.Comment)
            {
                throw new JsonSerializationException($"Additional text found after the page (at '{reader.Path}').");
            }
        }
        // The page's own properties (its links; `elements` required): the contract's checks, once the page is read.
        using var properties = rest.CreateReader();
        serializer.Populate(properties, page);
    }

    /// <summary>The next property's name with the reader on its value, or null at the end of the object.</summary>
    private static string? NextProperty(JsonReader reader, string what)
    {
        if (!reader.Read())
        {
            throw new JsonSerializationException($"The body ended inside {what} (at '{reader.Path}').");
        }
        if (reader.TokenType == JsonToken.EndObject)
        {
            return null;
        }
        if (reader.TokenType != JsonToken.PropertyName)
        {
            throw new JsonSerializationException($"Unexpected {reader.TokenType} in {what} (at '{reader.Path}').");
        }
        var name = (string)reader.Value!;
        if (!reader.Read())
        {
            throw new JsonSerializationException($"The body ended inside {what} (at '{reader.Path}').");
        }
        return name;
    }

    private IEnumerable<TSeries> ReadSeries(JsonReader reader)
    {
        var measurement = typeof(TRow) == typeof(MeasurementRow);
        var header = new JObject();
        List<string>? columns = null;
        List<TRow>? rows = null;
        RowLayout? boundWith = null;
        List<TRow>? lastPart = null;
        while (true)
        {
            var name = NextProperty(reader, "a series");
            if (name is null)
            {
                break;
            }
            if (string.Equals(name, rowsName, StringComparison.OrdinalIgnoreCase) && reader.TokenType == JsonToken.StartArray)
            {
                if (columns is not null && header.ContainsKey("name") && header.ContainsKey("dimensions"))
                {
                    // Everything a part needs came first: hand the rows on in parts as they are read.
                    var layout = new RowLayout(columns);
                    var part = new List<TRow>();
                    var index = 0;
                    while (true)
                    {
                        if (!reader.Read())
                        {
                            throw new JsonSerializationException($"The body ended inside the rows of a series (at '{reader.Path}').");
                        }
                        if (reader.TokenType == JsonToken.EndArray)
                        {
                            break;
                        }
                        if (part.Count == PartRows)
                        {
                            yield return Series(header, part);
                            part = new List<TRow>(PartRows);
                        }
                        var row = (TRow)SeriesRowConverter.ReadRow(reader, measurement);
                        row.Bind(layout, index++);
                        part.Add(row);
                    }
                    // The last part waits for the series' end (properties after the rows belong to it too).
                    lastPart = part;
                    rows = null;
                    continue;
                }
                lastPart = null;
                boundWith = columns is null ? null : new RowLayout(columns);
                rows = SeriesReader.ReadRows<TRow>(reader, measurement, boundWith);
                continue;
            }
            if (string.Equals(name, rowsName, StringComparison.OrdinalIgnoreCase) && reader.TokenType == JsonToken.Null)
            {
                lastPart = null;
                rows = null;
                continue;
            }
            var value = JToken.ReadFrom(reader);
            if (string.Equals(name, "columns", StringComparison.OrdinalIgnoreCase))
            {
                columns = value is JArray { Count: > 0 } array && array.All(c => c.Type == JTokenType.String) ? array.Select(c => (string)c!).ToList() : null;
            }
            header[name] = value;
        }
        if (lastPart is not null)
        {
            yield return Series(header, lastPart);
            yield break;
        }
        var whole = Series(header, rows);
        SeriesReader.BindLate(rows, boundWith, RowLayout.For(columnsOf(whole), fallback));
        yield return whole;
    }

    private TSeries Series(JObject header, List<TRow>? rows)
    {
        var series = new TSeries();
        using (var properties = header.CreateReader())
        {
            serializer.Populate(properties, series);
        }
        setRows(series, rows);
        return series;
    }

    /// <summary>Turns a failure of the parse into the service's exception, and returns the body to the pool at the end.</summary>
    private sealed class Guard(BufferedResponseBody body, IEnumerator<TSeries> inner) : IEnumerator<TSeries>
    {
        private bool _disposed;

        public TSeries Current => inner.Current;

        object IEnumerator.Current => Current;

        public bool MoveNext()
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return body.Parse(inner.MoveNext);
        }

        public void Reset() => throw new NotSupportedException();

        public void Dispose()
        {
            if (!_disposed)
            {
                _disposed = true;
                inner.Dispose();
                body.Dispose();
            }
        }
    }
}
