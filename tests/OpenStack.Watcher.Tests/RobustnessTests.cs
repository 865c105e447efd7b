using System.Net;
using System.Net.Sockets;
using Newtonsoft.Json.Linq;
using OpenStack.Testing;

namespace OpenStack.Watcher.Tests;

/// <summary>
/// Adversarial answers through the public entry point <see cref="WatcherClientFactory.GetClient(object, IReadOnlyDictionary{string, object?})"/>:
/// every bad body is a <see cref="WatcherApiException"/> whose message says the status, what was expected and what came,
/// unknown values and fields are kept, timeouts and cancellations are .NET's documented exceptions, and no token or
/// password is ever in a message, the kept response or ToString().
/// </summary>
public sealed class RobustnessTests
{
    private const string Token = "gAAAAA-watcher-token-4419";
    private const string Uuid = "699ecb7f-1da9-4022-9c64-2941335b6c62";

    private static IWatcherClient Client(FakeServer server, string? version = "1.4", TimeSpan? timeout = null)
    {
        var kwargs = new Dictionary<string, object?>
        {
            ["os_auth_token"] = Token,
            ["watcher_url"] = server.BaseAddress.ToString(),
            ["max_retries"] = 0,
            ["os_infra_optim_api_version"] = version,
        };
        if (timeout is { } t)
        {
            kwargs["timeout"] = t.TotalSeconds;
        }
        return WatcherClientFactory.GetClient(1, kwargs);
    }

    private static async Task<WatcherApiException> FailAsync(FakeResponse response, Func<IWatcherClient, Task>? call = null)
    {
        await using var server = await FakeServer.StartAsync(_ => response);
        using var client = Client(server);
        var e = await Assert.ThrowsAnyAsync<WatcherApiException>(() => (call ?? (c => c.Goals.ListAsync()))(client));
        AssertNoSecret(e);
        return e;
    }

    private static void AssertNoSecret(Exception e)
    {
        Assert.DoesNotContain(Token, e.Message);
        Assert.DoesNotContain(Token, e.ToString());
        if (e is WatcherApiException w)
        {
            Assert.DoesNotContain(Token, w.Response ?? "");
        }
    }

    [Theory]
    [InlineData("<html><head><title>Login</title></head><body>Sign in to continue</body></html>", "text/html")]
    [InlineData("<!DOCTYPE html><html><body><h1>Welcome to nginx!</h1></body></html>", "text/html; charset=utf-8")]
    public async Task Success_with_an_html_page_says_it_could_not_read_it_and_shows_a_snippet(string body, string type)
    {
        var e = await FailAsync(new FakeResponse(200, body, type));

        Assert.Equal(200, e.StatusCode);
        Assert.Contains("Could not deserialize", e.Message);
        Assert.Contains("200", e.Message);
        Assert.Contains("HTML", e.Message);
        Assert.DoesNotContain("<", e.Message);
        Assert.DoesNotContain("\n", e.Message);
    }

    [Theory]
    [InlineData("""{"goals": [{"uuid": "699ecb7f""", "Unterminated string")]
    [InlineData("""[{"uuid": "699ecb7f-1da9-4022-9c64-2941335b6c62"}]""", "array")]
    [InlineData("""{}""", "goals")]
    [InlineData("""{"goals": null}""", "goals")]
    [InlineData("""{"goals": [{"name": "dummy"}]}""", "uuid")]
    [InlineData("""{"goals": [{"uuid": "699ecb7f-1da9-4022-9c64-2941335b6c62"}, {"name": "dummy"}]}""", "uuid")]
    [InlineData("""{"goals": [{"uuid": null}]}""", "uuid")]
    [InlineData("""{"goals": {"uuid": "x"}}""", "goals")]
    [InlineData("""{"goals": [{"uuid": "x", "created_at": "last tuesday"}]}""", "last tuesday")]
    [InlineData("""{"goals": [{"uuid": "x", "created_at": 17}]}""", "created_at")]
    [InlineData("""not json at all""", "not json at all")]
    public async Task Success_with_a_body_that_is_not_the_expected_shape_is_a_clear_WatcherApiException(string body, string said)
    {
        var e = await FailAsync(new FakeResponse(200, body));

        Assert.Equal(200, e.StatusCode);
        Assert.Contains("Could not deserialize", e.Message);
        Assert.Contains("GoalCollection", e.Message);
        Assert.True(e.Message.Contains(said, StringComparison.OrdinalIgnoreCase), $"'{said}' not in: {e.Message}");
        Assert.DoesNotContain("To fix this error", e.Message);
        Assert.DoesNotContain("e.g.", e.Message);
        Assert.IsAssignableFrom<Newtonsoft.Json.JsonException>(e.InnerException);
        Assert.DoesNotContain("\n", e.Message);
        Assert.Equal(body, e.Response);
    }

