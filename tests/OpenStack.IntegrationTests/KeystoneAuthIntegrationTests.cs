using System.Net;
using System.Text.Json.Nodes;
using OpenStack.Http;

namespace OpenStack.IntegrationTests;

/// <summary>OpenStack.Core's Keystone authentication against the real Keystone and Watcher of openstack-up.sh.</summary>
[Collection(OpenStackCollection.Name)]
public sealed class KeystoneAuthIntegrationTests(OpenStackFixture os)
{
    private static readonly OpenStackService Watcher = new("infra-optim", "v1");

    private static OpenStackClientOptions Options(OpenStackCredentials c) => new()
    {
        AuthUrl = c.AuthUrl,
        Username = c.Username,
        Password = c.Password,
        UserDomainName = c.UserDomainName,
        ProjectName = c.ProjectName,
        ProjectDomainName = c.ProjectDomainName,
        RegionName = c.RegionName,
        Interfaces = [c.Interface],
    };

    [Fact]
    public async Task Password_auth_gets_a_project_scoped_token_whose_catalog_has_watcher_and_monasca()
    {
        using var session = new KeystoneSession(Options(os.Admin));

        var token = await session.GetTokenAsync();

        Assert.Equal("admin", token.UserName);
        Assert.Equal("admin", token.ProjectName);
        Assert.Contains("admin", token.Roles);
        Assert.True(token.ExpiresAt > DateTimeOffset.UtcNow.AddMinutes(5));
        Assert.StartsWith("http://127.0.0.1:", token.Catalog.GetEndpoint("infra-optim").ToString());
        Assert.EndsWith("/v2.0", token.Catalog.GetEndpoint("monitoring", ["internal"], "RegionOne").ToString());
        Assert.Equal(1, session.TokenRequestCount);
    }

    [Fact]
    public async Task Raw_http_client_reaches_watcher_goals_through_the_catalog()
    {
        using var client = OpenStackHttpClient.Create(Options(os.Admin), Watcher);

        using var response = await client.GetAsync("v1/goals");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.NotNull(body["goals"]);
        Assert.StartsWith("http://127.0.0.1:", response.RequestMessage!.RequestUri!.ToString());
    }

    [Fact]
    public async Task Clouds_yaml_from_os_client_config_file_authenticates_the_named_cloud()
    {
        var loader = new CloudConfigLoader
        {
            EnvironmentVariables = new Dictionary<string, string> { ["OS_CLIENT_CONFIG_FILE"] = Path.Combine(os.StateDir, "clouds.yaml") },
            CurrentDirectory = os.StateDir,
        };

        var options = loader.Load("openstack-admin");
        using var session = new KeystoneSession(options);
        var token = await session.GetTokenAsync();
        using var client = OpenStackHttpClient.Create(new OpenStackClientOptions { Session = session, RegionName = options.RegionName, Interfaces = options.Interfaces }, Watcher);
        using var goals = await client.GetAsync("v1/goals");

        Assert.Equal("admin", token.ProjectName);
        Assert.Equal(HttpStatusCode.OK, goals.StatusCode);
        Assert.Equal("demo", (await new KeystoneSession(loader.Load("openstack-demo")).GetTokenAsync()).ProjectName);
    }

    [Fact]
    public async Task Wrong_password_gives_a_clear_authentication_error_without_the_password()
    {
        const string wrong = "definitely-not-the-demo-password";
        var options = Options(os.Demo);
        options.Password = wrong;
        using var client = OpenStackHttpClient.Create(options, Watcher);

        var e = await Assert.ThrowsAsync<KeystoneAuthenticationException>(() => client.GetAsync("v1/goals"));

        Assert.Equal(HttpStatusCode.Unauthorized, e.StatusCode);
        Assert.Contains($"Keystone at {os.AuthUrl} refused the credentials of user 'demo'", e.Message);
        Assert.Equal("The request you have made requires authentication.", e.KeystoneMessage);
        Assert.DoesNotContain(wrong, e.ToString());
        Assert.DoesNotContain(os.Demo.Password, e.ToString());
    }

    [Fact]
    public async Task Existing_token_is_rescoped_with_token_auth()
    {
        var unscoped = Options(os.Demo);
        unscoped.ProjectName = null;
        unscoped.ProjectDomainName = null;
        using var first = new KeystoneSession(unscoped);
        var unscopedToken = await first.GetTokenAsync(); // Keystone scopes it to the default project, if the user has one

        using var rescoped = new KeystoneSession(new OpenStackClientOptions
        {
            AuthUrl = os.AuthUrl, Token = unscopedToken.Value, ProjectName = "demo", ProjectDomainName = "Default",
        });
        var token = await rescoped.GetTokenAsync();

        Assert.Equal("demo", token.ProjectName);
        Assert.Contains("token", token.Methods);
        Assert.NotEqual(unscopedToken.Value, token.Value);
        Assert.StartsWith("http://127.0.0.1:", token.Catalog.GetEndpoint("infra-optim").ToString());
    }

