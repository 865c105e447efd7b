using System.Globalization;
using System.Text;

namespace OpenStack.Configuration;

/// <summary>
/// A reader for the YAML subset that <c>clouds.yaml</c> and <c>secure.yaml</c> use: nested block
/// mappings, plain, single- and double-quoted scalars, comments, block lists (of scalars or of
/// mappings) and flow lists of scalars. Anchors, tags, block scalars and flow mappings are rejected
/// with the line number. Mappings become <see cref="Dictionary{TKey,TValue}"/> of string to object,
/// lists become <see cref="List{T}"/>, scalars stay strings (<c>~</c>, <c>null</c> and an empty value are null).
/// </summary>
internal static class MiniYaml
{
    private readonly record struct Line(int Number, int Indent, string Text);

    /// <summary>Parses a document; an empty document gives an empty mapping.</summary>
    public static object? Parse(string text)
    {
        var lines = Preprocess(text);
        if (lines.Count == 0)
        {
            return new Dictionary<string, object?>(StringComparer.Ordinal);
        }
        var i = 0;
        var root = ParseNode(lines, ref i, lines[0].Indent);
        if (i < lines.Count)
        {
            throw Error(lines[i], "unexpected content (bad indentation?)");
        }
        return root;
    }

    private static List<Line> Preprocess(string text)
    {
        var result = new List<Line>();
        var raw = text.Replace("\r\n", "\n").Split('\n');
        for (var n = 0; n < raw.Length; n++)
        {
            var line = raw[n];
            var content = StripComment(line, n + 1).TrimEnd();
            var trimmed = content.TrimStart(' ');
            if (trimmed.Length == 0 || trimmed == "---" || trimmed == "...")
            {
                continue;
            }
            if (trimmed.StartsWith('\t') || content[..(content.Length - trimmed.Length)].Contains('\t'))
            {
                throw new FormatException($"YAML line {n + 1}: tabs are not allowed for indentation");
            }
            if (trimmed.StartsWith('%'))
            {
                continue; // directive
            }
            result.Add(new Line(n + 1, content.Length - trimmed.Length, trimmed));
        }
        return result;
    }