    [Theory]
    [InlineData("")]
    [InlineData("null")]
    public async Task Success_without_a_body_where_an_object_is_expected_says_so(string body)
    {
        var e = await FailAsync(new FakeResponse(200, body), c => c.Audits.GetAsync(Uuid));

        Assert.Equal(200, e.StatusCode);
        Assert.Contains("had no body", e.Message);
    }

    [Fact]
    public async Task Wrongly_typed_number_is_a_WatcherApiException_naming_the_field()
    {
        var e = await FailAsync(new FakeResponse(200, $$"""{"uuid": "{{Uuid}}", "interval": "daily", "audit_type": "ONESHOT", "state": "PENDING", "auto_trigger": "maybe"}"""),
            c => c.Audits.GetAsync(Uuid));

        Assert.Contains("auto_trigger", e.Message);
        Assert.Contains("Audit", e.Message);
    }

    [Fact]
    public async Task Unknown_values_in_every_state_like_field_are_kept_as_sent()
    {
        await using var server = await FakeServer.StartAsync(r => r.Path switch
        {
            "/v1/audits" => new FakeResponse(200, $$"""{"audits": [{"uuid": "{{Uuid}}", "audit_type": "ON_A_WHIM", "state": "DAYDREAMING"}]}"""),
            "/v1/action_plans" => new FakeResponse(200, $$"""{"action_plans": [{"uuid": "{{Uuid}}", "state": "PONDERING"}]}"""),
            "/v1/actions" => new FakeResponse(200, $$"""{"actions": [{"uuid": "{{Uuid}}", "state": "LEVITATING", "action_type": "teleport"}]}"""),
            "/v1/services" => new FakeResponse(200, """{"services": [{"id": 1, "name": "watcher-applier", "host": "h", "status": "ZOMBIE"}]}"""),
            "/v1/strategies/dummy/state" => new FakeResponse(200, """[{"type": "Quantum", "state": "entangled", "mandatory": "sometimes", "comment": ""}]"""),
            _ => new FakeResponse(404, """{"error_message": "{\"faultstring\": \"nope\"}"}"""),
        });
        using var client = Client(server);

        var audit = Assert.Single((await client.Audits.ListAsync()).Audits);
        var plan = Assert.Single((await client.ActionPlans.ListAsync()).ActionPlans);
        var action = Assert.Single((await client.Actions.ListAsync()).Actions);
        var service = Assert.Single((await client.Services.ListAsync()).Services);
        var state = Assert.Single(await client.Strategies.StateAsync("dummy"));

        Assert.Equal(("ON_A_WHIM", "DAYDREAMING", false), (audit.AuditType, audit.State, audit.IsTerminal));
        Assert.Equal(("PONDERING", false), (plan.State, plan.IsTerminal));
        Assert.Equal(("LEVITATING", "teleport"), (action.State, action.ActionType));
        Assert.Equal("ZOMBIE", service.Status);
        Assert.Equal("entangled", state.State);
    }

    [Theory]
    [InlineData(200, "application/json; charset=klingon")]
    [InlineData(200, "application/json; charset=\"\"")]
    [InlineData(404, "application/json; charset=klingon")]
    public async Task An_unknown_charset_is_read_as_utf8_instead_of_escaping_as_InvalidOperationException(int status, string type)
    {
        var body = status == 200
            ? $$"""{"goals": [{"uuid": "{{Uuid}}", "name": "dümmy"}]}"""
            : """{"error_message": "{\"faultstring\": \"Goal dümmy could not be found\"}"}""";
        await using var server = await FakeServer.StartAsync(_ => new FakeResponse(status, body, type));
        using var client = Client(server);

        if (status == 200)
        {
            Assert.Equal("dümmy", Assert.Single((await client.Goals.ListAsync()).Goals).Name);
        }
        else
        {
            var e = await Assert.ThrowsAnyAsync<WatcherApiException>(() => client.Goals.ListAsync());
            Assert.Equal("Goal dümmy could not be found", e.ServerMessage);
        }
    }