    [Fact]
    public async Task Domain_scoped_token_is_issued_for_a_user_with_a_role_on_the_domain()
    {
        // Give admin the admin role on domain Default (idempotent), then ask for a domain-scoped token.
        var admin = await os.AuthenticateAsync(os.Admin);
        var userId = (string)admin.Body["token"]!["user"]!["id"]!;
        var roleId = (string)admin.Body["token"]!["roles"]!.AsArray().First(r => (string?)r!["name"] == "admin")!["id"]!;
        using (var grant = await os.SendAsync(HttpMethod.Put, $"{os.AuthUrl}/domains/default/users/{userId}/roles/{roleId}", admin.Id))
        {
            Assert.True(grant.IsSuccessStatusCode, $"role grant: {(int)grant.StatusCode}");
        }
        var options = Options(os.Admin);
        options.ProjectName = null;
        options.ProjectDomainName = null;
        options.DomainName = "Default";
        using var session = new KeystoneSession(options);

        var token = await session.GetTokenAsync();

        Assert.Equal("default", token.DomainId);
        Assert.Null(token.ProjectId);
    }

    [Fact]
    public async Task Application_credential_by_id_and_by_name_gets_a_token_and_reaches_watcher()
    {
        // Watcher's policy wants the admin role, so the credential is the admin's.
        var demo = await os.AuthenticateAsync(os.Admin);
        var userId = (string)demo.Body["token"]!["user"]!["id"]!;
        var name = "it-" + Guid.NewGuid().ToString("N")[..12];
        using var created = await os.SendAsync(HttpMethod.Post, $"{os.AuthUrl}/users/{userId}/application_credentials", demo.Id,
            new JsonObject { ["application_credential"] = new JsonObject { ["name"] = name } });
        var createdBody = await created.Content.ReadAsStringAsync();
        Assert.True(created.StatusCode == HttpStatusCode.Created, $"create application credential: {(int)created.StatusCode} {createdBody}");
        var credential = JsonNode.Parse(createdBody)!["application_credential"]!;
        var id = (string)credential["id"]!;
        var secret = (string)credential["secret"]!;
        try
        {
            using var byId = new KeystoneSession(new OpenStackClientOptions { AuthUrl = os.AuthUrl, ApplicationCredentialId = id, ApplicationCredentialSecret = secret });
            using var byName = new KeystoneSession(new OpenStackClientOptions
            {
                AuthUrl = os.AuthUrl, ApplicationCredentialName = name, ApplicationCredentialSecret = secret, Username = "admin", UserDomainName = "Default",
            });

            var tokenById = await byId.GetTokenAsync();
            var tokenByName = await byName.GetTokenAsync();
            using var client = OpenStackHttpClient.Create(new OpenStackClientOptions { Session = byId }, Watcher);
            using var goals = await client.GetAsync("v1/goals");

            Assert.Equal("admin", tokenById.ProjectName);
            Assert.Contains("application_credential", tokenById.Methods);
            Assert.Equal(id, tokenById.ApplicationCredentialId);
            Assert.Equal(id, tokenByName.ApplicationCredentialId);
            Assert.Equal(HttpStatusCode.OK, goals.StatusCode);
            Assert.DoesNotContain(secret, byId.ToString());
        }
        finally
        {
            using var deleted = await os.SendAsync(HttpMethod.Delete, $"{os.AuthUrl}/users/{userId}/application_credentials/{id}", demo.Id);
        }
    }

    [Fact]
    public async Task Revoked_token_makes_the_next_call_succeed_after_exactly_one_reauthentication()
    {
        using var session = new KeystoneSession(Options(os.Admin));
        using var client = OpenStackHttpClient.Create(new OpenStackClientOptions { Session = session }, Watcher);
        // A token Watcher has never seen (so its validation cache cannot hide the revocation).
        var doomed = await session.GetTokenAsync();
        var adminToken = await os.GetTokenAsync(os.Admin);
        using (var revoke = new HttpRequestMessage(HttpMethod.Delete, os.AuthUrl + "/auth/tokens"))
        {
            revoke.Headers.Add("X-Auth-Token", adminToken);
            revoke.Headers.Add("X-Subject-Token", doomed.Value);
            using var revoked = await os.Http.SendAsync(revoke);
            Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        }

        using var response = await client.GetAsync("v1/goals");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, session.TokenRequestCount);
        Assert.NotEqual(doomed.Value, (await session.GetTokenAsync()).Value);
    }

    [Fact]
    public async Task Two_hundred_concurrent_first_calls_cause_exactly_one_token_request()
    {
        using var session = new KeystoneSession(Options(os.Admin));
        // The handler on a capped pool: the single-process watcher-api stalls when 200 connections open at once.
        var auth = new KeystoneAuthHandler(session, Watcher) { InnerHandler = new SocketsHttpHandler { MaxConnectionsPerServer = 8 } };
        using var client = new HttpClient(auth) { BaseAddress = auth.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };

        var responses = await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => Task.Run(() => client.GetAsync("v1/goals"))));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(1, session.TokenRequestCount);
        foreach (var r in responses)
        {
            r.Dispose();
        }
    }
}
