using Newtonsoft.Json.Linq;
using OpenStack.Testing;

namespace OpenStack.Cli.Tests;

public sealed class WatcherCommandTests
{
    private const string GoalsBody = """
        {"goals": [
          {"uuid": "736c9587-5f75-4808-af50-8950237e9a6f", "name": "dummy", "display_name": "Dummy goal", "links": []},
          {"uuid": "7bcb1937-a1c5-4f53-9cc4-469579f3f0a6", "name": "server_consolidation", "display_name": "Server Consolidation", "links": []}
        ]}
        """;

    private static FakeResponse NotFound(string what) => new(404,
        "{\"error_message\": \"{\\\"faultcode\\\": \\\"Client\\\", \\\"faultstring\\\": \\\"" + what + " could not be found\\\", \\\"debuginfo\\\": null}\"}");

    /// <summary>The paged resource clients of the library (properties of <c>IWatcherClient</c> with an all-pages list), found by reflection.</summary>
    public static TheoryData<string> PagedResourceClients() =>
        new(typeof(OpenStack.Watcher.IWatcherClient).GetProperties()
            .Where(p => p.PropertyType.GetMethods().Any(m => m.Name.StartsWith("ListAll", StringComparison.Ordinal)))
            .Select(p => p.Name));

    /// <summary>
    /// Every paged resource of the spec has a command group in the resource table (<c>ScoringEngines</c>:
    /// <c>scoringengine</c>) with list and show, and its list asks for the path the library's one-page list asks for.
    /// </summary>
    [Theory]
    [MemberData(nameof(PagedResourceClients))]
    public async Task Every_paged_resource_client_has_a_group_whose_list_reads_it(string property)
    {
        var group = (property.EndsWith("ies", StringComparison.Ordinal) ? property[..^3] + "y" : property.TrimEnd('s')).ToLowerInvariant();
        Assert.Single(Watcher.WatcherResources.All, r => r.Group == group);
        await using var server = await FakeServer.StartAsync(r => new FakeResponse(200, $$"""{"{{r.Path.Split('/')[2]}}": []}"""));

        var result = await CliRunner.WatcherAsync(server, group, "list", "-f", "json");
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        using var client = new OpenStack.Watcher.WatcherClient(http);
        var resourceClient = typeof(OpenStack.Watcher.IWatcherClient).GetProperty(property)!.GetValue(client)!;
        var list = resourceClient.GetType().GetMethod("ListAsync")!;
        await (Task)list.Invoke(resourceClient, [.. list.GetParameters().Select(p => p.HasDefaultValue ? p.DefaultValue : null)])!;

        Assert.Equal(new CliResult(0, "[]\n", ""), result);
        Assert.Equal(2, server.Requests.Count);
        Assert.Equal(server.Requests[1].Path, server.Requests[0].Path);
    }