    [Fact]
    public async Task Unknown_fields_are_kept_in_AdditionalProperties()
    {
        await using var server = await FakeServer.StartAsync(_ => new FakeResponse(200,
            $$"""{"goals": [{"uuid": "{{Uuid}}", "name": "dummy", "carbon_budget": {"kg": 3}, "efficacy_specification": [{"name": "x", "novel": true}]}], "next": null, "total": 1}"""));
        using var client = Client(server);

        var page = await client.Goals.ListAsync();

        var goal = Assert.Single(page.Goals);
        Assert.Equal(3, (int)((JObject)goal.AdditionalProperties["carbon_budget"])["kg"]!);
        Assert.True(page.AdditionalProperties.ContainsKey("total"));
    }

    [Theory]
    [InlineData("2026-11-24T00:45:58.464186")]
    [InlineData("2026-11-24T00:45:58.464186+00:00")]
    [InlineData("2026-11-24T00:45:58.464186Z")]
    [InlineData("2026-11-24 00:45:58.464186")]
    [InlineData("2026-11-24T01:45:58.464186+01:00")]
    public async Task Dates_with_or_without_an_offset_are_read_as_utc(string stamp)
    {
        await using var server = await FakeServer.StartAsync(_ => new FakeResponse(200, $$"""{"uuid": "{{Uuid}}", "created_at": "{{stamp}}", "updated_at": null, "state": "PENDING"}"""));
        using var client = Client(server);

        var audit = await client.Audits.GetAsync(Uuid);

        Assert.Equal(new DateTimeOffset(2026, 11, 24, 0, 45, 58, TimeSpan.Zero).AddTicks(4641860), audit.CreatedAt);
        Assert.Null(audit.UpdatedAt);
    }

    [Theory]
    [InlineData(502, "<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>", "502 Bad Gateway")]
    [InlineData(503, "<html><head><title>503 Service Unavailable</title></head><body>No server is available to handle this request.</body></html>", "No server is available")]
    [InlineData(504, "<html><body><h1>504 Gateway Time-out</h1>The server didn't respond in time.</body></html>", "504 Gateway Time-out")]
    public async Task Proxy_html_error_pages_are_a_WatcherApiException_with_the_page_text(int status, string body, string text)
    {
        var e = await FailAsync(new FakeResponse(status, body, "text/html"));

        Assert.Equal(status, e.StatusCode);
        Assert.StartsWith("Watcher GET /v1/goals: ", e.Message);
        Assert.EndsWith($"(HTTP {status})", e.Message);
        Assert.Contains(text, e.Message);
        Assert.DoesNotContain("<", e.Message);
    }

    [Theory]
    [InlineData(500)]
    [InlineData(404)]
    public async Task Empty_error_body_says_the_body_was_empty(int status)
    {
        var e = await FailAsync(new FakeResponse(status, ""), c => c.Goals.GetAsync("dummy"));

        Assert.Equal(status, e.StatusCode);
        Assert.EndsWith($"(HTTP {status})", e.Message);
        Assert.Contains("empty", e.Message);
    }

    [Fact]
    public async Task Very_large_error_body_gives_a_bounded_message_and_response()
    {
        var body = "{\"error_message\": \"{\\\"faultstring\\\": \\\"" + new string('x', 4_000_000) + "\\\"}\"}";
        var e = await FailAsync(new FakeResponse(500, body));

        Assert.Equal(500, e.StatusCode);
        Assert.True(e.Message.Length < 2_000, $"message of {e.Message.Length} chars");
        Assert.True(e.Response!.Length <= 1024 * 1024 + 100, $"response of {e.Response.Length} chars");
        Assert.StartsWith("Watcher GET /v1/goals: ", e.Message);
        Assert.EndsWith("(HTTP 500)", e.Message);
    }

    [Theory]
    [InlineData(401, """{"error": {"code": 401, "title": "Unauthorized", "message": "Token {TOKEN} is expired"}}""")]
    [InlineData(500, """{"error_message": "{\"faultcode\": \"Server\", \"faultstring\": \"headers {'X-Auth-Token': '{TOKEN}'}\", \"debuginfo\": \"Traceback: token={TOKEN}\"}"}""")]
    [InlineData(404, """{"error_message": "{\"faultcode\": \"Client\", \"faultstring\": \"Goal {TOKEN} could not be found\"}"}""")]
    [InlineData(502, "<html><head><title>Bad Gateway</title></head><body>X-Auth-Token: {TOKEN}</body></html>")]
    [InlineData(400, "bad request for token {TOKEN}")]
    public async Task A_token_echoed_in_an_error_body_is_not_in_the_message_response_or_ToString(int status, string template)
    {
        var e = await FailAsync(new FakeResponse(status, template.Replace("{TOKEN}", Token), template.StartsWith('<') ? "text/html" : "application/json"));

        Assert.Equal(status, e.StatusCode);
        Assert.Contains("***", e.Response);
        Assert.DoesNotContain(Token, e.ServerMessage ?? "");
        Assert.DoesNotContain(Token, e.Details ?? "");
    }

