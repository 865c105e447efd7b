using OpenStack.Monasca;

namespace OpenStack.Cli.Monasca;

/// <summary>The <c>monasca</c> tool: python-monascaclient's commands, arguments, global options and output.</summary>
internal static partial class MonascaCli
{
    private static readonly string[] Severities = ["LOW", "MEDIUM", "HIGH", "CRITICAL"];
    private static readonly string[] States = ["OK", "ALARM", "UNDETERMINED"];
    private static readonly string[] Statistics = ["AVG", "MIN", "MAX", "COUNT", "SUM"];

    /// <summary>Builds the <c>monasca</c> root command for one run.</summary>
    public static Command Build(CliContext context)
    {
        var globals = new GlobalOptions(watcherAliases: false);
        var apiUrl = globals.Add("cli_monasca_api_url", "--monasca-api-url", ["--monasca_api_url"], ["MONASCA_API_URL"],
            "Monasca API endpoint (skips the catalog's `monitoring` endpoint).");
        var apiVersion = globals.Add("cli_monasca_api_version", "--monasca-api-version", ["--monasca_api_version"], ["MONASCA_API_VERSION"],
            "Monasca API version (default 2_0).");
        // Monasca sends UTC times ending in Z: show them that way (the formatter is shared with watcher).
        context.DateStyle = DateStyle.UtcZ;
        var root = new Command("monasca", "Command-line interface to the OpenStack Monasca (monitoring) API, like python-monascaclient.");
        globals.AddTo(root);
        var app = new MonascaApp(context, globals, apiUrl, apiVersion);
        foreach (var command in MetricCommands(app).Concat(NotificationCommands(app)).Concat(AlarmDefinitionCommands(app)).Concat(AlarmCommands(app)))
        {
            root.Subcommands.Add(command);
        }
        return root;
    }

    private static Option<string[]> Dimensions(string description = "Key-value pairs key=value (a bare key matches any value), comma separated; repeatable.") =>
        new("--dimensions") { Description = description };

    // Positional arguments from (name, description) pairs, in order, by name.
    private static OrderedDictionary<string, Argument<string>> Positionals(params (string Name, string Description)[] arguments) =>
        new(arguments.Select(a => KeyValuePair.Create(a.Name, new Argument<string>(a.Name) { Description = a.Description })), StringComparer.Ordinal);

    private static (Option<int?> Offset, Option<int?> Limit) Paging() => (Offset(), Limit());

    private static Option<int?> Offset() => new("--offset") { Description = "The offset used to paginate the return data." };

    private static Option<int?> Limit() => new("--limit") { Description = "The amount of data to be returned up to the API maximum limit; 0 for every page." };

    private static Option<string?> TenantId() => new("--tenant-id") { Description = "Retrieve data for the specified tenant/project id instead of the token's (needs the delegate role)." };

    private static Command ShowCommand<T>(MonascaApp app, string name, string description, string argument, string argumentDescription,
        Func<MonascaClient, string, CancellationToken, Task<T>> get, IReadOnlyDictionary<string, Func<JToken, string>> formatters) where T : notnull
    {
        var id = new Argument<string>(argument) { Description = argumentDescription };
        var (cmd, json) = MonascaApp.Command(name, description, id);
        cmd.SetAction((r, ct) => app.RunAsync(r, async (c, ct2) =>
        {
            var item = await app.Raw(get(c, r.GetValue(id)!, ct2)).ConfigureAwait(false);
            app.WriteOne(r, json, item, formatters);
        }, ct));
        return cmd;
    }

    // python-monascaclient's formatters of each show command: these fields as JSON, links one line per link.
    private static Dictionary<string, Func<JToken, string>> ShowFormatters(params string[] jsonFields)
    {
        var formatters = jsonFields.ToDictionary(f => f, _ => (Func<JToken, string>)MonascaApp.JsonField, StringComparer.Ordinal);
        formatters["links"] = MonascaApp.DictList;
        return formatters;
    }

    private static Command DeleteCommand(MonascaApp app, string name, string description, string argument, string argumentDescription,
        Func<MonascaClient, string, CancellationToken, Task> delete, string message)
    {
        var id = new Argument<string>(argument) { Description = argumentDescription };
        var (cmd, _) = MonascaApp.Command(name, description, id);
        cmd.SetAction((r, ct) => app.RunAsync(r, async (c, ct2) =>
        {
            await delete(c, r.GetValue(id)!, ct2).ConfigureAwait(false);
            await app.Context.Stdout.WriteLineAsync(message).ConfigureAwait(false);
        }, ct));
        return cmd;
    }

    private static async Task<IReadOnlyList<T>> Collect<T>(IAsyncEnumerable<T> items, CancellationToken cancellationToken)
    {
        var result = new List<T>();
        await foreach (var item in items.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            result.Add(item);
        }
        return result;
    }

    /// <summary>
    /// Collects a list page by page: each series whole as its page sent it (enumerating the items would hand a long
    /// series on in parts, one table row each).
    /// </summary>
    private static async Task<IReadOnlyList<T>> CollectPages<T>(Pageable<T> items, CancellationToken cancellationToken)
    {
        var result = new List<T>();
        await foreach (var page in items.AsPages().WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            result.AddRange(page.Values);
        }
        return result;
    }

    private static string? Str(int? value) => value?.ToString(CultureInfo.InvariantCulture);

    // python-monascaclient's _arg_split_patch_update: "" or "[]" is an empty list, else the text split on ','.
    private static List<string> UpdateList(string? text) =>
        string.IsNullOrEmpty(text) || text == "[]" ? [] : [.. text.Split(',')];

    private static List<string>? NullIfEmpty(string[]? values) => values is { Length: > 0 } ? [.. values] : null;

    // Checked before any request (python-monascaclient prints a message without calling the API).
    private static string? CheckSeverity(string? severity) => CheckEach(severity, Severities, "severity");

    private static string? CheckState(string? state) => CheckEach(state, States, "state");

    private static string? CheckEach(string? value, string[] allowed, string what)
    {
        if (value is null)
        {
            return null;
        }
        foreach (var part in value.Split('|'))
        {
            if (!allowed.Contains(part.Trim(), StringComparer.OrdinalIgnoreCase))
            {
                // python-monascaclient's words.
                throw new CliException($"Invalid {what}, not one of [{string.Join(", ", allowed)}]");
            }
        }
        return value;
    }
}
