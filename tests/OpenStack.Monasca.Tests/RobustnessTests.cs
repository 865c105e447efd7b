using System.Net;
using System.Net.Sockets;
using OpenStack.Testing;
using OpenStack.Http;

namespace OpenStack.Monasca.Tests;

/// <summary>
/// Adversarial answers through the public entry point <see cref="MonascaClientFactory.Create(string, OpenStackClientOptions, MonascaClientOptions?)"/>:
/// every bad body is a <see cref="MonascaApiException"/> whose message says the status, what was expected and what came,
/// unknown values and fields are kept, timeouts and cancellations are .NET's documented exceptions, and no token or
/// password is ever in a message or ToString().
/// </summary>
public sealed class RobustnessTests
{
    private const string Token = "gAAAAA-monasca-token-7731";

    private static MonascaClient Client(FakeServer server, TimeSpan? timeout = null) =>
        MonascaClientFactory.Create("2_0", new OpenStackClientOptions { Token = Token, Endpoint = server.BaseAddress + "v2.0", Timeout = timeout });

    private static async Task<MonascaApiException> FailAsync(FakeResponse response, Func<MonascaClient, Task>? call = null)
    {
        await using var server = await FakeServer.StartAsync(_ => response);
        using var client = Client(server);
        var e = await Assert.ThrowsAsync<MonascaApiException>(() => (call ?? (c => c.Alarms.ListAsync()))(client));
        AssertNoSecret(e);
        return e;
    }

    private static void AssertNoSecret(Exception e)
    {
        Assert.DoesNotContain(Token, e.Message);
        Assert.DoesNotContain(Token, e.ToString());
        if (e is MonascaApiException m)
        {
            Assert.DoesNotContain(Token, m.Response ?? "");
        }
    }

    [Theory]
    [InlineData("<html><head><title>Login</title></head><body>Sign in</body></html>", "text/html")]
    [InlineData("<!DOCTYPE html><html><body>Welcome to nginx!</body></html>", "text/html; charset=utf-8")]
    public async Task Success_with_an_html_page_says_html_instead_of_json(string body, string type)
    {
        var e = await FailAsync(new FakeResponse(200, body, type));

        Assert.Equal(200, e.StatusCode);
        Assert.Contains("Could not deserialize", e.Message);
        Assert.Contains("200", e.Message);
        Assert.Contains("HTML", e.Message);
        Assert.Contains("GET /v2.0/alarms", e.Message);
        Assert.DoesNotContain("\n", e.Message);
    }

    [Theory]
    [InlineData("""{"elements": [{"id": "a1", "state": "ALARM"}""", "Unexpected end")]
    [InlineData("""[{"id": "a1"}]""", "array")]
    [InlineData("""{}""", "elements")]
    [InlineData("""{"elements": null}""", "elements")]
    [InlineData("""{"elements": [{"state": "ALARM"}]}""", "id")]
    [InlineData("""{"elements": "none"}""", "elements")]
    [InlineData("""{"elements": [{"id": "a1", "created_timestamp": "yesterday"}]}""", "yesterday")]
    [InlineData("""{"elements": [{"id": "a1", "created_timestamp": true}]}""", "created_timestamp")]
    [InlineData("""not json at all""", "Unexpected character")]
    public async Task Success_with_a_body_that_is_not_the_expected_shape_is_a_clear_MonascaApiException(string body, string said)
    {
        var e = await FailAsync(new FakeResponse(200, body));

        Assert.Equal(200, e.StatusCode);
        Assert.Contains("Could not deserialize", e.Message);
        Assert.Contains("AlarmCollection", e.Message);
        Assert.True(e.Message.Contains(said, StringComparison.OrdinalIgnoreCase), $"'{said}' not in: {e.Message}");
        Assert.DoesNotContain("To fix this error", e.Message);
        Assert.DoesNotContain("e.g.", e.Message);
        Assert.IsAssignableFrom<Newtonsoft.Json.JsonException>(e.InnerException);
        Assert.DoesNotContain("\n", e.Message);
    }

    [Fact]
    public async Task Success_with_an_empty_body_where_an_object_is_expected_is_a_MonascaApiException()
    {
        var e = await FailAsync(new FakeResponse(200, ""), c => c.Alarms.GetAsync("a1"));

        Assert.Equal(200, e.StatusCode);
        Assert.Contains("The answer had no body", e.Message);
        Assert.EndsWith("(HTTP 200)", e.Message);
    }

