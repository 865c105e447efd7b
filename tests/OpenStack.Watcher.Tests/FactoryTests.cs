using OpenStack.Testing;

namespace OpenStack.Watcher.Tests;

public class FactoryTests
{
    private static Dictionary<string, object?> TokenArgs(string url) => new()
    {
        ["os_auth_token"] = "tok", ["watcher_url"] = url,
    };

    [Theory]
    [InlineData(1, null)]
    [InlineData("1", null)]
    [InlineData("1.latest", null)]
    [InlineData("1.2", "1.2")]
    public void Versions_1_and_1_x_and_1_latest_are_accepted(object version, string? pinned)
    {
        var options = ToOptions(version);
        Assert.Equal(pinned is null ? null : WatcherApiVersion.Parse(pinned), options.ApiVersion);
    }

    [Theory]
    [InlineData(2)]
    [InlineData("2")]
    [InlineData("2.0")]
    [InlineData("v1")]
    public void Other_versions_are_a_clear_error_listing_the_supported_ones(object version)
    {
        var ex = Assert.Throws<ArgumentException>(() => ToOptions(version));
        Assert.Equal("version", ex.ParamName);
        Assert.Contains("supported are 1", ex.Message);
        Assert.Contains("1.latest", ex.Message);
    }

    [Fact]
    public void Python_names_map_onto_the_typed_options()
    {
        var (c, options) = WatcherClientFactory.ToOptions(1, new Dictionary<string, object?>
        {
            ["os_auth_url"] = "http://127.0.0.1:5000/v3", ["os_username"] = "admin", ["os_password"] = "pw",
            ["os_project_name"] = "admin", ["os_user_domain_name"] = "Default", ["os_project_domain_name"] = "Default",
            ["os_region_name"] = "RegionOne", ["os_endpoint_type"] = "internalURL", ["insecure"] = true, ["timeout"] = 30,
            ["os_infra_optim_api_version"] = "1.3", ["max_retries"] = 2, ["retry_interval"] = 0.5, ["ca_file"] = "/ca.pem",
            ["os_tenant_id"] = null, ["watcher_url"] = "http://w:9322/",
        });
        Assert.Equal(("http://127.0.0.1:5000/v3", "admin", "pw", "admin", "RegionOne"), (c.AuthUrl, c.Username, c.Password, c.ProjectName, c.RegionName));
        Assert.True(c.Insecure);
        Assert.Equal(TimeSpan.FromSeconds(30), c.Timeout);
        Assert.Equal("/ca.pem", c.CaCertFile);
        Assert.Equal(new WatcherApiVersion(1, 3), options.ApiVersion); // os_infra_optim_api_version wins over the positional version, as in Python
        Assert.Equal((2, TimeSpan.FromMilliseconds(500)), (options.Retries!.MaxRetries, options.Retries.Interval)); // onto Retries
        Assert.Equal("http://w:9322/", options.Endpoint); // watcher_url: the client's endpoint, not the cloud's
        Assert.Null(c.Endpoint);
        Assert.DoesNotContain("pw", options.ToString());
        Assert.DoesNotContain("pw", c.ToString());
    }

    [Fact]
    public void An_unknown_argument_is_an_error_naming_it()
    {
        var args = TokenArgs("http://h:9322");
        args["os_wacher_url"] = "typo";
        var ex = Assert.Throws<ArgumentException>(() => WatcherClientFactory.GetClient(1, args));
        Assert.Contains("'os_wacher_url'", ex.Message);
        Assert.Contains("watcher_url", ex.Message); // lists the accepted names
    }

    [Theory]
    [InlineData(new[] { "os_auth_token" }, "watcher_url")]
    [InlineData(new[] { "os_username", "os_password" }, "os_auth_url")]
    [InlineData(new[] { "os_auth_url", "os_username" }, "os_password")]
    [InlineData(new[] { "os_auth_url", "os_password" }, "os_username")]
    [InlineData(new string[0], "os_auth_url")]
    public void Missing_arguments_are_an_error_naming_them(string[] given, string missing)
    {
        var args = given.ToDictionary(n => n, n => (object?)(n == "os_auth_url" ? "http://k:5000/v3" : "x"));
        var ex = Assert.Throws<ArgumentException>(() => WatcherClientFactory.GetClient(1, args));
        Assert.Contains(missing, ex.Message);
        Assert.DoesNotContain("'x'", ex.Message);
    }

    [Theory]
    [InlineData("max_retries", "many")]
    [InlineData("max_retries", -1)]
    [InlineData("retry_interval", "soon")]
    [InlineData("os_infra_optim_api_version", "2.0")]
    [InlineData("watcher_url", 42)]
    public void Bad_values_are_an_error_naming_the_argument(string name, object value)
    {
        var args = TokenArgs("http://h:9322");
        args[name] = value;
        var ex = Assert.Throws<ArgumentException>(() => WatcherClientFactory.ToOptions(1, args));
        Assert.Contains(name == "os_infra_optim_api_version" ? "2.0" : name, ex.Message);
    }

