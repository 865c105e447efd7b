using System.Collections;
using System.Text;

namespace OpenStack.Monasca;

/// <summary>
/// A dimension filter for the <c>dimensions</c> and <c>metric_dimensions</c> query parameters
/// (<c>key:value,key2,key3:a|b</c>): a key with no value matches any value, a key with several values
/// matches any of them. It converts implicitly to the query string the client sends, so it can be passed
/// wherever a <c>dimensions</c> argument is expected.
/// </summary>
/// <remarks>
/// The server splits pairs on every <c>,</c> and a pair on its first <c>:</c>, and reads <c>|</c> in a
/// value as "or". So a key cannot contain <c>:</c>, nothing can contain <c>,</c>, a value cannot contain
/// <c>|</c>, and neither can be empty; such filters are rejected here with <see cref="ArgumentException"/>
/// rather than silently changed into another filter. Everything else is sent as given (the request
/// percent-encodes it) and the server reads back exactly the caller's keys and values. Unlike
/// python-monascaclient, several values of one key are all sent (<c>key:a|b</c>), not only the last.
/// <code>
/// var filter = new DimensionFilter { { "hostname", "h1" }, { "service" }, { "url", "http://x:80/" }, { "az", "a", "b" } };
/// await client.Metrics.ListAsync(dimensions: filter);   // dimensions=hostname:h1,service,url:http://x:80/,az:a|b
/// </code>
/// </remarks>
public sealed class DimensionFilter : IEnumerable<KeyValuePair<string, IReadOnlyList<string>>>
{
    private readonly List<KeyValuePair<string, IReadOnlyList<string>>> _entries = new();

    /// <summary>Creates an empty filter (which matches everything and is sent as nothing).</summary>
    public DimensionFilter()
    {
    }

    /// <summary>
    /// Creates a filter from a dictionary as python-monascaclient takes it: a null or empty value means
    /// "any value of this key".
    /// </summary>
    /// <param name="dimensions">Keys and values.</param>
    public DimensionFilter(IEnumerable<KeyValuePair<string, string?>> dimensions)
    {
        ArgumentNullException.ThrowIfNull(dimensions);
        foreach (var (key, value) in dimensions)
        {
            if (string.IsNullOrEmpty(value))
            {
                Add(key);
            }
            else
            {
                Add(key, value);
            }
        }
    }

    /// <summary>Creates a filter from keys with any number of accepted values (none means any value).</summary>
    /// <param name="dimensions">Keys and their accepted values.</param>
    public DimensionFilter(IEnumerable<KeyValuePair<string, IEnumerable<string>>> dimensions)
    {
        ArgumentNullException.ThrowIfNull(dimensions);
        foreach (var (key, values) in dimensions)
        {
            Add(key, (values ?? Array.Empty<string>()).ToArray());
        }
    }

    /// <summary>The number of keys in the filter.</summary>
    public int Count => _entries.Count;

    /// <summary>Matches metrics that have <paramref name="key"/>, whatever its value.</summary>
    /// <param name="key">The dimension key.</param>
    public void Add(string key) => Add(key, Array.Empty<string>());

    /// <summary>Matches metrics whose <paramref name="key"/> has one of <paramref name="values"/> (any value when none is given).</summary>
    /// <param name="key">The dimension key.</param>
    /// <param name="values">The accepted values.</param>
    /// <exception cref="ArgumentException">The key or a value cannot be represented in Monasca's filter syntax.</exception>
    public void Add(string key, params string[] values)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(values);
        if (key.Length == 0)
        {
            throw new ArgumentException("A dimension key cannot be empty.", nameof(key));
        }
        if (key.Contains(':', StringComparison.Ordinal) || key.Contains(',', StringComparison.Ordinal))
        {
            throw new ArgumentException(
                $"The dimension key '{key}' contains ':' or ',', which Monasca's filter syntax (key:value,...) cannot express: " +
                "the server splits pairs on ',' and each pair on its first ':'.", nameof(key));
        }
        foreach (var value in values)
        {
            if (string.IsNullOrEmpty(value))
            {
                throw new ArgumentException(
                    $"The value for dimension key '{key}' is empty; Monasca cannot filter on an empty value. Use Add(\"{key}\") to match any value.",
                    nameof(values));
            }
            if (value.Contains(',', StringComparison.Ordinal) || value.Contains('|', StringComparison.Ordinal))
            {
                throw new ArgumentException(
                    $"The value '{value}' of dimension key '{key}' contains ',' or '|', which Monasca's filter syntax cannot express: " +
                    "the server splits pairs on ',' and reads '|' as 'or'. Pass several values to Add to match any of them.", nameof(values));
            }
        }
        _entries.Add(new(key, values.ToArray()));
    }

    /// <summary>The filter text the server reads (before percent-encoding), for example <c>hostname:h1,service,az:a|b</c>.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        foreach (var (key, values) in _entries)
        {
            if (sb.Length > 0)
            {
                sb.Append(',');
            }
            sb.Append(key);
            if (values.Count > 0)
            {
                sb.Append(':').AppendJoin('|', values);
            }
        }
        return sb.ToString();
    }

    /// <summary>The filter text, or null for a null or empty filter (so that the parameter is left out).</summary>
    /// <param name="filter">The filter.</param>
    public static implicit operator string?(DimensionFilter? filter) =>
        filter is null || filter.Count == 0 ? null : filter.ToString();

    /// <summary>
    /// Parses filter text (<c>key:value,key2,key3:a|b</c>) the way the server does: pairs split on
    /// <c>,</c>, each pair on its first <c>:</c>, values on <c>|</c>.
    /// </summary>
    /// <param name="text">The filter text.</param>
    public static DimensionFilter Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var filter = new DimensionFilter();
        foreach (var pair in text.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var colon = pair.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0)
            {
                filter.Add(pair);
            }
            else
            {
                filter.Add(pair[..colon], pair[(colon + 1)..].Split('|'));
            }
        }
        return filter;
    }

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<string, IReadOnlyList<string>>> GetEnumerator() => _entries.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