    [Fact]
    public async Task Wrongly_typed_number_is_a_MonascaApiException_naming_the_field()
    {
        var e = await FailAsync(new FakeResponse(200, """{"id": "n1", "name": "n", "type": "EMAIL", "address": "a@b", "period": "sixty"}"""),
            c => c.NotificationMethods.GetAsync("n1"));

        Assert.Contains("period", e.Message);
        Assert.Contains("NotificationMethod", e.Message);
    }

    [Fact]
    public async Task Unknown_states_severities_and_types_are_kept_as_sent()
    {
        await using var server = await FakeServer.StartAsync(r => r.Path switch
        {
            "/v2.0/alarms" => new FakeResponse(200, """{"links": [], "elements": [{"id": "a1", "state": "FLAPPING", "lifecycle_state": "QUANTUM", "alarm_definition": {"id": "d1", "name": "cpu", "severity": "APOCALYPTIC"}, "metrics": []}]}"""),
            "/v2.0/alarm-definitions" => new FakeResponse(200, """{"elements": [{"id": "d1", "name": "cpu", "severity": "APOCALYPTIC", "expression": "avg(cpu) > 1", "match_by": [], "alarm_actions": [], "ok_actions": [], "undetermined_actions": []}]}"""),
            "/v2.0/alarms/state-history" => new FakeResponse(200, """{"elements": [{"id": "h1", "alarm_id": "a1", "old_state": "ALARM", "new_state": "SLEEPING", "timestamp": "2026-11-24T00:00:00.123456789Z"}]}"""),
            "/v2.0/notification-methods/types" => new FakeResponse(200, """{"elements": [{"type": "CARRIER_PIGEON"}]}"""),
            "/v2.0/notification-methods/n1" => new FakeResponse(200, """{"id": "n1", "name": "n", "type": "CARRIER_PIGEON", "address": "loft 3", "period": 0}"""),
            _ => new FakeResponse(404, """{"title": "Not Found", "description": "?"}"""),
        });
        using var client = Client(server);

        var alarm = Assert.Single((await client.Alarms.ListAsync()).Elements);
        var definition = Assert.Single((await client.AlarmDefinitions.ListAsync()).Elements);
        var transition = Assert.Single((await client.Alarms.HistoryListAsync()).Elements);
        var type = Assert.Single((await client.NotificationTypes.ListAsync()).Elements);
        var method = await client.NotificationMethods.GetAsync("n1");

        Assert.Equal("FLAPPING", alarm.State);
        Assert.Equal("QUANTUM", alarm.LifecycleState);
        Assert.Equal("APOCALYPTIC", alarm.AlarmDefinition!.Severity);
        Assert.Equal("APOCALYPTIC", definition.Severity);
        Assert.Equal("SLEEPING", transition.NewState);
        Assert.Equal(new DateTimeOffset(2026, 11, 24, 0, 0, 0, TimeSpan.Zero).AddTicks(1234567), transition.Timestamp);
        Assert.Equal("CARRIER_PIGEON", type.Type);
        Assert.Equal("CARRIER_PIGEON", method.Type);
    }

    [Theory]
    [InlineData(200, "application/json; charset=klingon")]
    [InlineData(404, "application/json; charset=klingon")]
    public async Task An_unknown_charset_is_read_as_utf8(int status, string type)
    {
        var body = status == 200
            ? """{"elements": [{"id": "a1", "state": "ALARM", "alarm_definition": {"id": "d", "name": "dümmy"}}]}"""
            : """{"title": "Not Found", "description": "dümmy is not there"}""";
        await using var server = await FakeServer.StartAsync(_ => new FakeResponse(status, body, type));
        using var client = Client(server);

        if (status == 200)
        {
            Assert.Equal("dümmy", Assert.Single((await client.Alarms.ListAsync()).Elements).AlarmDefinition!.Name);
        }
        else
        {
            var e = await Assert.ThrowsAsync<MonascaApiException>(() => client.Alarms.ListAsync());
            Assert.Equal("dümmy is not there", e.ServerMessage);
        }
    }

    [Fact]
    public async Task Unknown_fields_are_kept_in_AdditionalProperties()
    {
        await using var server = await FakeServer.StartAsync(_ => new FakeResponse(200,
            """{"elements": [{"id": "a1", "state": "OK", "shiny_new_field": {"x": [1, 2]}, "metrics": [{"name": "cpu", "dimensions": {}, "flavour": "mint"}]}], "page_token": "p2"}"""));
        using var client = Client(server);

        var page = await client.Alarms.ListAsync();

        var alarm = Assert.Single(page.Elements);
        Assert.True(alarm.AdditionalProperties.ContainsKey("shiny_new_field"));
        Assert.True(Assert.Single(alarm.Metrics!).AdditionalProperties.ContainsKey("flavour"));
        Assert.True(page.AdditionalProperties.ContainsKey("page_token"));
    }