    [Fact]
    public async Task A_token_and_watcher_url_need_no_keystone_and_negotiate_by_default()
    {
        await using var server = await FakeServer.StartAsync(r => r.Path == "/"
            ? Fake.Json(Fake.RootBody)
            : Capture.Response("watcher-get-goal-dummy"));
        using var client = WatcherClientFactory.GetClient(1, new Dictionary<string, object?>
        {
            ["os_auth_token"] = "tok", ["watcher_url"] = new Uri(server.BaseAddress, "v1").ToString(),
        });
        var goal = await client.Goals.GetAsync("dummy");
        Assert.Equal("dummy", goal.Name);
        Assert.Equal(new WatcherApiVersion(1, 4), client.ApiVersion);
        var api = server.ApiRequests().Single();
        Assert.Equal("/v1/goals/dummy", api.Path); // a watcher_url ending in /v1 is trimmed to the service root
        Assert.Equal("tok", api.Header("X-Auth-Token"));
        Assert.Equal("infra-optim 1.4", api.Header("OpenStack-API-Version"));
    }

    [Fact]
    public async Task The_typed_overload_pins_the_version()
    {
        await using var server = await FakeServer.StartAsync(_ => Capture.Response("watcher-get-goals"));
        using var client = WatcherClientFactory.GetClient(new OpenStackClientOptions { Token = "tok", Endpoint = server.BaseAddress.ToString() }, new WatcherClientOptions
        {
            ApiVersion = new(1, 2),
        });
        await client.Goals.ListAsync();
        Assert.Equal("infra-optim 1.2", Assert.Single(server.Requests).Header("OpenStack-API-Version"));
        Assert.Equal(new WatcherApiVersion(1, 2), await client.GetApiVersionAsync());
    }

    [Fact]
    public void The_defaults_are_python_watcherclients_and_the_rest_is_the_clouds()
    {
        var options = new WatcherClientOptions();

        Assert.Equal((5, TimeSpan.FromSeconds(2), false), (options.Retries!.MaxRetries, options.Retries.Interval, options.Retries.RetryNonIdempotentRequests));
        Assert.Null(options.ApiVersion);
        Assert.Equal((null, null, null, null, null), (options.Endpoint, options.RegionName, options.Interfaces, options.Timeout, options.MaxResponseBytes));
        Assert.Empty(options.Validate());
    }

    [Fact]
    public void Invalid_options_are_one_clear_error_naming_each_problem()
    {
        var bad = new WatcherClientOptions
        {
            ApiVersion = new(2, 0), Retries = new RetryOptions { MaxRetries = -1 }, Timeout = TimeSpan.Zero, Endpoint = "not a url",
        };

        var ex = Assert.Throws<ArgumentException>(() => WatcherClientFactory.GetClient(new OpenStackClientOptions { Token = "tok", Endpoint = "http://h:9322/" }, bad));

        Assert.Equal("options", ex.ParamName);
        foreach (var named in new[] { "ApiVersion", "Retries.MaxRetries", "Timeout", "Endpoint 'not a url'" })
        {
            Assert.Contains(named, ex.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_clients_endpoint_wins_over_the_clouds_and_a_token_needs_only_one_of_them()
    {
        await using var server = await FakeServer.StartAsync(_ => Capture.Response("watcher-get-goals"));
        var cloud = new OpenStackClientOptions { Token = "tok", Endpoint = "http://127.0.0.1:1/" }; // nothing listens there

        using (var client = WatcherClientFactory.GetClient(cloud, new WatcherClientOptions { Endpoint = server.BaseAddress.ToString(), ApiVersion = new(1, 2) }))
        {
            await client.Goals.ListAsync();
        }
        using (var client = WatcherClientFactory.GetClient(new OpenStackClientOptions { Token = "tok" }, new WatcherClientOptions { Endpoint = server.BaseAddress.ToString(), ApiVersion = new(1, 2) }))
        {
            await client.Goals.ListAsync();
        }

        Assert.Equal(2, server.Requests.Count);
        Assert.All(server.Requests, r => Assert.Equal("tok", r.Header("X-Auth-Token")));
    }

    private static WatcherClientOptions ToOptions(object version) => version switch
    {
        int i => WatcherClientFactory.ToOptions(i, TokenArgs("http://h:9322")).Options,
        _ => WatcherClientFactory.ToOptions((string)version, TokenArgs("http://h:9322")).Options,
    };
}
