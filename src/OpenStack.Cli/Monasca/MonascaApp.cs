using OpenStack.Monasca;

namespace OpenStack.Cli.Monasca;

/// <summary>Shared plumbing of the <c>monasca</c> commands: connecting, running, output and argument parsing.</summary>
internal sealed class MonascaApp(CliContext context, GlobalOptions globals, EnvOption apiUrl, EnvOption apiVersion)
{
    private Answers? _tap;

    public CliContext Context { get; } = context;

    /// <summary>Connects, runs <paramref name="body"/>, and turns failures into a message and exit code 1.</summary>
    public async Task<int> RunAsync(ParseResult parse, Func<MonascaClient, CancellationToken, Task> body, CancellationToken cancellationToken)
    {
        try
        {
            globals.Apply(parse, Context);
            var options = Connection.Resolve(parse, globals, Context, apiUrl.Resolve(parse, Context));
            var version = apiVersion.Resolve(parse, Context) ?? "2_0";
            // The library's client over an HttpClient with the CLI's tap: output carries the server's answers as sent.
            var tap = new HttpTap(Context, "Monasca");
            _tap = tap.Answers;
            using var http = OpenStackHttpClient.Create(options, MonascaClient.Service, tap);
            using var client = MonascaClientFactory.Create(version, http);
            await body(client, cancellationToken).ConfigureAwait(false);
            Context.WriteTiming();
            return 0;
        }
        catch (Exception ex)
        {
            return await CliApp.ReportAsync(ex, Context, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Sets the action of a create, update or patch command: runs <paramref name="call"/> and prints its answer as JSON.</summary>
    public Command PrintsJson<T>(Command command, Func<ParseResult, MonascaClient, CancellationToken, Task<T>> call) where T : notnull
    {
        command.SetAction((r, ct) => RunAsync(r, async (c, ct2) => WriteJson(await Raw(call(r, c, ct2)).ConfigureAwait(false)), ct));
        return command;
    }

    /// <summary>Creates a command with <c>-j/--json</c> and <paramref name="symbols"/> (arguments in order, options).</summary>
    public static (Command Command, Option<bool> Json) Command(string name, string description, params IEnumerable<Symbol> symbols)
    {
        var json = new Option<bool>("--json", "-j") { Description = "Output raw JSON." };
        var command = new Command(name, description) { json };
        foreach (var symbol in symbols)
        {
            switch (symbol)
            {
                case Argument argument:
                    command.Arguments.Add(argument);
                    break;
                case Option option:
                    command.Options.Add(option);
                    break;
            }
        }
        return (command, json);
    }

    /// <summary>
    /// Writes a list: with <c>-j</c> the server's elements as they came, else a prettytable table whose rows
    /// <paramref name="tableRow"/> may reshape (nothing but the header when empty).
    /// </summary>
    public void WriteList(ParseResult parse, Option<bool> json, IReadOnlyList<Column> columns, IReadOnlyList<JObject> items, Func<JObject, JObject>? tableRow = null)
    {
        if (parse.GetValue(json))
        {
            WriteJson(new JArray(items));
            return;
        }
        Context.Stdout.Write(TableWriter.Render(columns.Select(c => c.Label).ToList(),
            items.Select(tableRow ?? (i => i)).Select(i => Formatter.WithDates(i, Context.DateStyle))
                .Select(i => (IReadOnlyList<string>)columns.Select(c => c.Text(i)).ToList()).ToList()));
    }

    /// <summary>Writes one item: raw JSON with <c>-j</c>, else a Property/Value table.</summary>
    /// <param name="parse">The command line.</param>
    /// <param name="json">The <c>-j</c> option.</param>
    /// <param name="item">The server's answer.</param>
    /// <param name="formatters">
    /// python-monascaclient's formatter of each field (<c>utils.print_dict</c>); the others show Python's <c>str()</c>.
    /// The rows are sorted by property name, as <c>print_dict</c> sorts them.
    /// </param>
    public void WriteOne(ParseResult parse, Option<bool> json, JObject item, IReadOnlyDictionary<string, Func<JToken, string>> formatters)
    {
        if (parse.GetValue(json))
        {
            WriteJson(item);
            return;
        }
        var rows = item.Properties().OrderBy(p => p.Name, StringComparer.Ordinal)
            .Select(p => (IReadOnlyList<string>)[p.Name, formatters.TryGetValue(p.Name, out var format) ? format(p.Value) : Formatter.ToText(p.Value)]).ToList();
        Context.Stdout.Write(TableWriter.Render(["Property", "Value"], rows));
    }

    /// <summary>python-monascaclient's <c>utils.json_formatter</c>: <c>json.dumps(value, indent=2, ensure_ascii=False)</c>.</summary>
    public static string JsonField(JToken value) => Python.JsonDumps(value, 2, asciiOnly: false);

    /// <summary>python-monascaclient's <c>utils.format_dictlist</c>: one <c>k:v,k2:v2</c> line (keys sorted) per dict.</summary>
    public static string DictList(JToken value) => value is JArray list
        ? string.Join("\n", list.OfType<JObject>().Select(d => string.Join(",", d.Properties().OrderBy(p => p.Name, StringComparer.Ordinal).Select(p => p.Name + ":" + Formatter.ToText(p.Value)))))
        : Formatter.ToText(value);

    /// <summary>python-monascaclient's <c>utils.format_expression_data</c>.</summary>
    public static string ExpressionData(JToken value) => value is JObject data
        ? string.Join("\n", data.Properties().Select(p => p.Name == "dimensions"
            ? "dimensions: {\n" + (p.Value is JObject d ? string.Join("\n", d.Properties().Select(x => x.Name + ": " + Formatter.ToText(x.Value))) : "") + "\n}"
            : p.Name + ": " + Formatter.ToText(p.Value)))
        : Formatter.ToText(value);

    /// <summary>Writes JSON indented by two spaces (<c>-j</c>, and the create/update/patch output), times in the tool's style.</summary>
    public void WriteJson(JToken value) => Formatter.WriteJson(Context.Stdout, Context.DateStyle, value);

    private static string Show(JToken value) => value is JObject or JArray { Count: > 0 } && value.Any(t => t is JObject)
        ? value.ToString(Newtonsoft.Json.Formatting.Indented)
        : Formatter.ToText(value);


    /// <summary>
    /// CLI dimensions (<c>k=v,k2=v2</c>, repeatable; a bare <c>k</c> means any value) in the API's query syntax
    /// (<c>k:v,k2</c>); null when none was given.
    /// </summary>
    public static string? DimensionQuery(string[]? values, bool allowBareKey = true)
    {
        if (values is null || values.Length == 0)
        {
            return null;
        }
        var parts = new List<string>();
        foreach (var value in values)
        {
            foreach (var pair in SplitPairs(value))
            {
                var i = pair.IndexOf('=', StringComparison.Ordinal);
                if (i < 0)
                {
                    if (!allowBareKey)
                    {
                        throw new CliException($"Invalid dimension '{pair}': expected key=value.");
                    }
                    parts.Add(pair.Trim());
                }
                else
                {
                    parts.Add(pair[..i].Trim() + ":" + pair[(i + 1)..].Trim());
                }
            }
        }
        return string.Join(",", parts);
    }

    /// <summary>CLI <c>k=v,k2=v2</c> pairs (repeatable) as a dictionary; a repeated key keeps its last value.</summary>
    public static Dictionary<string, string>? Pairs(string[]? values, string option)
    {
        if (values is null || values.Length == 0)
        {
            return null;
        }
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var value in values)
        {
            foreach (var pair in SplitPairs(value))
            {
                var (k, v) = KeyValues.Split(pair, option);
                result[k] = v.Trim();
            }
        }
        return result;
    }

    // python-monascaclient splits on ';' when the text has one, else on ','.
    private static string[] SplitPairs(string text) =>
        text.Split(text.Contains(';', StringComparison.Ordinal) ? ';' : ',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>A UTC time given as ISO 8601 or as <c>-N</c> minutes before now (truncated to the second, as python-monascaclient).</summary>
    public static DateTimeOffset Time(string text, string what, TimeProvider? time = null)
    {
        if (text.StartsWith('-') && int.TryParse(text.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var minutes))
        {
            var now = (time ?? TimeProvider.System).GetUtcNow().AddMinutes(-minutes);
            return new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, now.Second, TimeSpan.Zero);
        }
        if (MonascaTime.TryParse(text, out var parsed))
        {
            return parsed;
        }
        throw new CliException($"Invalid {what} '{text}': expected an ISO 8601 UTC time (2024-01-02T03:04:05Z) or -<minutes>.");
    }

    /// <summary>An optional time (see <see cref="Time"/>).</summary>
    public static DateTimeOffset? OptionalTime(string? text, string what) => text is null ? null : Time(text, what);

    /// <summary>A comma-separated list (null when empty).</summary>
    public static List<string>? Csv(string? text) =>
        string.IsNullOrWhiteSpace(text) ? null : text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();

    /// <summary>Checks <c>--limit</c>: null or positive gives one page; 0 walks every page.</summary>
    public static bool WalkAll(int? limit) => limit switch
    {
        null => false,
        0 => true,
        < 0 => throw new CliException("Expected non-negative --limit."),
        _ => false,
    };

    /// <summary>The answer of a typed call as the server sent it (the typed result, as JSON, when the answer was no object).</summary>
    public async Task<JObject> Raw<T>(Task<T> call) where T : notnull
    {
        var typed = await call.ConfigureAwait(false);
        return _tap?.LastJson() as JObject ?? Formatter.ToJson(typed);
    }

    /// <summary>The last answer's <c>elements</c> as sent, when they are <paramref name="count"/> (else null).</summary>
    public IReadOnlyList<JObject>? RawElements(int count) =>
        (_tap?.LastJson() as JObject)?["elements"] is JArray raw && raw.Count == count ? raw.OfType<JObject>().ToList() : null;

    /// <summary>
    /// Collects an all-pages stream as the server's elements: each page's items are taken from its answer as sent when
    /// they match it one for one (else from the typed items).
    /// </summary>
    public async Task<IReadOnlyList<JObject>> All<T>(IAsyncEnumerable<T> items, CancellationToken cancellationToken) where T : notnull
    {
        var pages = new List<(string? Body, List<T> Items)>();
        await foreach (var item in items.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            var body = _tap?.LastBody;
            if (pages.Count == 0 || !ReferenceEquals(pages[^1].Body, body))
            {
                pages.Add((body, []));
            }
            pages[^1].Items.Add(item);
        }
        var result = new List<JObject>();
        foreach (var (body, typed) in pages)
        {
            var raw = body is null ? null : (Formatter.Parse(body) as JObject)?["elements"] as JArray;
            result.AddRange(raw is not null && raw.Count == typed.Count ? raw.OfType<JObject>() : typed.Select(i => Formatter.ToJson(i)));
        }
        return result;
    }

    /// <summary>One page's elements as the server sent them.</summary>
    public IReadOnlyList<JObject> Elements<T>(ICollection<T>? items) where T : notnull =>
        RawElements(items?.Count ?? 0) ?? (items ?? []).Select(i => Formatter.ToJson(i)).ToList();
}
