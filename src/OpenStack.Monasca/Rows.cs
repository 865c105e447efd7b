using System.Collections.ObjectModel;
using System.Globalization;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace OpenStack.Monasca;

/// <summary>One row of an <see cref="AlarmCount"/>: a count and the values of the grouped fields.</summary>
/// <param name="Count">The number of alarms (an alarm can be counted in several groups).</param>
/// <param name="Groups">The group_by field values of this row, by field name (null where the server sent null).</param>
public sealed record AlarmCountRow(long Count, IReadOnlyDictionary<string, string?> Groups);

/// <summary>Alarm counts: <c>columns</c> and rows of a count followed by the grouped field values.</summary>
public partial class AlarmCount
{
    /// <summary>The count rows, typed: the first column is the count, the others are the grouped fields.</summary>
    /// <exception cref="MonascaApiException">A row does not fit the columns (checked when the counts are read, so a
    /// malformed answer fails the call instead).</exception>
    public IReadOnlyList<AlarmCountRow> GetRows()
    {
        try
        {
            return ReadRows();
        }
        catch (FormatException e)
        {
            throw new MonascaApiException($"The alarm counts are malformed: {e.Message}", 200, null, null, e);
        }
    }

    private List<AlarmCountRow> ReadRows()
    {
        var cols = Columns?.ToList() ?? new List<string> { "count" };
        var ci = RowValues.Index(cols, "count", 0);
        var rows = new List<AlarmCountRow>(Counts?.Count ?? 0);
        var r = 0;
        foreach (var raw in Counts ?? Array.Empty<ICollection<object>>())
        {
            var row = raw as IList<object> ?? raw?.ToList() ?? throw new FormatException($"Row {r} is null.");
            var groups = new Dictionary<string, string?>(StringComparer.Ordinal);
            for (var i = 0; i < cols.Count; i++)
            {
                if (i != ci)
                {
                    groups[cols[i] ?? throw new FormatException($"Column {i} has no name (null).")] = RowValues.Text(RowValues.At(row, i));
                }
            }
            var count = RowValues.Number(RowValues.At(row, ci)) ?? 0;
            if (double.IsNaN(count) || count < long.MinValue || count > long.MaxValue)
            {
                throw new FormatException($"Row {r} has the count {count.ToString(CultureInfo.InvariantCulture)}, not a whole number.");
            }
            rows.Add(new AlarmCountRow((long)count, new ReadOnlyDictionary<string, string?>(groups)));
            r++;
        }
        return rows;
    }

    /// <summary>Checks the rows as the counts are read: a malformed row fails the call with <see cref="MonascaApiException"/>.</summary>
    [System.Runtime.Serialization.OnDeserialized]
    internal void CheckRows(System.Runtime.Serialization.StreamingContext context)
    {
        try
        {
            ReadRows();
        }
        catch (FormatException e)
        {
            throw new JsonSerializationException($"counts: {e.Message}", e);
        }
    }
}

internal static class RowValues
{
    internal static int Index(List<string> columns, string name, int fallback)
    {
        var i = columns.FindIndex(c => string.Equals(c, name, StringComparison.OrdinalIgnoreCase));
        return i >= 0 ? i : fallback;
    }

    internal static object? At(IList<object> row, int index) => index >= 0 && index < row.Count ? row[index] : null;

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

    private static object? Unwrap(object? value) => value is JValue v ? v.Value : value;

    private static string Describe(object? value) => value is null ? "null" : $"{value.GetType().Name} '{value}'";
}
