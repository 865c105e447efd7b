using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using OpenStack.Testing;

namespace OpenStack.Cli.Tests;

/// <summary>--debug, the retry lines, the final connection error, --timing, --log-file and the other global options.</summary>
public sealed class DiagnosticsTests
{
    private static int ClosedPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    [Fact]
    public async Task A_watcher_that_does_not_answer_gets_one_line_per_retry_within_one_budget_and_an_error_naming_it()
    {
        var port = ClosedPort();

        var result = await CliRunner.RunAsync("watcher", "--os-auth-token", CliRunner.Token, "--os-endpoint-override", $"http://127.0.0.1:{port}/v1",
            "--max-retries", "2", "--retry-interval", "0.05", "goal", "list");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"""
            Watcher at http://127.0.0.1:{port}/ did not answer (connection refused), retry 1 of 2 in 0.05 s
            Watcher at http://127.0.0.1:{port}/ did not answer (connection refused), retry 2 of 2 in 0.05 s
            Watcher at http://127.0.0.1:{port}/ did not answer (connection refused). Check the endpoint (--os-endpoint-override, or the catalog's infra-optim endpoint) and that the service is running.

            """.ReplaceLineEndings("\n"), result.Stderr);
    }

    [Theory]
    [InlineData("-1", "0.05")]
    [InlineData("2", "-1")]
    [InlineData("2", "-1e30")]
    public async Task Negative_retry_settings_are_refused_before_any_request(string retries, string interval)
    {
        var port = ClosedPort();

        var result = await CliRunner.RunAsync("watcher", "--os-auth-token", CliRunner.Token, "--os-endpoint-override", $"http://127.0.0.1:{port}/v1",
            "--max-retries", retries, "--retry-interval", interval, "goal", "list");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("--max-retries and --retry-interval must not be negative.", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("did not answer", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Debug_logs_each_request_and_answer_as_keystoneauth_with_the_token_hashed()
    {
        await using var server = await FakeServer.StartAsync(_ => new FakeResponse(200, """{"goals": []}"""));

        var result = await CliRunner.WatcherAsync(server, "--debug", "goal", "list");

        Assert.Equal(0, result.ExitCode);
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(CliRunner.Token)));
        Assert.Contains($"REQ: curl -g -i -X GET {server.BaseAddress}v1/goals -H \"Accept: application/json\"", result.Stderr, StringComparison.Ordinal);
        Assert.Contains($"-H \"X-Auth-Token: {{SHA256}}{hash}\"", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("RESP: [200] ", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("RESP BODY: {\"goals\": []}", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(CliRunner.Token, result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(CliRunner.Token, result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Timing_log_file_verbosity_and_identity_version_are_accepted_as_python_does()
    {
        await using var server = await FakeServer.StartAsync(_ => new FakeResponse(200, """{"elements": [{"type": "EMAIL"}], "links": []}"""));
        var log = Path.GetTempFileName();
        try
        {
            var result = await CliRunner.MonascaAsync(server, "-v", "-v", "--os-identity-api-version", "3", "--timing", "--log-file", log, "notification-type-list");
            var refused = await CliRunner.MonascaAsync(server, "--os-identity-api-version", "2", "notification-type-list");
            var quiet = await CliRunner.MonascaAsync(server, "-q", "notification-type-list");

            Assert.Equal(0, result.ExitCode);
            Assert.Matches(@"\| GET http://127\.0\.0\.1:\d+/v2\.0/notification-methods/types \| +\d\.\d{6} \|\n\| Total +\| +\d\.\d{6} \|\n\+-+\+-+\+\n$", result.Stdout);
            var logged = await File.ReadAllTextAsync(log);
            Assert.Contains("REQ: curl -g -i -X GET", logged, StringComparison.Ordinal);
            Assert.DoesNotContain(CliRunner.Token, logged, StringComparison.Ordinal);
            Assert.Equal("", result.Stderr);
            Assert.Equal(2, refused.ExitCode);
            Assert.Contains("Identity API version 2 is not supported", refused.Stderr, StringComparison.Ordinal);
            Assert.Equal(0, quiet.ExitCode);
        }
        finally
        {
            File.Delete(log);
        }
    }
}