    [Fact]
    public async Task A_token_echoed_in_a_200_html_page_is_not_in_the_message_or_response()
    {
        var e = await FailAsync(new FakeResponse(200, $"<html><head><title>Debug</title></head><body>X-Auth-Token: {Token}</body></html>", "text/html"));

        Assert.Equal(200, e.StatusCode);
        Assert.Contains("***", e.Message);
    }

    [Fact]
    public async Task A_token_echoed_in_a_406_refusal_is_not_in_the_microversion_exception()
    {
        var e = await FailAsync(new FakeResponse(406, $$"""{"error_message": "{"faultstring": "Version 1.4 was requested by {{Token}}"}"}""")
        {
            Headers = { ["OpenStack-API-Minimum-Version"] = "1.0", ["OpenStack-API-Maximum-Version"] = "1.2" },
        });

        var refusal = Assert.IsType<WatcherMicroversionException>(e);
        Assert.Contains("1.0 to 1.2", refusal.Message);
        Assert.Contains("***", refusal.Response);
    }

    [Fact]
    public async Task A_token_from_keystone_echoed_in_an_error_body_is_scrubbed_too()
    {
        const string issued = "gAAAAA-issued-by-keystone-9127";
        await using var server = await FakeServer.StartAsync();
        server.Handler = r => r.Path.EndsWith("/auth/tokens", StringComparison.Ordinal)
            ? new FakeResponse(201, KeystoneBody(server)) { Headers = { ["X-Subject-Token"] = issued } }
            : new FakeResponse(500, $$"""{"error_message": "{\"faultstring\": \"token {{issued}} broke the decision engine\"}"}""");
        using var client = WatcherClientFactory.GetClient(1, PasswordKwargs(server));

        var e = await Assert.ThrowsAnyAsync<WatcherApiException>(() => client.Goals.ListAsync());

        Assert.Equal(500, e.StatusCode);
        Assert.Contains("broke the decision engine", e.Message);
        Assert.DoesNotContain(issued, e.Message);
        Assert.DoesNotContain(issued, e.ToString());
        Assert.DoesNotContain(issued, e.Response);
    }

    [Fact]
    public async Task Paging_walker_over_a_malformed_second_page_throws_WatcherApiException()
    {
        await using var server = await FakeServer.StartAsync(r => r.QueryString.Contains("marker=", StringComparison.Ordinal)
            ? new FakeResponse(200, "<html><body>Session expired</body></html>", "text/html")
            : new FakeResponse(200, $$"""{"goals": [{"uuid": "{{Uuid}}", "name": "g1"}], "next": "http://x/v1/goals?limit=1&marker={{Uuid}}"}"""));
        using var client = Client(server);

        var seen = new List<string?>();
        var e = await Assert.ThrowsAnyAsync<WatcherApiException>(async () =>
        {
            await foreach (var g in client.Goals.ListAllAsync().AsPages(pageSizeHint: 1).SelectMany(p => p.Values.ToAsyncEnumerable()))
            {
                seen.Add(g.Name);
            }
        });

        Assert.Equal(["g1"], seen);
        Assert.Contains("HTML", e.Message);
    }

    [Theory]
    [InlineData("""{"versions": [{"id": ["v1"], "min_version": {"x": 1}}]}""")]
    [InlineData("""{"versions": "v1", "default_version": {"id": "v1", "min_version": 1.0, "max_version": true}}""")]
    [InlineData("""[1, 2, 3]""")]
    [InlineData("""<html><body>It works!</body></html>""")]
    public async Task Negotiation_against_a_garbled_root_document_falls_back_instead_of_crashing(string root)
    {
        await using var server = await FakeServer.StartAsync(r => r.Path == "/"
            ? new FakeResponse(200, root)
            : new FakeResponse(200, $$"""{"goals": [{"uuid": "{{Uuid}}", "name": "g1"}]}"""));
        using var client = Client(server, version: null);

        var page = await client.Goals.ListAsync();

        Assert.Equal("g1", Assert.Single(page.Goals).Name);
        Assert.Equal($"infra-optim {WatcherApiVersion.ClientMaximum}", server.Requests.Last().Header("OpenStack-API-Version"));
    }

