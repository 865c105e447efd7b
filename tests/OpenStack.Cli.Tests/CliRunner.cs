using OpenStack.Testing;

namespace OpenStack.Cli.Tests;

/// <summary>The result of one in-process CLI run.</summary>
internal sealed record CliResult(int ExitCode, string Stdout, string Stderr);

/// <summary>Runs the CLI in-process with a given environment (never the process's).</summary>
internal static class CliRunner
{
    public const string Token = "tok-3f9a1c77e2b04d8b";

    public static async Task<CliResult> RunAsync(IReadOnlyDictionary<string, string?> environment, params string[] args)
    {
        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter { NewLine = "\n" };
        var code = await CliApp.RunAsync(args, stdout, stderr, environment, "openstack-dotnet", null, CancellationToken.None);
        ResourceKeys.AssertNone(stderr.ToString());
        return new CliResult(code, stdout.ToString(), stderr.ToString());
    }

    public static Task<CliResult> RunAsync(params string[] args) => RunAsync(new Dictionary<string, string?>(), args);

    /// <summary>The <c>watcher</c> tool with a token and an endpoint override (no Keystone), microversion pinned to 1.4, no retries.</summary>
    public static Task<CliResult> WatcherAsync(FakeServer server, params string[] args) =>
        RunAsync(new Dictionary<string, string?>(),
            ["watcher", "--os-auth-token", Token, "--os-endpoint-override", server.BaseAddress + "v1",
             "--os-infra-optim-api-version", "1.4", "--max-retries", "0", .. args]);

    /// <summary>The <c>monasca</c> tool with a token and <c>--monasca-api-url</c> (no Keystone).</summary>
    public static Task<CliResult> MonascaAsync(FakeServer server, params string[] args) =>
        RunAsync(new Dictionary<string, string?>(),
            ["monasca", "--os-token", Token, "--monasca-api-url", server.BaseAddress + "v2.0", .. args]);
}
