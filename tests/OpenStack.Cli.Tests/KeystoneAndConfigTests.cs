using Newtonsoft.Json.Linq;
using OpenStack.Testing;

namespace OpenStack.Cli.Tests;

public sealed class KeystoneAndConfigTests
{
    private const string Password = "s3cret-pa55word";
    private const string IssuedToken = "gAAAAAissued-token-0123456789";

    private static FakeResponse TokenResponse(FakeServer server) => new(201, """
        {"token": {
          "methods": ["password"], "expires_at": "EXPIRES",
          "user": {"id": "u1", "name": "admin", "domain": {"id": "default", "name": "Default"}},
          "project": {"id": "p1", "name": "admin", "domain": {"id": "default", "name": "Default"}},
          "catalog": [
            {"type": "infra-optim", "name": "watcher", "id": "s1", "endpoints": [
              {"id": "e1", "interface": "public", "region": "RegionOne", "region_id": "RegionOne", "url": "BASEv1"}]},
            {"type": "monitoring", "name": "monasca", "id": "s2", "endpoints": [
              {"id": "e2", "interface": "public", "region": "RegionOne", "region_id": "RegionOne", "url": "BASEv2.0"}]}
          ]}}
        """.Replace("EXPIRES", DateTimeOffset.UtcNow.AddHours(1).ToString("yyyy-MM-ddTHH:mm:ss.ffffffZ", System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
           .Replace("BASE", server.BaseAddress.ToString(), StringComparison.Ordinal))
    {
        Headers = { ["X-Subject-Token"] = IssuedToken },
    };

    private static Func<RecordedRequest, FakeResponse> Handler(Func<FakeServer> server) => req => req.Path switch
    {
        "/identity/v3/auth/tokens" => TokenResponse(server()),
        "/v1/services" => new FakeResponse(200, """{"services": [{"id": 1, "name": "watcher-applier", "host": "localhost", "status": "ACTIVE"}]}"""),
        "/v2.0/notification-methods/types" => new FakeResponse(200, """{"elements": [{"type": "EMAIL"}, {"type": "WEBHOOK"}], "links": []}"""),
        _ => new FakeResponse(404, "{}"),
    };

    [Fact]
    public async Task Password_auth_from_clouds_yaml_finds_the_watcher_endpoint_in_the_catalog()
    {
        FakeServer? self = null;
        await using var server = await FakeServer.StartAsync(Handler(() => self!));
        self = server;
        var dir = Directory.CreateTempSubdirectory("cli-tests-");
        var clouds = Path.Combine(dir.FullName, "clouds.yaml");
        await File.WriteAllTextAsync(clouds, $"""
            clouds:
              test-cloud:
                auth:
                  auth_url: {server.BaseAddress}identity/v3
                  username: admin
                  password: {Password}
                  project_name: admin
                  user_domain_name: Default
                  project_domain_name: Default
                region_name: RegionOne
                interface: public
            """);
        var env = new Dictionary<string, string?> { ["OS_CLOUD"] = "test-cloud", ["OS_CLIENT_CONFIG_FILE"] = clouds, ["HOME"] = dir.FullName };

        var result = await CliRunner.RunAsync(env, "watcher", "--os-infra-optim-api-version", "1.4", "--max-retries", "0", "service", "list", "-f", "json");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("watcher-applier", (string?)JArray.Parse(result.Stdout)[0]["Name"]);
        var auth = server.Requests.First(r => r.Path == "/identity/v3/auth/tokens");
        Assert.Equal("POST", auth.Method);
        Assert.Equal(Password, (string?)JObject.Parse(auth.Body).SelectToken("auth.identity.password.user.password"));
        Assert.Equal(IssuedToken, server.Requests.Single(r => r.Path == "/v1/services").Header("X-Auth-Token"));

        // The same cloud, Monasca through the catalog's monitoring endpoint.
        var monasca = await CliRunner.RunAsync(env, "monasca", "notification-type-list");

        Assert.Equal(0, monasca.ExitCode);
        Assert.Contains("| EMAIL   |", monasca.Stdout);
        dir.Delete(recursive: true);
    }

    [Fact]
    public async Task Rejected_password_exits_1_and_never_prints_the_password()
    {
        await using var server = await FakeServer.StartAsync(_ => new FakeResponse(401,
            """{"error": {"code": 401, "title": "Unauthorized", "message": "The request you have made requires authentication."}}"""));
        var env = new Dictionary<string, string?>
        {
            ["OS_AUTH_URL"] = server.BaseAddress + "identity/v3",
            ["OS_USERNAME"] = "admin",
            ["OS_PASSWORD"] = Password,
            ["OS_PROJECT_NAME"] = "admin",
            ["OS_USER_DOMAIN_NAME"] = "Default",
            ["OS_PROJECT_DOMAIN_NAME"] = "Default",
            ["HOME"] = Path.GetTempPath(),
        };

        var result = await CliRunner.RunAsync(env, "watcher", "--debug", "--max-retries", "0", "goal", "list");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("401", result.Stderr);
        Assert.DoesNotContain(Password, result.Stderr);
        Assert.DoesNotContain(Password, result.Stdout);
    }

    [Fact]
    public async Task Explicit_option_beats_the_environment()
    {
        await using var server = await FakeServer.StartAsync(_ => new FakeResponse(200, """{"goals": []}"""));
        var env = new Dictionary<string, string?> { ["OS_AUTH_TOKEN"] = "from-env-token", ["OS_ENDPOINT_OVERRIDE"] = "http://127.0.0.1:1/v1" };

        var result = await CliRunner.RunAsync(env, "watcher", "--os-auth-token", CliRunner.Token, "--os-endpoint-override", server.BaseAddress + "v1",
            "--os-infra-optim-api-version", "1.0", "--max-retries", "0", "goal", "list");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(CliRunner.Token, Assert.Single(server.Requests).Header("X-Auth-Token"));
    }

    [Fact]
    public async Task Unknown_cloud_lists_the_known_ones()
    {
        var dir = Directory.CreateTempSubdirectory("cli-tests-");
        var clouds = Path.Combine(dir.FullName, "clouds.yaml");
        await File.WriteAllTextAsync(clouds, "clouds:\n  one:\n    auth:\n      auth_url: http://127.0.0.1:1/v3\n");

        var result = await CliRunner.RunAsync(new Dictionary<string, string?> { ["OS_CLIENT_CONFIG_FILE"] = clouds, ["HOME"] = dir.FullName },
            "monasca", "--os-cloud", "two", "metric-list");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("two", result.Stderr);
        Assert.Contains("one", result.Stderr);
        dir.Delete(recursive: true);
    }

    [Fact]
    public async Task Without_a_tool_name_usage_is_printed()
    {
        var result = await CliRunner.RunAsync("goal", "list");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("usage: openstack-dotnet {watcher|monasca}", result.Stderr);
    }

    [Fact]
    public async Task The_executable_name_selects_the_tool()
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        var code = await CliApp.RunAsync(["--help"], stdout, stderr, new Dictionary<string, string?>(), "monasca", null, CancellationToken.None);

        Assert.Equal(0, code);
        Assert.Contains("metric-list", stdout.ToString());
        Assert.Contains("--monasca-api-url", stdout.ToString());
    }

    [Fact]
    public async Task Help_never_shows_a_secret_from_the_environment()
    {
        var result = await CliRunner.RunAsync(new Dictionary<string, string?> { ["OS_PASSWORD"] = Password, ["OS_AUTH_TOKEN"] = IssuedToken }, "watcher", "--help");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("env[OS_PASSWORD]", result.Stdout);
        Assert.DoesNotContain(Password, result.Stdout);
        Assert.DoesNotContain(IssuedToken, result.Stdout);
    }
}
