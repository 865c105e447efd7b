using Microsoft.Extensions.Configuration;
using Newtonsoft.Json.Linq;
using OpenStack.Testing;

namespace OpenStack.Core.Tests;

/// <summary>System-scoped tokens: <c>system_scope: all</c>.</summary>
public sealed class SystemScopeTests
{
    private static async Task<(JObject Body, OpenStack.KeystoneToken Token)> Send(OpenStackClientOptions options, string? tokenBody = null)
    {
        await using var keystone = await FakeServer.StartAsync(_ => tokenBody is null
            ? FakeKeystone.Token("tok-sys", DateTimeOffset.UtcNow.AddHours(1))
            : new FakeResponse(201, tokenBody) { Headers = { ["X-Subject-Token"] = "tok-sys" } });
        options.AuthUrl = keystone.BaseAddress + "v3";
        using var session = new KeystoneSession(options);
        var token = await session.GetTokenAsync();
        return (JObject.Parse(Assert.Single(keystone.Requests).Body), token);
    }

    [Fact]
    public async Task System_scope_all_sends_a_system_scope()
    {
        var (body, _) = await Send(new OpenStackClientOptions { Username = "admin", Password = "pw", UserDomainName = "Default", SystemScope = "all" });

        Assert.True(JToken.DeepEquals(JToken.Parse("""{"system":{"all":true}}"""), body["auth"]!["scope"]), body.ToString());
    }

    [Fact]
    public async Task A_token_can_be_rescoped_to_the_system()
    {
        var (body, _) = await Send(new OpenStackClientOptions { Token = "old-token", SystemScope = "all" });

        Assert.Equal("""{"auth":{"identity":{"methods":["token"],"token":{"id":"old-token"}},"scope":{"system":{"all":true}}}}""",
            body.ToString(Newtonsoft.Json.Formatting.None));
    }

    [Fact]
    public async Task The_system_scope_of_the_answer_is_read()
    {
        const string answer = """
            {"token": {"methods": ["password"], "user": {"domain": {"id": "default", "name": "Default"}, "id": "u1", "name": "admin"},
             "system": {"all": true}, "expires_at": "2099-01-01T00:00:00.000000Z", "roles": [{"id": "r", "name": "admin"}], "catalog": []}}
            """;
        var (_, token) = await Send(new OpenStackClientOptions { Username = "admin", Password = "pw", UserDomainName = "Default", SystemScope = "all" }, answer);

        Assert.Equal("all", token.SystemScope);
        Assert.Null(token.ProjectId);
        Assert.Contains("System = all", token.ToString());
    }

    [Theory]
    [InlineData("OS_SYSTEM_SCOPE")]
    [InlineData("clouds.yaml")]
    [InlineData("kwarg")]
    [InlineData("IConfiguration")]
    public void Every_configuration_source_reads_system_scope(string source)
    {
        OpenStackClientOptions o;
        switch (source)
        {
            case "OS_SYSTEM_SCOPE":
                o = new CloudConfigLoader { EnvironmentVariables = new Dictionary<string, string> { ["OS_AUTH_URL"] = "http://k/v3", ["OS_SYSTEM_SCOPE"] = "all" }, CurrentDirectory = "/nonexistent", HomeDirectory = "/nonexistent", SiteDirectory = "/nonexistent" }.Load();
                break;
            case "clouds.yaml":
                var dir = Directory.CreateTempSubdirectory("ossystem-").FullName;
                try
                {
                    File.WriteAllText(Path.Combine(dir, "clouds.yaml"), "clouds:\n  devstack-system-admin:\n    auth:\n      auth_url: http://k/v3\n      username: admin\n      user_domain_name: Default\n      system_scope: all\n");
                    o = new CloudConfigLoader { EnvironmentVariables = new Dictionary<string, string>(), CurrentDirectory = dir, HomeDirectory = dir, SiteDirectory = dir }.Load("devstack-system-admin");
                }
                finally
                {
                    Directory.Delete(dir, recursive: true);
                }
                break;
            case "kwarg":
                o = KeywordArguments.ToOptions(new Dictionary<string, object?> { ["system_scope"] = "all" }, [], out _);
                break;
            default:
                o = OpenStackConfiguration.FromConfiguration(new Microsoft.Extensions.Configuration.ConfigurationBuilder()
                    .AddJsonStream(new MemoryStream("""{"SystemScope": "all"}"""u8.ToArray())).Build());
                break;
        }

        Assert.Equal("all", o.SystemScope);
    }

    [Theory]
    [InlineData("project")]
    [InlineData("domain")]
    [InlineData("other system")]
    public void Contradictory_or_unknown_system_scopes_are_rejected_on_creation(string what)
    {
        var o = new OpenStackClientOptions { AuthUrl = "http://k/v3", Username = "admin", Password = "pw", UserDomainName = "Default", SystemScope = "all" };
        switch (what)
        {
            case "project":
                o.ProjectId = "p";
                break;
            case "domain":
                o.DomainName = "Default";
                break;
            default:
                o.SystemScope = "region-one";
                break;
        }

        var e = Assert.Throws<ArgumentException>(() => new KeystoneSession(o));
        Assert.Contains("system", e.Message, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("pw", e.Message.Replace("pick", ""));
    }

    [Fact]
    public void System_scope_is_part_of_the_shared_session_key()
    {
        var a = new OpenStackClientOptions { AuthUrl = "http://k/v3", Username = "admin", Password = "pw", UserDomainName = "Default" };
        var b = a.Clone();
        b.SystemScope = "all";
        var c = a.Clone();
        c.SystemScope = "ALL";

        Assert.NotEqual(KeystoneCredential.From(a).CacheKey(), KeystoneCredential.From(b).CacheKey());
        Assert.Equal(KeystoneCredential.From(b).CacheKey(), KeystoneCredential.From(c).CacheKey());
        Assert.Contains("system scope 'all'", KeystoneCredential.From(b).Describe());
    }
}
