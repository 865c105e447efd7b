using OpenStack.Cli.Watcher;
using OpenStack.Testing;

namespace OpenStack.Cli.Tests;

/// <summary>Usage errors in words, "did you mean", exit codes as the Python tools give them, --version, help and complete.</summary>
public sealed class UsageTests
{
    [Theory]
    [InlineData("goal lst", "watcher: error: 'goal lst' is not a watcher command. Did you mean 'goal list'? See 'watcher --help'.")]
    [InlineData("gaol list", "watcher: error: 'gaol list' is not a watcher command. Did you mean 'goal list'? See 'watcher --help'.")]
    [InlineData("goal list --limit abc", "watcher goal list: error: argument --limit: invalid value 'abc': expected an integer. See 'watcher goal list --help'.")]
    [InlineData("goal list --limit", "watcher goal list: error: argument --limit: expected an integer after it. See 'watcher goal list --help'.")]
    [InlineData("goal list -f xml", "watcher goal list: error: argument --format: invalid value 'xml': expected one of csv, json, table, value, yaml. See 'watcher goal list --help'.")]
    [InlineData("audit create --start-time yesterday", "watcher audit create: error: argument --start-time: invalid value 'yesterday': expected a date and time (ISO 8601, for example 2024-01-02T03:04:05). See 'watcher audit create --help'.")]
    [InlineData("goal show", "watcher goal show: error: the following arguments are required: <goal>. See 'watcher goal show --help'.")]
    [InlineData("goal list extra", "watcher goal list: error: unrecognized arguments: extra. See 'watcher goal list --help'.")]
    [InlineData("goal", "watcher goal: error: a command is required: one of list, show. See 'watcher goal --help'.")]
    public async Task Usage_errors_are_one_line_in_words_and_exit_2(string commandLine, string expected)
    {
        var result = await CliRunner.RunAsync(["watcher", .. commandLine.Split(' ')]);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("", result.Stdout);
        Assert.Equal(expected + "\n", result.Stderr);
        Assert.DoesNotContain("System.", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Monasca_typo_suggests_the_command()
    {
        var result = await CliRunner.RunAsync("monasca", "metric-lst");

        Assert.Equal(new CliResult(2, "", "monasca: error: 'metric-lst' is not a monasca command. Did you mean 'metric-list'? See 'monasca --help'.\n"), result);
    }

    [Fact]
    public async Task A_runtime_error_and_a_check_made_by_the_command_exit_1_as_in_python()
    {
        await using var server = await FakeServer.StartAsync(_ => new FakeResponse(404,
            "{\"error_message\": \"{\\\"faultcode\\\": \\\"Client\\\", \\\"faultstring\\\": \\\"Goal nope could not be found\\\", \\\"debuginfo\\\": null}\"}"));

        var notFound = await CliRunner.WatcherAsync(server, "goal", "show", "nope");
        var negativeLimit = await CliRunner.WatcherAsync(server, "goal", "list", "--limit", "-1");

        Assert.Equal(1, notFound.ExitCode);
        Assert.Equal("Goal nope could not be found (HTTP 404)\n", notFound.Stderr);
        Assert.Equal(1, negativeLimit.ExitCode);
    }

    [Fact]
    public async Task Version_prints_the_version_and_exits_0()
    {
        var top = await CliRunner.RunAsync("--version");
        var watcher = await CliRunner.RunAsync("watcher", "--version");

        Assert.Equal(0, top.ExitCode);
        Assert.Matches(@"^\d+\.\d+\.\d+", top.Stdout);
        Assert.Equal(top.Stdout, watcher.Stdout);
        // Which program answered: a shell that still runs the Python tool shows no such line.
        Assert.Contains("watcher of OpenStack.Cli", watcher.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_with_a_command_prints_that_commands_help()
    {
        var help = await CliRunner.RunAsync("watcher", "help", "audit", "create");
        var direct = await CliRunner.RunAsync("watcher", "audit", "create", "--help");

        Assert.Equal(0, help.ExitCode);
        Assert.Contains("--audit-template", help.Stdout, StringComparison.Ordinal);
        Assert.Equal(direct, help);
    }

    [Fact]
    public async Task Complete_prints_a_bash_completion_script_that_bash_accepts()
    {
        var result = await CliRunner.RunAsync("watcher", "complete");

        Assert.Equal(0, result.ExitCode);
        // The groups are the resource table's (WatcherResources.All) beside datamodel, complete and help.
        var groups = WatcherResources.All.Select(r => r.Group).Concat(["complete", "datamodel", "help"]).Order(StringComparer.Ordinal);
        Assert.Contains($"  cmds='{string.Join(' ', groups)}'\n", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("  cmds_goal='list show'\n", result.Stdout, StringComparison.Ordinal);
        Assert.Matches(@"\n  cmds_goal_list='-h --help [^']*--detail", result.Stdout);
        Assert.EndsWith("complete -F _watcher watcher\n", result.Stdout, StringComparison.Ordinal);
        // bash reads it and completes `watcher goal l` to `list`.
        var script = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(script, result.Stdout + """
                _get_comp_words_by_ref() { cur="${COMP_WORDS[COMP_CWORD]}"; words=("${COMP_WORDS[@]}"); }
                COMP_WORDS=(watcher goal l); COMP_CWORD=2; _watcher; echo "${COMPREPLY[@]}"
                """);
            var bash = await ProcessRunner.RunAsync("bash", [script]);
            Assert.Equal(new CliResult(0, "list\n", ""), bash);
        }
        finally
        {
            File.Delete(script);
        }
    }
}
