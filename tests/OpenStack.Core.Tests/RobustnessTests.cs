using System.Net;
using System.Net.Sockets;
using Newtonsoft.Json.Linq;
using OpenStack.Testing;

namespace OpenStack.Core.Tests;

/// <summary>
/// Adversarial inputs through the public entry point <see cref="OpenStackHttpClient.Create"/>: Keystone answering
/// garbage, down or slow; a service that never answers or refuses connections. Each gives one clear exception
/// (<see cref="KeystoneAuthenticationException"/>, or .NET's documented timeout/cancellation/connection exceptions) and
/// no secret in messages, ToString() or logs.
/// </summary>
public sealed class RobustnessTests
{
    private const string Password = "Pa55-w0rd-9f3c";
    private static readonly OpenStackService Monitoring = new("monitoring", "v2.0");

    private static async Task<KeystoneAuthenticationException> AuthFailureAsync(Func<RecordedRequest, FakeResponse> keystoneHandler, CapturingLoggerProvider? logs = null)
    {
        await using var keystone = await FakeServer.StartAsync(keystoneHandler);
        var options = FakeKeystone.Password(keystone, Password);
        options.LoggerFactory = logs;
        using var client = OpenStackHttpClient.Create(options, Monitoring);
        var e = await Assert.ThrowsAsync<KeystoneAuthenticationException>(() => client.GetAsync("v2.0/metrics"));
        Assert.DoesNotContain(Password, e.Message);
        Assert.DoesNotContain(Password, e.ToString());
        return e;
    }

    [Theory]
    [InlineData(500, "", "text/plain")]
    [InlineData(502, "<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1><hr>nginx</body></html>", "text/html")]
    [InlineData(503, "<html><body>Service Unavailable</body></html>", "text/html")]
    [InlineData(504, "<html><body>Gateway Time-out</body></html>", "text/html")]
    public async Task Keystone_errors_and_proxy_pages_give_an_authentication_error_with_the_status(int status, string body, string type)
    {
        var e = await AuthFailureAsync(_ => new FakeResponse(status, body, type));

        Assert.Equal((HttpStatusCode)status, e.StatusCode);
        Assert.Contains($"did not issue a token", e.Message);
        Assert.Contains(status.ToString(System.Globalization.CultureInfo.InvariantCulture), e.Message);
        if (body.Length > 0)
        {
            Assert.Contains("HTML", e.Message);
            Assert.DoesNotContain("<", e.Message);
        }
    }

    [Theory]
    [InlineData("<html><body>Welcome to nginx!</body></html>")]
    [InlineData("""{"token": {"methods": ["password"], "expires_at": "2030-01""")]
    [InlineData("""[{"token": {}}]""")]
    [InlineData("null")]
    [InlineData("")]
    [InlineData("""{"token": "abc"}""")]
    [InlineData("""{"token": null}""")]
    public async Task Keystone_201_that_is_not_a_token_gives_an_authentication_error(string body)
    {
        var e = await AuthFailureAsync(_ => new FakeResponse(201, body) { Headers = { ["X-Subject-Token"] = "tok-garbage" } });

        Assert.Equal(HttpStatusCode.Created, e.StatusCode);
        Assert.Contains("201", e.Message);
        Assert.DoesNotContain("tok-garbage", e.Message);
    }

    [Theory]
    [InlineData("""{"user": "admin"}""")]
    [InlineData("""{"roles": ["admin", 3]}""")]
    [InlineData("""{"project": ["p1"]}""")]
    [InlineData("""{"methods": {"password": true}}""")]
    [InlineData("""{"expires_at": {"at": 1}}""")]
    [InlineData("""{"catalog": {"monitoring": "x"}}""")]
    [InlineData("""{"catalog": [{"type": "monitoring", "endpoints": [{"interface": "public", "url": {"href": "http://x"}}]}]}""")]
    [InlineData("""{"catalog": [{"type": ["monitoring"], "endpoints": "none"}]}""")]
    [InlineData("""{"catalog": [{"type": "monitoring", "endpoints": [{"interface": 7, "url": "http://x", "region_id": {}}]}]}""")]
    public async Task Keystone_token_with_wrongly_typed_fields_gives_a_clear_error_not_a_crash(string tokenFields)
    {
        var t = JObject.Parse(tokenFields);
        t["methods"] ??= new JArray("password");
        t["expires_at"] ??= "2099-01-01T00:00:00.000000Z";
        var body = new JObject { ["token"] = t }.ToString();
        await using var keystone = await FakeServer.StartAsync(_ => new FakeResponse(201, body) { Headers = { ["X-Subject-Token"] = "tok-typed" } });
        using var client = OpenStackHttpClient.Create(FakeKeystone.Password(keystone, Password), Monitoring);

        var e = await Record.ExceptionAsync(() => client.GetAsync("v2.0/metrics"));

        // Either the token is malformed (an authentication error) or it is fine and the catalog has no usable endpoint.
        Assert.True(e is KeystoneAuthenticationException or EndpointNotFoundException, $"{e?.GetType().Name}: {e?.Message}");
        Assert.DoesNotContain("tok-typed", e!.Message);
        Assert.DoesNotContain(Password, e.ToString());
    }