    [Fact]
    public async Task Watcher_that_never_answers_times_out_with_TimeoutException_inside_TaskCanceledException()
    {
        await using var server = await FakeServer.StartAsync();
        server.Handler = _ => server.Hold(new FakeResponse(200, """{"goals": []}"""));
        using var client = Client(server, timeout: TimeSpan.FromMilliseconds(300));
        var e = await Assert.ThrowsAsync<TaskCanceledException>(() => client.Goals.ListAsync());

        Assert.IsType<TimeoutException>(e.InnerException);
    }

    [Fact]
    public async Task Watcher_that_sends_headers_and_then_stalls_the_body_times_out_instead_of_hanging()
    {
        await using var stalled = new StalledBodyServer("{\"goals\": [");
        using var client = WatcherClientFactory.GetClient(1, new Dictionary<string, object?>
        {
            ["os_auth_token"] = Token, ["watcher_url"] = stalled.BaseAddress, ["max_retries"] = 0,
            ["os_infra_optim_api_version"] = "1.4", ["timeout"] = 0.3,
        });

        var call = client.Goals.ListAsync();
        var finished = await Task.WhenAny(call, Task.Delay(TimeSpan.FromSeconds(10)));

        Assert.Same(call, finished);
        var e = await Assert.ThrowsAsync<TaskCanceledException>(() => call);
        Assert.IsType<TimeoutException>(e.InnerException);
    }

    [Fact]
    public async Task Connection_closed_in_the_middle_of_the_body_is_an_OpenStackConnectionException_not_a_raw_IOException()
    {
        // Valid as far as it goes, so that the cut is what the streamed read meets first.
        await using var cut = new StalledBodyServer("{\"goals\": [{\"uuid\": \"699ecb7f-1da9-4022-9c64-2941335b6c62\"", thenClose: true);
        using var client = WatcherClientFactory.GetClient(1, new Dictionary<string, object?>
        {
            ["os_auth_token"] = Token, ["watcher_url"] = cut.BaseAddress, ["max_retries"] = 0, ["os_infra_optim_api_version"] = "1.4",
        });

        var e = await Assert.ThrowsAsync<OpenStackConnectionException>(() => client.Goals.ListAsync());

        Assert.IsAssignableFrom<IOException>(e.InnerException);
        Assert.Equal(HttpRequestError.ResponseEnded, e.HttpRequestError);
        AssertNoSecret(e);
    }

    [Fact]
    public async Task Watcher_call_cancelled_by_the_caller_is_an_OperationCanceledException()
    {
        await using var server = await FakeServer.StartAsync();
        server.Handler = _ => server.Hold(new FakeResponse(200, """{"goals": []}"""));
        using var client = Client(server);
        using var cts = new CancellationTokenSource();
        var call = client.Goals.ListAsync(cancellationToken: cts.Token);
        await server.Held.WaitAsync(TimeSpan.FromSeconds(10));
        await cts.CancelAsync();

        var e = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);

