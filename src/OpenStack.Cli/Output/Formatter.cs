using System.Globalization;
using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace OpenStack.Cli.Output;

/// <summary>A displayed column: its label (as the Python CLI prints it) and how to get its value from an item.</summary>
/// <param name="Label">The header, for example <c>UUID</c> or <c>Goal</c>.</param>
/// <param name="Field">The API field it shows, for example <c>uuid</c> or <c>goal_name</c>.</param>
/// <param name="Format">Renders the value for table and value output; null uses Python's <c>str()</c>.</param>
/// <param name="MissingIsNone">
/// A field the item lacks is Python's <c>None</c> (<c>dict.get</c>), not the empty string (<c>getattr(item, field, '')</c>).
/// </param>
internal sealed record Column(string Label, string Field, Func<JToken?, string>? Format = null, bool MissingIsNone = false)
{
    /// <summary>
    /// Changes the value for every format (python-watcherclient replaces some fields before any formatter sees them,
    /// for example a strategy's parameters spec by its properties as JSON text).
    /// </summary>
    public Func<JToken?, JToken?>? Transform { get; init; }

    /// <summary>The value of this column in <paramref name="item"/> (after <see cref="Transform"/>), null when the item has no such field.</summary>
    public JToken? Get(JObject item) => item.TryGetValue(Field, out var value) ? (Transform is null ? value : Transform(value) ?? JValue.CreateNull()) : null;

    /// <summary>
    /// The text shown for this column in <paramref name="item"/> (a missing field: see <see cref="MissingIsNone"/>);
    /// <see cref="Format"/> applies to tables only, as the Python tools format only when the formatter is <c>table</c>.
    /// </summary>
    public string Text(JObject item, bool table = true) =>
        Get(item) is { } value ? (table && Format is not null ? Format(value) : Formatter.ToText(value)) : MissingIsNone ? "None" : "";

    /// <summary>The value JSON, YAML and CSV output carry: the server's value as sent.</summary>
    public JToken Raw(JObject item) => Get(item)?.DeepClone() ?? (MissingIsNone ? JValue.CreateNull() : new JValue(""));
}

/// <summary>How a tool shows timestamps: the way its server sends them.</summary>
internal enum DateStyle
{
    /// <summary>As the server sent them (Watcher's <c>+00:00</c>, Monasca's <c>Z</c>): the raw text is shown.</summary>
    Offset,

    /// <summary>UTC ending in <c>Z</c>, <c>2024-01-02T03:04:05.123Z</c> (Monasca's form, <see cref="OpenStack.Monasca.MonascaTime.Format"/>), for typed values.</summary>
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
    Shell,
}

/// <summary>cliff's formatter options of one run (<c>-f</c>, <c>-c</c>, and each formatter's own).</summary>
internal sealed record OutputSettings
{
    public OutputFormat Format { get; init; }
    public IReadOnlyList<string> Columns { get; init; } = [];
    public bool NoIndent { get; init; }
    public int MaxWidth { get; init; }
    public bool FitWidth { get; init; }
    public bool PrintEmpty { get; init; }
    public IReadOnlyList<string> SortColumns { get; init; } = [];
    public bool SortDescending { get; init; }
    public string Quote { get; init; } = "nonnumeric";
    public string Prefix { get; init; } = "";
    public IReadOnlyList<string> Variables { get; init; } = [];

    /// <summary>The width of the terminal stdout is, for <c>--fit-width</c> (null when it is not one).</summary>
    public int? TerminalWidth { get; init; }
}

