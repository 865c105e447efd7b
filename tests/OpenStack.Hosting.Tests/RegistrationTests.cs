using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenStack.Monasca;
using OpenStack.Testing;
using OpenStack.Watcher;

namespace OpenStack.Hosting.Tests;

/// <summary>The registrations against loopback fakes: pipeline order, TryAdd, validation at start, named clouds.</summary>
public sealed class RegistrationTests : IAsyncLifetime
{
    private FakeServer _server = null!;

    public async Task InitializeAsync() => _server = await FakeServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private static HostApplicationBuilder Builder()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.Sources.Clear();
        return builder;
    }

    private void PreIssuedToken(IServiceCollection services, string cloud = "") =>
        services.AddKeystone(cloud, o =>
        {
            o.Token = "pre-issued-token-value";
            o.Endpoint = _server.BaseAddress.ToString();
        });

    [Fact]
    public async Task AddMonasca_returns_the_builder_so_a_resilience_handler_retries_with_authentication_on_each_attempt()
    {
        var answers = new Queue<FakeResponse>([new FakeResponse(503, "{}"), new FakeResponse(200, """{"links":[],"elements":[]}""")]);
        _server.Handler = _ => answers.Count > 0 ? answers.Dequeue() : new FakeResponse(500);
        var builder = Builder();
        PreIssuedToken(builder.Services);
        IHttpClientBuilder http = builder.Services.AddMonasca();
        http.AddStandardResilienceHandler(o => o.Retry.Delay = TimeSpan.FromMilliseconds(1));
        using var host = builder.Build();
        await host.StartAsync();

        var metrics = await host.Services.GetRequiredService<IMonascaClient>().Metrics.ListAsync();

        Assert.Empty(metrics.Elements);
        Assert.Equal(2, _server.Requests.Count);
        Assert.All(_server.Requests, r =>
        {
            Assert.Equal("/v2.0/metrics", r.Path);
            Assert.Equal("pre-issued-token-value", r.Header("X-Auth-Token"));
        });
        Assert.Equal(MonascaServiceCollectionExtensions.HttpClientName, http.Name);
    }

    [Fact]
    public async Task AddWatcher_sends_the_microversion_header_and_honours_an_endpoint_override()
    {
        _server.Handler = r => r.Path == "/"
            ? new FakeResponse(200, """{"versions":[{"id":"v1","status":"CURRENT","min_version":"1.0","version":"1.4","links":[]}],"default_version":{"id":"v1","status":"CURRENT","min_version":"1.0","version":"1.4","links":[]}}""")
            : new FakeResponse(200, """{"goals":[]}""");
        var builder = Builder();
        builder.Services.AddKeystone(o =>
        {
            o.Token = "pre-issued-token-value";
            o.Endpoint = "http://127.0.0.1:1/"; // the cloud's default endpoint; Watcher's override below wins
        });
        builder.Services.AddWatcher(o =>
        {
            o.Endpoint = _server.BaseAddress + "v1";
            o.ApiVersion = new(1, 2);
        });
        using var host = builder.Build();
        await host.StartAsync();

        var watcher = host.Services.GetRequiredService<WatcherClient>();
        await watcher.Goals.ListAsync();

        var request = Assert.Single(_server.Requests, r => r.Path == "/v1/goals");
        Assert.Equal("infra-optim 1.2", request.Header("OpenStack-API-Version"));
        Assert.Equal("pre-issued-token-value", request.Header("X-Auth-Token"));
        Assert.Equal(WatcherApiVersion.Parse("1.2"), watcher.ApiVersion);
    }

    [Fact]
    public async Task Watcher_options_bind_from_a_configuration_section_under_the_clients_name()
    {
        _server.Handler = r => r.Path == "/v1/goals" ? new FakeResponse(503, "busy", "text/plain") : new FakeResponse(404, "{}");
        var builder = Builder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Watcher:Endpoint"] = _server.BaseAddress + "v1", ["Watcher:ApiVersion"] = "1.3", ["Watcher:Retries:MaxRetries"] = "0",
        });
        builder.Services.AddKeystone(o =>
        {
            o.Token = "pre-issued-token-value";
            o.Endpoint = "http://127.0.0.1:1/"; // the cloud's endpoint; the bound one wins
        });
        builder.Services.AddWatcher();
        builder.Services.Configure<WatcherClientOptions>(WatcherServiceCollectionExtensions.HttpClientName, builder.Configuration.GetSection("Watcher"));
        using var host = builder.Build();
        await host.StartAsync();

        var watcher = host.Services.GetRequiredService<IWatcherClient>();
        await Assert.ThrowsAsync<WatcherApiException>(() => watcher.Goals.ListAsync());

        var request = Assert.Single(_server.Requests); // bound: the endpoint, and no retry after the 503
        Assert.Equal("infra-optim 1.3", request.Header("OpenStack-API-Version"));
    }

    [Fact]
    public async Task Incomplete_settings_fail_at_start_with_a_message_that_says_what_is_missing()
    {
        var builder = Builder();
        builder.Services.AddKeystone(o =>
        {
            o.AuthUrl = "http://127.0.0.1:1/v3";
            o.Username = "demo";
            o.UserDomainName = "Default";
        });
        builder.Services.AddWatcher();
        using var host = builder.Build();

        var e = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
        Assert.Contains("Password", e.Message);
        Assert.Contains("OpenStack cloud (default)", e.Message);
    }

    [Fact]
    public async Task An_unknown_configuration_key_fails_at_start_naming_the_key()
    {
        var builder = Builder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["OpenStack:AuthUrl"] = "http://127.0.0.1:1/v3",
            ["OpenStack:Usernme"] = "demo",
        });
        builder.Services.AddKeystone(builder.Configuration.GetSection("OpenStack"));
        using var host = builder.Build();

        var e = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
        Assert.Contains("OpenStack:Usernme", e.Message);
    }

    [Fact]
    public async Task A_bad_watcher_microversion_fails_at_start()
    {
        var builder = Builder();
        PreIssuedToken(builder.Services);
        builder.Services.AddWatcher(o => o.ApiVersion = new(2, 7));
        using var host = builder.Build();

        var e = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
        Assert.Contains("ApiVersion", e.Message);
    }

    [Fact]
    public void A_client_of_an_unregistered_cloud_says_which_AddKeystone_call_is_missing()
    {
        var services = new ServiceCollection();
        PreIssuedToken(services, "east");
        services.AddMonasca("west");
        using var provider = services.BuildServiceProvider();

        var e = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredKeyedService<IMonascaClient>("west"));
        Assert.Contains("'west'", e.Message);
        Assert.Contains("AddKeystone(\"west\"", e.Message);
        Assert.Contains("east", e.Message);
    }

    [Fact]
    public void Registrations_use_TryAdd_so_that_a_service_registered_first_wins()
    {
        var services = new ServiceCollection();
        var mine = new FixedSessions(new KeystoneSession(new OpenStackClientOptions { Token = "t0k3n-of-mine", Endpoint = _server.BaseAddress.ToString() }));
        services.AddSingleton<IKeystoneSessionProvider>(mine);
        PreIssuedToken(services);
        services.AddMonasca();
        services.AddMonasca(); // twice: still one client registration
        using var provider = services.BuildServiceProvider();

        Assert.Same(mine, provider.GetRequiredService<IKeystoneSessionProvider>());
        Assert.Same(mine.Session, provider.GetRequiredService<KeystoneSession>());
        Assert.Single(services, d => d.ServiceType == typeof(IMonascaClient) && !d.IsKeyedService);
        Assert.Single(services, d => d.ServiceType == typeof(IKeystoneSessionProvider));
    }

    [Fact]
    public async Task Registering_a_client_twice_adds_its_handlers_once()
    {
        using var activities = new ActivityCapture();
        _server.Handler = _ => new FakeResponse(200, """{"links":[],"elements":[]}""");
        var builder = Builder();
        PreIssuedToken(builder.Services, "twice");
        builder.Services.AddMonasca("twice");
        builder.Services.AddMonasca("twice");
        using var host = builder.Build();
        await host.StartAsync();

        await host.Services.GetRequiredKeyedService<IMonascaClient>("twice").Metrics.ListAsync();

        Assert.Single(activities.Stopped, a => a.Source.Name == MonascaDiagnostics.ActivitySourceName
            && ((string?)a.GetTagItem("url.full"))?.StartsWith(_server.BaseAddress.ToString(), StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task Clients_of_two_named_clouds_resolve_as_keyed_services_and_share_nothing()
    {
        var builder = Builder();
        PreIssuedToken(builder.Services, "east");
        builder.Services.AddKeystone("west", o =>
        {
            o.Token = "west-token-value";
            o.Endpoint = _server.BaseAddress.ToString();
        });
        builder.Services.AddMonasca("east");
        builder.Services.AddMonasca("west");
        _server.Handler = _ => new FakeResponse(200, """{"links":[],"elements":[]}""");
        using var host = builder.Build();
        await host.StartAsync();

        await host.Services.GetRequiredKeyedService<IMonascaClient>("east").Metrics.ListAsync();
        await host.Services.GetRequiredKeyedService<IMonascaClient>("west").Metrics.ListAsync();

        Assert.Equal(["pre-issued-token-value", "west-token-value"], _server.Requests.Select(r => r.Header("X-Auth-Token")));
        Assert.Equal("OpenStack.Monasca.west", OpenStackServiceCollectionExtensions.HttpClientNameFor(MonascaServiceCollectionExtensions.HttpClientName, "west"));
    }

    [Fact]
    public async Task Each_call_is_logged_at_debug_and_traced_with_the_request_id_the_service_answered_with()
    {
        using var activities = new ActivityCapture();
        var logs = new CapturingLoggerProvider();
        _server.Handler = _ => new FakeResponse(200, """{"id":"3f7e2a8c-4b5d-4e6f-8a9b-0c1d2e3f4a5b","name":"cpu","expression":"avg(cpu.idle_perc) < 10","match_by":[],"severity":"LOW","actions_enabled":true,"alarm_actions":[],"ok_actions":[],"undetermined_actions":[],"links":[]}""")
        {
            Headers = { ["X-OpenStack-Request-Id"] = "req-0f5c" },
        };
        var builder = Builder();
        builder.Logging.ClearProviders().SetMinimumLevel(LogLevel.Debug).AddProvider(logs);
        PreIssuedToken(builder.Services, "traced");
        builder.Services.AddMonasca("traced", o => o.RegionName = "RegionTwo");
        using var host = builder.Build();
        await host.StartAsync();

        await host.Services.GetRequiredKeyedService<IMonascaClient>("traced").AlarmDefinitions.GetAsync("3f7e2a8c-4b5d-4e6f-8a9b-0c1d2e3f4a5b");

        var span = Assert.Single(activities.Stopped, a => a.Source.Name == MonascaDiagnostics.ActivitySourceName && (string?)a.GetTagItem("openstack.region") == "RegionTwo");
        Assert.Equal("monitoring GET v2.0/alarm-definitions/{id}", span.DisplayName);
        Assert.Equal("req-0f5c", span.GetTagItem("openstack.request_id"));
        Assert.Equal("monitoring", span.GetTagItem("openstack.service.type"));
        Assert.Equal(200, span.GetTagItem("http.response.status_code"));
        var log = Assert.Single(logs.Entries, e => e.Category == typeof(MonascaClient).FullName);
        Assert.Equal(100, log.EventId.Id);
        Assert.Equal(LogLevel.Debug, log.Level);
        Assert.Matches(@"^GET http://127\.0\.0\.1:\d+/v2\.0/alarm-definitions/3f7e2a8c-4b5d-4e6f-8a9b-0c1d2e3f4a5b answered 200 in \d+\.\d ms, request id req-0f5c$", log.Message);
        Assert.Equal("req-0f5c", log["RequestId"]);
        Assert.DoesNotContain(logs.Entries, e => e.Message.Contains("pre-issued-token-value", StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Entries, e => e.Level < LogLevel.Debug); // bodies only at Trace
    }

    private sealed class FixedSessions(KeystoneSession session) : IKeystoneSessionProvider
    {
        public KeystoneSession Session => session;

        public KeystoneSession GetSession(string? cloudName = null) => session;
    }

    [Theory]
    [InlineData("1.2", "1.2")]
    [InlineData("1.latest", null)]
    [InlineData("1", null)]
    public void The_api_version_binds_from_configuration_text(string text, string? pinned)
    {
        var config = new Microsoft.Extensions.Configuration.ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Watcher:ApiVersion"] = text, ["Watcher:Retries:MaxRetries"] = "0" })
            .Build();

        var options = Microsoft.Extensions.Configuration.ConfigurationBinder.Get<WatcherClientOptions>(config.GetSection("Watcher"))!;

        Assert.Equal(pinned is null ? null : WatcherApiVersion.Parse(pinned), options.ApiVersion);
        Assert.Equal(0, options.Retries!.MaxRetries);
        Assert.Equal(TimeSpan.FromSeconds(2), options.Retries.Interval); // the rest keeps python-watcherclient's default
    }

    [Fact]
    public void Monasca_options_bind_from_configuration_with_the_base_settings()
    {
        var config = new Microsoft.Extensions.Configuration.ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Monasca:Endpoint"] = "http://monasca:8070/", ["Monasca:Interfaces:0"] = "internal", ["Monasca:RegionName"] = "R2",
                ["Monasca:Timeout"] = "00:00:30", ["Monasca:MaxResponseBytes"] = "1000", ["Monasca:Retries:MaxRetries"] = "3",
                ["Monasca:Retries:Interval"] = "00:00:01",
            })
            .Build();

        var options = Microsoft.Extensions.Configuration.ConfigurationBinder.Get<MonascaClientOptions>(config.GetSection("Monasca"))!;

        Assert.Equal(("http://monasca:8070/", "R2", TimeSpan.FromSeconds(30), 1000L), (options.Endpoint, options.RegionName, options.Timeout!.Value, options.MaxResponseBytes!.Value));
        Assert.Equal(["internal"], options.Interfaces!);
        Assert.Equal((3, TimeSpan.FromSeconds(1)), (options.Retries!.MaxRetries, options.Retries.Interval));
        Assert.Null(new MonascaClientOptions().Retries); // unbound: python-monascaclient does not retry
    }

    [Theory]
    [InlineData("monasca")]
    [InlineData("watcher")]
    public async Task Invalid_service_options_fail_at_start_naming_the_client_the_cloud_and_each_problem(string service)
    {
        var builder = Builder();
        PreIssuedToken(builder.Services);
        if (service == "monasca")
        {
            builder.Services.AddMonasca("east", o => { o.Retries = new RetryOptions { MaxRetries = -1 }; o.MaxResponseBytes = -5; });
        }
        else
        {
            builder.Services.AddWatcher("east", o => { o.Retries = new RetryOptions { MaxRetries = -1 }; o.MaxResponseBytes = -5; });
        }
        using var host = builder.Build();

        var e = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains(service == "monasca" ? "MonascaClient of cloud 'east'" : "WatcherClient of cloud 'east'", e.Message, StringComparison.Ordinal);
        Assert.Contains("Retries.MaxRetries must not be negative", e.Message, StringComparison.Ordinal);
        Assert.Contains("MaxResponseBytes must not be negative", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_api_version_in_configuration_is_an_error_naming_the_setting()
    {
        var config = new Microsoft.Extensions.Configuration.ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Watcher:ApiVersion"] = "2.7" })
            .Build();

        var e = Assert.Throws<InvalidOperationException>(() => Microsoft.Extensions.Configuration.ConfigurationBinder.Get<WatcherClientOptions>(config.GetSection("Watcher")));
        Assert.Contains("ApiVersion", e.Message, StringComparison.Ordinal);
    }
}
