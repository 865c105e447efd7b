using OpenStack.Testing;

namespace OpenStack.Watcher.Tests;

public class ErrorTests
{
    private static async Task<WatcherApiException> Fail(FakeResponse response, Func<WatcherClient, Task> call)
    {
        await using var server = await FakeServer.StartAsync(_ => response);
        using var client = Fake.Client(server);
        return await Assert.ThrowsAnyAsync<WatcherApiException>(() => call(client));
    }

    [Fact]
    public async Task A_404_gives_the_faultstring_from_the_double_encoded_body()
    {
        var ex = await Fail(Capture.Response("watcher-get-goal-404"), c => c.Goals.GetAsync("no-such-goal"));
        Assert.Equal(404, ex.StatusCode);
        Assert.Equal("Goal no-such-goal could not be found", ex.ServerMessage);
        Assert.Equal("Client", ex.ErrorCode);
        Assert.Null(ex.Details);
        Assert.Null(ex.RequestId);
        Assert.Equal("Watcher GET /v1/goals/no-such-goal: Goal no-such-goal could not be found (HTTP 404)", ex.Message);
        Assert.Contains("error_message", ex.Response);
        Assert.Equal(new WatcherApiVersion(1, 0), ex.ServerVersion);
        var typed = Assert.IsType<WatcherApiException>(ex);
        Assert.Contains("could not be found", typed.Response, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(404, true, false)]
    [InlineData(409, false, true)]
    [InlineData(400, false, false)]
    public async Task Errors_are_OpenStackApiExceptions_with_the_shared_vocabulary(int status, bool notFound, bool conflict)
    {
        var body = $$"""{"error_message": "{\"faultcode\": \"Client\", \"faultstring\": \"it went wrong\", \"debuginfo\": \"trace\"}"}""";
        OpenStackApiException ex = await Fail(new FakeResponse(status, body) { Headers = { ["X-OpenStack-Request-Id"] = "req-w1" } },
            c => c.Goals.ListAsync());

        Assert.Equal(status, ex.StatusCode);
        Assert.Equal("it went wrong", ex.ServerMessage);
        Assert.Equal("trace", ex.Details);
        Assert.Equal("Client", ex.ErrorCode);
        Assert.Equal("req-w1", ex.RequestId);
        Assert.Equal((notFound, conflict), (ex.IsNotFound, ex.IsConflict));
        Assert.Contains("it went wrong", ex.Message);
    }

    [Theory]
    [InlineData("watcher-get-goals-400-bad-limit", 400, "Limit must be positive")]
    [InlineData("watcher-get-goals-400-bad-sort", 400, "Invalid sort key: nope")]
    [InlineData("watcher-post-audit-400-bad-body", 400, "Audit type NOPE could not be found")]
    [InlineData("watcher-post-audit-409-duplicate-name", 409, "An audit with UUID or name cap-cont-000710 already exists")]
    [InlineData("watcher-patch-audit-cancel-400-again", 400, "Couldn't apply patch '[{'path': '/state', 'op': 'replace', 'value': 'CANCELLED'}]'. Reason: State transition not allowed: (CANCELLED -> CANCELLED)")]
    [InlineData("watcher-data-model-1.3-500", 500, "Timed out waiting for a reply to message ID 0618d118a1f74f5ba08f3660c735ead6")]
    [InlineData("live-post-action-plan-start-400-again", 400, "Couldn't start when state is 'ONGOING'.")]
    public async Task Captured_errors_map_to_status_and_faultstring(string capture, int status, string fault)
    {
        var ex = await Fail(Capture.Response(capture), c => c.Goals.ListAsync());
        Assert.Equal(status, ex.StatusCode);
        Assert.Equal(fault, ex.ServerMessage);
        Assert.Contains(fault, ex.Message);
        Assert.Equal(status >= 500 ? "Server" : "Client", ex.ErrorCode);
    }

    [Fact]
    public async Task A_keystonemiddleware_401_gives_its_message()
    {
        var ex = await Fail(Capture.Response("watcher-get-goals-401-bad-token"), c => c.Goals.ListAsync());
        Assert.Equal(401, ex.StatusCode);
        Assert.Equal("The request you have made requires authentication.", ex.ServerMessage);
        Assert.Equal("401", ex.ErrorCode); // keystonemiddleware's code; its title is the Title
        Assert.Equal("Unauthorized", ex.Title);
        Assert.Equal("Watcher GET /v1/goals: The request you have made requires authentication. (HTTP 401)", ex.Message);
    }

    [Theory]
    [InlineData("live-get-url-404", 404, "404 Not Found The resource could not be found.")]
    [InlineData("live-put-goals-405", 405, "405 Method Not Allowed The method PUT is not allowed for this resource.")]
    public async Task Routing_errors_wrapping_html_give_its_text(string capture, int status, string text)
    {
        var ex = await Fail(Capture.Response(capture), c => c.Goals.ListAsync());
        Assert.Equal(status, ex.StatusCode);
        Assert.Equal(text, ex.ServerMessage);
    }

    [Fact]
    public async Task A_bare_html_or_text_body_from_a_proxy_still_gives_a_clear_message()
    {
        var html = new FakeResponse(502, "<html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1> upstream is down</body></html>", "text/html");
        var ex = await Fail(html, c => c.Goals.ListAsync());
        Assert.Equal("Watcher GET /v1/goals: Bad Gateway: the answer was an HTML page (\"502 Bad Gateway\"), probably from a proxy or a load balancer rather than Watcher: Bad Gateway upstream is down (HTTP 502)", ex.Message);
        var text = await Fail(new FakeResponse(404, "no route", "text/plain"), c => c.Goals.GetAsync("x"));
        Assert.Equal("Watcher GET /v1/goals/x: no route (HTTP 404)", text.Message);
        var empty = await Fail(new FakeResponse(500), c => c.Goals.GetAsync("x"));
        Assert.Equal("Watcher GET /v1/goals/x: Internal Server Error: the answer's body was empty (HTTP 500)", empty.Message);
    }

    [Fact]
    public async Task The_request_id_is_in_the_exception_and_its_message()
    {
        var response = Capture.Response("watcher-get-audit-404");
        response.Headers["X-OpenStack-Request-Id"] = "req-1234";
        var ex = await Fail(response, c => c.Audits.GetAsync("9f4e6b1b-3c8b-4b4b-9d7e-000000000000"));
        Assert.Equal("req-1234", ex.RequestId);
        Assert.EndsWith("(Request-ID: req-1234)", ex.Message);
    }

    [Fact]
    public async Task A_406_for_a_feature_names_the_server_range_and_the_version_used()
    {
        var ex = await Fail(Capture.Response("watcher-data-model-406-at-1.0"), c => c.DataModel.ListAsync("compute"));
        Assert.Equal(406, ex.StatusCode);
        Assert.Equal("Request not acceptable.", ex.ServerMessage);
        Assert.Contains("the server supports microversions 1.0 to 1.4; this request used 1.0", ex.Message);
    }

    [Fact]
    public async Task Secrets_never_appear_in_exception_messages()
    {
        const string token = "gAAAAA-secret-token";
        await using var server = await FakeServer.StartAsync(r => Capture.Response("watcher-get-goals-401-bad-token"));
        using var client = (WatcherClient)WatcherClientFactory.GetClient(1, new Dictionary<string, object?>
        {
            ["os_auth_token"] = token, ["watcher_url"] = server.BaseAddress.ToString(), ["max_retries"] = 0,
            ["os_infra_optim_api_version"] = "1.4",
        });
        var ex = await Assert.ThrowsAnyAsync<WatcherApiException>(() => client.Goals.ListAsync());
        Assert.Equal(token, server.Requests[0].Header("X-Auth-Token"));
        Assert.DoesNotContain(token, ex.Message);
        Assert.DoesNotContain(token, ex.ToString());
    }
}