        Assert.Equal(cts.Token, e.CancellationToken);
    }

    [Fact]
    public async Task A_create_body_without_a_required_value_is_refused_before_it_is_sent()
    {
        await using var server = await FakeServer.StartAsync(_ => new FakeResponse(201, "{}"));
        using var client = Client(server);

        var e = await Assert.ThrowsAsync<ArgumentException>(() =>
            client.AuditTemplates.CreateAsync(new AuditTemplateCreate { Name = "t", Goal = null! }));

        Assert.Equal("body", e.ParamName);
        Assert.Contains("goal", e.Message);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task Watcher_refusing_connections_is_an_OpenStackConnectionException()
    {
        using var client = WatcherClientFactory.GetClient(1, new Dictionary<string, object?>
        {
            ["os_auth_token"] = Token, ["watcher_url"] = $"http://127.0.0.1:{StalledBodyServer.FreePort()}/", ["max_retries"] = 0,
            ["os_infra_optim_api_version"] = "1.4",
        });

        var e = await Assert.ThrowsAsync<OpenStackConnectionException>(() => client.Goals.ListAsync());

        Assert.Equal(HttpRequestError.ConnectionError, e.HttpRequestError);
        Assert.IsType<HttpRequestException>(e.InnerException);
        AssertNoSecret(e);
    }

    [Fact]
    public async Task Keystone_refusing_connections_is_a_KeystoneAuthenticationException()
    {
        var kwargs = new Dictionary<string, object?>
        {
            ["os_auth_url"] = $"http://127.0.0.1:{StalledBodyServer.FreePort()}/v3", ["os_username"] = "watcher", ["os_password"] = "pw-never-shown-3",
            ["os_user_domain_name"] = "Default", ["os_project_name"] = "p-" + Guid.NewGuid().ToString("N"),
            ["os_project_domain_name"] = "Default", ["max_retries"] = 0, ["os_infra_optim_api_version"] = "1.4",
        };
        using var client = WatcherClientFactory.GetClient(1, kwargs);

        var e = await Assert.ThrowsAsync<KeystoneAuthenticationException>(() => client.Goals.ListAsync());

        Assert.Contains("connection refused", e.Message);
        Assert.DoesNotContain("pw-never-shown-3", e.ToString());
    }

    [Theory]
    [InlineData(500, "<html><body><h1>Internal Server Error</h1></body></html>", "text/html")]
    [InlineData(503, "", "text/plain")]
    [InlineData(201, "[]", "application/json")]
    [InlineData(201, "{\"token\": {\"catalog\": ", "application/json")]
    public async Task Keystone_answering_garbage_is_a_KeystoneAuthenticationException(int status, string body, string type)
    {
        await using var keystone = await FakeServer.StartAsync(_ => new FakeResponse(status, body, type) { Headers = { ["X-Subject-Token"] = "tok-garbage-88" } });
        using var client = WatcherClientFactory.GetClient(1, PasswordKwargs(keystone));

        var e = await Assert.ThrowsAsync<KeystoneAuthenticationException>(() => client.Goals.ListAsync());

        Assert.Equal((HttpStatusCode)status, e.StatusCode);
        Assert.Contains(status.ToString(System.Globalization.CultureInfo.InvariantCulture), e.Message);
        Assert.DoesNotContain("pw-never-shown-4", e.ToString());
        Assert.DoesNotContain("tok-garbage-88", e.ToString());
    }

    [Fact]
    public void Options_and_argument_errors_never_show_a_secret()
    {
        var (credentials, options) = WatcherClientFactory.ToOptions(1, new Dictionary<string, object?>
        {
            ["os_auth_url"] = "http://keystone.example:5000/v3", ["os_username"] = "u", ["os_password"] = "pw-never-shown-5",
            ["os_project_name"] = "p", ["os_user_domain_name"] = "Default", ["os_project_domain_name"] = "Default",
        });
        Assert.DoesNotContain("pw-never-shown-5", options.ToString());
        Assert.DoesNotContain("pw-never-shown-5", credentials.ToString());

        var tokenOptions = WatcherClientFactory.ToOptions(1, new Dictionary<string, object?> { ["os_auth_token"] = Token, ["watcher_url"] = "http://w:9322/" });
        Assert.DoesNotContain(Token, tokenOptions.Credentials.ToString());
        Assert.DoesNotContain(Token, tokenOptions.Options.ToString());

        var wrongType = Assert.ThrowsAny<ArgumentException>(() => WatcherClientFactory.GetClient(1, new Dictionary<string, object?>
        {
            ["os_auth_token"] = 918273645, ["watcher_url"] = "http://w:9322/",
        }));
        Assert.DoesNotContain("918273645", wrongType.Message);
    }

    private static Dictionary<string, object?> PasswordKwargs(FakeServer keystone) => new()
    {
        ["os_auth_url"] = keystone.BaseAddress + "v3",
        ["os_username"] = "watcher",
        ["os_password"] = "pw-never-shown-4",
        ["os_user_domain_name"] = "Default",
        ["os_project_name"] = "p-" + Guid.NewGuid().ToString("N"),
        ["os_project_domain_name"] = "Default",
        ["max_retries"] = 0,
        ["os_infra_optim_api_version"] = "1.4",
    };

    private static string KeystoneBody(FakeServer server) => $$$"""
        {"token": {"methods": ["password"], "expires_at": "{{{DateTimeOffset.UtcNow.AddHours(1):yyyy-MM-dd'T'HH:mm:ss'.000000Z'}}}",
         "catalog": [{"type": "infra-optim", "name": "watcher", "endpoints": [{"interface": "public", "region_id": "RegionOne", "region": "RegionOne", "url": "{{{server.BaseAddress}}}"}]}]}}
        """;
}
