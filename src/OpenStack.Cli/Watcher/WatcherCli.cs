using OpenStack.Watcher;

namespace OpenStack.Cli.Watcher;

/// <summary>The <c>watcher</c> tool: python-watcherclient's commands, arguments, global options and output formats.</summary>
internal static partial class WatcherCli
{
    /// <summary>Builds the <c>watcher</c> root command for one run.</summary>
    public static Command Build(CliContext context)
    {
        var globals = new GlobalOptions(watcherAliases: true);
        var apiVersion = globals.Add("cli_infra_optim_api_version", "--os-infra-optim-api-version", [], ["OS_INFRA_OPTIM_API_VERSION"],
            "Watcher API microversion: 1.N, or 1.latest (default) for the highest both sides support.");
        // Watcher sends times with their offset (+00:00): show them that way.
        context.DateStyle = DateStyle.Offset;
        var root = new Command("watcher", "Command-line interface to the OpenStack Watcher (infra-optim) API, like python-watcherclient.");
        globals.AddTo(root);
        var maxRetries = new Option<int>("--max-retries") { Description = "Retries on 503 and connection failures.", DefaultValueFactory = _ => 5, Recursive = true };
        var retryInterval = new Option<double>("--retry-interval") { Description = "Seconds between retries.", DefaultValueFactory = _ => 2, Recursive = true };
        root.Options.Add(maxRetries);
        root.Options.Add(retryInterval);
        var app = new WatcherApp(context, globals, apiVersion, maxRetries, retryInterval);
        foreach (var resource in WatcherResources.All)
        {
            root.Subcommands.Add(app.Group(resource));
        }
        root.Subcommands.Add(DataModelCommands(app));
        return root;
    }


    /// <summary><paramref name="value"/>, when it is a UUID; else an error naming <paramref name="what"/>.</summary>
    internal static string RequireUuid(string value, string what) =>
        Guid.TryParse(value, out _) ? value : throw new CliException($"Invalid UUID for the {what}: '{value}'.");

    // python-watcherclient reads the scope with yaml.safe_load: Core's YAML reader types scalars the same way (host
    // aggregate ids are integers, as Watcher's scope schema wants them), in block or flow style; JSON is YAML too.
    private static List<object> ReadScope(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"Cannot read the scope file '{path}': {ex.Message}");
        }
        JToken token;
        try
        {
            token = YamlReader.Parse(text) is { } value ? JToken.FromObject(value) : JValue.CreateNull();
        }
        catch (FormatException ex)
        {
            throw new CliException(
                $"The scope file '{path}' is not YAML or JSON ({ex.Message}); a scope looks like "
                + "[{\"compute\": [{\"host_aggregates\": [{\"id\": 1}]}]}] or, in block style, '- compute: ...'.");
        }
        return token is JArray array
            ? array.Select(t => (object)t).ToList()
            : throw new CliException($"The scope file '{path}' must hold a list (of mappings such as {{\"compute\": [...]}}), not a {token.Type.ToString().ToLowerInvariant()}.");
    }
}
