using OpenStack.Testing;

namespace OpenStack.Core.Tests;

/// <summary>Bounded everything: the response size, the connections per endpoint, and a warning when TLS is not verified.</summary>
public sealed class LimitsTests
{
    private static readonly OpenStackService Nova = new("compute", "v2.1");

    private static HttpClient Client(FakeServer server, Action<OpenStackClientOptions>? configure = null)
    {
        var options = new OpenStackClientOptions { Token = "limits-token-value", Endpoint = server.BaseAddress + "v2.1" };
        configure?.Invoke(options);
        return OpenStackHttpClient.Create(options, Nova);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_body_past_the_limit_is_a_typed_error_naming_the_limit_the_status_and_the_size_seen(bool announced)
    {
        var body = "[" + string.Join(",", Enumerable.Repeat("\"0123456789abcdef\"", 200_000)) + "]"; // about 3.8 MB
        await using var server = await FakeServer.StartAsync(_ => new FakeResponse(200, body)
        {
            Headers = announced ? new Dictionary<string, string> { ["Content-Length"] = body.Length.ToString(System.Globalization.CultureInfo.InvariantCulture) } : new Dictionary<string, string>(),
        });
        using var http = Client(server, o => o.MaxResponseBytes = 1024 * 1024);

        var e = await Assert.ThrowsAsync<ResponseTooLargeException>(() => http.GetStringAsync("v2.1/servers"));

        Assert.IsAssignableFrom<OpenStackApiException>(e);
        Assert.Equal(200, e.StatusCode);
        Assert.Equal(1024 * 1024, e.Limit);
        Assert.Contains("1 MB limit (MaxResponseBytes = 1048576)", e.Message);
        Assert.Contains("The HTTP 200 answer to GET http://127.0.0.1:", e.Message);
        if (announced)
        {
            Assert.Equal(0, e.BytesRead); // refused from Content-Length, unread
            Assert.Equal(body.Length, e.ContentLength);
            Assert.Contains($"it announced {body.Length:N0} bytes (Content-Length) and was not read", e.Message);
        }
        else
        {
            Assert.Equal(1024 * 1024 + 1, e.BytesRead); // one byte past the limit, never the rest
            Assert.Contains("reading stopped after 1,048,577 bytes", e.Message);
        }
    }

    [Fact]
    public async Task The_default_is_64_MB_and_0_turns_the_limit_off()
    {
        var body = new string('x', 2 * 1024 * 1024);
        await using var server = await FakeServer.StartAsync(_ => new FakeResponse(200, body, "text/plain"));

        Assert.Equal(64L * 1024 * 1024, new OpenStackClientOptions().MaxResponseBytes);
        using var off = Client(server, o => o.MaxResponseBytes = 0);
        Assert.Equal(body.Length, (await off.GetStringAsync("v2.1/x")).Length);
        using var small = Client(server, o => o.MaxResponseBytes = 1000);
        await Assert.ThrowsAsync<ResponseTooLargeException>(() => small.GetStringAsync("v2.1/x"));
    }

    [Fact]
    public async Task An_error_body_past_the_limit_is_the_typed_error_too_when_read_whole()
    {
        await using var server = await FakeServer.StartAsync(_ => new FakeResponse(500, new string('e', 5000), "text/plain"));
        using var http = Client(server, o => o.MaxResponseBytes = 1000);

        var e = await Assert.ThrowsAsync<ResponseTooLargeException>(() => http.GetAsync("v2.1/x"));

        Assert.Equal(500, e.StatusCode);
    }

    [Fact]
    public async Task A_keystone_answer_past_the_limit_says_so_and_names_the_setting()
    {
        // A token answer whose catalog is larger than the limit: the session reached Keystone, which answered too much.
        var catalog = string.Join(",", Enumerable.Range(0, 20_000).Select(i => $$"""{"type": "svc{{i}}", "endpoints": []}"""));
        await using var keystone = await FakeServer.StartAsync(_ => new FakeResponse(201,
            $$$"""{"token": {"expires_at": "2099-01-01T00:00:00.000000Z", "catalog": [{{{catalog}}}]}}""")
        {
            Headers = { ["X-Subject-Token"] = "limits-issued-token" },
        });
        var options = FakeKeystone.Password(keystone, "limits-password");
        options.MaxResponseBytes = 64 * 1024;
        using var session = new KeystoneSession(options);

        var e = await Assert.ThrowsAsync<KeystoneAuthenticationException>(() => session.GetTokenAsync());

        Assert.StartsWith($"Keystone at {options.AuthUrl} answered more than this client reads", e.Message, StringComparison.Ordinal);
        Assert.Contains("65,536-byte limit (MaxResponseBytes = 65536", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Could not reach", e.Message, StringComparison.Ordinal);
        Assert.IsType<HttpRequestException>(e.InnerException);
    }

    [Fact]
    public async Task Connections_to_one_endpoint_are_bounded_by_default()
    {
        await using var server = await FakeServer.StartAsync(_ => new FakeResponse(200, "{}"));
        using var http = Client(server);

        await Task.WhenAll(Enumerable.Range(0, 1000).Select(_ => http.GetStringAsync("v2.1/x")));

        Assert.Equal(1000, server.Requests.Count);
        Assert.InRange(server.ConnectionCount, 1, OpenStackClientOptions.DefaultMaxConnectionsPerServer);
    }

    [Fact]
    public async Task Connections_per_endpoint_are_configurable()
    {
        await using var server = await FakeServer.StartAsync(_ => new FakeResponse(200, "{}"));
        using var http = Client(server, o => o.MaxConnectionsPerServer = 4);

        await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => http.GetStringAsync("v2.1/x")));

        Assert.InRange(server.ConnectionCount, 1, 4);
    }

    [Fact]
    public void An_insecure_session_logs_a_warning()
    {
        var logs = new CapturingLoggerProvider();
        using var session = new KeystoneSession(new OpenStackClientOptions
        {
            AuthUrl = "https://127.0.0.1:1/v3", Username = "u", Password = "secret-pw", UserDomainName = "Default", Insecure = true, LoggerFactory = logs,
        });
        using var verified = new KeystoneSession(new OpenStackClientOptions
        {
            AuthUrl = "https://127.0.0.1:1/v3", Username = "u2", Password = "secret-pw", UserDomainName = "Default", LoggerFactory = logs,
        });

        var warning = Assert.Single(logs.Messages);
        Assert.Contains("TLS certificate verification is off (Insecure) for https://127.0.0.1:1/v3", warning);
        Assert.DoesNotContain("secret-pw", warning);
    }
}
