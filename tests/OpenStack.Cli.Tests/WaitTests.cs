using OpenStack.Testing;

namespace OpenStack.Cli.Tests;

/// <summary><c>--wait</c> on <c>audit create</c> and <c>actionplan start</c>.</summary>
public sealed class WaitTests
{
    [Fact]
    public async Task Audit_create_and_actionplan_start_wait_for_success_on_the_real_watcher()
    {
        var env = RealServers.AdminEnvironment();

        var audit = await CliRunner.RunAsync(env, "watcher", "audit", "create", "-g", "dummy", "--wait", "--wait-timeout", "120", "-f", "value", "-c", "UUID", "-c", "State");
        Assert.True(audit.ExitCode == 0, audit.Stderr);
        var lines = audit.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("SUCCEEDED", lines[1]);
        // Not a terminal: one plain line per state seen, the last one the end.
        Assert.Matches($@"^(audit {lines[0]}: [A-Z]+ \(\d+ s\)\n)*audit {lines[0]}: SUCCEEDED \(\d+ s\)\n$", audit.Stderr);
        var plan = await CliRunner.RunAsync(env, "watcher", "actionplan", "list", "--audit", lines[0], "-f", "value", "-c", "UUID");
        var started = await CliRunner.RunAsync(env, "watcher", "actionplan", "start", plan.Stdout.Trim(), "--wait", "--wait-timeout", "120", "-f", "value", "-c", "State");

        Assert.True(started.ExitCode == 0, started.Stderr);
        Assert.Equal("SUCCEEDED\n", started.Stdout);
        Assert.EndsWith($"action plan {plan.Stdout.Trim()}: SUCCEEDED", started.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1].Split(" (")[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failed_audit_exits_1_after_printing_it_and_a_terminal_gets_one_redrawn_line()
    {
        const string Uuid = "736c9587-5f75-4808-af50-8950237e9a6f";
        var reads = 0;
        await using var server = await FakeServer.StartAsync(req => req.Method == "POST"
            ? new FakeResponse(201, $$"""{"uuid": "{{Uuid}}", "audit_type": "ONESHOT", "state": "PENDING"}""")
            : new FakeResponse(200, $$"""{"uuid": "{{Uuid}}", "audit_type": "ONESHOT", "state": "{{(Interlocked.Increment(ref reads) == 1 ? "ONGOING" : "FAILED")}}", "status_message": "no compute nodes"}"""));
        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter { NewLine = "\n" };

        // An 80-column terminal.
        var code = await CliApp.RunAsync(["watcher", "--os-auth-token", CliRunner.Token, "--os-endpoint-override", server.BaseAddress + "v1",
            "--os-infra-optim-api-version", "1.5", "--max-retries", "0", "audit", "create", "-g", "dummy", "--wait", "-f", "value", "-c", "State"],
            stdout, stderr, new Dictionary<string, string?>(), "openstack-dotnet", 80, CancellationToken.None);

        Assert.Equal(1, code);
        Assert.Equal("FAILED\n", stdout.ToString());
        // Redrawn on each change and each second (the first second's line may show the created state, PENDING).
        Assert.Matches($@"^(\raudit {Uuid}: (PENDING|ONGOING) \(\d+ s\) *)+\raudit {Uuid}: FAILED \(\d+ s\) *\nThe audit {Uuid} ended FAILED: no compute nodes\.\n$", stderr.ToString());
    }
}
