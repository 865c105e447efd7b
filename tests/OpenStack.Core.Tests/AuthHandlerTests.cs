using System.Net;
using System.Text;
using OpenStack.Testing;

namespace OpenStack.Core.Tests;

public sealed class AuthHandlerTests
{
    private static readonly OpenStackService Monitoring = new("monitoring", "v2.0");
    private static readonly OpenStackService InfraOptim = new("infra-optim", "v1");

    private static Func<RecordedRequest, FakeResponse> Keystone(Func<string> nextToken, params Ep[] endpoints) =>
        _ => FakeKeystone.Token(nextToken(), DateTimeOffset.UtcNow.AddHours(1), endpoints);

    [Theory]
    [InlineData("monitoring", "v2.0", "v2.0", "v2.0/metrics", "/v2.0/metrics")]
    [InlineData("monitoring", "v2.0", "", "v2.0/metrics", "/v2.0/metrics")]
    [InlineData("monitoring", "v2.0", "prefix/monasca/v2.0", "v2.0/metrics?name=cpu%20idle", "/prefix/monasca/v2.0/metrics")]
    [InlineData("monitoring", "v2.0", "prefix/monasca/", "v2.0/metrics", "/prefix/monasca/v2.0/metrics")]
    [InlineData("infra-optim", "v1", "", "v1/goals", "/v1/goals")]
    [InlineData("infra-optim", "v1", "v1", "v1/goals", "/v1/goals")]
    [InlineData("infra-optim", "v1", "watcher/", "v1/goals", "/watcher/v1/goals")]
    public async Task Relative_requests_reach_the_catalog_endpoint_whatever_its_shape(string type, string version, string catalogPath, string requestPath, string expectedPath)
    {
        await using var service = await FakeServer.StartAsync(_ => new FakeResponse(200, "{}"));
        var catalogUrl = service.BaseAddress.ToString().TrimEnd('/') + (catalogPath.Length == 0 ? "" : "/" + catalogPath);
        await using var keystone = await FakeServer.StartAsync(Keystone(() => "tok-1", new Ep(type, "svc", "public", "RegionOne", catalogUrl)));
        using var client = OpenStackHttpClient.Create(FakeKeystone.Password(keystone), new OpenStackService(type, version));

        using var response = await client.GetAsync(requestPath);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var seen = Assert.Single(service.Requests);
        Assert.Equal(expectedPath, seen.Path);
        Assert.Equal("tok-1", seen.Header("X-Auth-Token"));
        if (requestPath.Contains('?'))
        {
            Assert.Equal("?name=cpu%20idle", seen.QueryString);
        }
    }

    [Fact]
    public async Task Service_401_drops_the_token_reauthenticates_and_resends_the_body_once()
    {
        var n = 0;
        await using var service = await FakeServer.StartAsync(r => r.Header("X-Auth-Token") == "tok-1" ? FakeKeystone.Unauthorized() : new FakeResponse(201, "{}"));
        await using var keystone = await FakeServer.StartAsync(Keystone(() => $"tok-{Interlocked.Increment(ref n)}", new Ep("monitoring", "monasca", "public", "RegionOne", service.BaseAddress + "v2.0")));
        using var client = OpenStackHttpClient.Create(FakeKeystone.Password(keystone), Monitoring);

        using var response = await client.PostAsync("v2.0/metrics", new StringContent("""{"name":"cpu"}""", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(["tok-1", "tok-2"], service.Requests.Select(r => r.Header("X-Auth-Token")));
        Assert.All(service.Requests, r => Assert.Equal("""{"name":"cpu"}""", r.Body));
        Assert.All(service.Requests, r => Assert.StartsWith("application/json", r.Header("Content-Type")));
        Assert.Equal(2, FakeKeystone.TokenRequests(keystone));
    }

    [Fact]
    public async Task Persistent_401_is_returned_after_exactly_one_retry()
    {
        var n = 0;
        await using var service = await FakeServer.StartAsync(_ => FakeKeystone.Unauthorized());
        await using var keystone = await FakeServer.StartAsync(Keystone(() => $"tok-{Interlocked.Increment(ref n)}", new Ep("monitoring", "monasca", "public", "RegionOne", service.BaseAddress + "v2.0")));
        using var client = OpenStackHttpClient.Create(FakeKeystone.Password(keystone), Monitoring);

        using var response = await client.GetAsync("v2.0/metrics");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(2, service.Requests.Count);
        Assert.Equal(2, FakeKeystone.TokenRequests(keystone));
    }

    [Fact]
    public async Task Concurrent_401s_for_the_same_token_cause_one_reauthentication()
    {
        var n = 0;
        await using var service = await FakeServer.StartAsync(r => r.Header("X-Auth-Token") == "tok-1" ? FakeKeystone.Unauthorized() : new FakeResponse(200, "{}"));
        await using var keystone = await FakeServer.StartAsync(Keystone(() => $"tok-{Interlocked.Increment(ref n)}", new Ep("monitoring", "monasca", "public", "RegionOne", service.BaseAddress + "v2.0")));
        using var client = OpenStackHttpClient.Create(FakeKeystone.Password(keystone), Monitoring);
        await client.GetAsync("v2.0/versions"); // tok-1 cached (answered 401, then tok-2)
        var session = KeystoneSession.GetShared(FakeKeystone.Password(keystone));
        Assert.True(session.TokenRequestCount == 2);

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => client.GetAsync("v2.0/metrics")));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(2, FakeKeystone.TokenRequests(keystone));
    }

