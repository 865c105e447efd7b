using OpenStack.Testing;

namespace OpenStack.Monasca.Tests;

public class ErrorTests
{
    private static async Task<MonascaApiException> Fail(FakeResponse response, Func<MonascaClient, Task>? call = null)
    {
        await using var fake = await Fake.StartAsync(response);
        return await Assert.ThrowsAsync<MonascaApiException>(() => (call ?? (c => c.Alarms.GetAsync("a1")))(fake.Client));
    }

    [Theory]
    [InlineData(404, true, false, false)]
    [InlineData(409, false, true, false)]
    [InlineData(403, false, false, true)]
    public async Task Errors_are_OpenStackApiExceptions_with_the_shared_vocabulary(int status, bool notFound, bool conflict, bool forbidden)
    {
        OpenStackApiException ex = await Fail(new FakeResponse(status, """{"title": "Some Title", "description": "it went wrong"}""")
        {
            Headers = { ["X-OpenStack-Request-Id"] = "req-m1" },
        });

        Assert.Equal(status, ex.StatusCode);
        Assert.Equal("Some Title", ex.Title);
        Assert.Equal("it went wrong", ex.ServerMessage);
        Assert.Equal("req-m1", ex.RequestId);
        Assert.Equal((notFound, conflict, forbidden), (ex.IsNotFound, ex.IsConflict, ex.IsForbidden));
        Assert.Contains("it went wrong", ex.Message);
    }

    [Fact]
    public async Task The_python_servers_title_and_description_make_the_message()
    {
        var ex = await Fail(
            new FakeResponse(422, """{"title": "Unprocessable Entity", "description": "invalid length for metric name: for metric x"}""")
            {
                Headers = { ["X-OpenStack-Request-Id"] = "req-123" },
            },
            c => c.Metrics.CreateAsync(new[] { new MetricCreate { Name = "x", Timestamp = 0, Value = 1 } }));

        Assert.Equal(422, ex.StatusCode);
        Assert.Equal("Unprocessable Entity", ex.Title);
        Assert.Equal("invalid length for metric name: for metric x", ex.ServerMessage);
        Assert.Equal("req-123", ex.RequestId);
        Assert.Equal(("POST", "/v2.0/metrics"), (ex.RequestMethod, ex.RequestPath));
        Assert.Equal(
            "Monasca POST /v2.0/metrics: invalid length for metric name: for metric x (HTTP 422) (Request-ID: req-123)",
            ex.Message);
        Assert.Contains("invalid length", ex.Response);
    }

    [Fact]
    public async Task A_bare_404_title_is_enough()
    {
        var ex = await Fail(new FakeResponse(404, """{"title": "404 Not Found"}"""));
        Assert.True(ex.IsNotFound);
        Assert.Equal("404 Not Found", ex.Title);
        Assert.Null(ex.ServerMessage);
        Assert.Equal("Monasca GET /v2.0/alarms/a1: 404 Not Found (HTTP 404)", ex.Message);
    }

    [Fact]
    public async Task Keystone_middlewares_error_shape_is_parsed()
    {
        var ex = await Fail(new FakeResponse(401, """{"error": {"code": 401, "title": "Unauthorized", "message": "The request you have made requires authentication."}}""")
        {
            Headers = { ["WWW-Authenticate"] = "Keystone uri=\"http://keystone:5000\"" },
        });
        Assert.True(ex.IsUnauthorized);
        Assert.False(ex.IsForbidden);
        Assert.Equal("401", ex.ErrorCode);
        Assert.Equal("Unauthorized", ex.Title);
        Assert.Equal("The request you have made requires authentication.", ex.ServerMessage);
        Assert.Equal("Monasca GET /v2.0/alarms/a1: The request you have made requires authentication. (HTTP 401)", ex.Message);
    }

    [Fact]
    public async Task A_policy_denial_comes_as_401_Forbidden_and_is_surfaced_as_such()
    {
        var ex = await Fail(new FakeResponse(401, """{"title": "Forbidden", "description": "The request does not have access to this service"}""")
        {
            Headers = { ["WWW-Authenticate"] = "Token" },
        });
        Assert.True(ex.IsForbidden);
        Assert.False(ex.IsUnauthorized);
        Assert.Contains("policy denial", ex.Message);
        Assert.Contains("Forbidden: The request does not have access to this service", ex.Message);
    }

