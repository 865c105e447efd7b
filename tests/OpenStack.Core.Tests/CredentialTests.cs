using Newtonsoft.Json.Linq;
using OpenStack.Testing;

namespace OpenStack.Core.Tests;

public sealed class CredentialTests
{
    private static async Task<JObject> SentBody(OpenStackClientOptions options, Func<FakeServer, string>? authUrl = null)
    {
        await using var keystone = await FakeServer.StartAsync(_ => FakeKeystone.Token("tok", DateTimeOffset.UtcNow.AddHours(1)));
        options.AuthUrl = authUrl?.Invoke(keystone) ?? new Uri(keystone.BaseAddress, "v3").ToString();
        using var session = new KeystoneSession(options);
        await session.GetTokenAsync();
        var request = Assert.Single(keystone.Requests);
        Assert.Equal("/v3/auth/tokens", request.Path);
        Assert.StartsWith("application/json", request.Header("Content-Type"));
        return JObject.Parse(request.Body);
    }

    private static void AssertJson(string expected, JToken actual) =>
        Assert.True(JToken.DeepEquals(JToken.Parse(expected), actual), $"expected {expected}\nactual   {actual.ToString(Newtonsoft.Json.Formatting.None)}");

    [Fact]
    public async Task Password_by_user_name_and_project_name_sends_both_domains()
    {
        var body = await SentBody(new OpenStackClientOptions { Username = "admin", Password = "pw", UserDomainName = "Default", ProjectName = "admin", ProjectDomainName = "Default" });

        AssertJson("""{"auth":{"identity":{"methods":["password"],"password":{"user":{"name":"admin","domain":{"name":"Default"},"password":"pw"}}},"scope":{"project":{"name":"admin","domain":{"name":"Default"}}}}}""", body);
    }

    [Fact]
    public async Task Password_by_user_id_and_project_id_sends_ids()
    {
        var body = await SentBody(new OpenStackClientOptions { UserId = "u1", Password = "pw", ProjectId = "p1" });

        AssertJson("""{"auth":{"identity":{"methods":["password"],"password":{"user":{"id":"u1","password":"pw"}}},"scope":{"project":{"id":"p1"}}}}""", body);
    }

    [Fact]
    public async Task Domain_name_scopes_to_the_domain()
    {
        var body = await SentBody(new OpenStackClientOptions { Username = "admin", Password = "pw", UserDomainId = "default", DomainName = "Default" });

        AssertJson("""{"auth":{"identity":{"methods":["password"],"password":{"user":{"name":"admin","domain":{"id":"default"},"password":"pw"}}},"scope":{"domain":{"name":"Default"}}}}""", body);
    }

    [Fact]
    public async Task Domain_name_with_a_project_is_the_default_user_and_project_domain()
    {
        var body = await SentBody(new OpenStackClientOptions { Username = "admin", Password = "pw", DomainName = "Default", ProjectName = "admin" });

        AssertJson("""{"auth":{"identity":{"methods":["password"],"password":{"user":{"name":"admin","domain":{"name":"Default"},"password":"pw"}}},"scope":{"project":{"name":"admin","domain":{"name":"Default"}}}}}""", body);
    }

    [Fact]
    public async Task No_scope_gives_an_unscoped_request()
    {
        var body = await SentBody(new OpenStackClientOptions { Username = "admin", Password = "pw", UserDomainName = "Default" });

        Assert.Null(body["auth"]!["scope"]);
    }

    [Fact]
    public async Task Token_rescopes_an_existing_token()
    {
        var body = await SentBody(new OpenStackClientOptions { Token = "old-token", ProjectName = "demo", ProjectDomainId = "default" });

        AssertJson("""{"auth":{"identity":{"methods":["token"],"token":{"id":"old-token"}},"scope":{"project":{"name":"demo","domain":{"id":"default"}}}}}""", body);
    }

    [Fact]
    public async Task Application_credential_by_id_sends_id_and_secret_without_scope()
    {
        var body = await SentBody(new OpenStackClientOptions { ApplicationCredentialId = "ac1", ApplicationCredentialSecret = "acs", ProjectName = "ignored", ProjectDomainName = "Default" });

        AssertJson("""{"auth":{"identity":{"methods":["application_credential"],"application_credential":{"id":"ac1","secret":"acs"}}}}""", body);
    }

    [Fact]
    public async Task Application_credential_by_name_sends_the_user()
    {
        var body = await SentBody(new OpenStackClientOptions { ApplicationCredentialName = "ci", ApplicationCredentialSecret = "acs", Username = "demo", UserDomainName = "Default" });

        AssertJson("""{"auth":{"identity":{"methods":["application_credential"],"application_credential":{"name":"ci","user":{"name":"demo","domain":{"name":"Default"}},"secret":"acs"}}}}""", body);
    }

    [Theory]
    [InlineData("", "/v3/auth/tokens")]
    [InlineData("v3/", "/v3/auth/tokens")]
    [InlineData("identity", "/identity/v3/auth/tokens")]
    [InlineData("identity/v3", "/identity/v3/auth/tokens")]
    public async Task Auth_url_with_or_without_version_posts_to_v3_auth_tokens(string suffix, string expectedPath)
    {
        await using var keystone = await FakeServer.StartAsync(_ => FakeKeystone.Token("tok", DateTimeOffset.UtcNow.AddHours(1)));
        var options = FakeKeystone.Password(keystone);
        options.AuthUrl = keystone.BaseAddress + suffix;
        using var session = new KeystoneSession(options);

        await session.GetTokenAsync();

        // An unversioned URL is discovered first (GET); this fake answers no versions document, so /v3 is appended.
        Assert.Equal(expectedPath, Assert.Single(keystone.Requests, r => r.Method == "POST").Path);
        Assert.All(keystone.Requests, r => Assert.True(r.Method == "POST" || !suffix.Contains("v3"), "no discovery for a v3 URL"));
    }

    [Theory]
    [InlineData("user domain", "Username 'admin' needs UserDomainName")]
    [InlineData("project domain", "Project 'admin' needs ProjectDomainName")]
    [InlineData("auth url", "AuthUrl (os_auth_url) is required")]
    [InlineData("nothing", "No credentials")]
    [InlineData("v2", "Keystone v2.0, which is not supported")]
    [InlineData("auth type", "Auth type 'oidc' is not supported")]
    public void Incomplete_settings_fail_when_the_session_is_created_with_a_message_saying_what_is_missing(string what, string message)
    {
        var o = new OpenStackClientOptions { AuthUrl = "http://k:5000/v3", Username = "admin", Password = "pw-secret", UserDomainName = "Default", ProjectName = "admin", ProjectDomainName = "Default" };
        switch (what)
        {
            case "user domain": o.UserDomainName = null; break;
            case "project domain": o.ProjectDomainName = null; break;
            case "auth url": o.AuthUrl = null; break;
            case "nothing": o.Password = null; break;
            case "v2": o.AuthUrl = "http://k:5000/v2.0"; break;
            case "auth type": o.AuthType = "oidc"; break;
        }

        var e = Assert.ThrowsAny<ArgumentException>(() => new KeystoneSession(o));

        Assert.Contains(message, e.Message);
        Assert.DoesNotContain("pw-secret", e.Message);
    }
}
