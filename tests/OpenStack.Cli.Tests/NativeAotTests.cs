namespace OpenStack.Cli.Tests;

/// <summary>
/// The native CLI (<c>dotnet publish src/OpenStack.Cli -r linux-x64 -p:PublishAot=true</c>, the fast-starting one the
/// README measures) against the real Keystone and Watcher and the Monasca stub: it prints what the JIT build prints,
/// byte for byte and with the same exit code, for every output format and for reads, writes, waits and errors. Newtonsoft.Json
/// and YamlDotNet work by reflection, which trimming and the lack of dynamic code could break unseen: this is where it would show.
/// </summary>
public sealed class NativeAotTests(NativeAotTests.NativeCli native) : IClassFixture<NativeAotTests.NativeCli>
{
    /// <summary>Publishes the native CLI once, into its own artifacts folder (the build's outputs stay untouched).</summary>
    public sealed class NativeCli : IAsyncLifetime
    {
        private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("cli-aot-");

        /// <summary>The native executable.</summary>
        public string Executable => Path.Combine(_dir.FullName, "out", "openstack-dotnet");

        /// <summary>What <c>dotnet publish</c> printed (for a failure's message).</summary>
        internal CliResult Publish { get; private set; } = new(-1, "", "");

        public async Task InitializeAsync()
        {
            Publish = await ProcessRunner.RunAsync("dotnet", ["publish", "src/OpenStack.Cli", "-c", "Release", "-r", "linux-x64", "-p:PublishAot=true",
                "--artifacts-path", Path.Combine(_dir.FullName, "artifacts"), "-o", Path.Combine(_dir.FullName, "out"), "--nologo", "-v", "q", "-clp:ErrorsOnly"],
                timeout: TimeSpan.FromMinutes(15));
        }

        public Task DisposeAsync()
        {
            _dir.Delete(recursive: true);
            return Task.CompletedTask;
        }
    }

    private string Native()
    {
        Assert.True(native.Publish.ExitCode == 0 && File.Exists(native.Executable), $"the NativeAOT publish failed: {native.Publish.Stdout}{native.Publish.Stderr}");
        return native.Executable;
    }

    /// <summary>Runs one command line through both builds; they must agree, and the native one's result is returned.</summary>
    private async Task<CliResult> SameAsJit(string tool, params string[] args)
    {
        var env = RealServers.AdminEnvironment();
        var nativeResult = await ProcessRunner.RunAsync(Native(), [tool, .. args], env);
        var jit = await ProcessRunner.RunAsync(ProcessRunner.CliExecutable, [tool, .. args], env);
        Assert.Equal(jit, nativeResult);
        return nativeResult;
    }

    [Theory]
    [InlineData("watcher", "goal list")]
    [InlineData("watcher", "goal list -f json")]
    [InlineData("watcher", "goal list -f yaml")]
    [InlineData("watcher", "goal list -f csv --quote all")]
    [InlineData("watcher", "goal list -f value -c Name -c UUID")]
    [InlineData("watcher", "goal list --detail --sort-column Name --sort-descending")]
    [InlineData("watcher", "goal show dummy -f shell --prefix w_")]
    [InlineData("watcher", "goal show dummy -f json --noindent")]
    [InlineData("watcher", "strategy list --detail -f yaml")]
    [InlineData("watcher", "strategy show dummy")]
    [InlineData("watcher", "strategy state dummy -f json")]
    [InlineData("watcher", "service list")]
    [InlineData("watcher", "scoringengine list -f json")]
    [InlineData("watcher", "help goal list")]
    [InlineData("watcher", "complete")]
    [InlineData("monasca", "metric-list")]
    [InlineData("monasca", "metric-list -j")]
    [InlineData("monasca", "metric-name-list")]
    [InlineData("monasca", "dimension-value-list hostname")]
    [InlineData("monasca", "notification-list")]
    [InlineData("monasca", "alarm-definition-list -j")]
    [InlineData("monasca", "alarm-list")]
    [InlineData("monasca", "alarm-count")]
    [InlineData("monasca", "alarm-history-list")]
    [InlineData("monasca", "measurement-list cpu.idle_perc 2024-01-01T00:00:00Z")]
    [InlineData("monasca", "metric-statistics cpu.idle_perc avg 2024-01-01T00:00:00Z -j")]
    public async Task Reads_print_what_the_jit_build_prints(string tool, string line)
    {
        var result = await SameAsJit(tool, line.Split(' '));

        Assert.Equal(0, result.ExitCode);
        Assert.NotEmpty(result.Stdout);
    }

