using Newtonsoft.Json.Linq;
using OpenStack.Testing;

namespace OpenStack.Cli.Tests;

/// <summary>
/// What an operator who knows the Python tools trips over: short per-command help, exit codes and error texts as the
/// Python tools give them, silent deletes, <c>--debug</c> tracing Keystone, <c>--wait</c> that shows life and keeps the
/// UUID on timeout, the Python global options and <c>--version</c> anywhere.
/// </summary>
public sealed class OperatorTests
{
    private const string Uuid = "736c9587-5f75-4808-af50-8950237e9a6f";
    private static readonly Dictionary<string, string?> Columns80 = new() { ["COLUMNS"] = "80" };

    [Theory]
    [InlineData("watcher actionplan start", 52, "--wait", "<action-plan>")] // Python: 40 lines
    [InlineData("monasca alarm-list", 68, "--metric-dimensions", "--severity")] // Python: 53 lines
    public async Task Per_command_help_is_the_commands_own_options_wrapped_to_80_columns(string command, int maxLines, string own, string alsoOwn)
    {
        var result = await CliRunner.RunAsync(Columns80, [.. command.Split(' '), "--help"]);

        Assert.Equal(0, result.ExitCode);
        var lines = result.Stdout.TrimEnd('\n').Split('\n');
        Assert.InRange(lines.Length, 10, maxLines);
        Assert.All(lines, l => Assert.True(l.Length <= 80, l));
        Assert.StartsWith($"usage: {command} [-h]", result.Stdout, StringComparison.Ordinal);
        Assert.Contains(own, result.Stdout, StringComparison.Ordinal);
        Assert.Contains(alsoOwn, result.Stdout, StringComparison.Ordinal);
        // The global options live in the tool's help, once.
        Assert.DoesNotContain("--os-auth-url", result.Stdout, StringComparison.Ordinal);
        Assert.Contains($"see '{command.Split(' ')[0]} --help'", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_tools_help_lists_the_global_options_once_and_the_commands_and_follows_COLUMNS()
    {
        var wide = await CliRunner.RunAsync(new Dictionary<string, string?> { ["COLUMNS"] = "120" }, "watcher", "help");
        var narrow = await CliRunner.RunAsync(Columns80, "watcher", "--help");

        Assert.Equal(0, narrow.ExitCode);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(narrow.Stdout, @"^  [^ \[].*--os-auth-url", System.Text.RegularExpressions.RegexOptions.Multiline));
        Assert.Contains("\nCommands:\n", narrow.Stdout, StringComparison.Ordinal);
        Assert.Contains("  actionplan start ", narrow.Stdout, StringComparison.Ordinal);
        Assert.All(narrow.Stdout.Split('\n'), l => Assert.True(l.Length <= 80, l));
        Assert.Contains(wide.Stdout.Split('\n'), l => l.Length > 80);
    }

    [Fact]
    public async Task Api_errors_read_as_in_python_with_the_status_in_parentheses()
    {
        await using var watcher = await FakeServer.StartAsync(_ => new FakeResponse(404,
            "{\"error_message\": \"{\\\"faultcode\\\": \\\"Client\\\", \\\"faultstring\\\": \\\"Goal nope could not be found\\\", \\\"debuginfo\\\": null}\"}")
        { Headers = { ["x-openstack-request-id"] = "req-1" } });
        await using var monasca = await FakeServer.StartAsync(_ => new FakeResponse(404, """{"title": "Not Found", "description": "No alarm with id nope"}"""));

        var goal = await CliRunner.WatcherAsync(watcher, "goal", "show", "nope");
        var alarm = await CliRunner.MonascaAsync(monasca, "alarm-show", "nope");

        Assert.Equal(new CliResult(1, "", "Goal nope could not be found (HTTP 404)\n"), goal);
        Assert.Equal(1, alarm.ExitCode);
        Assert.EndsWith(" (HTTP 404)\n", alarm.Stderr, StringComparison.Ordinal);
        Assert.Contains("nope", alarm.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Keystone_errors_carry_the_status_and_request_id_and_the_default_domain_fills_both_domains()
    {
        await using var keystone = await FakeServer.StartAsync(_ => new FakeResponse(401,
            """{"error": {"code": 401, "title": "Unauthorized", "message": "The request you have made requires authentication."}}""")
        { Headers = { ["x-openstack-request-id"] = "req-4349e583-2a19-4e04-99e5-283368e1b2de" } });

        var result = await CliRunner.RunAsync(new Dictionary<string, string?> { ["HOME"] = Path.GetTempPath() },
            "watcher", "--os-auth-url", keystone.BaseAddress + "v3", "--os-username", "u", "--os-password", "pw-123456",
            "--os-project-name", "p", "--os-default-domain", "dflt", "--max-retries", "0", "goal", "list");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("", result.Stdout);
        // keystoneauth's words, as python-monascaclient prints them.
        Assert.Equal("The request you have made requires authentication. (HTTP 401) (Request-ID: req-4349e583-2a19-4e04-99e5-283368e1b2de)\n", result.Stderr);
        var body = JObject.Parse(keystone.Requests.Single(r => r.Method == "POST").Body);
        Assert.Equal("dflt", (string?)body.SelectToken("auth.identity.password.user.domain.id"));
        Assert.Equal("dflt", (string?)body.SelectToken("auth.scope.project.domain.id"));
    }

    [Theory]
    [InlineData("goal list -c NoSuch", "No recognized column names in ['NoSuch']. Recognized columns are ['UUID', 'Name', 'Display name'].")]
    [InlineData("audittemplate update at1 replace name", "Attributes must be a list of PATH=VALUE not \"/name\"")]
    [InlineData("actionplan list --audit nosuch", "Invalid input for --audit: 'nosuch' is not a UUID (for example 736c9587-5f75-4808-af50-8950237e9a6f).")]
    public async Task Checks_the_command_makes_exit_1_as_in_python_without_a_request(string line, string message)
    {
        await using var server = await FakeServer.StartAsync(_ => new FakeResponse(200, """{"goals": [], "action_plans": []}"""));

        var result = await CliRunner.WatcherAsync(server, line.Split(' '));

        Assert.Equal(new CliResult(1, "", message + "\n"), result);
    }

    [Fact]
    public async Task Measurement_list_with_a_bad_start_time_exits_1()
    {
        await using var server = await FakeServer.StartAsync();

        var result = await CliRunner.MonascaAsync(server, "measurement-list", "X", "yesterday");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("yesterday", result.Stderr, StringComparison.Ordinal);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task Delete_prints_nothing_on_stdout()
    {
        await using var server = await FakeServer.StartAsync(_ => new FakeResponse(204));

        var result = await CliRunner.WatcherAsync(server, "audittemplate", "delete", "at1", "at2");

        Assert.Equal(new CliResult(0, "", ""), result);
        Assert.Equal(2, server.Requests.Count(r => r.Method == "DELETE"));
    }

    [Fact]
    public async Task Debug_traces_keystone_without_the_password_and_stack_traces_carry_no_source_paths()
    {
        var env = RealServers.AdminEnvironment();

        var result = await CliRunner.RunAsync(env, "watcher", "--debug", "goal", "show", "no-such-goal");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Keystone: Requesting a Keystone token from http://127.0.0.1:5000/v3/auth/tokens for user 'admin'", result.Stderr, StringComparison.Ordinal);
        Assert.Matches(@"Keystone: Keystone issued token \{SHA256\}[0-9a-f]{64}", result.Stderr);
        Assert.Contains("Goal no-such-goal could not be found (HTTP 404)\n", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("   at ", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotMatch(@" in /[^\n]*:line \d+", result.Stderr);
        Assert.DoesNotContain("admin-secret", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wait_timeout_prints_the_audit_and_says_how_to_follow_it()
    {
        await using var server = await FakeServer.StartAsync(req => new FakeResponse(req.Method == "POST" ? 201 : 200,
            $$"""{"uuid": "{{Uuid}}", "audit_type": "ONESHOT", "state": "{{(req.Method == "POST" ? "PENDING" : "ONGOING")}}"}"""));

        var result = await CliRunner.WatcherAsync(server, "audit", "create", "-g", "dummy", "--wait", "--wait-timeout", "1.5", "-f", "value", "-c", "UUID", "-c", "State");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"{Uuid}\nONGOING\n", result.Stdout);
        Assert.EndsWith($"Gave up waiting after 1.5 s: the audit {Uuid} is still ONGOING and goes on. Follow it with 'watcher audit show {Uuid}'.\n",
            result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("TimeoutException", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wait_on_a_terminal_redraws_the_elapsed_time_every_second()
    {
        await using var server = await FakeServer.StartAsync(req => new FakeResponse(req.Method == "POST" ? 201 : 200,
            $$"""{"uuid": "{{Uuid}}", "audit_type": "ONESHOT", "state": "ONGOING"}"""));
        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter { NewLine = "\n" };

        var code = await CliApp.RunAsync(["watcher", "--os-auth-token", CliRunner.Token, "--os-endpoint-override", server.BaseAddress + "v1",
            "--os-infra-optim-api-version", "1.4", "--max-retries", "0", "audit", "create", "-g", "dummy", "--wait", "--wait-timeout", "3.5"],
            stdout, stderr, new Dictionary<string, string?>(), "openstack-dotnet", 80, CancellationToken.None);

        Assert.Equal(1, code);
        // The state did not change, the time did: one redraw per second at least.
        foreach (var second in new[] { 1, 2, 3 })
        {
            Assert.Contains($"\raudit {Uuid}: ONGOING ({second} s)", stderr.ToString(), StringComparison.Ordinal);
        }
        Assert.Contains(Uuid, stdout.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("watcher", "--debug", "--version")]
    [InlineData("watcher", "--os-auth-url", "http://x/v3", "--version")]
    [InlineData("monasca", "--verify", "--version")]
    public async Task Version_is_accepted_anywhere_among_the_options(params string[] args)
    {
        var result = await CliRunner.RunAsync(args);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(CliApp.Version + "\n", result.Stdout);
    }

    [Fact]
    public async Task Python_global_options_are_accepted()
    {
        await using var server = await FakeServer.StartAsync(_ => new FakeResponse(200, """{"goals": []}"""));

        var timing = await CliRunner.WatcherAsync(server, "--collect-timing", "goal", "list", "-f", "value");
        var noAuth = await CliRunner.RunAsync("watcher", "-N", "--os-endpoint-override", server.BaseAddress + "v1", "goal", "list");
        var trust = await CliRunner.WatcherAsync(server, "--os-trust-id", "t1", "goal", "list");
        var verify = await CliRunner.MonascaAsync(server, "--verify", "--os-system-scope", "all", "metric-name-list", "-j");

        Assert.Equal(new CliResult(0, "", ""), timing);
        // Refused in words, saying what to use instead (not argparse's "unrecognized arguments").
        Assert.Equal(1, noAuth.ExitCode);
        Assert.Contains("--os-auth-token and --os-endpoint-override", noAuth.Stderr, StringComparison.Ordinal);
        Assert.Equal(1, trust.ExitCode);
        Assert.Contains("--os-auth-token", trust.Stderr, StringComparison.Ordinal);
        Assert.NotEqual(2, verify.ExitCode);
    }

    [Fact]
    public async Task A_log_file_in_a_missing_folder_stops_the_command()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"no-such-{Guid.NewGuid():N}", "cli.log");

        var result = await CliRunner.RunAsync("watcher", "--log-file", missing, "--os-auth-token", "t", "--os-endpoint-override", "http://127.0.0.1:1/v1", "goal", "list");

        Assert.Equal(new CliResult(1, "", $"[Errno 2] No such file or directory: '{missing}'\n"), result);
    }

    [Theory]
    [InlineData("--os-cacert", "/no/such/ca.pem", "/no/such/ca.pem")]
    [InlineData("--os-auth-url", "ht!tp:/x", "ht!tp:/x")]
    [InlineData("--os-cloud", "nosuchcloud", "nosuchcloud")]
    public async Task Configuration_errors_are_messages_in_words(string option, string value, string named)
    {
        string[] auth = option == "--os-auth-url" ? [] : ["--os-auth-url", "http://127.0.0.1:1/v3"];
        var result = await CliRunner.RunAsync(new Dictionary<string, string?> { ["HOME"] = Path.GetTempPath() },
            ["watcher", option, value, "--os-username", "u", "--os-password", "pw-123456", "--os-user-domain-name", "Default",
             "--os-project-name", "p", "--os-project-domain-name", "Default", .. auth, "goal", "list"]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(named, result.Stderr, StringComparison.Ordinal);
        Assert.Single(result.Stderr.TrimEnd('\n').Split('\n'));
    }
}
