using OpenStack.Testing;

namespace OpenStack.Monasca.Tests;

public class FactoryTests
{
    [Theory]
    [InlineData("2_0")]
    [InlineData("2.0")]
    public async Task Version_2_0_is_selected_by_either_spelling(string version)
    {
        await using var server = await FakeServer.StartAsync(_ => new FakeResponse(200, """{"links": [], "elements": []}"""));
        using var http = server.CreateClient();

        var client = MonascaClientFactory.Create(version, http);
        await client.Metrics.ListAsync();

        Assert.Equal("/v2.0/metrics", Assert.Single(server.Requests).Path);
    }

    [Theory]
    [InlineData("1")]
    [InlineData("2_1")]
    [InlineData("3.0")]
    [InlineData("")]
    public void Other_versions_are_a_clear_error_listing_the_supported_ones(string version)
    {
        var ex = Assert.Throws<ArgumentException>(() => MonascaClientFactory.Create(version, new OpenStackClientOptions()));
        Assert.Contains($"'{version}' is not supported", ex.Message);
        Assert.Contains("2_0", ex.Message);
        Assert.Equal("apiVersion", ex.ParamName);
    }

    [Fact]
    public async Task The_typed_overload_takes_the_clouds_credentials_and_the_clients_own_settings()
    {
        var calls = 0;
        await using var server = await FakeServer.StartAsync(_ => Interlocked.Increment(ref calls) == 1
            ? new FakeResponse(503, """{"title": "Service unavailable"}""")
            : new FakeResponse(200, """{"links": [], "elements": []}"""));
        var cloud = new OpenStackClientOptions { Token = "tok-3", Endpoint = "http://127.0.0.1:1/v2.0" }; // nothing listens there

        using var client = MonascaClientFactory.Create("2_0", cloud, new MonascaClientOptions
        {
            Endpoint = server.BaseAddress + "v2.0", Retries = new RetryOptions { MaxRetries = 1, Interval = TimeSpan.Zero },
        });
        await client.Alarms.ListAsync();

        Assert.Equal(2, server.Requests.Count); // the client's endpoint, and one retry after the 503
        Assert.All(server.Requests, r => Assert.Equal("tok-3", r.Header("X-Auth-Token")));
        Assert.Equal(["2_0"], MonascaClientFactory.SupportedVersions);
    }

    [Fact]
    public void Invalid_client_settings_are_a_clear_error()
    {
        var ex = Assert.Throws<ArgumentException>(() => MonascaClientFactory.Create("2_0", new OpenStackClientOptions { Token = "t", Endpoint = "http://h:8070/" },
            new MonascaClientOptions { Retries = new RetryOptions { Interval = TimeSpan.FromSeconds(-1) } }));
        Assert.Contains("Retries.Interval must not be negative", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Python_keyword_arguments_with_token_and_versioned_endpoint_work()
    {
        await using var server = await FakeServer.StartAsync(_ => new FakeResponse(200, """{"links": [], "elements": [{"type": "EMAIL"}]}"""));

        using var client = MonascaClientFactory.Create("2_0", new Dictionary<string, object?>
        {
            ["token"] = "tok-1",
            ["endpoint"] = server.BaseAddress + "v2.0",     // as python-monascaclient takes it
            ["region_name"] = "RegionOne",
            ["interface"] = "public",
            ["timeout"] = 30,
            ["project_name"] = null,
        });
        var types = await client.NotificationTypes.ListAsync();

        Assert.Equal("EMAIL", Assert.Single(types.Elements).Type);
        var request = Assert.Single(server.Requests);
        Assert.Equal("/v2.0/notification-methods/types", request.Path);
        Assert.Equal("tok-1", request.Header("X-Auth-Token"));
    }

    [Fact]
    public async Task Os_prefixed_keyword_arguments_work_too()
    {
        await using var server = await FakeServer.StartAsync(_ => new FakeResponse(200, """{"links": [], "elements": []}"""));
        using var client = MonascaClientFactory.Create("2.0", new Dictionary<string, object?> { ["os_auth_token"] = "tok-2", ["os_endpoint"] = server.BaseAddress.ToString() });
        await client.Alarms.ListAsync();
        Assert.Equal("tok-2", Assert.Single(server.Requests).Header("X-Auth-Token"));
    }

    [Fact]
    public void An_unknown_keyword_is_named_in_the_error()
    {
        var ex = Assert.Throws<ArgumentException>(() => MonascaClientFactory.Create("2_0", new Dictionary<string, object?> { ["token"] = "t", ["bogus_option"] = 1 }));
        Assert.Contains("bogus_option", ex.Message);
    }

    [Fact]
    public void A_wrongly_typed_secret_is_named_but_not_echoed()
    {
        var ex = Assert.ThrowsAny<ArgumentException>(() => MonascaClientFactory.Create("2_0", new Dictionary<string, object?>
        {
            ["username"] = "demo", ["password"] = 987654321, ["auth_url"] = "http://127.0.0.1:1/v3",
        }));
        Assert.Contains("password", ex.Message);
        Assert.DoesNotContain("987654321", ex.Message);
    }

    [Fact]
    public void Missing_credentials_are_a_clear_error()
    {
        var ex = Assert.ThrowsAny<ArgumentException>(() => MonascaClientFactory.Create("2_0", new OpenStackClientOptions { Endpoint = "http://monasca:8070/v2.0" }));
        Assert.False(string.IsNullOrWhiteSpace(ex.Message));
    }

    [Fact]
    public async Task Typed_options_with_token_and_endpoint_work()
    {
        await using var server = await FakeServer.StartAsync(_ => new FakeResponse(200, """{"id": "v2.0"}"""));
        using var client = MonascaClientFactory.Create("2_0", new OpenStackClientOptions { Token = "tok-3", Endpoint = server.BaseAddress.ToString() });
        var version = await client.Versions.GetAsync("v2.0");
        Assert.Equal("v2.0", version.Id);
        Assert.Equal("/v2.0", Assert.Single(server.Requests).Path);
    }

    [Theory]
    [InlineData(null, "absolute BaseAddress")]
    [InlineData("http://monasca:8070/v2.0", "service root http://monasca:8070/")]
    [InlineData("http://monasca:8070/v2.0/", "service root http://monasca:8070/")]
    [InlineData("http://monasca:8070/monitoring", "must end with '/'")]
    public void An_unusable_base_address_is_explained(string? baseAddress, string expected)
    {
        using var http = new HttpClient();
        if (baseAddress is not null)
        {
            http.BaseAddress = new Uri(baseAddress);
        }
        var ex = Assert.Throws<ArgumentException>(() => new MonascaClient(http));
        Assert.Contains(expected, ex.Message);
    }

    [Fact]
    public void Every_resource_client_is_exposed_through_interfaces_for_mocking()
    {
        IMonascaClient client = new MonascaClient(new HttpClient { BaseAddress = new Uri("http://monasca:8070/") });
        Assert.IsType<MetricsClient>(client.Metrics);
        Assert.IsType<AlarmsClient>(client.Alarms);
        Assert.IsType<AlarmDefinitionsClient>(client.AlarmDefinitions);
        Assert.IsType<NotificationMethodsClient>(client.NotificationMethods);
        Assert.IsType<NotificationTypesClient>(client.NotificationTypes);
        Assert.IsType<VersionsClient>(client.Versions);
        Assert.IsType<LogsClient>(client.Logs);
        Assert.IsType<HealthcheckClient>(client.Healthcheck);
        Assert.Equal(new OpenStackService("monitoring", "v2.0"), MonascaClient.Service);
    }
}
