using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace OpenStack.Cli.Output;

/// <summary>
/// How the Python tools print a JSON value: <c>str()</c> for table, value and shell output (<c>None</c>, <c>True</c>,
/// <c>[]</c>, <c>{'a': 1}</c>), <c>json.dumps</c> for JSON and PyYAML's <c>safe_dump</c> for YAML, so that the same
/// server answer prints the same text.
/// </summary>
internal static partial class Python
{
    /// <summary>Python's <c>str(value)</c> of the value json.loads would give.</summary>
    public static string Str(JToken? value) => value switch
    {
        null => "None",
        JValue { Type: JTokenType.String } s => (string)s!,
        JValue { Type: JTokenType.Date or JTokenType.Guid or JTokenType.Uri or JTokenType.TimeSpan } v => Convert.ToString(v.Value, CultureInfo.InvariantCulture) ?? "",
        _ => Repr(value),
    };

    /// <summary>Python's <c>repr(value)</c>: strings quoted, containers as Python literals.</summary>
    public static string Repr(JToken? value) => value switch
    {
        null => "None",
        { Type: JTokenType.Null or JTokenType.Undefined } => "None",
        JValue { Type: JTokenType.Boolean } b => (bool)b! ? "True" : "False",
        JValue { Type: JTokenType.Integer } i => Convert.ToString(i.Value, CultureInfo.InvariantCulture)!,
        JValue { Type: JTokenType.Float } f => Float(f),
        JValue { Type: JTokenType.String } s => QuoteRepr((string)s!),
        JValue v => QuoteRepr(Convert.ToString(v.Value, CultureInfo.InvariantCulture) ?? ""),
        JArray a => "[" + string.Join(", ", a.Select(Repr)) + "]",
        JObject o => "{" + string.Join(", ", o.Properties().Select(p => QuoteRepr(p.Name) + ": " + Repr(p.Value))) + "}",
        _ => value.ToString(Formatting.None),
    };

    /// <summary>Python's <c>repr(float)</c>: the shortest text that reads back, with <c>.0</c> on whole numbers.</summary>
    public static string Float(JValue value)
    {
        var d = Convert.ToDouble(value.Value, CultureInfo.InvariantCulture);
        if (double.IsNaN(d))
        {
            return "nan";
        }
        if (double.IsInfinity(d))
        {
            return d > 0 ? "inf" : "-inf";
        }
        var abs = Math.Abs(d);
        if (abs != 0 && (abs >= 1e16 || abs < 1e-4))
        {
            // Python: 1e+16, 1.5e-05.
            var text = d.ToString("R", CultureInfo.InvariantCulture).Replace("E", "e", StringComparison.Ordinal);
            var e = text.IndexOf('e', StringComparison.Ordinal);
            var mantissa = text[..e];
            var exponent = int.Parse(text[(e + 1)..], CultureInfo.InvariantCulture);
            return mantissa + "e" + (exponent < 0 ? "-" : "+") + Math.Abs(exponent).ToString("00", CultureInfo.InvariantCulture);
        }
        var plain = d.ToString("R", CultureInfo.InvariantCulture);
        if (plain.Contains('E', StringComparison.Ordinal))
        {
            plain = d.ToString("0.#################", CultureInfo.InvariantCulture);
        }
        return plain.Contains('.', StringComparison.Ordinal) ? plain : plain + ".0";
    }

    /// <summary>Python's <c>repr</c> of a list of strings: <c>['UUID', 'Name']</c>.</summary>
    public static string ReprList(IEnumerable<string> items) => "[" + string.Join(", ", items.Select(QuoteRepr)) + "]";

