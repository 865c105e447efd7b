using System.Globalization;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace OpenStack.Cli.Output;

/// <summary>A displayed column: its label (as the Python CLI prints it) and how to get its value from an item.</summary>
/// <param name="Label">The header, for example <c>UUID</c> or <c>Goal</c>.</param>
/// <param name="Field">The API field it shows, for example <c>uuid</c> or <c>goal_name</c>.</param>
/// <param name="Format">Renders the value for table and value output; null uses <see cref="Formatter.ToText"/>.</param>
internal sealed record Column(string Label, string Field, Func<JToken?, string>? Format = null)
{
    /// <summary>The raw value of this column in <paramref name="item"/>.</summary>
    public JToken? Get(JObject item) => item.TryGetValue(Field, out var value) ? value : null;

    /// <summary>The text shown for this column in <paramref name="item"/>.</summary>
    public string Text(JObject item) => (Format ?? Formatter.ToText)(Get(item));
}

/// <summary>How a tool shows timestamps: the way its server sends them.</summary>
internal enum DateStyle
{
    /// <summary>With the offset, <c>2024-01-02T03:04:05+00:00</c> (Watcher's form); dates are left as the formatter renders them.</summary>
    Offset,

    /// <summary>UTC ending in <c>Z</c>, <c>2024-01-02T03:04:05.123Z</c> (Monasca's form, <see cref="OpenStack.Monasca.MonascaTime.Format"/>).</summary>
    UtcZ,
}

/// <summary>Output formats of cliff's Lister and ShowOne commands.</summary>
internal enum OutputFormat
{
    Table,
    Json,
    Value,
    Yaml,
    Csv,
}

/// <summary>Writes lists and single items as table, JSON, value, YAML or CSV, like cliff's formatters.</summary>
internal static class Formatter
{
    private static readonly JsonSerializer Serializer = JsonSerializer.Create(new JsonSerializerSettings
    {
        DateParseHandling = DateParseHandling.None,
        Converters = { new Newtonsoft.Json.Converters.StringEnumConverter() },
    });

    /// <summary>A model (generated DTO) as JSON, with the API's field names.</summary>
    public static JObject ToJson(object model) => model as JObject ?? JObject.FromObject(model, Serializer);

    /// <summary>Any value as a JSON token.</summary>
    public static JToken ToToken(object? value) => value is null ? JValue.CreateNull() : value as JToken ?? JToken.FromObject(value, Serializer);

    /// <summary>How a value is shown in a table or value output: strings as is, lists joined by <c>, </c>, objects as JSON.</summary>
    public static string ToText(JToken? value) => value switch
    {
        null => "",
        { Type: JTokenType.Null or JTokenType.Undefined } => "",
        JValue { Type: JTokenType.Date } v => FormatDate(v.Value),
        JValue { Type: JTokenType.Boolean } v => (bool)v! ? "True" : "False",
        JValue { Type: JTokenType.Float } v => ((double)v!).ToString("R", CultureInfo.InvariantCulture),
        JValue v => Convert.ToString(v.Value, CultureInfo.InvariantCulture) ?? "",
        JArray a when a.All(t => t is JValue) => string.Join(", ", a.Select(ToText)),
        _ => value.ToString(Formatting.None),
    };

    private static string FormatDate(object? value) => value switch
    {
        DateTimeOffset d => d.ToString(d.Millisecond == 0 && d.Microsecond == 0 ? "yyyy-MM-ddTHH:mm:sszzz" : "yyyy-MM-ddTHH:mm:ss.ffffffzzz", CultureInfo.InvariantCulture),
        DateTime d => d.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };

    /// <summary>
    /// <paramref name="value"/> with its dates rendered in <paramref name="style"/>: unchanged for <see cref="DateStyle.Offset"/>,
    /// else a copy whose date values are strings (so table, value, JSON, YAML and CSV output all show the same text).
    /// </summary>
    public static T WithDates<T>(T value, DateStyle style) where T : JToken
    {
        if (style == DateStyle.Offset || !SelfAndDescendants(value).Any(t => t.Type == JTokenType.Date))
        {
            return value;
        }
        var copy = (T)value.DeepClone();
        if (copy is JValue single)
        {
            return (T)(JToken)new JValue(StyleDate(single.Value, style));
        }
        foreach (var date in SelfAndDescendants(copy).OfType<JValue>().Where(t => t.Type == JTokenType.Date).ToList())
        {
            date.Replace(new JValue(StyleDate(date.Value, style)));
        }
        return copy;
    }

    private static IEnumerable<JToken> SelfAndDescendants(JToken token) => token is JContainer container ? container.DescendantsAndSelf() : [token];

    private static string StyleDate(object? value, DateStyle style) => (style, value) switch
    {
        (DateStyle.UtcZ, DateTimeOffset d) => OpenStack.Monasca.MonascaTime.Format(d),
        // A DateTime without a kind is taken as UTC, as Monasca does for a time without an offset.
        (DateStyle.UtcZ, DateTime d) => OpenStack.Monasca.MonascaTime.Format(new DateTimeOffset(DateTime.SpecifyKind(d, d.Kind == DateTimeKind.Local ? DateTimeKind.Local : DateTimeKind.Utc))),
        _ => FormatDate(value),
    };