    [Theory]
    [InlineData("2026-11-24T10:20:30.123456789Z")]
    [InlineData("2026-11-24T10:20:30.123456789")]
    [InlineData("2026-11-24T10:20:30.123456789+00:00")]
    [InlineData("2026-11-24T10:20:30.1234567Z")]
    public async Task Timestamps_with_up_to_nine_fractional_digits_and_with_or_without_offset_are_read(string stamp)
    {
        await using var server = await FakeServer.StartAsync(_ => new FakeResponse(200, $$"""{"elements": [{"id": "a1", "state_updated_timestamp": "{{stamp}}", "created_timestamp": "2026-11-24T10:20:30Z", "updated_timestamp": 1795515630000}]}"""));
        using var client = Client(server);

        var alarm = Assert.Single((await client.Alarms.ListAsync()).Elements);

        Assert.Equal(new DateTimeOffset(2026, 11, 24, 10, 20, 30, TimeSpan.Zero).AddTicks(1234567), alarm.StateUpdatedTimestamp);
        Assert.Equal(TimeSpan.Zero, alarm.StateUpdatedTimestamp!.Value.Offset);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1795515630000), alarm.UpdatedTimestamp);
    }

    [Fact]
    public async Task Measurement_rows_of_the_wrong_kind_are_a_MonascaApiException_naming_what_was_found()
    {
        await using var server = await FakeServer.StartAsync(_ => new FakeResponse(200,
            """{"elements": [{"id": "1", "name": "cpu", "dimensions": {}, "columns": ["timestamp", "value", "value_meta"], "measurements": [["2026-11-24T00:00:00.000000001Z", 1.5, {}], [{"t": 1}, "high", null]]}]}"""));
        using var client = Client(server);

        var e = await Assert.ThrowsAsync<MonascaApiException>(() => client.Metrics.ListMeasurementsAsync("cpu", DateTimeOffset.UnixEpoch));

        Assert.Equal(200, e.StatusCode);
        Assert.Contains("timestamp", e.Message);
        Assert.Contains("Row 1", e.Message);
    }

    [Theory]
    [InlineData(502, "<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>", "502 Bad Gateway")]
    [InlineData(503, "<html><head><title>503 Service Unavailable</title></head><body>No server is available to handle this request.</body></html>", "503 Service Unavailable")]
    [InlineData(504, "<html><body><h1>504 Gateway Time-out</h1>The server didn't respond in time.</body></html>", "504 Gateway Time-out")]
    public async Task Proxy_html_error_pages_are_a_MonascaApiException_that_says_html(int status, string body, string title)
    {
        var e = await FailAsync(new FakeResponse(status, body, "text/html"));

        Assert.Equal(status, e.StatusCode);
        Assert.Contains($"HTTP {status}", e.Message);
        Assert.Contains("HTML page", e.Message);
        Assert.Contains(title, e.Message);
        Assert.DoesNotContain("<", e.Message);
    }

    [Fact]
    public async Task Empty_500_says_the_body_was_empty()
    {
        var e = await FailAsync(new FakeResponse(500, ""));

        Assert.Equal(500, e.StatusCode);
        Assert.Contains("HTTP 500", e.Message);
        Assert.Contains("empty", e.Message);
    }

    [Fact]
    public async Task Very_large_error_body_gives_a_bounded_message_and_response()
    {
        var body = "{\"title\": \"Internal Server Error\", \"description\": \"" + new string('x', 4_000_000) + "\"}";
        var e = await FailAsync(new FakeResponse(500, body));

        Assert.Equal(500, e.StatusCode);
        Assert.True(e.Message.Length < 2_000, $"message of {e.Message.Length} chars");
        Assert.True(e.Response!.Length <= OpenStackClientBase.MaxErrorBodyBytes + 100, $"response of {e.Response.Length} chars");
        Assert.Contains("HTTP 500", e.Message);
    }

    [Theory]
    [InlineData(401, """{"error": {"code": 401, "title": "Unauthorized", "message": "Token {TOKEN} is expired"}}""")]
    [InlineData(500, """{"title": "Internal Server Error", "description": "headers: {'X-Auth-Token': '{TOKEN}'}"}""")]
    [InlineData(502, "<html><head><title>Bad Gateway {TOKEN}</title></head><body>X-Auth-Token: {TOKEN}</body></html>")]
    [InlineData(400, "bad request for token {TOKEN}")]
    public async Task A_token_echoed_in_an_error_body_is_not_in_the_message_response_or_ToString(int status, string template)
    {
        var e = await FailAsync(new FakeResponse(status, template.Replace("{TOKEN}", Token), template.StartsWith('<') ? "text/html" : "application/json"));

        Assert.Equal(status, e.StatusCode);
        Assert.Contains("***", e.Response);
    }

    [Fact]
    public async Task A_token_echoed_in_a_200_html_page_is_not_in_the_message_or_response()
    {
        var e = await FailAsync(new FakeResponse(200, $"<html><head><title>Debug {Token}</title></head><body>X-Auth-Token: {Token}</body></html>", "text/html"));

        Assert.Equal(200, e.StatusCode);
        Assert.Contains("***", e.Message);
    }

    [Fact]
    public async Task A_token_from_keystone_echoed_in_an_error_body_is_scrubbed_too()
    {
        const string issued = "gAAAAA-issued-by-keystone-5521";
        await using var server = await FakeServer.StartAsync();
        server.Handler = r => r.Path.EndsWith("/auth/tokens", StringComparison.Ordinal)
            ? new FakeResponse(201, KeystoneBody(server)) { Headers = { ["X-Subject-Token"] = issued } }
            : new FakeResponse(500, $$"""{"title": "Internal Server Error", "description": "token {{issued}} broke the repository"}""");
        using var client = MonascaClientFactory.Create("2_0", PasswordOptions(server));

        var e = await Assert.ThrowsAsync<MonascaApiException>(() => client.Alarms.ListAsync());

        Assert.Equal(500, e.StatusCode);
        Assert.Contains("broke the repository", e.Message);
        Assert.DoesNotContain(issued, e.Message);
        Assert.DoesNotContain(issued, e.ToString());
    }

    [Fact]
    public async Task Paging_walker_over_a_malformed_second_page_throws_MonascaApiException()
    {
        await using var server = await FakeServer.StartAsync(r => r.QueryString.Contains("offset=", StringComparison.Ordinal)
            ? new FakeResponse(200, "<html><body>Session expired</body></html>", "text/html")
            : new FakeResponse(200, """{"links": [{"rel": "next", "href": "http://x/v2.0/alarm-definitions?offset=d1"}], "elements": [{"id": "d1", "name": "cpu"}]}"""));
        using var client = Client(server);

        var seen = new List<string>();
        var e = await Assert.ThrowsAsync<MonascaApiException>(async () =>
        {
            await foreach (var d in client.AlarmDefinitions.ListAllAsync().AsPages(pageSizeHint: 1).SelectMany(p => p.Values.ToAsyncEnumerable()))
            {
                seen.Add(d.Id);
            }
        });

        Assert.Equal(["d1"], seen);
        Assert.Contains("HTML", e.Message);
    }

    [Fact]
    public async Task Monasca_that_never_answers_times_out_with_TimeoutException_inside_TaskCanceledException()
    {
        await using var server = await FakeServer.StartAsync();
        server.Handler = _ => server.Hold(new FakeResponse(200, """{"elements": []}"""));
        using var client = Client(server, TimeSpan.FromMilliseconds(300));
        var e = await Assert.ThrowsAsync<TaskCanceledException>(() => client.Alarms.ListAsync());

        Assert.IsType<TimeoutException>(e.InnerException);
    }

    [Fact]
    public async Task Monasca_that_sends_headers_and_then_stalls_the_body_times_out_instead_of_hanging()
    {
        await using var stalled = new StalledBodyServer("{\"elements\": [");
        using var client = MonascaClientFactory.Create("2_0", new OpenStackClientOptions { Token = Token, Endpoint = stalled.BaseAddress + "v2.0", Timeout = TimeSpan.FromMilliseconds(300) });

        var call = client.Alarms.ListAsync();
        var finished = await Task.WhenAny(call, Task.Delay(TimeSpan.FromSeconds(10)));

        Assert.Same(call, finished);
        var e = await Assert.ThrowsAsync<TaskCanceledException>(() => call);
        Assert.IsType<TimeoutException>(e.InnerException);
    }

    [Fact]
    public async Task Connection_closed_in_the_middle_of_the_body_is_an_OpenStackConnectionException_not_a_raw_IOException()
    {
        await using var cut = new StalledBodyServer("{\"elements\": [{\"id\": \"a1\"", thenClose: true);
        using var client = MonascaClientFactory.Create("2_0", new OpenStackClientOptions { Token = Token, Endpoint = cut.BaseAddress + "v2.0" });

        var e = await Assert.ThrowsAsync<OpenStackConnectionException>(() => client.Alarms.ListAsync());

        Assert.IsAssignableFrom<IOException>(e.InnerException);
        AssertNoSecret(e);
    }

    [Fact]
    public async Task Monasca_call_cancelled_by_the_caller_is_an_OperationCanceledException()
    {
        await using var server = await FakeServer.StartAsync();
        server.Handler = _ => server.Hold(new FakeResponse(200, """{"elements": []}"""));
        using var client = Client(server);
        using var cts = new CancellationTokenSource();
        var call = client.Alarms.ListAsync(cancellationToken: cts.Token);
        await server.Held.WaitAsync(TimeSpan.FromSeconds(10));
        await cts.CancelAsync();

        var e = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);

        Assert.Equal(cts.Token, e.CancellationToken);
    }

    [Fact]
    public async Task Monasca_refusing_connections_is_an_OpenStackConnectionException()
    {
        using var client = MonascaClientFactory.Create("2_0", new OpenStackClientOptions { Token = Token, Endpoint = $"http://127.0.0.1:{StalledBodyServer.FreePort()}/v2.0" });

        var e = await Assert.ThrowsAsync<OpenStackConnectionException>(() => client.Alarms.ListAsync());

        Assert.Equal(HttpRequestError.ConnectionError, e.HttpRequestError);
        Assert.IsType<HttpRequestException>(e.InnerException);
        AssertNoSecret(e);
    }

    [Fact]
    public async Task Keystone_refusing_connections_is_a_KeystoneAuthenticationException()
    {
        var options = new OpenStackClientOptions
        {
            AuthUrl = $"http://127.0.0.1:{StalledBodyServer.FreePort()}/v3",
            Username = "mon",
            Password = "pw-never-shown-1",
            UserDomainName = "Default",
            ProjectName = "p-" + Guid.NewGuid().ToString("N"),
            ProjectDomainName = "Default",
        };
        using var client = MonascaClientFactory.Create("2_0", options);

        var e = await Assert.ThrowsAsync<KeystoneAuthenticationException>(() => client.Alarms.ListAsync());

        Assert.Contains("connection refused", e.Message);
        Assert.DoesNotContain("pw-never-shown-1", e.ToString());
    }

    [Theory]
    [InlineData(500, "<html><body><h1>Internal Server Error</h1></body></html>", "text/html")]
    [InlineData(201, "not a token", "text/plain")]
    [InlineData(201, "{\"token\": ", "application/json")]
    public async Task Keystone_answering_garbage_is_a_KeystoneAuthenticationException(int status, string body, string type)
    {
        await using var keystone = await FakeServer.StartAsync(_ => new FakeResponse(status, body, type) { Headers = { ["X-Subject-Token"] = "tok-garbage-77" } });
        var options = PasswordOptions(keystone);
        using var client = MonascaClientFactory.Create("2_0", options);

        var e = await Assert.ThrowsAsync<KeystoneAuthenticationException>(() => client.Alarms.ListAsync());

        Assert.Equal((HttpStatusCode)status, e.StatusCode);
        Assert.Contains(status.ToString(System.Globalization.CultureInfo.InvariantCulture), e.Message);
        Assert.DoesNotContain(options.Password!, e.ToString());
        Assert.DoesNotContain("tok-garbage-77", e.ToString());
        Assert.Single(keystone.Requests);
    }

    private static OpenStackClientOptions PasswordOptions(FakeServer keystone) => new()
    {
        AuthUrl = keystone.BaseAddress + "v3",
        Username = "mon",
        Password = "pw-never-shown-2",
        UserDomainName = "Default",
        ProjectName = "p-" + Guid.NewGuid().ToString("N"),
        ProjectDomainName = "Default",
    };

    private static string KeystoneBody(FakeServer server) => $$$"""
        {"token": {"methods": ["password"], "expires_at": "{{{DateTimeOffset.UtcNow.AddHours(1):yyyy-MM-dd'T'HH:mm:ss'.000000Z'}}}",
         "catalog": [{"type": "monitoring", "name": "monasca", "endpoints": [{"interface": "public", "region_id": "RegionOne", "region": "RegionOne", "url": "{{{server.BaseAddress}}}v2.0"}]}]}}
        """;
}