    [Fact]
    public async Task Keystone_error_echoing_the_application_credential_secret_is_scrubbed_everywhere()
    {
        const string secret = "app-cred-secret-8842";
        var logs = new CapturingLoggerProvider();
        await using var keystone = await FakeServer.StartAsync(r =>
            new FakeResponse(400, new JObject
            {
                ["error"] = new JObject
                {
                    ["code"] = 400,
                    ["title"] = "Bad Request",
                    ["message"] = "Invalid input " + (string?)JObject.Parse(r.Body)["auth"]!["identity"]!["application_credential"]!["secret"],
                },
            }.ToString()));
        var options = new OpenStackClientOptions
        {
            AuthUrl = new Uri(keystone.BaseAddress, "v3").ToString(),
            ApplicationCredentialId = "ac-" + Guid.NewGuid().ToString("N"),
            ApplicationCredentialSecret = secret,
            LoggerFactory = logs,
        };
        using var client = OpenStackHttpClient.Create(options, Monitoring);

        var e = await Assert.ThrowsAsync<KeystoneAuthenticationException>(() => client.GetAsync("v2.0/metrics"));

        Assert.Equal(HttpStatusCode.BadRequest, e.StatusCode);
        Assert.Contains("Invalid input", e.Message);
        Assert.DoesNotContain(secret, e.Message);
        Assert.DoesNotContain(secret, e.ToString());
        Assert.DoesNotContain(secret, e.KeystoneMessage ?? "");
        Assert.DoesNotContain(secret, options.ToString());
        Assert.NotEmpty(logs.Messages);
        Assert.All(logs.Messages, m => Assert.DoesNotContain(secret, m));
    }

    [Fact]
    public async Task Keystone_refusing_connections_gives_an_authentication_error_naming_the_auth_url()
    {
        var options = new OpenStackClientOptions
        {
            AuthUrl = $"http://127.0.0.1:{StalledBodyServer.FreePort()}/v3",
            Username = "admin",
            Password = Password,
            UserDomainName = "Default",
            ProjectName = "refused-" + Guid.NewGuid().ToString("N"),
            ProjectDomainName = "Default",
        };
        using var client = OpenStackHttpClient.Create(options, Monitoring);

        var e = await Assert.ThrowsAsync<KeystoneAuthenticationException>(() => client.GetAsync("v2.0/metrics"));

        Assert.Null(e.StatusCode);
        Assert.Contains(options.AuthUrl, e.Message);
        Assert.Contains("connection refused", e.Message);
        Assert.IsType<HttpRequestException>(e.InnerException);
        Assert.DoesNotContain(Password, e.ToString());
    }

