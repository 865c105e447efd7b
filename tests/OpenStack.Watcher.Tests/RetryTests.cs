using System.Net;
using System.Net.Sockets;
using OpenStack.Testing;
using OpenStack.Http;

namespace OpenStack.Watcher.Tests;

/// <summary>Core's <see cref="RetryPolicy"/> under a Watcher client, on a fake clock.</summary>
public class RetryTests
{
    private static (WatcherClient Client, Pauses Pauses) Client(Uri baseAddress, int maxRetries = 5, bool nonIdempotent = false, bool negotiate = false)
    {
        var clock = new RecordingClock();
        var retry = RetryPolicy.CreateHandler(new RetryOptions
        {
            MaxRetries = maxRetries, Interval = TimeSpan.FromSeconds(2), RetryNonIdempotentRequests = nonIdempotent, TimeProvider = clock,
        });
        retry.InnerHandler = new SocketsHttpHandler();
        var micro = new WatcherMicroversionHandler(negotiate ? null : new WatcherApiVersion(1, 4)) { InnerHandler = retry };
        return (new WatcherClient(new HttpClient(micro) { BaseAddress = baseAddress }, micro, true), new Pauses(clock));
    }

    /// <summary>Moves the fake clock while a call runs; <see cref="Seconds"/> are the pauses the policy asked for.</summary>
    private sealed class Pauses(RecordingClock clock)
    {
        public IEnumerable<double> Seconds => clock.Delays.Select(d => d.TotalSeconds);