    [Fact]
    public async Task Goal_list_sends_one_request_with_token_and_microversion_and_prints_a_table()
    {
        await using var server = await FakeServer.StartAsync(_ => new FakeResponse(200, GoalsBody));

        var result = await CliRunner.WatcherAsync(server, "goal", "list");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Stderr);
        var request = Assert.Single(server.Requests);
        Assert.Equal("GET", request.Method);
        Assert.Equal("/v1/goals", request.PathAndQuery);
        Assert.Equal(CliRunner.Token, request.Header("X-Auth-Token"));
        Assert.Equal("infra-optim 1.4", request.Header("OpenStack-API-Version"));
        Assert.Equal("""
            +--------------------------------------+----------------------+----------------------+
            | UUID                                 | Name                 | Display name         |
            +--------------------------------------+----------------------+----------------------+
            | 736c9587-5f75-4808-af50-8950237e9a6f | dummy                | Dummy goal           |
            | 7bcb1937-a1c5-4f53-9cc4-469579f3f0a6 | server_consolidation | Server Consolidation |
            +--------------------------------------+----------------------+----------------------+

            """.ReplaceLineEndings("\n"), result.Stdout);
    }

    [Fact]
    public async Task Goal_list_json_uses_column_labels_as_keys()
    {
        await using var server = await FakeServer.StartAsync(_ => new FakeResponse(200, GoalsBody));

        var result = await CliRunner.WatcherAsync(server, "goal", "list", "-f", "json");

        Assert.Equal(0, result.ExitCode);
        var array = JArray.Parse(result.Stdout);
        Assert.Equal(2, array.Count);
        Assert.Equal("dummy", (string?)array[0]["Name"]);
        Assert.Equal("Dummy goal", (string?)array[0]["Display name"]);
        Assert.Equal("736c9587-5f75-4808-af50-8950237e9a6f", (string?)array[0]["UUID"]);
    }

    [Fact]
    public async Task List_options_become_query_parameters_and_sort_key_accepts_a_label()
    {
        await using var server = await FakeServer.StartAsync(_ => new FakeResponse(200, """{"strategies": []}"""));

        var result = await CliRunner.WatcherAsync(server, "strategy", "list", "--goal", "dummy", "--detail", "--sort-key", "Display name", "--sort-dir", "desc");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Stdout); // cliff prints nothing for an empty list
        var request = Assert.Single(server.Requests);
        Assert.Equal("/v1/strategies/detail", request.Path);
        Assert.Contains("goal=dummy", request.QueryString);
        Assert.Contains("sort_key=display_name", request.QueryString);
        Assert.Contains("sort_dir=desc", request.QueryString);
    }

    [Fact]
    public async Task Limit_zero_walks_every_page_by_marker()
    {
        await using var server = await FakeServer.StartAsync(req => req.QueryString.Contains("marker=", StringComparison.Ordinal)
            ? new FakeResponse(200, """{"goals": [{"uuid": "22222222-2222-2222-2222-222222222222", "name": "b"}]}""")
            : new FakeResponse(200, """{"goals": [{"uuid": "11111111-1111-1111-1111-111111111111", "name": "a"}], "next": "http://x/v1/goals?limit=1&marker=11111111-1111-1111-1111-111111111111"}"""));

        var result = await CliRunner.WatcherAsync(server, "goal", "list", "--limit", "0", "-f", "value", "-c", "Name");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("a\nb\n", result.Stdout);
        Assert.Equal(2, server.Requests.Count);
        Assert.Contains("marker=11111111-1111-1111-1111-111111111111", server.Requests[1].QueryString);
    }

    [Fact]
    public async Task Negative_limit_is_an_error_without_a_request()
    {
        await using var server = await FakeServer.StartAsync(_ => new FakeResponse(200, GoalsBody));

        var result = await CliRunner.WatcherAsync(server, "goal", "list", "--limit", "-1");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("non-negative --limit", result.Stderr);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task Show_value_format_prints_the_selected_column_only()
    {
        await using var server = await FakeServer.StartAsync(_ => new FakeResponse(200,
            """{"uuid": "c262db91-30ca-4207-9cba-6b4ca7a5624a", "name": "a1", "state": "SUCCEEDED", "audit_type": "ONESHOT", "goal_name": "dummy", "strategy_name": null}"""));

        var result = await CliRunner.WatcherAsync(server, "audit", "show", "a1", "-f", "value", "-c", "State");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("SUCCEEDED\n", result.Stdout);
        Assert.Equal("/v1/audits/a1", Assert.Single(server.Requests).Path);
    }

    [Fact]
    public async Task Show_table_prints_field_value_rows_and_a_null_strategy_as_None_as_python_does()
    {
        await using var server = await FakeServer.StartAsync(_ => new FakeResponse(200,
            """{"uuid": "4f06db61-875c-450d-a04f-e581ef4a3fea", "name": "t1", "goal_name": "dummy", "strategy_name": null, "description": "d", "scope": []}"""));

        var result = await CliRunner.WatcherAsync(server, "audittemplate", "show", "t1");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("| Field       | Value                                |", result.Stdout);
        Assert.Contains("| Strategy    | None                                 |", result.Stdout);
        Assert.DoesNotContain("auto", result.Stdout);
        Assert.Contains("| Goal        | dummy                                |", result.Stdout);
    }

    [Fact]
    public async Task Audit_template_create_resolves_goal_and_strategy_names_then_posts()
    {
        await using var server = await FakeServer.StartAsync(req => (req.Method, req.Path) switch
        {
            ("GET", "/v1/goals/dummy") => new FakeResponse(200, """{"uuid": "736c9587-5f75-4808-af50-8950237e9a6f", "name": "dummy"}"""),
            ("GET", "/v1/strategies/dummy") => new FakeResponse(200, """{"uuid": "a8a7fb77-0538-44ed-9b65-75a54bd8f7f6", "name": "dummy"}"""),
            ("POST", "/v1/audit_templates") => new FakeResponse(201, """{"uuid": "4f06db61-875c-450d-a04f-e581ef4a3fea", "name": "t1", "goal_name": "dummy", "strategy_name": "dummy"}"""),
            _ => new FakeResponse(500, "{}"),
        });

        var result = await CliRunner.WatcherAsync(server, "audittemplate", "create", "t1", "dummy", "-s", "dummy", "-d", "a description", "-f", "json");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(["GET /v1/goals/dummy", "GET /v1/strategies/dummy", "POST /v1/audit_templates"],
            server.Requests.Select(r => r.Method + " " + r.Path).ToArray());
        var body = JObject.Parse(server.Requests[2].Body);
        Assert.Equal("t1", (string?)body["name"]);
        Assert.Equal("736c9587-5f75-4808-af50-8950237e9a6f", (string?)body["goal"]);
        Assert.Equal("a8a7fb77-0538-44ed-9b65-75a54bd8f7f6", (string?)body["strategy"]);
        Assert.Equal("a description", (string?)body["description"]);
        Assert.Equal("4f06db61-875c-450d-a04f-e581ef4a3fea", (string?)JObject.Parse(result.Stdout)["UUID"]);
    }

    [Fact]
    public async Task Audit_create_resolves_the_template_name_and_sends_json_decoded_parameters()
    {
        await using var server = await FakeServer.StartAsync(req => (req.Method, req.Path) switch
        {
            ("GET", "/v1/audit_templates/t1") => new FakeResponse(200, """{"uuid": "4f06db61-875c-450d-a04f-e581ef4a3fea", "name": "t1"}"""),
            ("POST", "/v1/audits") => new FakeResponse(201, """{"uuid": "c262db91-30ca-4207-9cba-6b4ca7a5624a", "audit_type": "ONESHOT", "state": "PENDING"}"""),
            _ => new FakeResponse(500, "{}"),
        });

        var result = await CliRunner.WatcherAsync(server, "audit", "create", "-a", "t1", "-p", "para1=3.2", "-p", "para2=hello", "-f", "value", "-c", "UUID");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("c262db91-30ca-4207-9cba-6b4ca7a5624a\n", result.Stdout);
        var body = JObject.Parse(server.Requests[1].Body);
        Assert.Equal("ONESHOT", (string?)body["audit_type"]);
        Assert.Equal("4f06db61-875c-450d-a04f-e581ef4a3fea", (string?)body["audit_template_uuid"]);
        Assert.Equal(3.2, (double)body["parameters"]!["para1"]!);
        Assert.Equal("hello", (string?)body["parameters"]!["para2"]);
        Assert.False((bool)body["auto_trigger"]!);
    }

    [Fact]
    public async Task Audit_update_sends_a_json_patch()
    {
        await using var server = await FakeServer.StartAsync(_ => new FakeResponse(200, """{"uuid": "c262db91-30ca-4207-9cba-6b4ca7a5624a", "name": "renamed"}"""));

        var result = await CliRunner.WatcherAsync(server, "audit", "update", "c262db91-30ca-4207-9cba-6b4ca7a5624a", "replace", "name=renamed");

        Assert.Equal(0, result.ExitCode);
        var request = Assert.Single(server.Requests);
        Assert.Equal("PATCH", request.Method);
        var patch = JArray.Parse(request.Body);
        Assert.Equal("replace", (string?)patch[0]["op"]);
        Assert.Equal("/name", (string?)patch[0]["path"]);
        Assert.Equal("renamed", (string?)patch[0]["value"]);
    }

    [Fact]
    public async Task Action_plan_show_rejects_a_non_uuid_locally()
    {
        await using var server = await FakeServer.StartAsync();

        var result = await CliRunner.WatcherAsync(server, "actionplan", "show", "not-a-uuid");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Invalid UUID", result.Stderr);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task Delete_deletes_each_argument()
    {
        await using var server = await FakeServer.StartAsync(_ => new FakeResponse(204));

        var result = await CliRunner.WatcherAsync(server, "audittemplate", "delete", "t1", "t2");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(["DELETE /v1/audit_templates/t1", "DELETE /v1/audit_templates/t2"], server.Requests.Select(r => r.Method + " " + r.Path).ToArray());
    }

    [Fact]
    public async Task Api_error_exits_1_with_the_server_message_and_no_token_nor_stack_trace()
    {
        await using var server = await FakeServer.StartAsync(_ => NotFound("Goal nope"));

        var result = await CliRunner.WatcherAsync(server, "goal", "show", "nope");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("", result.Stdout);
        Assert.Contains("404", result.Stderr);
        Assert.Contains("Goal nope could not be found", result.Stderr);
        Assert.DoesNotContain(CliRunner.Token, result.Stderr);
        Assert.DoesNotContain("   at ", result.Stderr);
    }

    [Fact]
    public async Task Missing_argument_is_a_usage_error_naming_the_command()
    {
        var result = await CliRunner.RunAsync("watcher", "goal", "show");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("watcher goal show --help", result.Stderr);
    }

    [Fact]
    public async Task Unknown_format_is_a_usage_error()
    {
        var result = await CliRunner.RunAsync("watcher", "goal", "list", "-f", "xml");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("xml", result.Stderr);
    }

    [Fact]
    public async Task Token_and_endpoint_come_from_the_environment()
    {
        await using var server = await FakeServer.StartAsync(_ => new FakeResponse(200, GoalsBody));
        var env = new Dictionary<string, string?>
        {
            ["OS_AUTH_TOKEN"] = CliRunner.Token,
            ["OS_ENDPOINT_OVERRIDE"] = server.BaseAddress + "v1",
            ["OS_INFRA_OPTIM_API_VERSION"] = "1.2",
        };

        var result = await CliRunner.RunAsync(env, "watcher", "--max-retries", "0", "goal", "list", "-f", "value", "-c", "Name");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("dummy\nserver_consolidation\n", result.Stdout);
        Assert.Equal(CliRunner.Token, server.Requests[0].Header("X-Auth-Token"));
        Assert.Equal("infra-optim 1.2", server.Requests[0].Header("OpenStack-API-Version"));
    }

    [Fact]
    public async Task Default_microversion_is_negotiated_from_the_root_document()
    {
        await using var server = await FakeServer.StartAsync(req => req.Path == "/"
            ? new FakeResponse(200, """{"versions": [{"id": "v1", "status": "CURRENT", "min_version": "1.0", "max_version": "1.3", "links": []}], "default_version": {"id": "v1", "status": "CURRENT", "min_version": "1.0", "max_version": "1.3", "links": []}}""")
            : new FakeResponse(200, GoalsBody));

        var result = await CliRunner.RunAsync(new Dictionary<string, string?>(),
            "watcher", "--os-auth-token", CliRunner.Token, "--os-endpoint-override", server.BaseAddress + "v1", "--max-retries", "0", "goal", "list");

        Assert.Equal(0, result.ExitCode);
        var goals = server.Requests.Single(r => r.Path == "/v1/goals");
        Assert.Equal("infra-optim 1.3", goals.Header("OpenStack-API-Version"));
    }

    [Fact]
    public async Task No_credentials_is_an_error_that_says_what_to_give()
    {
        var result = await CliRunner.RunAsync(new Dictionary<string, string?> { ["HOME"] = Path.GetTempPath() }, "watcher", "goal", "list");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("--os-auth-url", result.Stderr);
    }

    [Fact]
    public async Task Connection_refused_is_one_line_without_stack_trace()
    {
        int port;
        await using (var closed = await FakeServer.StartAsync())
        {
            port = closed.BaseAddress.Port;
        }

        var result = await CliRunner.RunAsync("watcher", "--os-auth-token", CliRunner.Token, "--os-endpoint-override", $"http://127.0.0.1:{port}/v1",
            "--os-infra-optim-api-version", "1.4", "--max-retries", "0", "goal", "list");

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("Watcher at http://127.0.0.1:", result.Stderr);
        Assert.Single(result.Stderr.TrimEnd('\n').Split('\n'));
        Assert.DoesNotContain(CliRunner.Token, result.Stderr);
    }

    [Fact]
    public async Task Limit_n_asks_for_pages_of_n_and_stops_after_n_items()
    {
        await using var server = await FakeServer.StartAsync(_ => new FakeResponse(200,
            """{"goals": [{"uuid": "11111111-1111-1111-1111-111111111111", "name": "a"}, {"uuid": "22222222-2222-2222-2222-222222222222", "name": "b"}], "next": "http://x/v1/goals?limit=2&marker=22222222-2222-2222-2222-222222222222"}"""));

        var result = await CliRunner.WatcherAsync(server, "goal", "list", "--limit", "2", "-f", "value", "-c", "UUID");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("11111111-1111-1111-1111-111111111111\n22222222-2222-2222-2222-222222222222\n", result.Stdout);
        Assert.Equal("/v1/goals?limit=2", Assert.Single(server.Requests).PathAndQuery);
    }

    [Fact]
    public async Task Audit_list_detail_with_strategy_filters_the_detail_pages_locally()
    {
        await using var server = await FakeServer.StartAsync(_ => new FakeResponse(200, """
            {"audits": [
              {"uuid": "11111111-1111-1111-1111-111111111111", "name": "x", "strategy_name": "dummy", "state": "SUCCEEDED"},
              {"uuid": "22222222-2222-2222-2222-222222222222", "name": "y", "strategy_name": "basic", "state": "SUCCEEDED"}]}
            """));

        var result = await CliRunner.WatcherAsync(server, "audit", "list", "--detail", "--strategy", "dummy", "-f", "value", "-c", "Name");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("x\n", result.Stdout);
        var request = Assert.Single(server.Requests);
        Assert.Equal("/v1/audits/detail", request.Path);
        Assert.DoesNotContain("strategy", request.QueryString);
    }

    [Fact]
    public async Task Action_update_skips_with_a_reason()
    {
        await using var server = await FakeServer.StartAsync(_ => new FakeResponse(200,
            """{"uuid": "5f761286-b9e5-4ff4-894e-14c79523f7a6", "state": "SKIPPED", "status_message": "Action skipped by user. Reason: maintenance"}"""));

        var result = await CliRunner.RunAsync("watcher", "--os-auth-token", CliRunner.Token, "--os-endpoint-override", server.BaseAddress + "v1",
            "--os-infra-optim-api-version", "1.5", "--max-retries", "0",
            "action", "update", "5f761286-b9e5-4ff4-894e-14c79523f7a6", "--state", "SKIPPED", "--reason", "maintenance", "-f", "value", "-c", "State");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("SKIPPED\n", result.Stdout);
        var patch = JArray.Parse(Assert.Single(server.Requests).Body);
        Assert.Equal("/state", (string?)patch[0]["path"]);
        Assert.Equal("SKIPPED", (string?)patch[0]["value"]);
        Assert.Equal("/status_message", (string?)patch[1]["path"]);
        Assert.Equal("maintenance", (string?)patch[1]["value"]);
    }

    [Fact]
    public async Task Action_update_needs_an_option()
    {
        var result = await CliRunner.RunAsync("watcher", "--os-auth-token", CliRunner.Token, "--os-endpoint-override", "http://127.0.0.1:1/v1",
            "action", "update", "5f761286-b9e5-4ff4-894e-14c79523f7a6");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("--state", result.Stderr);
    }
}