    private static string QuoteRepr(string s)
    {
        var quote = s.Contains('\'', StringComparison.Ordinal) && !s.Contains('"', StringComparison.Ordinal) ? '"' : '\'';
        var sb = new StringBuilder().Append(quote);
        foreach (var c in s)
        {
            switch (c)
            {
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                default:
                    if (c == quote)
                    {
                        sb.Append('\\').Append(c);
                    }
                    else if (c < ' ' || c == 0x7f)
                    {
                        sb.Append("\\x").Append(((int)c).ToString("x2", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        sb.Append(c);
                    }
                    break;
            }
        }
        return sb.Append(quote).ToString();
    }

    /// <summary>Python's <c>json.dumps(value, indent=indent)</c> (ASCII only, <c>", "</c> and <c>": "</c> separators).</summary>
    public static string JsonDumps(JToken value, int? indent, bool asciiOnly = true)
    {
        var sb = new StringBuilder();
        WriteJson(sb, value, indent, 0, asciiOnly);
        return sb.ToString();
    }

    private static void WriteJson(StringBuilder sb, JToken value, int? indent, int level, bool asciiOnly)
    {
        string NewLine(int l) => indent is { } n ? "\n" + new string(' ', n * l) : "";
        var separator = indent is null ? ", " : ",";
        switch (value)
        {
            case JObject o when o.Count == 0:
                sb.Append("{}");
                break;
            case JObject o:
                sb.Append('{');
                var first = true;
                foreach (var p in o.Properties())
                {
                    sb.Append(first ? "" : separator).Append(NewLine(level + 1));
                    JsonString(sb, p.Name, asciiOnly);
                    sb.Append(": ");
                    WriteJson(sb, p.Value, indent, level + 1, asciiOnly);
                    first = false;
                }
                sb.Append(NewLine(level)).Append('}');
                break;
            case JArray a when a.Count == 0:
                sb.Append("[]");
                break;
            case JArray a:
                sb.Append('[');
                for (var i = 0; i < a.Count; i++)
                {
                    sb.Append(i == 0 ? "" : separator).Append(NewLine(level + 1));
                    WriteJson(sb, a[i], indent, level + 1, asciiOnly);
                }
                sb.Append(NewLine(level)).Append(']');
                break;
            case JValue { Type: JTokenType.Null or JTokenType.Undefined }:
                sb.Append("null");
                break;
            case JValue { Type: JTokenType.Boolean } b:
                sb.Append((bool)b! ? "true" : "false");
                break;
            case JValue { Type: JTokenType.Integer } i:
                sb.Append(Convert.ToString(i.Value, CultureInfo.InvariantCulture));
                break;
            case JValue { Type: JTokenType.Float } f:
                var text = Float(f);
                sb.Append(text switch { "nan" => "NaN", "inf" => "Infinity", "-inf" => "-Infinity", _ => text });
                break;
            case JValue v:
                JsonString(sb, v.Type == JTokenType.String ? (string)v! : Convert.ToString(v.Value, CultureInfo.InvariantCulture) ?? "", asciiOnly);
                break;
        }
    }

    private static void JsonString(StringBuilder sb, string s, bool asciiOnly = true)
    {
        sb.Append('"');
        foreach (var c in s)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                default:
                    if (c < ' ' || (asciiOnly && c > '~'))
                    {
                        sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        sb.Append(c);
                    }
                    break;
            }
        }
        sb.Append('"');
    }

    /// <summary>PyYAML's <c>safe_dump(value, default_flow_style=False)</c>: block style, sorted keys, lines folded at 80.</summary>
    public static string YamlDump(JToken value)
    {
        var sb = new StringBuilder();
        switch (value)
        {
            case JObject { Count: > 0 } or JArray { Count: > 0 }:
                WriteYamlBlock(sb, value, 0);
                break;
            default:
                // A lone scalar is a document of its own: PyYAML ends it with "...".
                sb.Append(YamlScalar(value, 0, 0)).Append('\n');
                if (value is not (JObject or JArray))
                {
                    sb.Append("...\n");
                }
                break;
        }
        return sb.ToString();
    }

    private static void WriteYamlBlock(StringBuilder sb, JToken value, int indent)
    {
        var pad = new string(' ', indent);
        if (value is JObject o)
        {
            foreach (var p in o.Properties().OrderBy(p => p.Name, StringComparer.Ordinal))
            {
                var key = YamlScalar(new JValue(p.Name), indent, indent);
                WriteYamlEntry(sb, pad + key + ":", p.Value, indent, mapping: true);
            }
        }
        else if (value is JArray a)
        {
            foreach (var item in a)
            {
                if (item is JObject { Count: > 0 } inner)
                {
                    // "- " then the mapping, its first key on the dash's line.
                    var nested = new StringBuilder();
                    WriteYamlBlock(nested, inner, indent + 2);
                    sb.Append(pad).Append("- ").Append(nested.ToString()[(indent + 2)..]);
                }
                else
                {
                    WriteYamlEntry(sb, pad + "-", item, indent, mapping: false);
                }
            }
        }
    }

    private static void WriteYamlEntry(StringBuilder sb, string head, JToken value, int indent, bool mapping)
    {
        switch (value)
        {
            case JObject { Count: > 0 }:
                sb.Append(head).Append('\n');
                WriteYamlBlock(sb, value, indent + 2);
                break;
            case JArray { Count: > 0 }:
                sb.Append(head).Append('\n');
                // PyYAML writes a sequence inside a mapping at the mapping's own indentation.
                WriteYamlBlock(sb, value, mapping ? indent : indent + 2);
                break;
            default:
                sb.Append(head).Append(' ').Append(YamlScalar(value, indent + 2, head.Length + 1)).Append('\n');
                break;
        }
    }