    [Fact]
    public async Task Token_is_not_sent_to_a_host_other_than_the_catalog_endpoint()
    {
        await using var service = await FakeServer.StartAsync(_ => new FakeResponse(200, "{}"));
        await using var elsewhere = await FakeServer.StartAsync(_ => new FakeResponse(200, "{}"));
        await using var keystone = await FakeServer.StartAsync(Keystone(() => "tok", new Ep("monitoring", "monasca", "public", "RegionOne", service.BaseAddress + "v2.0")));
        using var client = OpenStackHttpClient.Create(FakeKeystone.Password(keystone), Monitoring);

        using var response = await client.GetAsync(new Uri(elsewhere.BaseAddress, "v2.0/metrics"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(Assert.Single(elsewhere.Requests).Header("X-Auth-Token"));
        Assert.Empty(service.Requests);
    }

    [Fact]
    public async Task Token_does_not_follow_a_redirect_to_another_host_but_follows_one_on_the_same_host()
    {
        await using var elsewhere = await FakeServer.StartAsync(_ => new FakeResponse(200, "{}"));
        FakeServer? serviceRef = null;
        await using var service = await FakeServer.StartAsync(r => r.Path switch
        {
            "/v2.0/away" => new FakeResponse(302) { Headers = { ["Location"] = elsewhere.BaseAddress + "landed" } },
            "/v2.0/here" => new FakeResponse(307) { Headers = { ["Location"] = "/v2.0/landed" } },
            _ => new FakeResponse(200, "{}"),
        });
        serviceRef = service;
        await using var keystone = await FakeServer.StartAsync(Keystone(() => "tok", new Ep("monitoring", "monasca", "public", "RegionOne", service.BaseAddress + "v2.0")));
        using var client = OpenStackHttpClient.Create(FakeKeystone.Password(keystone), Monitoring);

        using var away = await client.GetAsync("v2.0/away");
        using var here = await client.PostAsync("v2.0/here", new StringContent("body"));

        Assert.Equal(HttpStatusCode.OK, away.StatusCode);
        var landedElsewhere = Assert.Single(elsewhere.Requests);
        Assert.Equal("/landed", landedElsewhere.Path);
        Assert.Null(landedElsewhere.Header("X-Auth-Token"));
        var landedHere = service.Requests.Single(r => r.Path == "/v2.0/landed");
        Assert.Equal("tok", landedHere.Header("X-Auth-Token"));
        Assert.Equal("POST", landedHere.Method);
        Assert.Equal("body", landedHere.Body);
    }

    [Fact]
    public async Task Pre_issued_token_with_endpoint_calls_no_keystone_and_is_not_retried_on_401()
    {
        await using var service = await FakeServer.StartAsync(r => r.Path == "/v1/goals" ? new FakeResponse(200, "{}") : FakeKeystone.Unauthorized());
        var options = new OpenStackClientOptions { Token = "pre-issued", Endpoint = service.BaseAddress + "v1", AuthUrl = "http://127.0.0.1:1/v3" };
        using var client = OpenStackHttpClient.Create(options, InfraOptim);

        using var ok = await client.GetAsync("v1/goals");
        using var denied = await client.GetAsync("v1/audits");

        Assert.Equal(service.BaseAddress, client.BaseAddress);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, denied.StatusCode);
        Assert.Equal(2, service.Requests.Count);
        Assert.All(service.Requests, r => Assert.Equal("pre-issued", r.Header("X-Auth-Token")));
    }

    [Fact]
    public async Task Endpoint_override_skips_the_catalog_but_still_authenticates()
    {
        await using var service = await FakeServer.StartAsync(_ => new FakeResponse(200, "{}"));
        await using var keystone = await FakeServer.StartAsync(Keystone(() => "tok")); // empty catalog
        var options = FakeKeystone.Password(keystone);
        options.Endpoint = service.BaseAddress + "prefix/v2.0/";
        using var client = OpenStackHttpClient.Create(options, Monitoring);

        using var response = await client.GetAsync("v2.0/metrics");

        Assert.Equal(new Uri(service.BaseAddress, "prefix/"), client.BaseAddress);
        Assert.Equal("/prefix/v2.0/metrics", Assert.Single(service.Requests).Path);
        Assert.Equal("tok", service.Requests[0].Header("X-Auth-Token"));
    }

    [Fact]
    public async Task Interface_preference_and_region_pick_the_endpoint()
    {
        await using var publicOne = await FakeServer.StartAsync(_ => new FakeResponse(200, "{}"));
        await using var internalTwo = await FakeServer.StartAsync(_ => new FakeResponse(200, "{}"));
        await using var internalOne = await FakeServer.StartAsync(_ => new FakeResponse(200, "{}"));
        await using var keystone = await FakeServer.StartAsync(Keystone(() => "tok",
            new Ep("monitoring", "monasca", "public", "RegionOne", publicOne.BaseAddress + "v2.0"),
            new Ep("monitoring", "monasca", "internal", "RegionOne", internalOne.BaseAddress + "v2.0"),
            new Ep("monitoring", "monasca", "internal", "RegionTwo", internalTwo.BaseAddress + "v2.0")));
        var options = FakeKeystone.Password(keystone);
        options.Interfaces = ["internalURL", "public"];
        options.RegionName = "RegionTwo";
        using var client = OpenStackHttpClient.Create(options, Monitoring);

        using var response = await client.GetAsync("v2.0/metrics");

        Assert.Single(internalTwo.Requests);
        Assert.Empty(internalOne.Requests);
        Assert.Empty(publicOne.Requests);
    }

    [Fact]
    public async Task Missing_service_fails_the_request_with_what_was_asked_and_what_the_catalog_has()
    {
        await using var keystone = await FakeServer.StartAsync(Keystone(() => "tok", new Ep("infra-optim", "watcher", "public", "RegionOne", "http://127.0.0.1:9322")));
        var options = FakeKeystone.Password(keystone);
        options.RegionName = "RegionOne";
        using var client = OpenStackHttpClient.Create(options, Monitoring);

        var e = await Assert.ThrowsAsync<EndpointNotFoundException>(() => client.GetAsync("v2.0/metrics"));

        Assert.Equal("No endpoint for service type 'monitoring' (interface public, region 'RegionOne', service name any) in the catalog. " +
                     "The catalog has: infra-optim (watcher): public RegionOne http://127.0.0.1:9322.", e.Message);
    }

    [Fact]
    public async Task Service_type_override_is_looked_up_instead_of_the_services_type()
    {
        await using var service = await FakeServer.StartAsync(_ => new FakeResponse(200, "{}"));
        await using var keystone = await FakeServer.StartAsync(Keystone(() => "tok", new Ep("monitoring-v2", "monasca", "public", "RegionOne", service.BaseAddress + "v2.0")));
        var options = FakeKeystone.Password(keystone);
        options.ServiceType = "monitoring-v2";
        using var client = OpenStackHttpClient.Create(options, Monitoring);

        using var response = await client.GetAsync("v2.0/metrics");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Clients_with_the_same_credentials_share_one_token()
    {
        await using var service = await FakeServer.StartAsync(_ => new FakeResponse(200, "{}"));
        await using var keystone = await FakeServer.StartAsync(Keystone(() => "tok",
            new Ep("monitoring", "monasca", "public", "RegionOne", service.BaseAddress + "v2.0"),
            new Ep("infra-optim", "watcher", "public", "RegionOne", service.BaseAddress.ToString())));
        using var monasca = OpenStackHttpClient.Create(FakeKeystone.Password(keystone), Monitoring);
        using var watcher = OpenStackHttpClient.Create(FakeKeystone.Password(keystone), InfraOptim);

        await Task.WhenAll(monasca.GetAsync("v2.0/metrics"), watcher.GetAsync("v1/goals"), monasca.GetAsync("v2.0/alarms"));

        Assert.Equal(1, FakeKeystone.TokenRequests(keystone));
        Assert.Equal(["/v1/goals", "/v2.0/alarms", "/v2.0/metrics"], service.Requests.Select(r => r.Path).Order());
    }

    [Fact]
    public async Task Explicit_session_is_used_and_outer_handlers_run_before_authentication()
    {
        await using var service = await FakeServer.StartAsync(_ => new FakeResponse(200, "{}"));
        await using var keystone = await FakeServer.StartAsync(Keystone(() => "tok", new Ep("infra-optim", "watcher", "public", "RegionOne", service.BaseAddress.ToString())));
        using var session = new KeystoneSession(FakeKeystone.Password(keystone));
        var outer = new RecordingHandler();
        using var client = OpenStackHttpClient.Create(new OpenStackClientOptions { Session = session }, InfraOptim, outer);

        using var response = await client.GetAsync("v1/goals");

        Assert.Equal(1, session.TokenRequestCount);
        Assert.Equal("https://infra-optim.catalog.invalid/v1/goals", outer.SeenUri);
        Assert.False(outer.SawToken);
        Assert.Equal("1.4", Assert.Single(service.Requests).Header("OpenStack-API-Version")?.Split(' ')[1]);
    }

    [Fact]
    public async Task Caller_supplied_token_is_sent_unchanged()
    {
        await using var service = await FakeServer.StartAsync(_ => FakeKeystone.Unauthorized());
        await using var keystone = await FakeServer.StartAsync(Keystone(() => "tok", new Ep("infra-optim", "watcher", "public", "RegionOne", service.BaseAddress.ToString())));
        using var client = OpenStackHttpClient.Create(FakeKeystone.Password(keystone), InfraOptim);
        using var request = new HttpRequestMessage(HttpMethod.Get, "v1/goals");
        request.Headers.Add("X-Auth-Token", "mine");

        using var response = await client.SendAsync(request);

        Assert.Equal("mine", Assert.Single(service.Requests).Header("X-Auth-Token"));
        Assert.Equal(1, FakeKeystone.TokenRequests(keystone));
    }

    [Fact]
    public async Task Token_appears_in_logs_only_as_a_sha256_fingerprint()
    {
        await using var service = await FakeServer.StartAsync(r => r.Header("X-Auth-Token") == "secret-token-1" ? FakeKeystone.Unauthorized() : new FakeResponse(200, "{}"));
        var n = 0;
        await using var keystone = await FakeServer.StartAsync(Keystone(() => $"secret-token-{Interlocked.Increment(ref n)}", new Ep("infra-optim", "watcher", "public", "RegionOne", service.BaseAddress.ToString())));
        var logs = new CapturingLoggerProvider();
        var options = FakeKeystone.Password(keystone, "log-password");
        options.LoggerFactory = logs;
        using var session = new KeystoneSession(options);
        using var client = OpenStackHttpClient.Create(new OpenStackClientOptions { Session = session, LoggerFactory = logs }, InfraOptim);

        await client.GetAsync("v1/goals");

        var all = string.Join("\n", logs.Messages);
        Assert.Contains(Redaction.Fingerprint("secret-token-1"), all);
        Assert.Contains(Redaction.Fingerprint("secret-token-2"), all);
        Assert.DoesNotContain("secret-token-1", all.Replace(Redaction.Fingerprint("secret-token-1"), ""));
        Assert.DoesNotContain("secret-token-2", all.Replace(Redaction.Fingerprint("secret-token-2"), ""));
        Assert.DoesNotContain("log-password", all);
    }

    private sealed class RecordingHandler : DelegatingHandler
    {
        public string? SeenUri { get; private set; }

        public bool SawToken { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            SeenUri = request.RequestUri?.ToString();
            SawToken = request.Headers.Contains("X-Auth-Token");
            request.Headers.Add("OpenStack-API-Version", "infra-optim 1.4");
            return base.SendAsync(request, cancellationToken);
        }
    }
}
