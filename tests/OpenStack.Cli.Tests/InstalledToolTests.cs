using OpenStack.Testing;

namespace OpenStack.Cli.Tests;

/// <summary>
/// The tools as a user gets them (docs/cli.md): <c>watcher</c> and <c>monasca</c> packed as native .NET tools
/// (<c>-p:PublishAot=true</c>: a package that points to its linux-x64 NativeAOT package), installed with
/// <c>dotnet tool install</c> and run by their names, against the real Keystone and Watcher and the Monasca stub. They
/// print what the JIT build prints, byte for byte and with the same exit code, for every output format and for reads,
/// writes, waits and errors: Newtonsoft.Json and YamlDotNet work by reflection, which trimming and the lack of dynamic
/// code could break unseen, and this is where it would show.
/// </summary>
public sealed class InstalledToolTests(InstalledToolTests.NativeTools tools) : IClassFixture<InstalledToolTests.NativeTools>
{
    /// <summary>
    /// Packs both tools natively with scripts/pack-tools.sh and installs them into a temporary tool path, in their own
    /// artifacts folder so that the build's outputs stay untouched; beside them, <c>watcher</c> and
    /// <c>monasca</c> symlinks to the JIT build's executable, which take the tool from their name just the same.
    /// </summary>
    public sealed class NativeTools : IAsyncLifetime
    {
        private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("cli-tool-");

        /// <summary>What failed while packing or installing ("" when nothing did).</summary>
        public string Failure { get; private set; } = "";

        /// <summary>The folder the tools are installed into.</summary>
        public string ToolPath => Path.Combine(_dir.FullName, "tools");

        /// <summary>The folder of the JIT build's <c>watcher</c> and <c>monasca</c> symlinks.</summary>
        public string JitPath => Path.Combine(_dir.FullName, "jit");

        public async Task InitializeAsync()
        {
            var packages = Path.Combine(_dir.FullName, "packages");
            var config = Path.Combine(_dir.FullName, "nuget.config");
            await File.WriteAllTextAsync(config, $"""
                <?xml version="1.0" encoding="utf-8"?>
                <configuration><packageSources><clear /><add key="local" value="{packages}" /></packageSources></configuration>
                """);
            Directory.CreateDirectory(JitPath);
            // docs/cli.md's install: scripts/pack-tools.sh packs both tools (one native compile for both).
            if (!await StepAsync("bash", ["scripts/pack-tools.sh", packages, Path.Combine(_dir.FullName, "artifacts")], ProcessRunner.RepoRoot, TimeSpan.FromMinutes(40)))
            {
                return;
            }
            foreach (var (tool, package) in new[] { ("watcher", "OpenStack.Cli.Watcher"), ("monasca", "OpenStack.Cli.Monasca") })
            {
                if (!await StepAsync("dotnet", ["tool", "install", "--tool-path", ToolPath, "--configfile", config, "--prerelease", package], _dir.FullName))
                {
                    return;
                }
                File.CreateSymbolicLink(Path.Combine(JitPath, tool), ProcessRunner.CliExecutable);
            }
        }

        private async Task<bool> StepAsync(string program, string[] args, string? workingDirectory = null, TimeSpan? timeout = null)
        {
            // A native compile takes minutes, many on a loaded machine.
            var result = await ProcessRunner.RunAsync(program, args, workingDirectory: workingDirectory, timeout: timeout ?? TimeSpan.FromMinutes(10));
            if (result.ExitCode != 0)
            {
                Failure = $"{program} {string.Join(' ', args)} failed: {result.Stdout}{result.Stderr}";
            }
            return result.ExitCode == 0;
        }

        public Task DisposeAsync()
        {
            _dir.Delete(recursive: true);
            return Task.CompletedTask;
        }
    }

    /// <summary>The installed (native) command <paramref name="tool"/>.</summary>
    private string Installed(string tool)
    {
        Assert.True(tools.Failure.Length == 0, tools.Failure);
        return Path.Combine(tools.ToolPath, tool);
    }

    /// <summary>Runs one command line through the installed tool and the JIT build; they must agree, and the tool's result is returned.</summary>
    private async Task<CliResult> SameAsJit(string tool, params string[] args)
    {
        var env = RealServers.AdminEnvironment();
        var installed = await ProcessRunner.RunAsync(Installed(tool), args, env);
        var jit = await ProcessRunner.RunAsync(Path.Combine(tools.JitPath, tool), args, env);
        Assert.Equal(jit, installed);
        return installed;
    }

