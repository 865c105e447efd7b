using System.Globalization;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace OpenStack.Configuration;

/// <summary>
/// Reads <c>clouds.yaml</c>, <c>secure.yaml</c> (and the CLI's YAML files) with YamlDotNet into plain values, typed the
/// way openstacksdk's <c>yaml.safe_load</c> (PyYAML, YAML 1.1) types them: mappings become
/// <see cref="Dictionary{TKey,TValue}"/> of string to object, sequences <see cref="List{T}"/>, plain scalars
/// <see langword="null"/> (<c>~</c>, <c>null</c>, empty), <see cref="bool"/> (<c>true</c>, <c>yes</c>, <c>on</c>, ...),
/// <see cref="long"/> (decimal, <c>0x</c>, <c>0o</c>/leading-zero octal, <c>0b</c>), <see cref="double"/> (with a dot,
/// <c>.inf</c>, <c>.nan</c>) or a string; quoted and block scalars stay strings. Anchors, aliases and merge keys
/// (<c>&lt;&lt;: *base</c>, explicit keys winning) work; a duplicate key is an error. A parse error is a <see cref="FormatException"/> naming the line and column, never the
/// text there (it may be a password).
/// </summary>
internal static partial class YamlReader
{
    /// <summary>The most values one document may expand to (aliases can multiply a small text).</summary>
    private const int MaxValues = 100_000;

    private const int MaxDepth = 64;

    /// <summary>Parses one document; an empty document gives an empty mapping.</summary>
    /// <exception cref="FormatException">The text is not YAML, holds several documents, or expands too far.</exception>
    public static object? Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            throw new FormatException($"YAML line {e.Start.Line}, column {e.Start.Column}: {Reason(e)}");
        }
        catch (InvalidOperationException)
        {
            throw new FormatException("YAML: the document's structure is broken (an unclosed flow collection?)");
        }
        if (stream.Documents.Count == 0)
        {
            return new Dictionary<string, object?>(StringComparer.Ordinal);
        }
        if (stream.Documents.Count > 1)
        {
            var second = stream.Documents[1].RootNode.Start;
            throw new FormatException($"YAML line {second.Line}, column {second.Column}: more than one document");
        }
        var count = 0;
        return Convert(stream.Documents[0].RootNode, 0, ref count);
    }

    private static object? Convert(YamlNode node, int depth, ref int count)
    {
        if (++count > MaxValues || depth > MaxDepth)
        {
            throw new FormatException($"YAML line {node.Start.Line}, column {node.Start.Column}: the document nests or expands too far");
        }
        switch (node)
        {
            case YamlMappingNode mapping:
                var map = new Dictionary<string, object?>(StringComparer.Ordinal);
                List<YamlNode>? merges = null;
                foreach (var (keyNode, valueNode) in mapping.Children)
                {
                    if (keyNode is not YamlScalarNode { Value: { } key })
                    {
                        throw new FormatException($"YAML line {keyNode.Start.Line}, column {keyNode.Start.Column}: a key must be a scalar");
                    }
                    if (key == "<<" && ((YamlScalarNode)keyNode).Style is ScalarStyle.Plain or ScalarStyle.Any)
                    {
                        (merges ??= []).Add(valueNode); // a merge key: explicit keys win, as in PyYAML
                        continue;
                    }
                    map[key] = Convert(valueNode, depth + 1, ref count);
                }
                foreach (var merge in merges ?? [])
                {
                    var sources = merge is YamlSequenceNode many ? many.Children : (IList<YamlNode>)[merge];
                    foreach (var source in sources)
                    {
                        if (Convert(source, depth + 1, ref count) is not Dictionary<string, object?> merged)
                        {
                            throw new FormatException($"YAML line {source.Start.Line}, column {source.Start.Column}: a merge key ('<<') takes a mapping or a list of mappings");
                        }
                        foreach (var (key, value) in merged)
                        {
                            map.TryAdd(key, value);
                        }
                    }
                }
                return map;
            case YamlSequenceNode sequence:
                var list = new List<object?>(sequence.Children.Count);
                foreach (var item in sequence.Children)
                {
                    list.Add(Convert(item, depth + 1, ref count));
                }
                return list;
            case YamlScalarNode scalar:
                return Scalar(scalar);
            default:
                throw new FormatException($"YAML line {node.Start.Line}, column {node.Start.Column}: unsupported node");
        }
    }

    private static object? Scalar(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? string.Empty;
        var tag = scalar.Tag.IsEmpty ? null : scalar.Tag.Value;
        if (tag is "tag:yaml.org,2002:str" || (tag is null && scalar.Style is not (ScalarStyle.Plain or ScalarStyle.Any)))
        {
            return text;
        }
        switch (text)
        {
            case "" or "~" or "null" or "Null" or "NULL":
                return null;
            case "true" or "True" or "TRUE" or "yes" or "Yes" or "YES" or "on" or "On" or "ON":
                return true;
            case "false" or "False" or "FALSE" or "no" or "No" or "NO" or "off" or "Off" or "OFF":
                return false;
        }
        if (IntPattern().IsMatch(text) && ParseInt(text.Replace("_", "", StringComparison.Ordinal)) is { } integer)
        {
            return integer;
        }
        if (FloatPattern().IsMatch(text))
        {
            var t = text.Replace("_", "", StringComparison.Ordinal);
            var negative = t.StartsWith('-');
            return t.TrimStart('+', '-').ToLowerInvariant() switch
            {
                ".inf" => negative ? double.NegativeInfinity : double.PositiveInfinity,
                ".nan" => double.NaN,
                _ => double.Parse(t, NumberStyles.Float, CultureInfo.InvariantCulture),
            };
        }
        return text;
    }

    private static long? ParseInt(string t)
    {
        var negative = t.StartsWith('-');
        var digits = t.TrimStart('+', '-');
        long value;
        bool ok;
        if (digits.StartsWith("0x", StringComparison.Ordinal))
        {
            ok = long.TryParse(digits[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value);
        }
        else if (digits.StartsWith("0b", StringComparison.Ordinal))
        {
            ok = long.TryParse(digits[2..], NumberStyles.AllowBinarySpecifier, CultureInfo.InvariantCulture, out value);
        }
        else if (digits.Length > 1 && digits[0] == '0')
        {
            var octal = digits.StartsWith("0o", StringComparison.Ordinal) ? digits[2..] : digits[1..];
            try
            {
                value = System.Convert.ToInt64(octal, 8);
                ok = true;
            }
            catch (Exception e) when (e is FormatException or OverflowException or ArgumentException)
            {
                value = 0;
                ok = false;
            }
        }
        else
        {
            ok = long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out value);
        }
        return ok ? (negative ? -value : value) : null;
    }

    /// <summary>YamlDotNet's reason without its position prefix (its reasons are fixed texts, not document text).</summary>
    private static string Reason(YamlException e)
    {
        var message = PositionPrefix().Replace(e.Message, string.Empty).Trim();
        return message.Length is > 0 and < 200 ? message.TrimEnd('.') : "syntax error";
    }

    // PyYAML's YAML 1.1 resolver (int without the sexagesimal form; float needs a dot, as in PyYAML).
    [GeneratedRegex(@"^(?:[-+]?0b[01_]+|[-+]?0o?[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+)$")]
    private static partial Regex IntPattern();

    [GeneratedRegex(@"^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+]?[0-9]+)?|[-+]?\.[0-9_]+(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$")]
    private static partial Regex FloatPattern();

    [GeneratedRegex(@"^\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\):\s*")]
    private static partial Regex PositionPrefix();
}