    [Fact]
    public async Task Keystone_that_never_answers_fails_within_the_timeout_with_a_documented_exception()
    {
        await using var keystone = await FakeServer.StartAsync();
        keystone.Handler = _ => keystone.Hold(FakeKeystone.Token("late", DateTimeOffset.UtcNow.AddHours(1)));
        var options = FakeKeystone.Password(keystone, Password);
        options.Timeout = TimeSpan.FromMilliseconds(300);
        using var client = OpenStackHttpClient.Create(options, Monitoring);
        var started = DateTime.UtcNow;
        var e = await Record.ExceptionAsync(() => client.GetAsync("v2.0/metrics"));

        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(10));
        // The Keystone request timeout and the HttpClient timeout are the same here: either wins, both say "timeout".
        switch (e)
        {
            case KeystoneAuthenticationException k:
                Assert.Contains("did not answer within 0.3 s", k.Message);
                break;
            case TaskCanceledException c:
                Assert.IsType<TimeoutException>(c.InnerException);
                break;
            default:
                Assert.Fail($"unexpected {e?.GetType().Name}: {e?.Message}");
                break;
        }
    }

    [Fact]
    public async Task Service_that_never_answers_times_out_with_TimeoutException_inside_TaskCanceledException()
    {
        await using var service = await FakeServer.StartAsync();
        service.Handler = _ => service.Hold(new FakeResponse(200, "{}"));
        var options = new OpenStackClientOptions { Token = "fixed-token-1234", Endpoint = service.BaseAddress + "v2.0", Timeout = TimeSpan.FromMilliseconds(300) };
        using var client = OpenStackHttpClient.Create(options, Monitoring);
        var e = await Assert.ThrowsAsync<TaskCanceledException>(() => client.GetAsync("v2.0/metrics"));

        Assert.IsType<TimeoutException>(e.InnerException);
        Assert.DoesNotContain("fixed-token-1234", e.ToString());
    }

    [Fact]
    public async Task Service_that_sends_headers_and_then_stalls_the_body_times_out_even_when_reading_headers_first()
    {
        await using var stalled = new StalledBodyServer("{\"elements\": [");
        var options = new OpenStackClientOptions { Token = "fixed-token-1234", Endpoint = stalled.BaseAddress + "v2.0", Timeout = TimeSpan.FromMilliseconds(300) };
        using var client = OpenStackHttpClient.Create(options, Monitoring);

        var call = Task.Run(async () =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "v2.0/metrics");
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            return await response.Content.ReadAsStringAsync();
        });
        var finished = await Task.WhenAny(call, Task.Delay(TimeSpan.FromSeconds(10)));

        Assert.Same(call, finished);
        var e = await Assert.ThrowsAsync<TaskCanceledException>(() => call);
        Assert.IsType<TimeoutException>(e.InnerException);
    }

    [Fact]
    public async Task Service_call_cancelled_by_the_caller_is_an_OperationCanceledException_without_TimeoutException()
    {
        await using var service = await FakeServer.StartAsync();
        service.Handler = _ => service.Hold(new FakeResponse(200, "{}"));
        var options = new OpenStackClientOptions { Token = "fixed-token-1234", Endpoint = service.BaseAddress.ToString() };
        using var client = OpenStackHttpClient.Create(options, Monitoring);
        using var cts = new CancellationTokenSource();
        var call = client.GetAsync("v2.0/metrics", cts.Token);
        await service.Held.WaitAsync(TimeSpan.FromSeconds(10));
        await cts.CancelAsync();

        var e = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);

        Assert.Equal(cts.Token, e.CancellationToken);
        Assert.IsNotType<TimeoutException>(e.InnerException);
    }

    [Fact]
    public async Task Service_refusing_connections_gives_OpenStackConnectionException_with_ConnectionError()
    {
        var options = new OpenStackClientOptions { Token = "fixed-token-1234", Endpoint = $"http://127.0.0.1:{StalledBodyServer.FreePort()}/v2.0" };
        using var client = OpenStackHttpClient.Create(options, Monitoring);

        var e = await Assert.ThrowsAsync<OpenStackConnectionException>(() => client.GetAsync("v2.0/metrics"));

        Assert.Equal(HttpRequestError.ConnectionError, e.HttpRequestError);
        Assert.IsType<HttpRequestException>(e.InnerException);
        Assert.DoesNotContain("fixed-token-1234", e.ToString());
    }

    [Fact]
    public async Task Catalog_endpoint_refusing_connections_gives_OpenStackConnectionException_not_an_auth_error()
    {
        var port = StalledBodyServer.FreePort();
        await using var keystone = await FakeServer.StartAsync(_ =>
            FakeKeystone.Token("tok-ok", DateTimeOffset.UtcNow.AddHours(1), new Ep("monitoring", "monasca", "public", "RegionOne", $"http://127.0.0.1:{port}/v2.0")));
        using var client = OpenStackHttpClient.Create(FakeKeystone.Password(keystone, Password), Monitoring);

        var e = await Assert.ThrowsAsync<OpenStackConnectionException>(() => client.GetAsync("v2.0/metrics"));

        Assert.Equal(HttpRequestError.ConnectionError, e.HttpRequestError);
    }

    [Fact]
    public async Task Logs_of_a_full_exchange_with_a_401_retry_hold_no_password_and_no_token()
    {
        var logs = new CapturingLoggerProvider();
        var n = 0;
        await using var service = await FakeServer.StartAsync(r => r.Header("X-Auth-Token") == "tok-secret-1"
            ? new FakeResponse(401, """{"error": {"code": 401, "message": "token tok-secret-1 expired"}}""")
            : new FakeResponse(200, "{}"));
        await using var keystone = await FakeServer.StartAsync(_ =>
            FakeKeystone.Token($"tok-secret-{Interlocked.Increment(ref n)}", DateTimeOffset.UtcNow.AddHours(1), new Ep("monitoring", "monasca", "public", "RegionOne", service.BaseAddress + "v2.0")));
        var options = FakeKeystone.Password(keystone, Password);
        options.LoggerFactory = logs;
        using var client = OpenStackHttpClient.Create(options, Monitoring);

        using var response = await client.GetAsync("v2.0/metrics");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEmpty(logs.Messages);
        Assert.All(logs.Messages, m =>
        {
            Assert.DoesNotContain(Password, m);
            Assert.DoesNotContain("tok-secret-", m);
        });
    }
}
