using System.Text;

namespace OpenStack.Monasca.OpenTelemetry;

/// <summary>
/// How instrument names, units and attributes become Monasca names and dimensions (the rule <see cref="MonascaMetricExporter"/> follows):
/// <list type="number">
/// <item>The name is lower-cased; <c>/</c>, <c>-</c> and spaces become <c>.</c>; the characters Monasca refuses
/// (<c>&lt; &gt; = { } ( ) , " \ ; &amp; '</c>) become <c>_</c>; the result is cut at 240 characters (room for a histogram suffix).</item>
/// <item>A unit Monasca names say in a suffix is appended unless the name already ends with it: <c>s</c> → <c>_sec</c>,
/// <c>ms</c> → <c>_ms</c>, <c>us</c> → <c>_us</c>, <c>ns</c> → <c>_ns</c>, <c>By</c> → <c>_bytes</c>, <c>KiBy</c>/<c>KBy</c> → <c>_kb</c>,
/// <c>MiBy</c>/<c>MBy</c> → <c>_mb</c>, <c>GiBy</c>/<c>GBy</c> → <c>_gb</c>, <c>By/s</c> → <c>_bytes_sec</c>, <c>%</c> → <c>_perc</c>
/// (so <c>http.server.request.duration</c> in <c>s</c> is <c>http.server.request.duration_sec</c>). No unit, <c>1</c> and
/// annotations (<c>{request}</c>) add nothing; any other unit is sent as <c>value_meta</c> <c>{"unit": ...}</c>.</item>
/// <item>Dimension keys and values: the characters Monasca refuses (<c>&lt; &gt; = { } ( ) , " \ ; &amp;</c>) become <c>_</c>, a key loses
/// its leading <c>_</c>, both are cut at 255 characters, and an empty key or value is left out.</item>
/// </list>
/// </summary>
public static class MonascaMetricNaming
{
    private const int MaxBaseName = 240;
    private const int MaxDimension = 255;

    /// <summary>The Monasca metric name of an instrument (see the rule above).</summary>
    /// <param name="instrumentName">The instrument's name.</param>
    /// <param name="unit">The instrument's unit (UCUM, as OpenTelemetry writes it), or null.</param>
    /// <param name="prefix">Put before the name (for example <c>myapp.</c>), mapped by the same rule.</param>
    public static string MetricName(string instrumentName, string? unit, string? prefix = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(instrumentName);
        var name = new StringBuilder(instrumentName.Length + 16);
        foreach (var ch in (prefix ?? "") + instrumentName)
        {
            name.Append(ch switch
            {
                '/' or '-' or ' ' => '.',
                '<' or '>' or '=' or '{' or '}' or '(' or ')' or ',' or '"' or '\\' or ';' or '&' or '\'' => '_',
                _ when char.IsControl(ch) => '_',
                _ => char.ToLowerInvariant(ch),
            });
        }
        var suffix = UnitSuffix(unit);
        var result = name.Length > MaxBaseName ? name.ToString(0, MaxBaseName) : name.ToString();
        if (suffix is not null && !result.EndsWith(suffix, StringComparison.Ordinal))
        {
            result = (result.Length + suffix.Length > MaxBaseName ? result[..(MaxBaseName - suffix.Length)] : result) + suffix;
        }
        return result;
    }

    /// <summary>The name suffix of <paramref name="unit"/>, or null when the name says nothing about it.</summary>
    /// <param name="unit">The unit.</param>
    public static string? UnitSuffix(string? unit) => unit switch
    {
        "s" => "_sec",
        "ms" => "_ms",
        "us" => "_us",
        "ns" => "_ns",
        "By" => "_bytes",
        "KiBy" or "KBy" => "_kb",
        "MiBy" or "MBy" => "_mb",
        "GiBy" or "GBy" => "_gb",
        "By/s" => "_bytes_sec",
        "%" => "_perc",
        _ => null,
    };

    /// <summary>Whether <paramref name="unit"/> goes to <c>value_meta</c> (not said by the name, and not empty, <c>1</c> or an annotation).</summary>
    /// <param name="unit">The unit.</param>
    public static bool UnitInValueMeta(string? unit) =>
        !string.IsNullOrEmpty(unit) && unit != "1" && !(unit.StartsWith('{') && unit.EndsWith('}')) && UnitSuffix(unit) is null;

    /// <summary>A dimension key as Monasca accepts it; null when nothing is left.</summary>
    /// <param name="key">The attribute key.</param>
    public static string? DimensionKey(string? key)
    {
        var mapped = Clean(key)?.TrimStart('_');
        return string.IsNullOrEmpty(mapped) ? null : mapped;
    }

    /// <summary>A dimension value as Monasca accepts it; null when nothing is left.</summary>
    /// <param name="value">The attribute value (formatted with the invariant culture).</param>
    public static string? DimensionValue(object? value)
    {
        var text = value switch
        {
            null => null,
            string s => s,
            bool b => b ? "true" : "false",
            IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
            Array a => string.Join(",", a.Cast<object?>().Select(v => Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture))),
            _ => value.ToString(),
        };
        var mapped = Clean(text);
        return string.IsNullOrEmpty(mapped) ? null : mapped;
    }

    private static string? Clean(string? s)
    {
        if (string.IsNullOrEmpty(s))
        {
            return null;
        }
        var b = new StringBuilder(Math.Min(s.Length, MaxDimension));
        foreach (var ch in s)
        {
            if (b.Length == MaxDimension)
            {
                break;
            }
            b.Append(ch is '<' or '>' or '=' or '{' or '}' or '(' or ')' or ',' or '"' or '\\' or ';' or '&' || char.IsControl(ch) ? '_' : ch);
        }
        return b.ToString().Trim();
    }
}
