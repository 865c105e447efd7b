using System.Net;
using System.Net.Sockets;
using OpenStack.Testing;

namespace OpenStack.Core.Tests;

public sealed class KeystoneErrorTests
{
    private const string Password = "Tr0ub4dor&3-secret";

    [Fact]
    public async Task Wrong_password_gives_an_authentication_error_with_keystones_message_and_without_the_password()
    {
        await using var keystone = await FakeServer.StartAsync(_ => new FakeResponse(401, FakeKeystone.Unauthorized().Body) { Headers = { ["x-openstack-request-id"] = "req-1" } });
        var logs = new CapturingLoggerProvider();
        var options = FakeKeystone.Password(keystone, Password);
        options.LoggerFactory = logs;
        using var session = new KeystoneSession(options);

        var e = await Assert.ThrowsAsync<KeystoneAuthenticationException>(() => session.GetTokenAsync());

        Assert.Equal(HttpStatusCode.Unauthorized, e.StatusCode);
        Assert.Equal("The request you have made requires authentication.", e.KeystoneMessage);
        Assert.Equal("req-1", e.RequestId);
        Assert.Contains("refused the credentials of user 'admin'", e.Message);
        Assert.Contains(options.AuthUrl!, e.Message);
        Assert.Contains("401", e.Message);
        Assert.DoesNotContain(Password, e.ToString());
        Assert.DoesNotContain(logs.Messages, m => m.Contains(Password));
        Assert.NotEmpty(logs.Messages);
    }

    [Fact]
    public async Task Keystone_error_that_echoes_the_password_is_scrubbed()
    {
        await using var keystone = await FakeServer.StartAsync(_ => new FakeResponse(400, $$$"""{"error":{"code":400,"message":"Invalid input: '{{{Password}}}' is bad","title":"Bad Request"}}"""));
        using var session = new KeystoneSession(FakeKeystone.Password(keystone, Password));

        var e = await Assert.ThrowsAsync<KeystoneAuthenticationException>(() => session.GetTokenAsync());

        Assert.Equal(HttpStatusCode.BadRequest, e.StatusCode);
        Assert.DoesNotContain(Password, e.Message);
        Assert.DoesNotContain(Password, e.KeystoneMessage);
        Assert.Contains("Invalid input: '***' is bad", e.Message);
    }

    [Fact]
    public async Task Keystone_not_listening_gives_a_clear_error_naming_the_auth_url()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var authUrl = $"http://127.0.0.1:{port}/v3";
        using var session = new KeystoneSession(new OpenStackClientOptions { AuthUrl = authUrl, UserId = "u", Password = Password, ProjectId = "p" });

        var e = await Assert.ThrowsAsync<KeystoneAuthenticationException>(() => session.GetTokenAsync());

        Assert.Null(e.StatusCode);
        Assert.Equal($"Could not reach Keystone at {authUrl}: connection refused; is Keystone running?", e.Message);
        Assert.IsType<HttpRequestException>(e.InnerException);
    }

    [Fact]
    public async Task Html_answer_is_reported_as_not_a_token()
    {
        await using var keystone = await FakeServer.StartAsync(_ => new FakeResponse(200, "<html><body><h1>Welcome to nginx!</h1></body></html>", "text/html"));
        using var session = new KeystoneSession(FakeKeystone.Password(keystone, Password));

        var e = await Assert.ThrowsAsync<KeystoneAuthenticationException>(() => session.GetTokenAsync());

        Assert.Contains("answered 200 with text/html that is not a JSON token (is the auth URL right?)", e.Message);
        // The page is described, never quoted: a page from a proxy may echo the request and its password.
        Assert.Contains("the body (52 characters of HTML) had no Keystone error message", e.Message);
        Assert.DoesNotContain("nginx", e.Message);
    }

    [Fact]
    public async Task Garbled_json_is_reported_as_not_a_token()
    {
        await using var keystone = await FakeServer.StartAsync(_ => new FakeResponse(201, "{\"token\": {\"expi") { Headers = { ["X-Subject-Token"] = "t" } });
        using var session = new KeystoneSession(FakeKeystone.Password(keystone, Password));

        var e = await Assert.ThrowsAsync<KeystoneAuthenticationException>(() => session.GetTokenAsync());

        Assert.Contains("that is not a JSON token", e.Message);
        Assert.Equal(HttpStatusCode.Created, e.StatusCode);
    }

    [Fact]
    public async Task Answer_without_subject_token_is_reported()
    {
        await using var keystone = await FakeServer.StartAsync(_ => new FakeResponse(201, FakeKeystone.TokenBody(DateTimeOffset.UtcNow.AddHours(1))));
        using var session = new KeystoneSession(FakeKeystone.Password(keystone, Password));

        var e = await Assert.ThrowsAsync<KeystoneAuthenticationException>(() => session.GetTokenAsync());

        Assert.Contains("without an X-Subject-Token header", e.Message);
    }

    [Fact]
    public async Task Keystone_that_does_not_answer_in_time_gives_a_timeout_error()
    {
        await using var keystone = await FakeServer.StartAsync();
        keystone.Handler = _ => keystone.Hold(FakeKeystone.Token("late", DateTimeOffset.UtcNow.AddHours(1)));
        var options = FakeKeystone.Password(keystone, Password);
        options.Timeout = TimeSpan.FromMilliseconds(200);
        using var session = new KeystoneSession(options);
        var e = await Assert.ThrowsAsync<KeystoneAuthenticationException>(() => session.GetTokenAsync());

        Assert.Equal($"Keystone at {options.AuthUrl} did not answer within 0.2 s.", e.Message);
        Assert.Null(e.StatusCode);
    }
}
