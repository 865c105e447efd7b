using System.Net;
using Newtonsoft.Json;
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
    public enum Auth
    {
        Password,
        ApplicationCredential,
        Token,
        PreIssuedToken,
    }

    public enum Fault
    {
        Keystone400QuotingTheRequest,
        Keystone500QuotingTheRequest,
        ServiceErrorPageEchoingTheToken,
        Service2xxMalformedEchoingTheToken,
        Service2xxValidEchoingTheToken,
    }

    public static TheoryData<Auth, Fault, string, bool> Cases()
    {
        var data = new TheoryData<Auth, Fault, string, bool>();
        foreach (var auth in Enum.GetValues<Auth>())
        {
            foreach (var fault in Enum.GetValues<Fault>())
            {
                if (auth == Auth.PreIssuedToken && fault.ToString().StartsWith("Keystone", StringComparison.Ordinal))
                {
                    continue;
                }
                foreach (var tool in new[] { "watcher", "monasca" })
                {
                    data.Add(auth, fault, tool, false);
                    data.Add(auth, fault, tool, true);
                }
            }
        }
        return data;
    }

    private static string Echo(string text) => string.Join(" | ", LeakSecrets.Forms(text)) + " | html " + WebUtility.HtmlEncode(text);

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Cli_output_holds_no_form_of_any_secret(Auth auth, Fault fault, string tool, bool debug)
    {
        await using var server = await FakeServer.StartAsync();
        server.Handler = r => Answer(r, fault, tool, server.BaseAddress);
        var env = Environment(auth, server, tool);
        string[] command = tool == "watcher"
            ? ["watcher", .. (debug ? new[] { "--debug" } : []), "--max-retries", "0", "--os-infra-optim-api-version", "1.0", "goal", "list"]
            : ["monasca", .. (debug ? new[] { "--debug" } : []), "alarm-list"];

        var result = await CliRunner.RunAsync(env, command);

        new SecretLeakScanner().Text("stdout", result.Stdout).Text("stderr", result.Stderr).AssertClean();
        Assert.True(fault == Fault.Service2xxValidEchoingTheToken ? result.ExitCode == 0 : result.ExitCode != 0, result.Stderr);
        Assert.Contains(server.Requests, r => r.Header("X-Auth-Token") is not null || r.Path.EndsWith("/auth/tokens", StringComparison.Ordinal));
    }

    private static Dictionary<string, string?> Environment(Auth auth, FakeServer server, string tool)
    {
        var env = new Dictionary<string, string?> { ["HOME"] = Path.GetTempPath() };
        var authUrl = server.BaseAddress + "identity/v3";
        switch (auth)
        {
            case Auth.Password:
                env["OS_AUTH_URL"] = authUrl;
                env["OS_USERNAME"] = "admin";
                env["OS_PASSWORD"] = LeakSecrets.Password;
                env["OS_PROJECT_NAME"] = "admin";
                env["OS_USER_DOMAIN_NAME"] = "Default";
                env["OS_PROJECT_DOMAIN_NAME"] = "Default";
                break;
            case Auth.ApplicationCredential:
                env["OS_AUTH_URL"] = authUrl;
                env["OS_AUTH_TYPE"] = "v3applicationcredential";
                env["OS_APPLICATION_CREDENTIAL_ID"] = "ac-" + Guid.NewGuid().ToString("N");
                env["OS_APPLICATION_CREDENTIAL_SECRET"] = LeakSecrets.ApplicationCredentialSecret;
                break;
            case Auth.Token:
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

    private static FakeResponse Answer(RecordedRequest r, Fault fault, string tool, Uri root)
    {
        if (r.Path.EndsWith("/auth/tokens", StringComparison.Ordinal))
        {
            return fault switch
            {
                Fault.Keystone400QuotingTheRequest => new FakeResponse(400, JsonConvert.SerializeObject(new
                {
                    error = new { code = 400, title = "Bad Request", message = "Invalid input for field 'identity': " + Echo(r.Body) },
                })),
                Fault.Keystone500QuotingTheRequest => new FakeResponse(500, "Internal error while handling " + Echo(r.Body), "text/plain"),
                _ => new FakeResponse(201, TokenBody(root)) { Headers = { ["X-Subject-Token"] = LeakSecrets.IssuedToken } },
            };
        }
        var echo = Echo(r.Header("X-Auth-Token") ?? "");
        var list = tool == "watcher" ? "goals" : "elements";
        return fault switch
        {
            Fault.ServiceErrorPageEchoingTheToken => new FakeResponse(502, $"<html><head><title>Bad gateway</title></head><body>{echo}</body></html>", "text/html"),
            Fault.Service2xxMalformedEchoingTheToken => new FakeResponse(200, JsonConvert.SerializeObject(new Dictionary<string, object> { [list] = echo, ["links"] = echo })),
            Fault.Service2xxValidEchoingTheToken => new FakeResponse(200, JsonConvert.SerializeObject(new Dictionary<string, object>
            {
                [list] = Array.Empty<object>(), ["links"] = Array.Empty<object>(), ["echo"] = echo,
            })),
            _ => new FakeResponse(500, "{}"),
        };
    }

    private static string TokenBody(Uri root) => JsonConvert.SerializeObject(new
    {
        token = new
        {
            methods = new[] { "password" },
            expires_at = DateTimeOffset.UtcNow.AddHours(1).ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", System.Globalization.CultureInfo.InvariantCulture),
            user = new { id = "u1", name = "admin" },
            project = new { id = "p1", name = "admin" },
            catalog = new object[]
            {
                new { type = "infra-optim", name = "watcher", endpoints = new[] { new { @interface = "public", region_id = "RegionOne", url = root + "v1" } } },
                new { type = "monitoring", name = "monasca", endpoints = new[] { new { @interface = "public", region_id = "RegionOne", url = root + "v2.0" } } },
            },
        },
    });
}
