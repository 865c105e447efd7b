using System.CommandLine;
using System.CommandLine.Help;
using System.Net.Sockets;
using OpenStack.Cli.Monasca;
using OpenStack.Cli.Watcher;

namespace OpenStack.Cli;

/// <summary>
/// The entry point of the <c>watcher</c> and <c>monasca</c> tools, runnable in-process: everything the commands read
/// (arguments, environment) and write (stdout, stderr) is passed in.
/// </summary>
internal static partial class CliApp
{
    [System.Text.RegularExpressions.GeneratedRegex(@" in [^\n]*?:line \d+")]
    private static partial System.Text.RegularExpressions.Regex SourcePath();

    /// <summary>The tools this executable provides.</summary>
    public static readonly IReadOnlyList<string> Tools = ["watcher", "monasca"];

    /// <summary>
    /// Runs one command line. The tool is <paramref name="args"/>[0] when it names one (<c>watcher</c>, <c>monasca</c>),
    /// else <paramref name="executableName"/> when it names one (a <c>watcher</c> or <c>monasca</c> symlink or wrapper).
    /// </summary>
    /// <returns>0 on success, 1 when a command failed (API, authentication, connection errors), 2 for a usage error.</returns>
    public static async Task<int> RunAsync(
        string[] args,
        TextWriter stdout,
        TextWriter stderr,
        IReadOnlyDictionary<string, string?> environment,
        string? executableName = null,
        int? terminalWidth = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        string tool;
        var invokedAsTool = false;
        if (args.Length > 0 && Tools.Contains(args[0]))
        {
            tool = args[0];
            args = args[1..];
        }
        else if (executableName is not null && Tools.Contains(executableName))
        {
            tool = executableName;
            invokedAsTool = true;
        }
        else
        {
            var text = "usage: openstack-dotnet {watcher|monasca} <command> [options]\n"
                + "  watcher   the OpenStack Watcher (infra-optim) CLI, like python-watcherclient's `watcher`\n"
                + "  monasca   the OpenStack Monasca (monitoring) CLI, like python-monascaclient's `monasca`\n"
                + "Run `openstack-dotnet watcher --help` or `openstack-dotnet monasca --help` for the commands.\n";
            if (args is ["--version"])
            {
                await stdout.WriteLineAsync(Version).ConfigureAwait(false);
                return 0;
            }
            var help = args.Length > 0 && args[0] is "-h" or "--help" or "help";
            (help ? stdout : stderr).Write(text);
            return help ? 0 : 2;
        }
        var context = new CliContext(tool, stdout, stderr, environment) { TerminalWidth = terminalWidth, StdoutIsTerminal = terminalWidth is not null };
        // --version anywhere among the options, as argparse's global --version (watcher --debug --version).
        var end = Array.IndexOf(args, "--");
        if (Array.IndexOf(args, "--version") is var at && at >= 0 && (end < 0 || at < end))
        {
            await new PrintVersion(context).WriteAsync().ConfigureAwait(false);
            return 0;
        }
        // The tool is a subcommand of the root, so that usage lines read `openstack-dotnet watcher audit create ...`.
        // Started as `watcher` or `monasca` (a tool package's command or a symlink), the tool is the root instead.
        var command = tool == "watcher" ? WatcherCli.Build(context) : MonascaCli.Build(context);
        // The tools' own version (System.CommandLine's would print the entry assembly's, a test host's in-process).
        command.Options.Add(new VersionOption { Action = new PrintVersion(context) });
        AddHelpAndComplete(command, tool, context);
        // cliff's `help [command...]` is `[command...] --help`.
        if (args.Length == 0 || args is ["help"])
        {
            args = ["--help"];
        }
        else if (args[0] == "help")
        {
            args = [.. args[1..], "--help"];
        }
        if (invokedAsTool)
        {
            command.Options.Add(new HelpOption());
            CliffHelp.Install(command, context);
            return await InvokeAsync(command, args, context, cancellationToken).ConfigureAwait(false);
        }
        var root = new RootCommand("The OpenStack Watcher and Monasca command-line tools.");
        root.Subcommands.Add(command);
        CliffHelp.Install(root, context);
        return await InvokeAsync(root, [tool, .. args], context, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The version of the tools (informational: the package version and the commit).</summary>
    public static string Version { get; } =
        typeof(CliApp).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
            .OfType<System.Reflection.AssemblyInformationalVersionAttribute>().FirstOrDefault()?.InformationalVersion ?? "0.0.0";

    private static void AddHelpAndComplete(Command tool, string name, CliContext context)
    {
        var topic = new Argument<string[]>("command") { Description = "The command to describe.", Arity = ArgumentArity.ZeroOrMore };
        var help = new Command("help", "Print help for a command (help [command ...]).") { topic };
        help.SetAction(_ => 0);
        var commandName = new Option<string?>("--name") { Description = "Command name to support with command completion (default: the tool's)." };
        var shell = new Option<string>("--shell") { Description = "Shell being used: bash (default) or none for data only.", DefaultValueFactory = _ => "bash" };
        shell.AcceptOnlyFromAmong("bash", "none");
        var complete = new Command("complete", "Print the bash completion script (source <(watcher complete)).") { commandName, shell };
        complete.SetAction(r =>
        {
            var script = Usage.CompletionScript(tool, r.GetValue(commandName) ?? name);
            if (r.GetValue(shell) == "none")
            {
                // Data only: the command lines, without the bash function around them.
                script = string.Concat(script.Split('\n').Where(l => l.StartsWith("  cmds", StringComparison.Ordinal)).Select(l => l.Trim() + "\n"));
            }
            context.Stdout.Write(script);
            return 0;
        });
        tool.Subcommands.Add(complete);
        tool.Subcommands.Add(help);
    }

    private static async Task<int> InvokeAsync(Command root, string[] args, CliContext context, CancellationToken cancellationToken)
    {
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0 && parse.Action is not CliffHelp)
        {
            await context.Stderr.WriteLineAsync(Usage.Describe(parse, context.Tool)).ConfigureAwait(false);
            return 2;
        }
        var config = new InvocationConfiguration
        {
            Output = context.Stdout,
            Error = context.Stderr,
            EnableDefaultExceptionHandler = false,
        };
        try
        {
            return await parse.InvokeAsync(config, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            return await ReportAsync(ex, context, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Writes an error as the Python CLIs do (one message, no stack trace unless --debug) and picks the exit code.</summary>
    internal static async Task<int> ReportAsync(Exception ex, CliContext context, CancellationToken cancellationToken)
    {
        if (ex is OperationCanceledException && cancellationToken.IsCancellationRequested)
        {
            await context.Stderr.WriteLineAsync("Interrupted.").ConfigureAwait(false);
            return 130;
        }
        if (ex is OpenStackConnectionException { InnerException: HttpRequestException transport })
        {
            ex = transport; // described as before: the service, where, why
        }
        var exitCode = ex is CliException cli ? cli.ExitCode : 1;
        var message = ErrorMessages.Describe(ex);
        if (ex is HttpRequestException && context.FailedEndpoint is { } failed)
        {
            // Which service, where, why, and what to check.
            message = $"{failed.Service} at {failed.Root} did not answer ({failed.Reason}). Check the endpoint "
                + (context.Tool == "watcher" ? "(--os-endpoint-override, or the catalog's infra-optim endpoint)" : "(--monasca-api-url, or the catalog's monitoring endpoint)")
                + " and that the service is running.";
        }
        if (context.Debug)
        {
            // The trace without the build machine's source paths (" in /path/File.cs:line 12").
            message += Environment.NewLine + SourcePath().Replace(ex.ToString(), "");
        }
        await context.Stderr.WriteLineAsync(context.Redact(message)).ConfigureAwait(false);
        return exitCode;
    }
}

/// <summary>Prints <see cref="CliApp.Version"/> for <c>--version</c>.</summary>
internal sealed class PrintVersion(CliContext context) : System.CommandLine.Invocation.SynchronousCommandLineAction
{
    /// <inheritdoc />
    public override int Invoke(ParseResult parseResult)
    {
        WriteAsync().GetAwaiter().GetResult();
        return 0;
    }

    /// <summary>
    /// The version on stdout (what a script reads); on stderr, which program this is and where it runs from, so that an
    /// operator sees when a shell still runs the Python tool of the same name (it prints its own version and no such line).
    /// </summary>
    public async Task WriteAsync()
    {
        await context.Stdout.WriteLineAsync(CliApp.Version).ConfigureAwait(false);
        await context.Stderr.WriteLineAsync($"({context.Tool} of OpenStack.Cli, .NET {Environment.Version}, running {Environment.ProcessPath}; "
            + $"`type -a {context.Tool}` lists every {context.Tool} on PATH, the first one runs)").ConfigureAwait(false);
    }
}

/// <summary>
/// Turns exceptions into the one-line messages the CLI prints, in the Python tools' words, composed here from the
/// exceptions' properties (never from the library's <see cref="Exception.Message"/> of an API or Keystone error): an API
/// error is <c>&lt;server message&gt; (HTTP 404)</c> as python-watcherclient and python-monascaclient print it, a Keystone
/// error keystoneauth's <c>&lt;Keystone's message&gt; (HTTP 401) (Request-ID: req-…)</c>.
/// </summary>
internal static class ErrorMessages
{
    /// <summary>A message for <paramref name="ex"/> that names what failed and never includes a secret.</summary>
    public static string Describe(Exception ex)
    {
        switch (ex)
        {
            case OpenStackApiException api:
                return Api(api);
            case KeystoneAuthenticationException keystone:
                return Keystone(keystone);
            case CliException:
            case EndpointNotFoundException:
                return ex.Message;
            case TimeoutException:
                return ex.Message;
            case TaskCanceledException when ex.InnerException is TimeoutException:
                return "The request timed out.";
            case HttpRequestException http:
                return "Unable to establish a connection: " + Connection(http);
            case FileNotFoundException file:
                return $"[Errno 2] No such file or directory: '{file.FileName}'";
            case DirectoryNotFoundException dir:
                return $"[Errno 2] No such file or directory ({dir.Message})";
            case ArgumentException arg:
                return arg.ParamName is not null ? arg.Message.Replace($" (Parameter '{arg.ParamName}')", "", StringComparison.Ordinal) : arg.Message;
            case OpenStackException other:
                // Any other failure of the library (a connection cut mid-body, a failed operation): its message is in words.
                return other.Message;
            default:
                return $"{ex.GetType().Name}: {ex.Message}";
        }
    }

    /// <summary><c>&lt;what the server said&gt; (HTTP NNN)</c>, as python-watcherclient's and python-monascaclient's errors read.</summary>
    public static string Api(OpenStackApiException api)
    {
        if (api.StatusCode < 400 && api.InnerException is null)
        {
            // The client's own refusal of a 2xx answer (a grouped read that does not fit in one answer): its words.
            return api.Message;
        }
        if (api.StatusCode < 400)
        {
            // Not the server's error but an answer the client could not take (malformed, too large): no server message.
            return $"The answer (HTTP {api.StatusCode}) could not be read: {(api.InnerException ?? api).Message}";
        }
        var said = FirstText(api.ServerMessage, api.Title, api.Details)
            ?? (Enum.IsDefined((System.Net.HttpStatusCode)api.StatusCode) ? Spaced(((System.Net.HttpStatusCode)api.StatusCode).ToString()) : "Error");
        return $"{said} (HTTP {api.StatusCode})";
    }

    /// <summary>keystoneauth's form: Keystone's message, <c>(HTTP NNN)</c> and <c>(Request-ID: …)</c>; the cause when Keystone did not answer.</summary>
    public static string Keystone(KeystoneAuthenticationException keystone)
    {
        if (keystone.StatusCode is not { } status)
        {
            var cause = keystone.InnerException switch
            {
                HttpRequestException http => Connection(http),
                TaskCanceledException or TimeoutException => "the request timed out",
                { } other => other.Message,
                null => "no answer",
            };
            return $"Unable to establish connection to {keystone.AuthUrl}: {cause}";
        }
        var said = FirstText(keystone.KeystoneMessage) ?? (Enum.IsDefined(status) ? Spaced(status.ToString()) : "Error");
        var text = $"{said} (HTTP {(int)status})";
        if (keystone.RequestId is { Length: > 0 } id)
        {
            text += $" (Request-ID: {id})";
        }
        return text;
    }

    private static string Connection(HttpRequestException http)
    {
        var inner = http.InnerException is SocketException socket ? socket.Message : http.InnerException?.Message;
        return inner is null || http.Message.Contains(inner, StringComparison.Ordinal) ? http.Message : $"{http.Message} ({inner})";
    }

    private static string? FirstText(params string?[] texts) =>
        texts.Select(t => t?.Trim()).FirstOrDefault(t => !string.IsNullOrEmpty(t));

    // NotFound -> Not Found (the reason phrase of a status without a body).
    private static string Spaced(string name) =>
        string.Concat(name.Select((c, i) => i > 0 && char.IsUpper(c) ? " " + c : c.ToString()));
}
