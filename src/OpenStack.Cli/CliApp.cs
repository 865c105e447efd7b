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
internal static class CliApp
{
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
            return await InvokeAsync(command, args, context, cancellationToken).ConfigureAwait(false);
        }
        var root = new RootCommand("The OpenStack Watcher and Monasca command-line tools.");
        root.Subcommands.Add(command);
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
        if (parse.Errors.Count > 0 && parse.Action is not HelpAction)
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
            message += Environment.NewLine + ex;
        }
        await context.Stderr.WriteLineAsync(context.Redact($"ERROR: {message}")).ConfigureAwait(false);
        return exitCode;
    }
}

/// <summary>Prints <see cref="CliApp.Version"/> for <c>--version</c>.</summary>
internal sealed class PrintVersion(CliContext context) : System.CommandLine.Invocation.SynchronousCommandLineAction
{
    /// <inheritdoc />
    public override int Invoke(ParseResult parseResult)
    {
        context.Stdout.WriteLine(CliApp.Version);
        return 0;
    }
}

/// <summary>Turns exceptions into the one-line messages the CLI prints.</summary>
internal static class ErrorMessages
{
    /// <summary>A message for <paramref name="ex"/> that names what failed and never includes a secret.</summary>
    public static string Describe(Exception ex)
    {
        switch (ex)
        {
            case CliException:
            case OpenStackApiException:
            case KeystoneAuthenticationException:
            case EndpointNotFoundException:
                return ex.Message;
            case TaskCanceledException when ex.InnerException is TimeoutException:
                return "The request timed out.";
            case HttpRequestException http:
                var inner = http.InnerException is SocketException socket ? socket.Message : http.InnerException?.Message;
                return inner is null || http.Message.Contains(inner, StringComparison.Ordinal)
                    ? $"Unable to establish a connection: {http.Message}"
                    : $"Unable to establish a connection: {http.Message} ({inner})";
            case ArgumentException arg:
                return arg.ParamName is not null ? arg.Message.Replace($" (Parameter '{arg.ParamName}')", "", StringComparison.Ordinal) : arg.Message;
            default:
                return $"{ex.GetType().Name}: {ex.Message}";
        }
    }
}
