using OpenStack.Monasca;
using OpenStack.Watcher;
using OpenStack.Testing;

namespace OpenStack.Hosting.Tests;

/// <summary>
/// One construction shape for both services: <c>new MonascaClient(session, options?)</c> and
/// <c>new WatcherClient(session, options?)</c>, sharing one Keystone session (one token) between them.
/// </summary>
public sealed class SessionConstructionTests
{
    private const string Token = "gAAAAA-session-token-7731";

    [Fact]
    public async Task Both_clients_over_one_session_send_its_token_to_the_endpoint_the_session_names()
    {
        await using var server = await FakeServer.StartAsync(r => r.Path switch
        {
            "/v1/goals" => new FakeResponse(200, """{"goals": []}"""),
            "/v2.0/alarms" => new FakeResponse(200, """{"links": [], "elements": []}"""),
            _ => new FakeResponse(404, "{}"),
        });
        using var session = new KeystoneSession(new OpenStackClientOptions { Token = Token, Endpoint = server.BaseAddress.ToString() });

        using IWatcherClient watcher = new WatcherClient(session, new WatcherClientOptions { ApiVersion = new(1, 0), Retries = null });
        using IMonascaClient monasca = new MonascaClient(session);
        await watcher.Goals.ListAsync();
        await monasca.Alarms.ListAsync();

        Assert.Equal(["/v1/goals", "/v2.0/alarms"], server.Requests.Select(r => r.Path));
        Assert.All(server.Requests, r => Assert.Equal(Token, r.Header("X-Auth-Token")));
        Assert.Equal("infra-optim 1.0", server.Requests[0].Header("OpenStack-API-Version"));
    }

    [Fact]
    public async Task A_client_can_pick_its_own_endpoint_over_the_sessions()
    {
        await using var other = await FakeServer.StartAsync(_ => new FakeResponse(200, """{"links": [], "elements": []}"""));
        using var session = new KeystoneSession(new OpenStackClientOptions { Token = Token, Endpoint = "http://127.0.0.1:9/" });

        using var monasca = new MonascaClient(session, new MonascaClientOptions { Endpoint = other.BaseAddress + "v2.0" });
        await monasca.Alarms.ListAsync();

        Assert.Equal("/v2.0/alarms", Assert.Single(other.Requests).Path);
    }

    [Fact]
    public async Task A_clients_own_endpoint_wins_over_the_clouds_per_service_override_and_unset_values_are_the_clouds()
    {
        await using var other = await FakeServer.StartAsync(_ => new FakeResponse(200, """{"links": [], "elements": []}"""));
        await using var perService = await FakeServer.StartAsync(_ => new FakeResponse(200, """{"links": [], "elements": []}"""));
        var cloud = new OpenStackClientOptions { Token = Token, Endpoint = "http://127.0.0.1:9/" };
        cloud.ServiceOverrides["monitoring"] = new ServiceOverrides { Endpoint = perService.BaseAddress + "v2.0" };
        using var session = new KeystoneSession(cloud);

        using (var own = new MonascaClient(session, new MonascaClientOptions { Endpoint = other.BaseAddress + "v2.0" }))
        {
            await own.Alarms.ListAsync();
        }
        using (var clouds = new MonascaClient(session, new MonascaClientOptions { Timeout = TimeSpan.FromSeconds(20) }))
        {
            await clouds.Alarms.ListAsync();
        }

        Assert.Single(other.Requests);       // the client's choice
        Assert.Single(perService.Requests);  // left null: the cloud's monitoring_endpoint_override
    }

    [Fact]
    public void The_client_options_a_session_gives_hold_no_secret()
    {
        using var session = new KeystoneSession(new OpenStackClientOptions
        {
            AuthUrl = "http://keystone.invalid/v3", Username = "u", Password = "pw-secret-1", UserDomainName = "Default",
            RegionName = "R1",
        });

        var options = session.CreateClientOptions(new MonascaClientOptions { Interfaces = ["internal"], Timeout = TimeSpan.FromSeconds(7) });

        Assert.Null(options.Password);
        Assert.Same(session, options.Session);
        Assert.Equal("R1", options.RegionName);
        Assert.Equal(["internal"], options.Interfaces);
        Assert.Equal(TimeSpan.FromSeconds(7), options.Timeout);
    }

    [Fact]
    public async Task Monasca_retries_only_when_asked_and_through_the_one_policy()
    {
        await using var server = await FakeServer.StartAsync(_ => new FakeResponse(503, """{"title": "Service unavailable", "description": "busy"}"""));
        using var session = new KeystoneSession(new OpenStackClientOptions { Token = Token, Endpoint = server.BaseAddress.ToString() });

        using var plain = new MonascaClient(session);
        await Assert.ThrowsAsync<MonascaApiException>(() => plain.Alarms.ListAsync());
        Assert.Single(server.Requests); // python-monascaclient does not retry; neither does the default

        using var retrying = new MonascaClient(session, new MonascaClientOptions { Retries = new RetryOptions { MaxRetries = 2, Interval = TimeSpan.Zero } });
        var e = await Assert.ThrowsAsync<MonascaApiException>(() => retrying.Alarms.ListAsync());
        Assert.Equal(503, e.StatusCode);
        Assert.Equal(1 + 3, server.Requests.Count); // a GET: first attempt and two retries
        await Assert.ThrowsAsync<MonascaApiException>(() => retrying.Metrics.CreateAsync(new MetricCreate { Name = "m", Timestamp = 1, Value = 1 }));
        Assert.Equal(1 + 3 + 1, server.Requests.Count); // a POST that reached the server is never repeated
    }
}
