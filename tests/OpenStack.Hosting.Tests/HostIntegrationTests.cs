using System.Diagnostics;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenStack.Diagnostics;
using OpenStack.IntegrationTests;
using OpenStack.Monasca;
using OpenStack.Testing;
using OpenStack.Watcher;

namespace OpenStack.Hosting.Tests;

/// <summary>
/// A host built with <c>Host.CreateApplicationBuilder</c>, configured only from a JSON file or from clouds.yaml, calling the
/// real Keystone and Watcher of <c>scripts/openstack-up.sh</c> through the registered clients. Monasca has no server in the
/// test deployment: its client is pointed (endpoint override) at a loopback fake that records what it receives.
/// </summary>
[Collection(OpenStackCollection.Name)]
public sealed class HostIntegrationTests(OpenStackFixture os) : IAsyncLifetime
{
    private readonly string _dir = Directory.CreateTempSubdirectory("openstack-hosting-").FullName;
    private FakeServer _monasca = null!;

    public async Task InitializeAsync()
    {
        _monasca = await FakeServer.StartAsync();
        _monasca.Handler = _ => new FakeResponse(200, """{"links":[],"elements":[{"id":"m1","name":"cpu.idle_perc","dimensions":{"hostname":"h1"}}]}""");
    }

    public async Task DisposeAsync()
    {
        await _monasca.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    private string CloudsYaml => Path.Combine(os.StateDir, "clouds.yaml");

    private CloudConfigLoader Loader => new()
    {
        EnvironmentVariables = new Dictionary<string, string> { ["OS_CLIENT_CONFIG_FILE"] = CloudsYaml },
        CurrentDirectory = _dir,
        HomeDirectory = _dir,
        SiteDirectory = _dir,
    };

    /// <summary>A host whose configuration is nothing but <paramref name="json"/> (written to a file).</summary>
    private HostApplicationBuilder JsonOnlyBuilder(JsonObject json, CapturingLoggerProvider? logs = null)
    {
        var file = Path.Combine(_dir, "appsettings.json");
        File.WriteAllText(file, json.ToJsonString());
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, ContentRootPath = _dir });
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddJsonFile(file, optional: false);
        builder.Logging.ClearProviders();
        if (logs is not null)
        {
            builder.Logging.SetMinimumLevel(LogLevel.Trace);
            builder.Logging.AddProvider(logs);
        }
        return builder;
    }

    private JsonObject AdminSettings() => new()
    {
        ["OpenStack"] = new JsonObject
        {
            ["AuthUrl"] = os.Admin.AuthUrl,
            ["Username"] = os.Admin.Username,
            ["Password"] = os.Admin.Password,
            ["ProjectName"] = os.Admin.ProjectName,
            ["UserDomainName"] = os.Admin.UserDomainName,
            ["ProjectDomainName"] = os.Admin.ProjectDomainName,
            ["RegionName"] = os.Admin.RegionName,
            ["Interfaces"] = new JsonArray(os.Admin.Interface),
        },
    };

    [Fact]
    public async Task Host_configured_from_a_json_file_calls_Keystone_Watcher_and_Monasca_with_one_shared_token()
    {
        var builder = JsonOnlyBuilder(AdminSettings());
        var backChannel = new RecordingHandler();
        builder.Services.AddKeystone(builder.Configuration.GetSection("OpenStack")).AddHttpMessageHandler(() => backChannel);
        builder.Services.AddMonasca(o => o.Endpoint = _monasca.BaseAddress.ToString());
        builder.Services.AddWatcher(o => o.Retries = null).AddStandardResilienceHandler();
        using var host = builder.Build();
        await host.StartAsync();

        var watcher = host.Services.GetRequiredService<IWatcherClient>();
        var monasca = host.Services.GetRequiredService<IMonascaClient>();
        var session = host.Services.GetRequiredService<KeystoneSession>();

        var goals = await watcher.Goals.ListAsync();
        Assert.NotEmpty(goals.Goals);
        Assert.Contains(goals.Goals, g => g.Name == "dummy");
        var metrics = await monasca.Metrics.ListAsync(name: "cpu.idle_perc");
        Assert.Single(metrics.Elements);

        // One token from the real Keystone, sent to both services.
        Assert.Equal(1, session.TokenRequestCount);
        var token = await session.GetTokenAsync();
        Assert.Equal("admin", token.UserName);
        var sent = Assert.Single(_monasca.Requests);
        Assert.Equal("/v2.0/metrics", sent.Path);
        Assert.Contains("name=cpu.idle_perc", sent.QueryString);
        Assert.Equal(token.Value, sent.Header("X-Auth-Token"));
        // Keystone was called through its own back-channel client (from IHttpClientFactory), never with a token.
        var tokenRequest = Assert.Single(backChannel.Requests);
        Assert.Equal("POST " + os.Admin.AuthUrl.TrimEnd('/') + "/auth/tokens", tokenRequest);
        Assert.False(backChannel.SawAuthToken);
        Assert.NotNull(watcher.ApiVersion); // negotiated through the registered pipeline

        // Another resolution of the clients reuses the session and its token.
        await host.Services.GetRequiredService<IWatcherClient>().Goals.ListAsync();
        Assert.Equal(1, session.TokenRequestCount);
        await host.StopAsync();
    }

    [Fact]
    public async Task Monasca_without_an_override_is_sent_to_the_catalogs_monitoring_endpoint_and_any_service_gets_a_client()
    {
        var logs = new CapturingLoggerProvider();
        var builder = JsonOnlyBuilder(AdminSettings(), logs);
        builder.Services.AddKeystone(builder.Configuration.GetSection("OpenStack"));
        builder.Services.AddMonasca();
        builder.Services.AddOpenStackHttpClient("nova", new OpenStackService("compute", "v2.1"));
        using var host = builder.Build();
        await host.StartAsync();
        var catalog = await os.AuthenticateAsync(os.Admin);

        // The test deployment registers Monasca in the catalog but may run no server there: whatever the answer, the
        // request went to the catalog's endpoint, with the spec's path.
        try
        {
            await host.Services.GetRequiredService<IMonascaClient>().Metrics.ListAsync();
        }
        catch (Exception e) when (e is HttpRequestException or MonascaApiException)
        {
        }
        var call = logs.Entries.Single(e => e.Category == typeof(MonascaClient).FullName && e.EventId.Id is 100 or 101);
        Assert.Equal(catalog.Endpoint("monitoring") + "/metrics", call["Url"]);

        // Any other OpenStack API: an authenticated HttpClient rooted at the catalog's service root (here the Nova stand-in).
        var nova = host.Services.GetRequiredService<IHttpClientFactory>().CreateClient("nova");
        using var servers = await nova.GetAsync("v2.1/servers");
        Assert.Equal(System.Net.HttpStatusCode.OK, servers.StatusCode);
        Assert.Equal(1, host.Services.GetRequiredService<KeystoneSession>().TokenRequestCount);
        await host.StopAsync();
    }

    [Fact]
    public async Task Host_configured_from_a_json_file_naming_a_cloud_of_clouds_yaml_calls_Watcher()
    {
        // The section's Cloud key loads that cloud from clouds.yaml ($OS_CLIENT_CONFIG_FILE, as openstacksdk finds it).
        Environment.SetEnvironmentVariable("OS_CLIENT_CONFIG_FILE", CloudsYaml);
        var builder = JsonOnlyBuilder(new JsonObject { ["OpenStack"] = new JsonObject { ["Cloud"] = "openstack-demo", ["Interfaces"] = new JsonArray("internal", "public") } });
        builder.Services.AddKeystone(builder.Configuration.GetSection("OpenStack"));
        builder.Services.AddWatcher();
        using var host = builder.Build();
        await host.StartAsync();

        // The demo user is a member: Watcher's policy refuses it, which shows whose token went out.
        var refused = await Assert.ThrowsAnyAsync<WatcherApiException>(() => host.Services.GetRequiredService<IWatcherClient>().Goals.ListAsync());
        Assert.Equal(403, refused.StatusCode);
        var token = await host.Services.GetRequiredService<KeystoneSession>().GetTokenAsync();
        Assert.Equal("demo", token.UserName);
        await host.StopAsync();
    }

    [Fact]
    public async Task Two_clouds_side_by_side_are_keyed_by_name_and_keep_their_own_tokens()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, ContentRootPath = _dir });
        builder.Services.AddKeystoneFromCloudsYaml("openstack-admin", cloudName: "admin", loader: Loader);
        builder.Services.AddKeystoneFromCloudsYaml("openstack-demo", cloudName: "demo", loader: Loader);
        builder.Services.AddWatcher("admin");
        builder.Services.AddWatcher("demo");
        using var host = builder.Build();
        await host.StartAsync();

        var admin = host.Services.GetRequiredKeyedService<IWatcherClient>("admin");
        var demo = host.Services.GetRequiredKeyedService<IWatcherClient>("demo");
        await admin.Goals.ListAsync();
        var refused = await Assert.ThrowsAnyAsync<WatcherApiException>(() => demo.Goals.ListAsync()); // policy: admin only
        Assert.Equal(403, refused.StatusCode);

        var adminSession = host.Services.GetRequiredKeyedService<KeystoneSession>("admin");
        var demoSession = host.Services.GetRequiredKeyedService<KeystoneSession>("demo");
        Assert.NotSame(adminSession, demoSession);
        Assert.Equal("admin", (await adminSession.GetTokenAsync()).UserName);
        Assert.Equal("demo", (await demoSession.GetTokenAsync()).UserName);
        Assert.Equal(1, adminSession.TokenRequestCount);
        Assert.Equal(1, demoSession.TokenRequestCount);
        // The first registered cloud's client is also the unkeyed one.
        Assert.NotNull(host.Services.GetRequiredService<IWatcherClient>());
        await host.StopAsync();
    }

    [Fact]
    public async Task A_real_call_is_logged_and_traced_as_promised_and_no_secret_appears()
    {
        using var activities = new ActivityCapture();
        using var meters = new MeterCapture();
        var logs = new CapturingLoggerProvider();
        var builder = JsonOnlyBuilder(AdminSettings(), logs);
        builder.Services.AddKeystone(builder.Configuration.GetSection("OpenStack"));
        builder.Services.AddWatcher();
        using var host = builder.Build();
        await host.StartAsync();
        var watcher = host.Services.GetRequiredService<IWatcherClient>();
        var session = host.Services.GetRequiredService<KeystoneSession>();

        await watcher.Goals.ListAsync();
        session.InvalidateToken();
        await watcher.Goals.ListAsync(); // a second token: a refresh
        var token = await session.GetTokenAsync();
        await host.StopAsync();

        var entries = logs.Entries;

        // Debug: method, URL, status, duration and request id of each call.
        var call = entries.First(e => e.Category == typeof(WatcherClient).FullName && e.EventId.Id == 100 && ((string)e["Url"]!).EndsWith("/v1/goals", StringComparison.Ordinal));
        Assert.Equal(LogLevel.Debug, call.Level);
        Assert.Equal(HttpMethod.Get, call["Method"]);
        Assert.Equal(200, call["StatusCode"]);
        Assert.IsType<double>(call["ElapsedMilliseconds"]);
        Assert.Contains(call.State, kv => kv.Key == "RequestId"); // Watcher 9 sends none on success; Keystone does (below)
        Assert.StartsWith("http://", (string)call["Url"]!);

        // Trace: headers (the token only hashed) and bodies.
        var request = entries.First(e => e.EventId.Id == 102 && e.Category == typeof(WatcherClient).FullName);
        Assert.Equal(LogLevel.Trace, request.Level);
        Assert.Contains("X-Auth-Token: {SHA256}", request.Message);
        var response = entries.First(e => e.EventId.Id == 103 && e.Category == typeof(WatcherClient).FullName);
        Assert.Contains("\"goals\"", response.Message);

        // Spans: one per call on OpenStack.Watcher, and the token requests on OpenStack.Core.
        var watcherEndpoint = (await os.AuthenticateAsync(os.Admin)).Endpoint("infra-optim");
        var spans = activities.Stopped.Where(a => a.Source.Name == WatcherDiagnostics.ActivitySourceName && a.DisplayName == "infra-optim GET v1/goals"
            && (string?)a.GetTagItem(OpenStackDiagnostics.Tags.Url) == watcherEndpoint + "/v1/goals").ToList(); // not the fakes of parallel tests
        Assert.Equal(2, spans.Count);
        var span = spans[0];
        Assert.Equal(ActivityKind.Client, span.Kind);
        Assert.Equal("infra-optim", span.GetTagItem(OpenStackDiagnostics.Tags.ServiceType));
        Assert.Equal("RegionOne", span.GetTagItem(OpenStackDiagnostics.Tags.Region));
        Assert.Equal("GET", span.GetTagItem(OpenStackDiagnostics.Tags.HttpMethod));
        Assert.Equal(200, span.GetTagItem(OpenStackDiagnostics.Tags.HttpStatusCode));
        Assert.EndsWith("/v1/goals", (string)span.GetTagItem(OpenStackDiagnostics.Tags.Url)!);
        var tokenSpans = activities.Stopped.Where(a => a.Source.Name == OpenStackDiagnostics.ActivitySourceName
            && (string?)a.GetTagItem(OpenStackDiagnostics.Tags.Url) == os.Admin.AuthUrl.TrimEnd('/') + "/auth/tokens").ToList();
        Assert.Contains(tokenSpans, a => (string?)a.GetTagItem(OpenStackDiagnostics.Tags.Reason) == "initial" && (int?)a.GetTagItem(OpenStackDiagnostics.Tags.HttpStatusCode) == 201
            && ((string?)a.GetTagItem(OpenStackDiagnostics.Tags.RequestId))?.StartsWith("req-", StringComparison.Ordinal) == true
            && (string?)a.GetTagItem(OpenStackDiagnostics.Tags.ServiceType) == "identity");
        Assert.Contains(tokenSpans, a => (string?)a.GetTagItem(OpenStackDiagnostics.Tags.Reason) == "refresh");

        // Metrics: tokens issued and refreshed.
        Assert.True(meters.Total(OpenStackDiagnostics.TokensIssuedInstrument) >= 2);
        Assert.True(meters.Total(OpenStackDiagnostics.TokenRefreshesInstrument) >= 1);

        // No secret anywhere: neither token nor password, in any message, structured value or span tag.
        var secrets = new[] { token.Value, os.Admin.Password };
        var texts = entries.SelectMany(e => e.State.Select(kv => Convert.ToString(kv.Value, System.Globalization.CultureInfo.InvariantCulture) ?? "").Append(e.Message))
            .Concat(activities.Stopped.SelectMany(a => a.TagObjects.Select(t => Convert.ToString(t.Value, System.Globalization.CultureInfo.InvariantCulture) ?? "").Append(a.DisplayName)))
            .ToList();
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(texts, t => t.Contains(secret, StringComparison.Ordinal));
        }
        Assert.Contains(texts, t => t.Contains(Redaction.Fingerprint(token.Value), StringComparison.Ordinal));
    }
}