    private static string YamlScalar(JToken value, int indent, int column) => value switch
    {
        JObject => "{}",
        JArray => "[]",
        { Type: JTokenType.Null or JTokenType.Undefined } => "null",
        JValue { Type: JTokenType.Boolean } b => (bool)b! ? "true" : "false",
        JValue { Type: JTokenType.Integer } i => Convert.ToString(i.Value, CultureInfo.InvariantCulture)!,
        JValue { Type: JTokenType.Float } f => Float(f) switch { "nan" => ".nan", "inf" => ".inf", "-inf" => "-.inf", var t when t.Contains('e', StringComparison.Ordinal) && !t.Contains('.', StringComparison.Ordinal) => t.Replace("e", ".0e", StringComparison.Ordinal), var t => t },
        JValue v => YamlString(v.Type == JTokenType.String ? (string)v! : Convert.ToString(v.Value, CultureInfo.InvariantCulture) ?? "", indent, column),
        _ => value.ToString(Formatting.None),
    };

    private static string YamlString(string s, int indent, int column)
    {
        var special = s.Any(c => (c < ' ' && c != '\n') || c > '~');
        var spaceBreak = s.Contains(" \n", StringComparison.Ordinal);
        var breakSpace = s.Contains("\n ", StringComparison.Ordinal);
        if (special || spaceBreak || breakSpace)
        {
            return DoubleQuoted(s, indent, column);
        }
        var plain = s.Length > 0
            && !PlainUnsafe().IsMatch(s)
            && !ResolvesToOtherType().IsMatch(s)
            && !s.Contains('\n', StringComparison.Ordinal);
        if (plain)
        {
            return Fold(s, indent, column);
        }
        if (s.Contains('\n', StringComparison.Ordinal))
        {
            // Single-quoted: a line break is written as an empty line.
            var pad = new string(' ', indent);
            return "'" + string.Join("\n\n" + pad, s.Replace("'", "''", StringComparison.Ordinal).Split('\n')) + "'";
        }
        return "'" + Fold(s.Replace("'", "''", StringComparison.Ordinal), indent, column + 1) + "'";
    }

    // PyYAML's Emitter.write_double_quoted: escapes, and a line folded with a trailing backslash past 80 columns.
    private static string DoubleQuoted(string text, int indent, int column)
    {
        var sb = new StringBuilder("\"");
        column++;
        var start = 0;
        for (var end = 0; end <= text.Length; end++)
        {
            char? ch = end < text.Length ? text[end] : null;
            if (ch is null || ch is '"' or '\\' or '\u0085' or '\u2028' or '\u2029' or '\uFEFF' || ch < ' ' || ch > '~')
            {
                if (start < end)
                {
                    sb.Append(text, start, end - start);
                    column += end - start;
                    start = end;
                }
                if (ch is { } c)
                {
                    var data = c switch
                    {
                        '\0' => "\\0", '\a' => "\\a", '\b' => "\\b", '\t' => "\\t", '\n' => "\\n", '\v' => "\\v", '\f' => "\\f",
                        '\r' => "\\r", '\u001b' => "\\e", '"' => "\\\"", '\\' => "\\\\", '\u0085' => "\\N", '\u00a0' => "\\_",
                        '\u2028' => "\\L", '\u2029' => "\\P",
                        _ when c <= '\u00ff' => "\\x" + ((int)c).ToString("X2", CultureInfo.InvariantCulture),
                        _ => "\\u" + ((int)c).ToString("X4", CultureInfo.InvariantCulture),
                    };
                    sb.Append(data);
                    column += data.Length;
                    start = end + 1;
                }
            }
            if (end > 0 && end < text.Length - 1 && (ch == ' ' || start >= end) && column + (end - start) > 80)
            {
                var data = (start < end ? text[start..end] : "") + "\\";
                if (start < end)
                {
                    start = end;
                }
                sb.Append(data).Append('\n').Append(' ', indent);
                column = indent;
                if (start < text.Length && text[start] == ' ')
                {
                    sb.Append('\\');
                    column++;
                }
            }
        }
        return sb.Append('"').ToString();
    }

    // PyYAML breaks a long scalar at a single space once the line has passed 80 columns.
    private static string Fold(string s, int indent, int column)
    {
        var sb = new StringBuilder();
        var col = column;
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (c == ' ' && col > 80 && i > 0 && i + 1 < s.Length && s[i + 1] != ' ' && s[i - 1] != ' ')
            {
                sb.Append('\n').Append(' ', indent);
                col = indent;
                continue;
            }
            sb.Append(c);
            col++;
        }
        return sb.ToString();
    }

    [GeneratedRegex(@"^[\-?:,\[\]{}#&*!|>'""%@`]|^[ ]|[ ]$|: |:$| #")]
    private static partial Regex PlainUnsafe();

    // YAML 1.1 as PyYAML's resolver reads it: booleans, null, numbers, timestamps, merge and value keys.
    [GeneratedRegex(@"^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|~|null|Null|NULL|<<|=|"
        + @"[-+]?(?:0b[01_]+|0[0-7_]+|(?:0|[1-9][0-9_]*)|0x[0-9a-fA-F_]+|[1-9][0-9_]*(?::[0-5]?[0-9])+)|"
        + @"[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9_]+(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)|"
        + @"[0-9]{4}-[0-9]{2}-[0-9]{2}|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?)$")]
    private static partial Regex ResolvesToOtherType();
}