    private static string StripComment(string line, int number)
    {
        char? quote = null;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quote is null)
            {
                if (c == '#' && (i == 0 || char.IsWhiteSpace(line[i - 1])))
                {
                    return line[..i];
                }
                if ((c == '"' || c == '\'') && IsQuoteStart(line, i))
                {
                    quote = c;
                }
            }
            else if (quote == '\'' && c == '\'')
            {
                if (i + 1 < line.Length && line[i + 1] == '\'')
                {
                    i++;
                }
                else
                {
                    quote = null;
                }
            }
            else if (quote == '"' && c == '\\')
            {
                i++;
            }
            else if (quote == '"' && c == '"')
            {
                quote = null;
            }
        }
        _ = number;
        return line;
    }

    // A quote opens a quoted scalar only at the start of a value: after "key: ", "- ", "[" or ", ".
    private static bool IsQuoteStart(string line, int i)
    {
        var before = line[..i].TrimEnd();
        return before.Length == 0 || before.EndsWith(':') || before.EndsWith('-') || before.EndsWith('[') || before.EndsWith(',');
    }

    private static bool IsListItem(Line line) => line.Text == "-" || line.Text.StartsWith("- ", StringComparison.Ordinal);

    private static object? ParseNode(List<Line> lines, ref int i, int indent)
    {
        return IsListItem(lines[i]) ? ParseList(lines, ref i, indent) : ParseMapping(lines, ref i, indent);
    }

    private static Dictionary<string, object?> ParseMapping(List<Line> lines, ref int i, int indent)
    {
        var map = new Dictionary<string, object?>(StringComparer.Ordinal);
        while (i < lines.Count && lines[i].Indent == indent && !IsListItem(lines[i]))
        {
            var line = lines[i];
            var (key, rest) = SplitKey(line);
            if (map.ContainsKey(key))
            {
                throw Error(line, $"duplicate key '{key}'");
            }
            i++;
            if (rest.Length == 0)
            {
                if (i < lines.Count && (lines[i].Indent > indent || (lines[i].Indent == indent && IsListItem(lines[i]))))
                {
                    map[key] = ParseNode(lines, ref i, lines[i].Indent);
                }
                else
                {
                    map[key] = null;
                }
            }
            else
            {
                map[key] = ParseInlineValue(line, rest);
                if (i < lines.Count && lines[i].Indent > indent)
                {
                    throw Error(lines[i], "unexpected indentation (multi-line scalars are not supported)");
                }
            }
        }
        if (i < lines.Count && lines[i].Indent > indent)
        {
            throw Error(lines[i], "unexpected indentation");
        }
        return map;
    }

    private static List<object?> ParseList(List<Line> lines, ref int i, int indent)
    {
        var list = new List<object?>();
        while (i < lines.Count && lines[i].Indent == indent && IsListItem(lines[i]))
        {
            var line = lines[i];
            var rest = line.Text.Length > 1 ? line.Text[1..].TrimStart(' ') : "";
            if (rest.Length == 0)
            {
                i++;
                list.Add(i < lines.Count && lines[i].Indent > indent ? ParseNode(lines, ref i, lines[i].Indent) : null);
            }
            else if (IsListItem(new Line(0, 0, rest)) || LooksLikeMappingEntry(rest))
            {
                // "- key: value" starts a mapping (or "- - x" a nested list) whose column is the item's text.
                var column = indent + (line.Text.Length - rest.Length);
                lines[i] = new Line(line.Number, column, rest);
                list.Add(ParseNode(lines, ref i, column));
            }
            else
            {
                i++;
                list.Add(ParseInlineValue(line, rest));
                if (i < lines.Count && lines[i].Indent > indent)
                {
                    throw Error(lines[i], "unexpected indentation");
                }
            }
        }
        return list;
    }

    private static bool LooksLikeMappingEntry(string text)
    {
        if (text.StartsWith('"') || text.StartsWith('\''))
        {
            var end = FindClosingQuote(text);
            return end > 0 && end + 1 < text.Length && text[end + 1] == ':' && (end + 2 == text.Length || text[end + 2] == ' ');
        }
        if (text.StartsWith('['))
        {
            return false;
        }
        return FindKeyColon(text) > 0;
    }

    private static int FindKeyColon(string text)
    {
        for (var c = 0; c < text.Length; c++)
        {
            if (text[c] == ':' && (c + 1 == text.Length || text[c + 1] == ' '))
            {
                return c;
            }
        }
        return -1;
    }

    private static int FindClosingQuote(string text)
    {
        var q = text[0];
        for (var c = 1; c < text.Length; c++)
        {
            if (q == '\'' && text[c] == '\'')
            {
                if (c + 1 < text.Length && text[c + 1] == '\'')
                {
                    c++;
                    continue;
                }
                return c;
            }
            if (q == '"' && text[c] == '\\')
            {
                c++;
                continue;
            }
            if (q == '"' && text[c] == '"')
            {
                return c;
            }
        }
        return -1;
    }

    private static (string Key, string Value) SplitKey(Line line)
    {
        var text = line.Text;
        if (text.StartsWith('"') || text.StartsWith('\''))
        {
            var end = FindClosingQuote(text);
            if (end < 0 || end + 1 >= text.Length || text[end + 1] != ':')
            {
                throw Error(line, "expected 'key: value'");
            }
            return (ParseScalar(line, text[..(end + 1)])!, text[(end + 2)..].Trim());
        }
        var colon = FindKeyColon(text);
        if (colon <= 0)
        {
            throw Error(line, "expected 'key: value'");
        }
        return (text[..colon].Trim(), text[(colon + 1)..].Trim());
    }

    private static object? ParseInlineValue(Line line, string text)
    {
        if (text.StartsWith('['))
        {
            if (!text.EndsWith(']'))
            {
                throw Error(line, "unterminated flow list");
            }
            var inner = text[1..^1].Trim();
            var items = new List<object?>();
            if (inner.Length == 0)
            {
                return items;
            }
            foreach (var part in SplitFlow(line, inner))
            {
                items.Add(ParseScalar(line, part.Trim()));
            }
            return items;
        }
        if (text.StartsWith('{'))
        {
            if (text == "{}")
            {
                return new Dictionary<string, object?>(StringComparer.Ordinal);
            }
            throw Error(line, "flow mappings are not supported");
        }
        if (text.StartsWith('|') || text.StartsWith('>'))
        {
            throw Error(line, "block scalars are not supported");
        }
        if (text.StartsWith('&') || text.StartsWith('*') || text.StartsWith('!'))
        {
            throw Error(line, "anchors, aliases and tags are not supported");
        }
        return ParseScalar(line, text);
    }

    private static IEnumerable<string> SplitFlow(Line line, string inner)
    {
        var start = 0;
        for (var c = 0; c < inner.Length; c++)
        {
            if (inner[c] == '"' || inner[c] == '\'')
            {
                var end = FindClosingQuote(inner[c..]);
                if (end < 0)
                {
                    throw Error(line, "unterminated quoted string");
                }
                c += end;
            }
            else if (inner[c] == ',')
            {
                yield return inner[start..c];
                start = c + 1;
            }
            else if (inner[c] == '[' || inner[c] == '{')
            {
                throw Error(line, "nested flow collections are not supported");
            }
        }
        yield return inner[start..];
    }

    private static string? ParseScalar(Line line, string text)
    {
        if (text.Length == 0 || text == "~" || text == "null" || text == "Null" || text == "NULL")
        {
            return null;
        }
        if (text[0] == '\'' || text[0] == '"')
        {
            var end = FindClosingQuote(text);
            if (end != text.Length - 1)
            {
                throw Error(line, "unterminated or malformed quoted string");
            }
            var body = text[1..end];
            return text[0] == '\'' ? body.Replace("''", "'") : Unescape(line, body);
        }
        return text;
    }

    private static string Unescape(Line line, string body)
    {
        var sb = new StringBuilder(body.Length);
        for (var c = 0; c < body.Length; c++)
        {
            if (body[c] != '\\')
            {
                sb.Append(body[c]);
                continue;
            }
            if (++c >= body.Length)
            {
                throw Error(line, "bad escape");
            }
            switch (body[c])
            {
                case 'n': sb.Append('\n'); break;
                case 't': sb.Append('\t'); break;
                case 'r': sb.Append('\r'); break;
                case '0': sb.Append('\0'); break;
                case '"': sb.Append('"'); break;
                case '\\': sb.Append('\\'); break;
                case '/': sb.Append('/'); break;
                case ' ': sb.Append(' '); break;
                case 'u' when c + 4 < body.Length:
                    sb.Append((char)int.Parse(body.AsSpan(c + 1, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                    c += 4;
                    break;
                default: throw Error(line, $"unsupported escape '\\{body[c]}'");
            }
        }
        return sb.ToString();
    }

    // Never includes the line's text: it may hold a password.
    private static FormatException Error(Line line, string what) => new($"YAML line {line.Number}: {what}");
}
