using OpenStack.Testing;

namespace OpenStack.Cli.Tests;

/// <summary>
/// The CLI's stdout and stderr never carry a secret in any encoding, with or without <c>--debug</c>: each auth mode
/// against a Keystone that quotes the token request in its error, and a service that echoes the token in an error page
/// or a 2xx body (the CLI runs in-process; <see cref="SecretLeakScanner"/> looks for raw, JSON-escaped, URL-encoded and
/// base64 forms).
/// </summary>
public sealed class SecretLeakTests
{
    public static IEnumerable<object[]> Cases() => LeakMatrix.Cases("watcher", "monasca");

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Cli_output_holds_no_form_of_any_secret(LeakAuth auth, LeakFault fault, string tool, bool debug)
    {
        await using var server = await FakeServer.StartAsync();
        server.Handler = r => r.Path.EndsWith("/auth/tokens", StringComparison.Ordinal)
            ? LeakMatrix.KeystoneAnswer(r, fault, server.BaseAddress)
            : LeakMatrix.ServiceAnswer(r, fault, tool == "watcher");
        var env = Environment(auth, server, tool);
        string[] command = tool == "watcher"
            ? ["watcher", .. (debug ? new[] { "--debug" } : []), "--max-retries", "0", "--os-infra-optim-api-version", "1.0", "goal", "list"]
            : ["monasca", .. (debug ? new[] { "--debug" } : []), "alarm-list"];

        var result = await CliRunner.RunAsync(env, command);

        new SecretLeakScanner().Text("stdout", result.Stdout).Text("stderr", result.Stderr).AssertClean();
        Assert.True(fault == LeakFault.Service2xxValidEchoingTheToken ? result.ExitCode == 0 : result.ExitCode != 0, result.Stderr);
        Assert.Contains(server.Requests, r => r.Header("X-Auth-Token") is not null || r.Path.EndsWith("/auth/tokens", StringComparison.Ordinal));
    }

    private static Dictionary<string, string?> Environment(LeakAuth auth, FakeServer server, string tool)
    {
        var env = new Dictionary<string, string?> { ["HOME"] = Path.GetTempPath() };
        var authUrl = server.BaseAddress + "identity/v3";
        switch (auth)
        {
            case LeakAuth.Password:
                env["OS_AUTH_URL"] = authUrl;
                env["OS_USERNAME"] = "admin";
                env["OS_PASSWORD"] = LeakSecrets.Password;
                env["OS_PROJECT_NAME"] = "admin";
                env["OS_USER_DOMAIN_NAME"] = "Default";
                env["OS_PROJECT_DOMAIN_NAME"] = "Default";
                break;
            case LeakAuth.ApplicationCredential:
                env["OS_AUTH_URL"] = authUrl;
                env["OS_AUTH_TYPE"] = "v3applicationcredential";
                env["OS_APPLICATION_CREDENTIAL_ID"] = "ac-" + Guid.NewGuid().ToString("N");
                env["OS_APPLICATION_CREDENTIAL_SECRET"] = LeakSecrets.ApplicationCredentialSecret;
                break;
            case LeakAuth.Token:
                env["OS_AUTH_URL"] = authUrl;
                env["OS_AUTH_TYPE"] = "v3token";
                env["OS_AUTH_TOKEN"] = LeakSecrets.GivenToken;
                env["OS_PROJECT_NAME"] = "admin";
                env["OS_PROJECT_DOMAIN_NAME"] = "Default";
                break;
            default:
                env["OS_AUTH_TOKEN"] = LeakSecrets.GivenToken;
                env[tool == "watcher" ? "OS_ENDPOINT_OVERRIDE" : "MONASCA_API_URL"] = server.BaseAddress + (tool == "watcher" ? "v1" : "v2.0");
                break;
        }
        return env;
    }
}
