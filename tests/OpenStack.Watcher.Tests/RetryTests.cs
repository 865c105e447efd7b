using System.Net;
using System.Net.Sockets;
using OpenStack.Testing;

namespace OpenStack.Watcher.Tests;

public class RetryTests
{
    private static (WatcherClient Client, List<TimeSpan> Pauses) Client(Uri baseAddress, int maxRetries = 5, bool nonIdempotent = false)
    {
        var pauses = new List<TimeSpan>();
        var retry = new WatcherRetryHandler(maxRetries, TimeSpan.FromSeconds(2))
        {
            RetryNonIdempotentRequests = nonIdempotent,
            InnerHandler = new SocketsHttpHandler(),
        };
        retry.Delay = (d, _) => { pauses.Add(d); return Task.CompletedTask; };
        var micro = new WatcherMicroversionHandler(new WatcherApiVersion(1, 4)) { InnerHandler = retry };
        return (new WatcherClient(new HttpClient(micro) { BaseAddress = baseAddress }, micro, true), pauses);
    }

    [Fact]
    public async Task A_503_on_a_get_is_retried_with_the_fixed_interval()
    {
        var calls = 0;
        await using var server = await FakeServer.StartAsync(_ => ++calls < 3 ? new FakeResponse(503, "busy", "text/plain") : Capture.Response("watcher-get-goal-dummy"));
        var (client, pauses) = Client(server.BaseAddress);
        using var _ = client;
        var goal = await client.Goals.GetAsync("dummy");
        Assert.Equal("dummy", goal.Name);
        Assert.Equal(3, server.Requests.Count);
        Assert.Equal([TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(2)], pauses);
        Assert.All(server.Requests, r => Assert.Equal("infra-optim 1.4", r.Header("OpenStack-API-Version")));
    }

    [Fact]
    public async Task Retries_stop_after_max_retries_and_the_503_surfaces()
    {
        await using var server = await FakeServer.StartAsync(_ => new FakeResponse(503, "busy", "text/plain"));
        var (client, _) = Client(server.BaseAddress, maxRetries: 2);
        using var __ = client;
        var ex = await Assert.ThrowsAnyAsync<WatcherApiException>(() => client.Goals.ListAsync());
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

        var (optIn, _) = Client(server.BaseAddress, maxRetries: 1, nonIdempotent: true);
        using var ___ = optIn;
        await Assert.ThrowsAnyAsync<WatcherApiException>(() => optIn.Audits.CreateAsync(new AuditCreate { AuditType = AuditType.Oneshot, Goal = "g" }));
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
        var ex = await Assert.ThrowsAsync<HttpRequestException>(() => client.ActionPlans.StartAsync("p"));
        Assert.Equal(HttpRequestError.ConnectionError, ex.HttpRequestError);
        Assert.Equal(2, pauses.Count);
    }
}