    /// <summary>
    /// Picks the columns named by <c>-c</c> (by label or field name, case-insensitive), all when none is named; like cliff,
    /// they keep the command's order, whatever the order given.
    /// </summary>
    public static IReadOnlyList<Column> Select(IReadOnlyList<Column> columns, IReadOnlyList<string>? wanted)
    {
        if (wanted is null || wanted.Count == 0)
        {
            return columns;
        }
        var result = new List<Column>();
        foreach (var name in wanted)
        {
            var column = columns.FirstOrDefault(c => string.Equals(c.Label, name, StringComparison.OrdinalIgnoreCase))
                ?? columns.FirstOrDefault(c => string.Equals(c.Field, name, StringComparison.OrdinalIgnoreCase))
                ?? throw new CliException(
                    $"No column '{name}'. Columns: {string.Join(", ", columns.Select(c => c.Label))}.", 2);
            result.Add(column);
        }
        return [.. columns.Where(result.Contains)];
    }

    /// <summary>Writes a list of items (cliff Lister).</summary>
    public static void WriteList(TextWriter output, OutputFormat format, DateStyle dateStyle, IReadOnlyList<Column> columns, IEnumerable<JObject> items)
    {
        var list = items.Select(item => WithDates(item, dateStyle)).ToList();
        switch (format)
        {
            case OutputFormat.Json:
                var array = new JArray(list.Select(item => new JObject(columns.Select(c => new JProperty(c.Label, Raw(c, item))))));
                output.Write(array.ToString(Formatting.Indented) + "\n");
                break;
            case OutputFormat.Value:
                foreach (var item in list)
                {
                    output.Write(string.Join(" ", columns.Select(c => c.Text(item))) + "\n");
                }
                break;
            case OutputFormat.Csv:
                output.Write(string.Join(",", columns.Select(c => Csv(c.Label))) + "\n");
                foreach (var item in list)
                {
                    output.Write(string.Join(",", columns.Select(c => Csv(c.Text(item)))) + "\n");
                }
                break;
            case OutputFormat.Yaml:
                foreach (var item in list)
                {
                    var first = true;
                    foreach (var c in columns)
                    {
                        output.Write((first ? "- " : "  ") + c.Label + ": " + Yaml(Raw(c, item)) + "\n");
                        first = false;
                    }
                }
                if (list.Count == 0)
                {
                    output.Write("[]\n");
                }
                break;
            default:
                if (list.Count == 0)
                {
                    // cliff prints nothing for an empty list unless --print-empty.
                    break;
                }
                output.Write(TableWriter.Render(columns.Select(c => c.Label).ToList(),
                    list.Select(item => (IReadOnlyList<string>)columns.Select(c => c.Text(item)).ToList()).ToList()));
                break;
        }
    }

    /// <summary>Writes one item (cliff ShowOne): a Field/Value table, a JSON object, or values one per line.</summary>
    public static void WriteOne(TextWriter output, OutputFormat format, DateStyle dateStyle, IReadOnlyList<Column> columns, JObject item)
    {
        item = WithDates(item, dateStyle);
        switch (format)
        {
            case OutputFormat.Json:
                output.Write(new JObject(columns.Select(c => new JProperty(c.Label, Raw(c, item)))).ToString(Formatting.Indented) + "\n");
                break;
            case OutputFormat.Value:
                foreach (var c in columns)
                {
                    output.Write(c.Text(item) + "\n");
                }
                break;
            case OutputFormat.Yaml:
                foreach (var c in columns)
                {
                    output.Write(c.Label + ": " + Yaml(Raw(c, item)) + "\n");
                }
                break;
            case OutputFormat.Csv:
                output.Write(string.Join(",", columns.Select(c => Csv(c.Label))) + "\n");
                output.Write(string.Join(",", columns.Select(c => Csv(c.Text(item)))) + "\n");
                break;
            default:
                output.Write(TableWriter.Render(["Field", "Value"],
                    columns.Select(c => (IReadOnlyList<string>)[c.Label, c.Text(item)]).ToList()));
                break;
        }
    }

    /// <summary>Writes JSON indented by two spaces (python-monascaclient's <c>-j</c> and create/update output).</summary>
    public static void WriteJson(TextWriter output, DateStyle dateStyle, JToken value) =>
        output.Write(WithDates(value, dateStyle).ToString(Formatting.Indented) + "\n");

    // JSON output keeps raw values, except columns with a display formatter whose raw value is missing or null.
    private static JToken Raw(Column c, JObject item)
    {
        var raw = c.Get(item);
        if ((raw is null || raw.Type == JTokenType.Null) && c.Format is not null)
        {
            var text = c.Format(raw);
            return text.Length == 0 ? JValue.CreateNull() : new JValue(text);
        }
        return raw?.DeepClone() ?? JValue.CreateNull();
    }

    private static string Csv(string text) => "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static string Yaml(JToken value) => value.Type switch
    {
        JTokenType.Null => "null",
        JTokenType.String => JsonConvert.ToString((string?)value),
        _ => value.ToString(Formatting.None),
    };
}