    [Theory]
    [InlineData("watcher", "gaol list", 2)] // did you mean
    [InlineData("watcher", "goal list --limit x", 2)] // an argument error in words
    [InlineData("watcher", "goal show no-such-goal", 1)] // the server's 404
    [InlineData("monasca", "notification-create ops-email EMAIL ops@example.com", 1)] // a POST the stub answers 409
    public async Task Errors_are_the_same_message_and_exit_code(string tool, string line, int exitCode)
    {
        var result = await SameAsJit(tool, line.Split(' '));

        Assert.Equal(exitCode, result.ExitCode);
        Assert.NotEmpty(result.Stderr);
    }

    [Fact]
    public async Task Writes_and_a_wait_work_natively_against_the_real_watcher()
    {
        var env = RealServers.AdminEnvironment();
        var name = $"aot-{Guid.NewGuid():N}"[..20];
        var template = await ProcessRunner.RunAsync(Native(), ["watcher", "audittemplate", "create", name, "dummy", "-s", "dummy", "-f", "json"], env);
        Assert.True(template.ExitCode == 0, template.Stderr);
        Assert.Contains($"\"Name\": \"{name}\"", template.Stdout, StringComparison.Ordinal);
        try
        {
            var audit = await ProcessRunner.RunAsync(Native(), ["watcher", "audit", "create", "-a", name, "--wait", "--wait-timeout", "120", "-f", "value", "-c", "UUID", "-c", "State"], env);
            Assert.True(audit.ExitCode == 0, audit.Stderr);
            var lines = audit.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal("SUCCEEDED", lines[1]);
            Assert.EndsWith($"audit {lines[0]}: SUCCEEDED", audit.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1].Split(" (")[0], StringComparison.Ordinal);

            // A finished audit and its plan read back the same through both builds.
            await SameAsJit("watcher", "audit", "show", lines[0], "-f", "json");
            var plans = await SameAsJit("watcher", "actionplan", "list", "--audit", lines[0], "-f", "value", "-c", "UUID");
            Assert.Matches("^[0-9a-f-]{36}\n$", plans.Stdout);
            await SameAsJit("watcher", "action", "list", "--action-plan", plans.Stdout.Trim(), "--detail", "-f", "yaml");
        }
        finally
        {
            var deleted = await ProcessRunner.RunAsync(Native(), ["watcher", "audittemplate", "delete", name], env);
            Assert.True(deleted.ExitCode == 0, deleted.Stderr);
        }
    }

    [Fact]
    public async Task Debug_traces_the_requests_without_the_password_or_token()
    {
        var env = RealServers.AdminEnvironment();
        var result = await ProcessRunner.RunAsync(Native(), ["watcher", "--debug", "goal", "list", "-f", "value", "-c", "Name"], env);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("dummy\n", result.Stdout, StringComparison.Ordinal);
        Assert.Matches(@"REQ: curl -g -i -X GET http://127\.0\.0\.1:9322/v1/goals .*-H ""X-Auth-Token: \{SHA256\}[0-9a-f]{64}""", result.Stderr);
        Assert.Contains("RESP: [200]", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("admin-secret", result.Stderr, StringComparison.Ordinal);
    }
}