    [Fact]
    public async Task The_installed_commands_are_native_and_a_symlink_takes_its_own_name()
    {
        Assert.Equal("openstack-dotnet", Path.GetFileName(new FileInfo(Installed("watcher")).ResolveLinkTarget(returnFinalTarget: true)!.FullName));
        // A native executable, not the apphost of a framework-dependent tool: no openstack-dotnet.dll beside it.
        var target = new FileInfo(Installed("monasca")).ResolveLinkTarget(returnFinalTarget: true)!.FullName;
        Assert.False(File.Exists(Path.ChangeExtension(target, ".dll")), target);
        await using var server = await FakeServer.StartAsync(req => req.Path switch
        {
            "/v1/goals" => new FakeResponse(200, """{"goals": [{"uuid": "736c9587-5f75-4808-af50-8950237e9a6f", "name": "dummy", "display_name": "Dummy goal"}]}"""),
            "/v2.0/metrics" => new FakeResponse(200, """{"elements": [{"id": "1", "name": "cpu.idle_perc", "dimensions": {"hostname": "h1"}}], "links": []}"""),
            _ => new FakeResponse(404, "{}"),
        });

        var watcher = await ProcessRunner.RunAsync(Installed("watcher"), ["--os-auth-token", CliRunner.Token, "--os-endpoint-override", server.BaseAddress + "v1",
            "--os-infra-optim-api-version", "1.4", "--max-retries", "0", "goal", "list", "-f", "value", "-c", "Name", "-c", "UUID"]);
        var monasca = await ProcessRunner.RunAsync(Installed("monasca"), ["--os-token", CliRunner.Token, "--monasca-api-url", server.BaseAddress + "v2.0", "metric-list"]);
        // A symlink named monasca to the watcher command runs the monasca tool: the name typed counts, not the file.
        var links = Directory.CreateTempSubdirectory("cli-links-");
        try
        {
            File.CreateSymbolicLink(Path.Combine(links.FullName, "monasca"), Installed("watcher"));
            var linked = await ProcessRunner.RunAsync(Path.Combine(links.FullName, "monasca"), ["--help"]);

            Assert.Equal(0, linked.ExitCode);
            Assert.StartsWith("usage: monasca [-h]", linked.Stdout, StringComparison.Ordinal);
            Assert.Contains("metric-list", linked.Stdout, StringComparison.Ordinal);
        }
        finally
        {
            links.Delete(recursive: true);
        }
        Assert.Equal(new CliResult(0, "736c9587-5f75-4808-af50-8950237e9a6f dummy\n", ""), watcher);
        Assert.Equal(0, monasca.ExitCode);
        Assert.Equal("""
            +---------------+--------------+
            | name          | dimensions   |
            +---------------+--------------+
            | cpu.idle_perc | hostname: h1 |
            +---------------+--------------+

            """.ReplaceLineEndings("\n"), monasca.Stdout);
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
    [InlineData("watcher", "goal list -c NoSuch", 1)] // a check of the command (exit 1, as in Python)
    // The framework's messages, which a build with UseSystemResourceKeys printed as resource keys.
    [InlineData("watcher", "--os-cacert /no/such/ca.pem goal list", 1)]
    [InlineData("watcher", "--os-auth-url ht!tp:/x goal list", 1)]
    [InlineData("watcher", "--os-cloud nosuchcloud goal list", 1)]
    [InlineData("watcher", "--log-file /no/such/folder/cli.log goal list", 1)]
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
        var template = await ProcessRunner.RunAsync(Installed("watcher"), ["audittemplate", "create", name, "dummy", "-s", "dummy", "-f", "json"], env);
        Assert.True(template.ExitCode == 0, template.Stderr);
        Assert.Contains($"\"Name\": \"{name}\"", template.Stdout, StringComparison.Ordinal);
        try
        {
            var audit = await ProcessRunner.RunAsync(Installed("watcher"), ["audit", "create", "-a", name, "--wait", "--wait-timeout", "120", "-f", "value", "-c", "UUID", "-c", "State"], env);
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
            var deleted = await ProcessRunner.RunAsync(Installed("watcher"), ["audittemplate", "delete", name], env);
            Assert.True(deleted.ExitCode == 0, deleted.Stderr);
        }
    }

    [Fact]
    public async Task Version_names_the_program_that_runs()
    {
        var installed = await ProcessRunner.RunAsync(Installed("watcher"), ["--debug", "--version"]);
        var jit = await ProcessRunner.RunAsync(Path.Combine(tools.JitPath, "watcher"), ["--version"]);

        Assert.Equal(0, installed.ExitCode);
        Assert.Equal(jit.Stdout, installed.Stdout);
        Assert.Contains("watcher of OpenStack.Cli", installed.Stderr, StringComparison.Ordinal);
        Assert.Contains(tools.ToolPath, installed.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reset_connection_reads_in_words()
    {
        // A server that accepts, then resets each connection (RST): the framework's net_io_* messages.
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        using var cts = new CancellationTokenSource();
        var resets = Task.Run(async () =>
        {
            while (!cts.IsCancellationRequested)
            {
                using var socket = await listener.AcceptSocketAsync(cts.Token);
                await socket.ReceiveAsync(new byte[4096], System.Net.Sockets.SocketFlags.None, cts.Token);
                socket.LingerState = new System.Net.Sockets.LingerOption(true, 0);
                socket.Close();
            }
        });
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        string[] args = ["--os-auth-token", CliRunner.Token, "--os-endpoint-override", $"http://127.0.0.1:{port}/v1",
            "--os-infra-optim-api-version", "1.4", "--max-retries", "1", "--retry-interval", "0.05", "goal", "list"];

        var installed = await ProcessRunner.RunAsync(Installed("watcher"), args);
        var jit = await ProcessRunner.RunAsync(Path.Combine(tools.JitPath, "watcher"), args);
        await cts.CancelAsync();

        Assert.Equal(1, installed.ExitCode);
        Assert.Equal(jit, installed);
        Assert.Contains($"Watcher at http://127.0.0.1:{port}/ did not answer", installed.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Debug_traces_the_requests_without_the_password_or_token()
    {
        var env = RealServers.AdminEnvironment();
        var result = await ProcessRunner.RunAsync(Installed("watcher"), ["--debug", "goal", "list", "-f", "value", "-c", "Name"], env);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("dummy\n", result.Stdout, StringComparison.Ordinal);
        Assert.Matches(@"REQ: curl -g -i -X GET http://127\.0\.0\.1:9322/v1/goals .*-H ""X-Auth-Token: \{SHA256\}[0-9a-f]{64}""", result.Stderr);
        Assert.Contains("RESP: [200]", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("Keystone: Requesting a Keystone token from http://127.0.0.1:5000/v3/auth/tokens", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("admin-secret", result.Stderr, StringComparison.Ordinal);
    }
}
