using System.Net;

namespace OpenStack.IntegrationTests;

/// <summary>
/// OpenStack.Core against the real Keystone of openstack-up.sh: version discovery from an unversioned auth URL,
/// per-service settings, and system scope.
/// </summary>
[Collection(OpenStackCollection.Name)]
public sealed class KeystoneDiscoveryIntegrationTests(OpenStackFixture os)
{
    private static readonly OpenStackService Watcher = new("infra-optim", "v1");

    /// <summary>The Keystone root, e.g. http://127.0.0.1:5000 (the auth URL without <c>/v3</c>).</summary>
    private string KeystoneRoot
    {
        get
        {
            var v3 = os.Admin.AuthUrl.TrimEnd('/');
            Assert.EndsWith("/v3", v3);
            return v3[..^3];
        }
    }

    private OpenStackClientOptions Admin(string authUrl) => new()
    {
        AuthUrl = authUrl,
        Username = os.Admin.Username,
        Password = os.Admin.Password,
        UserDomainName = os.Admin.UserDomainName,
        ProjectName = os.Admin.ProjectName,
        ProjectDomainName = os.Admin.ProjectDomainName,
        RegionName = os.Admin.RegionName,
        Interfaces = [os.Admin.Interface],
    };

    [Theory]
    [InlineData("")]
    [InlineData("/")]
    public async Task An_unversioned_auth_url_is_discovered_and_authenticates(string suffix)
    {
        using var session = new KeystoneSession(Admin(KeystoneRoot + suffix));

        var token = await session.GetTokenAsync();

        Assert.Equal("admin", token.ProjectName);
        Assert.Equal(1, session.TokenRequestCount);
    }

    [Fact]
    public async Task A_client_with_an_unversioned_auth_url_reaches_watcher()
    {
        using var client = OpenStackHttpClient.Create(Admin(KeystoneRoot), Watcher);

        using var goals = await client.GetAsync("v1/goals");

        Assert.Equal(HttpStatusCode.OK, goals.StatusCode);
    }

    [Fact]
    public async Task OS_service_settings_send_watcher_to_its_override_and_monasca_to_its_region()
    {
        string watcherUrl;
        using (var probe = new KeystoneSession(Admin(os.Admin.AuthUrl)))
        {
            watcherUrl = (await probe.GetTokenAsync()).Catalog.GetEndpoint("infra-optim", [os.Admin.Interface], os.Admin.RegionName).ToString();
        }
        var options = new CloudConfigLoader
        {
            EnvironmentVariables = new Dictionary<string, string>
            {
                ["OS_AUTH_URL"] = KeystoneRoot,
                ["OS_USERNAME"] = os.Admin.Username,
                ["OS_PASSWORD"] = os.Admin.Password,
                ["OS_USER_DOMAIN_NAME"] = os.Admin.UserDomainName,
                ["OS_PROJECT_NAME"] = os.Admin.ProjectName,
                ["OS_PROJECT_DOMAIN_NAME"] = os.Admin.ProjectDomainName,
                ["OS_REGION_NAME"] = os.Admin.RegionName,
                ["OS_INFRA_OPTIM_ENDPOINT_OVERRIDE"] = watcherUrl,
                ["OS_INFRA_OPTIM_REGION_NAME"] = "NoSuchRegion", // irrelevant: the override skips the catalog
                ["OS_MONITORING_REGION_NAME"] = "NoSuchRegion",
                ["OS_MONITORING_INTERFACE"] = "internal",
            },
            CurrentDirectory = os.StateDir + "/no-such-dir",
            HomeDirectory = os.StateDir + "/no-such-dir",
            SiteDirectory = os.StateDir + "/no-such-dir",
        }.Load();

        using var client = OpenStackHttpClient.Create(options, Watcher);
        using var goals = await client.GetAsync("v1/goals");
        using var session = new KeystoneSession(options);
        var e = await Assert.ThrowsAsync<EndpointNotFoundException>(() => session.GetEndpointAsync(new OpenStackService("monitoring", "v2.0")));

        Assert.Equal(HttpStatusCode.OK, goals.StatusCode);
        Assert.Equal(new Uri(watcherUrl).Authority, goals.RequestMessage!.RequestUri!.Authority);
        Assert.Equal("NoSuchRegion", e.RegionName);
        Assert.Equal(["internal"], e.Interfaces);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task System_scope_all_gets_a_system_scoped_token_from_keystone(bool unversioned)
    {
        var options = new OpenStackClientOptions
        {
            AuthUrl = unversioned ? KeystoneRoot : os.Admin.AuthUrl,
            Username = os.Admin.Username,
            Password = os.Admin.Password,
            UserDomainName = os.Admin.UserDomainName,
            SystemScope = "all",
        };
        using var session = new KeystoneSession(options);

        var token = await session.GetTokenAsync();

        Assert.Equal("all", token.SystemScope);
        Assert.Null(token.ProjectId);
        Assert.Null(token.DomainId);
        Assert.Contains("admin", token.Roles);
        Assert.True(token.ExpiresAt > DateTimeOffset.UtcNow.AddMinutes(5));

        // The system token is accepted by Keystone's system-scoped APIs.
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, os.Admin.AuthUrl.TrimEnd('/') + "/system/users/" + token.UserId + "/roles");
        request.Headers.Add("X-Auth-Token", token.Value);
        using var roles = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, roles.StatusCode);
        Assert.Contains("\"admin\"", await roles.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task System_scope_from_kwargs_and_a_project_scope_are_distinct_shared_sessions()
    {
        var kwargs = new Dictionary<string, object?>
        {
            ["os_auth_url"] = KeystoneRoot, ["os_username"] = os.Admin.Username, ["os_password"] = os.Admin.Password,
            ["os_user_domain_name"] = os.Admin.UserDomainName, ["system_scope"] = "all",
        };
        var system = KeystoneSession.GetShared(KeywordArguments.ToOptions(kwargs, [], out _));
        var project = KeystoneSession.GetShared(Admin(KeystoneRoot));

        Assert.NotSame(system, project);
        Assert.Equal("all", (await system.GetTokenAsync()).SystemScope);
        Assert.Equal("admin", (await project.GetTokenAsync()).ProjectName);
    }
}