        public Task<T> Drive<T>(Task<T> call) => clock.DriveAsync(call, TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task A_503_on_a_get_is_retried_with_the_fixed_interval()
    {
        var calls = 0;
        await using var server = await FakeServer.StartAsync(_ => ++calls < 3 ? new FakeResponse(503, "busy", "text/plain") : Capture.Response("watcher-get-goal-dummy"));
        var (client, pauses) = Client(server.BaseAddress);
        using var _ = client;
        var goal = await pauses.Drive(client.Goals.GetAsync("dummy"));
        Assert.Equal("dummy", goal.Name);
        Assert.Equal(3, server.Requests.Count);
        Assert.Equal([2, 2], pauses.Seconds); // two fixed 2 s pauses
        Assert.All(server.Requests, r => Assert.Equal("infra-optim 1.4", r.Header("OpenStack-API-Version")));
    }

    [Fact]
    public async Task Retries_stop_after_max_retries_and_the_503_surfaces()
    {
        await using var server = await FakeServer.StartAsync(_ => new FakeResponse(503, "busy", "text/plain"));
        var (client, pauses) = Client(server.BaseAddress, maxRetries: 2);
        using var __ = client;
        var ex = await Assert.ThrowsAnyAsync<WatcherApiException>(() => pauses.Drive(client.Goals.ListAsync()));
        Assert.Equal(503, ex.StatusCode);
        Assert.Equal(3, server.Requests.Count);
    }

    [Fact]
    public async Task A_503_on_a_post_is_not_repeated_unless_asked()
    {
        await using var server = await FakeServer.StartAsync(_ => new FakeResponse(503, "busy", "text/plain"));
        var (client, _) = Client(server.BaseAddress);
        using var __ = client;
        await Assert.ThrowsAnyAsync<WatcherApiException>(() => client.ActionPlans.StartAsync("p"));
        Assert.Single(server.Requests);

        var (optIn, pauses) = Client(server.BaseAddress, maxRetries: 1, nonIdempotent: true);
        using var ___ = optIn;
        await Assert.ThrowsAnyAsync<WatcherApiException>(() => pauses.Drive(optIn.Audits.CreateAsync(new AuditCreate { AuditType = AuditType.Oneshot, Goal = "g" })));
        Assert.Equal(3, server.Requests.Count);
        Assert.Equal(server.Requests[1].Body, server.Requests[2].Body); // the body is resent intact
    }

    [Fact]
    public async Task A_409_is_not_retried()
    {
        await using var server = await FakeServer.StartAsync(_ => Capture.Response("watcher-post-audit-409-duplicate-name"));
        var (client, _) = Client(server.BaseAddress);
        using var __ = client;
        var ex = await Assert.ThrowsAnyAsync<WatcherApiException>(() => client.Goals.ListAsync());
        Assert.Equal(409, ex.StatusCode);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task A_refused_connection_is_retried_even_for_a_post()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop(); // nothing listens there now
        var (client, pauses) = Client(new Uri($"http://127.0.0.1:{port}/"), maxRetries: 2);
        using var _ = client;
        var ex = await Assert.ThrowsAsync<HttpRequestException>(() => pauses.Drive(client.ActionPlans.StartAsync("p")));
        Assert.Equal(HttpRequestError.ConnectionError, ex.HttpRequestError);
        Assert.Equal([2, 2], pauses.Seconds); // two retries
    }

    [Theory]
    [InlineData(503, "7", 7)]
    [InlineData(429, "3", 3)]
    [InlineData(503, "3600", 60)] // bounded by MaxRetryAfter
    [InlineData(429, "Sat, 01 Jan 2000 05:00:00 GMT", 60)] // an HTTP date hours after the (fake) clock's now: bounded too
    [InlineData(503, "Fri, 31 Dec 1999 23:00:00 GMT", 0)] // a date in the past: at once
    public async Task Retry_after_is_honoured_and_bounded(int status, string retryAfter, int seconds)
    {
        var calls = 0;
        await using var server = await FakeServer.StartAsync(_ => ++calls < 2
            ? new FakeResponse(status, "busy", "text/plain") { Headers = { ["Retry-After"] = retryAfter } }
            : Capture.Response("watcher-get-goal-dummy"));
        var (client, pauses) = Client(server.BaseAddress);
        using var _ = client;

        var goal = await pauses.Drive(client.Goals.GetAsync("dummy"));

        Assert.Equal("dummy", goal.Name);
        Assert.Equal(2, server.Requests.Count);
        Assert.Equal(seconds == 0 ? [] : [seconds], pauses.Seconds); // no pause is a pause of 0
    }

    [Fact]
    public async Task A_429_on_a_post_is_not_repeated_unless_asked()
    {
        await using var server = await FakeServer.StartAsync(_ => new FakeResponse(429, "slow down", "text/plain"));
        var (client, pauses) = Client(server.BaseAddress);
        using var __ = client;

        var ex = await Assert.ThrowsAnyAsync<WatcherApiException>(() => pauses.Drive(client.Audits.CreateAsync(new AuditCreate { AuditType = AuditType.Oneshot, Goal = "g" })));

        Assert.Equal(429, ex.StatusCode);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task A_refused_connection_takes_one_retry_budget_even_when_the_microversion_is_negotiated()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var (client, pauses) = Client(new Uri($"http://127.0.0.1:{port}/"), negotiate: true);
        using var _ = client;

        var ex = await Assert.ThrowsAsync<HttpRequestException>(() => pauses.Drive(client.Goals.ListAsync()));

        Assert.Equal(HttpRequestError.ConnectionError, ex.HttpRequestError);
        Assert.Equal([2, 2, 2, 2, 2], pauses.Seconds); // 10 s with the defaults: discovery spends no budget of its own (was 20 s)
    }

    [Fact]
    public async Task A_failed_discovery_is_not_remembered_as_the_servers_range()
    {
        var roots = 0;
        await using var server = await FakeServer.StartAsync(r => r.Path == "/"
            ? ++roots == 1
                ? new FakeResponse(503, "busy", "text/plain")
                : new FakeResponse(200, """{"versions":[{"id":"v1","status":"CURRENT","min_version":"1.0","max_version":"1.2","links":[]}]}""")
            : new FakeResponse(200, """{"goals": []}"""));
        var (client, pauses) = Client(server.BaseAddress, negotiate: true);
        using var _ = client;

        await pauses.Drive(client.Goals.ListAsync());
        await pauses.Drive(client.Goals.ListAsync());
        await pauses.Drive(client.Goals.ListAsync());

        Assert.Equal(["/", "/v1/goals", "/", "/v1/goals", "/v1/goals"], server.Requests.Select(r => r.Path));
        Assert.Empty(pauses.Seconds); // the 503 of the discovery was not retried
        Assert.Equal($"infra-optim {WatcherApiVersion.ClientMaximum}", server.Requests[1].Header("OpenStack-API-Version"));
        Assert.Equal("infra-optim 1.2", server.Requests[3].Header("OpenStack-API-Version"));
        Assert.Equal("infra-optim 1.2", server.Requests[4].Header("OpenStack-API-Version"));
    }

    [Fact]
    public async Task A_retry_after_beyond_the_calls_timeout_surfaces_the_answer_at_once()
    {
        // The client as the factory builds it: its timeout (10 s) is known to the retry policy.
        await using var server = await FakeServer.StartAsync(r => r.Header("X-Second") is null
            ? new FakeResponse(503, "busy", "text/plain") { Headers = { ["Retry-After"] = "3600" } }
            : Capture.Response("watcher-get-goal-dummy"));
        using var client = WatcherClientFactory.GetClient(new OpenStackClientOptions { Token = "fixed-token-1234", Endpoint = server.BaseAddress + "v1", Timeout = TimeSpan.FromSeconds(10) }, new WatcherClientOptions
        {
            ApiVersion = new WatcherApiVersion(1, 4),
        });
        var started = System.Diagnostics.Stopwatch.StartNew();

        var ex = await Assert.ThrowsAnyAsync<WatcherApiException>(() => client.Goals.GetAsync("dummy"));

        Assert.Equal(503, ex.StatusCode); // the server's answer, not HttpClient's timeout
        Assert.Equal("3600", ex.Headers["Retry-After"].Single());
        Assert.Single(server.Requests);
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(5), $"took {started.Elapsed}");
    }

    [Fact]
    public async Task A_retry_after_within_the_calls_timeout_is_waited_for()
    {
        var calls = 0;
        await using var server = await FakeServer.StartAsync(_ => Interlocked.Increment(ref calls) < 2
            ? new FakeResponse(503, "busy", "text/plain") { Headers = { ["Retry-After"] = "1" } }
            : Capture.Response("watcher-get-goal-dummy"));
        using var client = WatcherClientFactory.GetClient(new OpenStackClientOptions { Token = "fixed-token-1234", Endpoint = server.BaseAddress + "v1", Timeout = TimeSpan.FromSeconds(30) }, new WatcherClientOptions
        {
            ApiVersion = new WatcherApiVersion(1, 4),
        });

        var goal = await client.Goals.GetAsync("dummy");

        Assert.Equal("dummy", goal.Name);
        Assert.Equal(2, server.Requests.Count);
    }
}