/// <summary>Writes lists and single items as table, JSON, value, YAML, CSV or shell, like cliff's formatters.</summary>
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

    /// <summary>Reads a server's JSON as sent: times stay strings, integers integers, floats floats.</summary>
    public static JToken Parse(string json)
    {
        using var reader = new JsonTextReader(new StringReader(json)) { DateParseHandling = DateParseHandling.None, FloatParseHandling = FloatParseHandling.Double };
        return JToken.ReadFrom(reader);
    }

    /// <summary>How a value is shown in a table or value output: Python's <c>str()</c> (<c>None</c>, <c>True</c>, <c>['a']</c>, <c>{}</c>).</summary>
    public static string ToText(JToken? value) => value is JValue { Type: JTokenType.Date } date ? FormatDate(date.Value) : Python.Str(value ?? JValue.CreateNull());

    private static string FormatDate(object? value) => value switch
    {
        DateTimeOffset d => d.ToString(d.Millisecond == 0 && d.Microsecond == 0 ? "yyyy-MM-ddTHH:mm:sszzz" : "yyyy-MM-ddTHH:mm:ss.ffffffzzz", CultureInfo.InvariantCulture),
        DateTime d => d.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };

    /// <summary>
    /// <paramref name="value"/> with its typed dates rendered in <paramref name="style"/> (a copy; raw server JSON has none).
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
        // cliff ignores names it does not know, unless it knows none of them.
        var result = wanted.Select(name => columns.FirstOrDefault(c => string.Equals(c.Label, name, StringComparison.OrdinalIgnoreCase))
                ?? columns.FirstOrDefault(c => string.Equals(c.Field, name, StringComparison.OrdinalIgnoreCase)))
            .OfType<Column>().ToList();
        if (result.Count == 0)
        {
            throw new CliException(
                $"No recognized column names in {Python.ReprList(wanted)}. Recognized columns are {Python.ReprList(columns.Select(c => c.Label))}.");
        }
        return [.. columns.Where(result.Contains)];
    }

    /// <summary>Writes a list of items (cliff Lister).</summary>
    public static void WriteList(TextWriter output, OutputSettings settings, DateStyle dateStyle, IReadOnlyList<Column> columns, IEnumerable<JObject> items)
    {
        var list = Sort(items.Select(item => WithDates(item, dateStyle)).ToList(), columns, settings);
        switch (settings.Format)
        {
            case OutputFormat.Json:
                var array = new JArray(list.Select(item => new JObject(columns.Select(c => new JProperty(c.Label, c.Raw(item))))));
                output.Write(Python.JsonDumps(array, settings.NoIndent ? null : 2) + "\n");
                break;
            case OutputFormat.Value:
                foreach (var item in list)
                {
                    output.Write(string.Join(" ", columns.Select(c => c.Text(item, table: false))) + "\n");
                }
                break;
            case OutputFormat.Csv:
                output.Write(string.Join(",", columns.Select(c => Csv(new JValue(c.Label), settings.Quote))) + "\n");
                foreach (var item in list)
                {
                    output.Write(string.Join(",", columns.Select(c => Csv(c.Raw(item), settings.Quote))) + "\n");
                }
                break;
            case OutputFormat.Yaml:
                output.Write(Python.YamlDump(new JArray(list.Select(item => new JObject(columns.Select(c => new JProperty(c.Label, c.Raw(item))))))));
                break;
            default:
                if (list.Count == 0 && !settings.PrintEmpty)
                {
                    // cliff prints nothing for an empty list unless --print-empty.
                    break;
                }
                var alignRight = columns.Select(c => list.Count > 0 && c.Get(list[0]) is JValue { Type: JTokenType.Integer or JTokenType.Float }).ToList();
                output.Write(TableWriter.Render(columns.Select(c => c.Label).ToList(),
                    list.Select(item => (IReadOnlyList<string>)columns.Select(c => c.Text(item)).ToList()).ToList(),
                    alignRight, Width(settings), minWidth: 8));
                break;
        }
    }

    /// <summary>Writes one item (cliff ShowOne): a Field/Value table, a JSON object, shell variables, or values one per line.</summary>
    public static void WriteOne(TextWriter output, OutputSettings settings, DateStyle dateStyle, IReadOnlyList<Column> columns, JObject item)
    {
        item = WithDates(item, dateStyle);
        switch (settings.Format)
        {
            case OutputFormat.Json:
                output.Write(Python.JsonDumps(new JObject(columns.Select(c => new JProperty(c.Label, c.Raw(item)))), settings.NoIndent ? null : 2) + "\n");
                break;
            case OutputFormat.Value:
                foreach (var c in columns)
                {
                    output.Write(c.Text(item, table: false) + "\n");
                }
                break;
            case OutputFormat.Yaml:
                // cliff dumps one mapping per field, in the command's order.
                foreach (var c in columns)
                {
                    output.Write(Python.YamlDump(new JObject(new JProperty(c.Label, c.Raw(item)))));
                }
                break;
            case OutputFormat.Shell:
                foreach (var c in columns)
                {
                    var name = c.Label.ToLowerInvariant().Replace(' ', '_');
                    if (settings.Variables.Count > 0 && !settings.Variables.Contains(name))
                    {
                        continue;
                    }
                    name = name.Replace(':', '_').Replace('-', '_');
                    output.Write($"{settings.Prefix}{name}=\"{c.Text(item, table: false).Replace("\"", "\\\"", StringComparison.Ordinal)}\"\n");
                }
                break;
            case OutputFormat.Csv:
                output.Write(string.Join(",", columns.Select(c => Csv(new JValue(c.Label), settings.Quote))) + "\n");
                output.Write(string.Join(",", columns.Select(c => Csv(c.Raw(item), settings.Quote))) + "\n");
                break;
            default:
                output.Write(TableWriter.Render(["Field", "Value"],
                    columns.Select(c => (IReadOnlyList<string>)[c.Label, c.Text(item)]).ToList(), [false, false], Width(settings), minWidth: 16));
                break;
        }
    }

    /// <summary>Writes JSON as Python's <c>json.dumps(value, indent=2)</c> (python-monascaclient's <c>-j</c> and create/update output).</summary>
    public static void WriteJson(TextWriter output, DateStyle dateStyle, JToken value) =>
        output.Write(Python.JsonDumps(WithDates(value, dateStyle), 2) + "\n");

    // cliff: --max-width N (or CLIFF_MAX_TERM_WIDTH) wins; else --fit-width (or CLIFF_FIT_WIDTH=1) fits the terminal.
    private static int Width(OutputSettings settings) =>
        settings.MaxWidth > 0 ? settings.MaxWidth : settings.FitWidth ? settings.TerminalWidth ?? 0 : 0;

    // cliff sorts by each --sort-column (labels; unknown ones are ignored), the first named first, nulls last; best effort.
    private static List<JObject> Sort(List<JObject> list, IReadOnlyList<Column> columns, OutputSettings settings)
    {
        var keys = settings.SortColumns.Select(name => columns.FirstOrDefault(c => c.Label == name)).OfType<Column>().ToList();
        if (keys.Count == 0)
        {
            return list;
        }
        foreach (var key in Enumerable.Reverse(keys))
        {
            var values = list.Select(key.Get).ToList();
            var kinds = values.Where(v => v is not null && v.Type != JTokenType.Null).Select(v => v!.Type is JTokenType.Integer or JTokenType.Float ? JTokenType.Float : v.Type).Distinct().ToList();
            if (kinds.Count > 1 || kinds.Any(k => k is JTokenType.Object or JTokenType.Array))
            {
                continue; // Python cannot order these either ("unsortable types").
            }
            var ordered = list.OrderBy(i => key.Get(i) is null or { Type: JTokenType.Null }).ThenBy(i => key.Get(i), Comparer<JToken?>.Create(CompareValues));
            list = settings.SortDescending
                ? [.. list.OrderByDescending(i => key.Get(i) is null or { Type: JTokenType.Null }).ThenByDescending(i => key.Get(i), Comparer<JToken?>.Create(CompareValues))]
                : [.. ordered];
        }
        return list;
    }

    private static int CompareValues(JToken? a, JToken? b) => (a, b) switch
    {
        (JValue { Type: JTokenType.Integer or JTokenType.Float } x, JValue { Type: JTokenType.Integer or JTokenType.Float } y) => ((double)x).CompareTo((double)y),
        (JValue { Type: JTokenType.Boolean } x, JValue { Type: JTokenType.Boolean } y) => ((bool)x).CompareTo((bool)y),
        (JValue x, JValue y) => string.CompareOrdinal(Convert.ToString(x.Value, CultureInfo.InvariantCulture), Convert.ToString(y.Value, CultureInfo.InvariantCulture)),
        _ => 0,
    };

    // Python's csv module: QUOTE_NONNUMERIC quotes all but numbers (and booleans, which are ints), MINIMAL only what
    // needs it, ALL everything, NONE nothing (escaping with a backslash); None is an empty field; lists and dicts are str().
    private static string Csv(JToken value, string quote)
    {
        var numeric = value is JValue { Type: JTokenType.Integer or JTokenType.Float or JTokenType.Boolean };
        var isNull = value.Type is JTokenType.Null or JTokenType.Undefined;
        var text = isNull ? "" : Python.Str(value);
        var needs = text.IndexOfAny([',', '"', '\r', '\n']) >= 0;
        return quote switch
        {
            "all" => Quoted(text),
            "minimal" => needs ? Quoted(text) : text,
            "none" => text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace(",", "\\,", StringComparison.Ordinal),
            _ => numeric ? text : Quoted(text),
        };
    }

    private static string Quoted(string text) => "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