    [Fact]
    public async Task The_java_servers_fault_shape_is_parsed()
    {
        var ex = await Fail(new FakeResponse(409, """{"conflict": {"code": 409, "message": "An alarm definition with the name x already exists", "details": "", "internal_code": "5d2f"}}"""));
        Assert.Equal("conflict", ex.Fault);
        Assert.Equal("409", ex.ErrorCode);
        Assert.Equal("An alarm definition with the name x already exists", ex.Title);
        Assert.Null(ex.ServerMessage);
        Assert.Equal("Monasca GET /v2.0/alarms/a1: An alarm definition with the name x already exists (HTTP 409)", ex.Message);
    }

    [Fact]
    public async Task An_html_page_from_a_proxy_says_so()
    {
        var ex = await Fail(new FakeResponse(502, "<html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1>nginx</body></html>", "text/html"));
        Assert.Equal(502, ex.StatusCode);
        Assert.Equal("502 Bad Gateway", ex.Title);
        Assert.Contains("HTML page", ex.Message);
        Assert.Contains("\"502 Bad Gateway\"", ex.Message);
        Assert.DoesNotContain("<html>", ex.Message);
    }

    [Fact]
    public async Task An_empty_body_says_so()
    {
        var ex = await Fail(new FakeResponse(503));
        Assert.Equal(503, ex.StatusCode);
        Assert.Equal("Monasca GET /v2.0/alarms/a1: Service Unavailable: the answer's body was empty (HTTP 503)", ex.Message);
    }

    [Fact]
    public async Task Malformed_json_and_plain_text_are_shown_as_text()
    {
        var ex = await Fail(new FakeResponse(500, """{"title": "The repository was unable""", "text/plain"));
        Assert.EndsWith("""GET /v2.0/alarms/a1: {"title": "The repository was unable (HTTP 500)""", ex.Message);
        Assert.Null(ex.Title);

        var text = await Fail(new FakeResponse(500, "Internal error, see logs", "text/plain"));
        Assert.Equal("Internal error, see logs", text.ServerMessage);
    }

    [Fact]
    public async Task An_unexpected_status_on_delete_or_create_is_the_same_exception()
    {
        var ex = await Fail(new FakeResponse(409, """{"title": "AlreadyExistsException", "description": "An alarm definition with the name x already exists"}"""),
            c => c.AlarmDefinitions.CreateAsync(new AlarmDefinitionCreate { Name = "x", Expression = "e" }));
        Assert.Equal("AlreadyExistsException", ex.Title);
        var multiple = await Fail(new FakeResponse(409, """{"title": "MultipleMetrics", "description": "Found multiple metrics matching metric name and dimensions."}"""),
            c => c.Metrics.ListMeasurementsAsync("m", DateTimeOffset.UnixEpoch));
        Assert.Equal("MultipleMetrics", multiple.Title);
        Assert.Equal("GET", multiple.RequestMethod);
    }

    [Fact]
    public async Task A_success_with_an_unreadable_body_is_a_MonascaApiException_too()
    {
        var ex = await Fail(new FakeResponse(200, "<html>login</html>", "text/html"));
        Assert.Equal(200, ex.StatusCode);
        Assert.Contains("Could not deserialize", ex.Message);
    }

    [Fact]
    public async Task The_token_never_appears_in_the_exception()
    {
        await using var server = await FakeServer.StartAsync(_ => new FakeResponse(401, """{"title": "Forbidden", "description": "no"}"""));
        using var client = MonascaClientFactory.Create("2_0", new OpenStackClientOptions { Token = "s3cr3t-t0ken", Endpoint = server.BaseAddress + "v2.0" });

        var ex = await Assert.ThrowsAsync<MonascaApiException>(() => client.Alarms.GetAsync("a1"));

        Assert.Equal("s3cr3t-t0ken", server.Requests[0].Header("X-Auth-Token"));
        Assert.Equal("/v2.0/alarms/a1", server.Requests[0].Path);
        Assert.DoesNotContain("s3cr3t", ex.Message);
        Assert.DoesNotContain("s3cr3t", ex.ToString());
        Assert.DoesNotContain(ex.Headers, h => h.Value.Any(v => v.Contains("s3cr3t")));
    }
}
