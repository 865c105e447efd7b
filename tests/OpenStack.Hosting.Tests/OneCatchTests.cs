using System.Net;
using System.Net.Sockets;
using Newtonsoft.Json;
using OpenStack.Monasca;
using OpenStack.Testing;
using OpenStack.Watcher;

namespace OpenStack.Hosting.Tests;

/// <summary>
/// python-watcherclient's one <c>except ClientException</c>: each failure a caller handles, played by fakes, is caught by
/// one <c>catch (OpenStackException)</c> and is the documented type; a cancellation stays
/// <see cref="OperationCanceledException"/> and a timeout HttpClient's <see cref="TaskCanceledException"/> with an inner
/// <see cref="TimeoutException"/> (naming Keystone and its URL when the token was awaited).
/// </summary>
public sealed class OneCatchTests
{
    public static TheoryData<string, Type> Failures() => new()
    {
        { "watcher 404", typeof(WatcherApiException) },
        { "watcher 500", typeof(WatcherApiException) },
        { "monasca 422", typeof(MonascaApiException) },
        { "monasca 503", typeof(MonascaApiException) },
        { "keystone 401", typeof(KeystoneAuthenticationException) },
        { "keystone 403", typeof(KeystoneAuthenticationException) },
        { "endpoint not found", typeof(EndpointNotFoundException) },
        { "watcher unreachable after retries", typeof(OpenStackConnectionException) },
        { "monasca unreachable after retries", typeof(OpenStackConnectionException) },
        { "keystone unreachable", typeof(KeystoneAuthenticationException) },
        { "oversized body", typeof(ResponseTooLargeException) },
        { "unreadable watcher body", typeof(WatcherApiException) },
        { "unreadable monasca body", typeof(MonascaApiException) },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public async Task One_catch_of_OpenStackException_catches_every_failure(string failure, Type expected)
    {
        await using var service = await FakeServer.StartAsync(r => ServiceAnswer(failure, r));
        await using var keystone = await FakeServer.StartAsync(r => KeystoneAnswer(failure, r, service.BaseAddress));
        var options = Options(failure == "keystone unreachable" ? new Uri($"http://127.0.0.1:{ClosedPort()}/") : keystone.BaseAddress);
        if (failure == "endpoint not found")
        {
            options.RegionName = "Nowhere";
        }
        if (failure.Contains("unreachable after retries", StringComparison.Ordinal))
        {
            options.Endpoint = $"http://127.0.0.1:{ClosedPort()}/{(failure.StartsWith("watcher", StringComparison.Ordinal) ? "v1" : "v2.0")}";
        }

        OpenStackException? caught = null;
        try
        {
            await CallAsync(failure, options, keystone);
        }
        catch (OpenStackException e) // the one catch
        {
            caught = e;
        }

        Assert.NotNull(caught);
        Assert.IsType(expected, caught);
        Assert.False(string.IsNullOrWhiteSpace(caught.Message));
        switch (failure)
        {
            case "watcher 404":
                Assert.Equal(404, caught.HttpStatus);
                Assert.Equal("req-404", caught.RequestId);
                Assert.Equal("Goal nope could not be found.", caught.ServerMessage);
                Assert.Equal("Watcher GET /v1/goals: Goal nope could not be found. (HTTP 404) (Request-ID: req-404)", caught.Message);
                break;
            case "monasca 422":
                Assert.Equal(422, caught.HttpStatus);
                Assert.Equal("Monasca GET /v2.0/alarms: bad dimension (HTTP 422) (Request-ID: req-422)", caught.Message);
                break;
            case "keystone 401":
                Assert.True(((KeystoneAuthenticationException)caught).IsUnauthorized);
                Assert.Equal(401, caught.HttpStatus);
                break;
            case "keystone 403":
                Assert.True(((KeystoneAuthenticationException)caught).IsForbidden);
                break;
            case "watcher unreachable after retries":
                Assert.IsType<HttpRequestException>(caught.InnerException);
                Assert.Null(caught.HttpStatus);
                Assert.Contains("infra-optim", caught.Message, StringComparison.Ordinal);
                break;
            case "oversized body":
                Assert.Contains("MaxResponseBytes = 1000", caught.Message, StringComparison.Ordinal); // the client's own limit
                break;
        }
    }

    [Fact]
    public async Task A_cancellation_stays_an_OperationCanceledException()
    {
        await using var service = await FakeServer.StartAsync();
        service.Handler = _ => service.Hold(new FakeResponse(200, "{\"goals\": []}"));
        await using var keystone = await FakeServer.StartAsync(r => KeystoneAnswer("", r, service.BaseAddress));
        using var watcher = WatcherClientFactory.GetClient(Options(keystone.BaseAddress), new WatcherClientOptions { ApiVersion = new(1, 0), Retries = null });
        using var cts = new CancellationTokenSource();
        var call = watcher.Goals.ListAsync(cancellationToken: cts.Token);
        await service.Held;
        await cts.CancelAsync();
        var e = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        Assert.IsNotAssignableFrom<OpenStackException>(e);
    }

    [Fact]
    public async Task A_timeout_waiting_for_Keystone_is_HttpClients_timeout_naming_Keystone_and_its_URL()
    {
        await using var keystone = await FakeServer.StartAsync();
        keystone.Handler = _ => keystone.Hold(new FakeResponse(500, "{}"));
        // Keystone's own request timeout (the session's, 30 s) is far from the call's 1 s, so the call's deadline is what
        // ends the wait (with the same 1 s for both, either may fire first on a loaded machine).
        var options = Options(keystone.BaseAddress);
        options.Timeout = TimeSpan.FromSeconds(30);
        using var session = new KeystoneSession(options);
        using var monasca = new MonascaClient(session, new MonascaClientOptions { Timeout = TimeSpan.FromSeconds(1) });
        var e = await Assert.ThrowsAsync<TaskCanceledException>(() => monasca.Alarms.ListAsync());
        var timeout = Assert.IsType<TimeoutException>(e.InnerException);
        Assert.Contains("Keystone", timeout.Message, StringComparison.Ordinal);
        Assert.Contains(options.AuthUrl!, timeout.Message, StringComparison.Ordinal);
        Assert.IsNotAssignableFrom<OpenStackException>(e);
    }

    private static async Task CallAsync(string failure, OpenStackClientOptions options, FakeServer keystone)
    {
        var retries = new RetryOptions { MaxRetries = 2, Interval = TimeSpan.FromMilliseconds(10) };
        switch (failure)
        {
            case "monasca unreachable after retries":
            {
                using var session = new KeystoneSession(options);
                using var monasca = new MonascaClient(session, new MonascaClientOptions { Endpoint = options.Endpoint, Retries = retries });
                await monasca.Alarms.ListAsync();
                return;
            }
            case "oversized body":
            {
                // The limit set on the client's own options, over a session whose limit is the default.
                using var session = new KeystoneSession(options);
                using var limited = new MonascaClient(session, new MonascaClientOptions { MaxResponseBytes = 1000 });
                await limited.Alarms.ListAsync();
                return;
            }
            case "monasca 422" or "monasca 503" or "unreadable monasca body":
            {
                using var monasca = MonascaClientFactory.Create("2_0", options);
                await monasca.Alarms.ListAsync();
                return;
            }
            default:
            {
                using var watcher = WatcherClientFactory.GetClient(options, new WatcherClientOptions { ApiVersion = new(1, 0), Retries = retries });
                await watcher.Goals.ListAsync();
                return;
            }
        }
    }

    private static FakeResponse ServiceAnswer(string failure, RecordedRequest request) => failure switch
    {
        "watcher 404" => new FakeResponse(404, JsonConvert.SerializeObject(new
        {
            error_message = JsonConvert.SerializeObject(new { faultcode = "Client", faultstring = "Goal nope could not be found.", debuginfo = (string?)null }),
        })) { Headers = { ["X-OpenStack-Request-Id"] = "req-404" } },
        "watcher 500" => new FakeResponse(500, "{\"error_message\": \"{\\\"faultcode\\\": \\\"Server\\\", \\\"faultstring\\\": \\\"boom\\\"}\"}"),
        "monasca 422" => new FakeResponse(422, "{\"title\": \"Unprocessable Entity\", \"description\": \"bad dimension\"}") { Headers = { ["X-OpenStack-Request-Id"] = "req-422" } },
        "monasca 503" => new FakeResponse(503, "<html><title>Service Unavailable</title></html>", "text/html"),
        "oversized body" => new FakeResponse(200, JsonConvert.SerializeObject(new { elements = Enumerable.Range(0, 200).Select(i => new { id = $"alarm-{i}" }), links = Array.Empty<object>() })),
        "unreadable watcher body" => new FakeResponse(200, "{\"goals\": 42}"),
        "unreadable monasca body" => new FakeResponse(200, "not json at all"),
        _ => new FakeResponse(request.Path.Contains("goals", StringComparison.Ordinal) ? 200 : 200,
            request.Path.Contains("goals", StringComparison.Ordinal) ? "{\"goals\": []}" : "{\"elements\": [], \"links\": []}"),
    };

    private static FakeResponse KeystoneAnswer(string failure, RecordedRequest request, Uri serviceRoot) => failure switch
    {
        "keystone 401" => new FakeResponse(401, "{\"error\": {\"code\": 401, \"title\": \"Unauthorized\", \"message\": \"The request you have made requires authentication.\"}}"),
        "keystone 403" => new FakeResponse(403, "{\"error\": {\"code\": 403, \"title\": \"Forbidden\", \"message\": \"You are not authorized to perform the requested action.\"}}"),
        _ => LeakMatrix.KeystoneAnswer(request, LeakFault.Service2xxValidEchoingTheToken, serviceRoot),
    };

    private static OpenStackClientOptions Options(Uri keystone) => new()
    {
        AuthUrl = new Uri(keystone, "v3").ToString(), Username = "admin", Password = "secret-password", UserDomainName = "Default",
        ProjectName = "one-catch-" + Guid.NewGuid().ToString("N"), ProjectDomainName = "Default",
    };

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
