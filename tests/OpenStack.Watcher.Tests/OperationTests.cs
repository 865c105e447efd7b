using Newtonsoft.Json.Linq;
using OpenStack.Testing;

namespace OpenStack.Watcher.Tests;

/// <summary>Every operation: the exact request it sends and what it makes of a real answer.</summary>
public class OperationTests
{
    private static async Task<(FakeServer Server, WatcherClient Client)> Start(Func<RecordedRequest, FakeResponse> handler, string? version = "1.4")
    {
        var server = await FakeServer.StartAsync(handler);
        return (server, Fake.Client(server, version));
    }

    private static RecordedRequest Only(FakeServer server)
    {
        var request = Assert.Single(server.ApiRequests());
        Assert.Equal("infra-optim 1.4", request.Header("OpenStack-API-Version"));
        Assert.Contains("application/json", request.Header("Accept") ?? "");
        return request;
    }

    [Fact]
    public async Task Root_get_reads_the_version_range_without_the_v1_prefix()
    {
        var (server, client) = await Start(_ => Capture.Response("watcher-get-root"));
        await using var _ = server;
        var root = await client.Root.GetAsync();
        var request = Assert.Single(server.Requests);
        Assert.Equal("GET", request.Method);
        Assert.Equal("/", request.PathAndQuery);
        var v1 = Assert.Single(root.Versions);
        Assert.Equal(("v1", "1.0", "1.4"), (v1.Id, v1.MinVersion, v1.MaxVersion));
        Assert.Equal("1.4", root.DefaultVersion.MaxVersion);
    }

    [Fact]
    public async Task Root_getV1_lists_data_model_and_webhooks_links()
    {
        var (server, client) = await Start(_ => Capture.Response("live-get-v1"));
        await using var _ = server;
        var v1 = await client.Root.GetV1Async();
        Assert.Equal("/v1", Only(server).PathAndQuery);
        Assert.Equal("v1", v1.Id);
        Assert.Equal("application/vnd.openstack.watcher.v1+json", Assert.Single(v1.MediaTypes).Type);
        Assert.Equal(2, v1.DataModel.Count);
        Assert.Equal("http://127.0.0.1:9322/v1/webhooks/", v1.Webhooks.First().Href);
        Assert.Contains(v1.Links, l => l.Rel == "describedby" && l.Type == "text/html");
    }

    [Fact]
    public async Task Goals_list_and_detail_send_every_query_parameter()
    {
        var (server, client) = await Start(r => Capture.Response(r.Path.EndsWith("detail") ? "watcher-get-goals-detail-limit2" : "watcher-get-goals"));
        await using var _ = server;
        var page = await client.Goals.ListAsync(limit: 2, marker: "m", sortKey: "name", sortDir: SortDirection.Desc);
        var detail = await client.Goals.ListDetailAsync(limit: 2);
        var requests = server.ApiRequests();
        Assert.Equal("/v1/goals?limit=2&marker=m&sort_key=name&sort_dir=desc", requests[0].PathAndQuery);
        Assert.Equal("/v1/goals/detail?limit=2", requests[1].PathAndQuery);
        Assert.Equal(10, page.Goals.Count);
        Assert.Null(page.Next);
        Assert.Null(page.Goals.First().CreatedAt); // short form: absent
        Assert.Equal(new DateTimeOffset(2026, 11, 24, 0, 4, 47, TimeSpan.Zero).AddTicks(8260780), detail.Goals.First().CreatedAt);
        Assert.Equal("http://127.0.0.1:9322/v1/goals/detail?sort_key=id&sort_dir=asc&limit=2&marker=20974953-bbf3-4733-878d-f98786a14491", detail.Next);
    }

    [Fact]
    public async Task Goals_get_parses_the_efficacy_specification()
    {
        var (server, client) = await Start(_ => Capture.Response("live-get-goal-server-consolidation"));
        await using var _ = server;
        var goal = await client.Goals.GetAsync("server_consolidation");
        Assert.Equal("/v1/goals/server_consolidation", Only(server).PathAndQuery);
        Assert.Equal("Server Consolidation", goal.DisplayName);
        var spec = goal.EfficacySpecification.First();
        Assert.Equal("compute_nodes_count", spec.Name);
        Assert.Null(spec.Unit);
        Assert.Equal("{\"type\": \"integer\", \"minimum\": 0}", spec.Schema);
    }

    [Fact]
    public async Task Strategies_list_detail_get_and_state()
    {
        var (server, client) = await Start(r => r.Path switch
        {
            "/v1/strategies" or "/v1/strategies/detail" => Capture.Response("watcher-get-strategies"),
            "/v1/strategies/dummy/state" => Capture.Response("live-get-strategy-dummy-state"),
            _ => Capture.Response("live-get-strategy-dummy"),
        });
        await using var _ = server;
        var page = await client.Strategies.ListAsync(goal: "dummy", limit: 5);
        await client.Strategies.ListDetailAsync(goal: "du mmy");
        var strategy = await client.Strategies.GetAsync("dummy");
        var state = await client.Strategies.StateAsync("dummy");
        var requests = server.ApiRequests();
        Assert.Equal("/v1/strategies?goal=dummy&limit=5", requests[0].PathAndQuery);
        Assert.Equal("/v1/strategies/detail?goal=du%20mmy", requests[1].PathAndQuery);
        Assert.Equal("/v1/strategies/dummy", requests[2].PathAndQuery);
        Assert.Equal("/v1/strategies/dummy/state", requests[3].PathAndQuery);
        Assert.Equal(3, page.Strategies.Count);
        Assert.Equal("dummy", page.Strategies.First().GoalName);
        var para1 = (JObject)((JObject)strategy.ParametersSpec!["properties"])["para1"]!;
        Assert.Equal(3.2, (double)para1["default"]!);
        Assert.Equal(4, state.Count);
        var items = state.ToList();
        Assert.Equal("Datasource is not presented for this strategy", items[0].StateText);
        Assert.True(items[0].IsMandatory);
        Assert.Empty(items[1].StateEntries);
        Assert.Equal(new KeyValuePair<string, string?>("compute_model", "available"), items[2].StateEntries[0]);
        Assert.Equal(3, items[2].StateEntries.Count);
        Assert.Equal("Name", items[3].Type);
        Assert.Null(items[3].IsMandatory); // the server writes "" there
        Assert.Equal("dummy", items[3].StateText);
    }

    [Fact]
    public async Task AuditTemplates_crud()
    {
        var (server, client) = await Start(r => (r.Method, r.Path) switch
        {
            ("GET", "/v1/audit_templates") or ("GET", "/v1/audit_templates/detail") => Capture.Response("watcher-get-audit-templates"),
            ("POST", _) => Capture.Response("watcher-post-audittemplate-201"),
            ("DELETE", _) => Capture.Response("watcher-delete-audittemplate-204"),
            _ => Fake.Json(Capture.Load("watcher-post-audittemplate-201").Body),
        });
        await using var _ = server;
        var page = await client.AuditTemplates.ListAsync(goal: "dummy", strategy: "dummy", limit: 10, sortKey: "name");
        await client.AuditTemplates.ListDetailAsync(goal: "dummy");
        var created = await client.AuditTemplates.CreateAsync(new AuditTemplateCreate
        {
            Name = "cap-at", Goal = "dummy", Strategy = "dummy", Description = "captured",
        });
        var got = await client.AuditTemplates.GetAsync("cap-at");
        await client.AuditTemplates.UpdateAsync("cap-at", [WatcherPatch.Replace("/description", "new"), WatcherPatch.Remove("strategy")]);
        await client.AuditTemplates.RenameAsync("cap-at", "renamed");
        await client.AuditTemplates.DeleteAsync("cap-at");
        var r = server.ApiRequests();
        Assert.Equal("/v1/audit_templates?goal=dummy&strategy=dummy&limit=10&sort_key=name", r[0].PathAndQuery);
        Assert.Equal("/v1/audit_templates/detail?goal=dummy", r[1].PathAndQuery);
        Assert.Equal(("POST", "/v1/audit_templates"), (r[2].Method, r[2].PathAndQuery));
        Assert.True(JToken.DeepEquals(JObject.Parse("""{"name":"cap-at","goal":"dummy","strategy":"dummy","description":"captured"}"""), JObject.Parse(r[2].Body)));
        Assert.StartsWith("application/json", r[2].Header("Content-Type"));
        Assert.Equal(("GET", "/v1/audit_templates/cap-at"), (r[3].Method, r[3].PathAndQuery));
        Assert.Equal(("PATCH", "/v1/audit_templates/cap-at"), (r[4].Method, r[4].PathAndQuery));
        Assert.StartsWith("application/json", r[4].Header("Content-Type")); // not json-patch+json: Watcher refuses that
        Assert.True(JToken.DeepEquals(JArray.Parse("""[{"op":"replace","path":"/description","value":"new"},{"op":"remove","path":"/strategy"}]"""), JArray.Parse(r[4].Body)));
        Assert.True(JToken.DeepEquals(JArray.Parse("""[{"op":"replace","path":"/name","value":"renamed"}]"""), JArray.Parse(r[5].Body)));
        Assert.Equal(("DELETE", "/v1/audit_templates/cap-at"), (r[6].Method, r[6].PathAndQuery));
        Assert.Equal(2, page.AuditTemplates.Count);
        Assert.Null(page.AuditTemplates.First().StrategyUuid);
        Assert.Equal(Guid.Parse("c61a2cab-6986-4b0e-bff7-60e4e5f2a733"), created.Uuid);
        Assert.Equal("captured", got.Description);
        Assert.Empty(got.Scope);
    }

    [Fact]
    public async Task Audits_crud_and_state_helpers()
    {
        var (server, client) = await Start(r => (r.Method, r.Path) switch
        {
            ("GET", "/v1/audits") => Capture.Response("watcher-get-audits"),
            ("GET", "/v1/audits/detail") => Capture.Response("watcher-get-audits-detail"),
            ("POST", _) => Capture.Response("watcher-post-audit-continuous-201"),
            ("PATCH", _) => Capture.Response("watcher-patch-audit-cancel-200"),
            ("DELETE", _) => new FakeResponse(204),
            _ => Capture.Response("watcher-get-audit-after-de"),
        });
        await using var _ = server;
        var page = await client.Audits.ListAsync(goal: "dummy", strategy: "dummy", limit: 3, marker: "x", sortKey: "name", sortDir: SortDirection.Asc);
        var detail = await client.Audits.ListDetailAsync(goal: "dummy");
        var created = await client.Audits.CreateAsync(new AuditCreate
        {
            AuditType = AuditType.Continuous, Goal = "dummy", Interval = "3600", Name = "cap-cont-000710",
            Parameters = new Dictionary<string, object> { ["para1"] = 2.5 },
            StartTime = new DateTimeOffset(2026, 5, 1, 22, 30, 0, TimeSpan.FromHours(2)),
        });
        var got = await client.Audits.GetAsync("cap-audit-000710");
        await client.Audits.CancelAsync("a");
        await client.Audits.SuspendAsync("a");
        await client.Audits.ResumeAsync("a");
        await client.Audits.RenameAsync("a", "b");
        await client.Audits.SetParametersAsync("a", new Dictionary<string, object?> { ["para1"] = 2, ["a/b"] = "x" });
        await client.Audits.DeleteAsync("a");
        var r = server.ApiRequests();
        Assert.Equal("/v1/audits?goal=dummy&strategy=dummy&limit=3&marker=x&sort_key=name&sort_dir=asc", r[0].PathAndQuery);
        Assert.Equal("/v1/audits/detail?goal=dummy", r[1].PathAndQuery);
        Assert.Equal(("POST", "/v1/audits"), (r[2].Method, r[2].Path));
        Assert.True(JToken.DeepEquals(
            JObject.Parse("""{"audit_type":"CONTINUOUS","goal":"dummy","name":"cap-cont-000710","parameters":{"para1":2.5},"interval":"3600","start_time":"2026-05-01T20:30:00.000000+00:00"}"""),
            JObject.Parse(r[2].Body)), r[2].Body);
        Assert.Equal("/v1/audits/cap-audit-000710", r[3].Path);
        string[] patches =
        [
            """[{"op":"replace","path":"/state","value":"CANCELLED"}]""",
            """[{"op":"replace","path":"/state","value":"SUSPENDED"}]""",
            """[{"op":"replace","path":"/state","value":"ONGOING"}]""",
            """[{"op":"replace","path":"/name","value":"b"}]""",
            """[{"op":"add","path":"/parameters/para1","value":2},{"op":"add","path":"/parameters/a~1b","value":"x"}]""",
        ];
        for (var i = 0; i < patches.Length; i++)
        {
            Assert.Equal(("PATCH", "/v1/audits/a"), (r[4 + i].Method, r[4 + i].Path));
            Assert.True(JToken.DeepEquals(JArray.Parse(patches[i]), JArray.Parse(r[4 + i].Body)), r[4 + i].Body);
        }
        Assert.Equal(("DELETE", "/v1/audits/a"), (r[9].Method, r[9].Path));
        Assert.Equal(5, page.Audits.Count);
        Assert.Equal(AuditState.Failed, page.Audits.First().State);
        Assert.True(page.Audits.First().IsTerminal);
        Assert.Null(page.Audits.First().Hostname); // not in the short form
        Assert.Equal("localhost", detail.Audits.First().Hostname);
        Assert.Null(created.StartTime);
        Assert.Equal(AuditState.Pending, created.State);
        Assert.Equal(3.2, Convert.ToDouble(got.Parameters!["para1"]));
        Assert.False(got.IsTerminal);
        Assert.Equal(Guid.Parse("f759774f-2f29-40f9-b69d-5c0eebad9a67"), got.StrategyUuid);
    }

    [Fact]
    public async Task ActionPlans_list_get_update_start_delete_and_cancel()
    {
        var (server, client) = await Start(r => (r.Method, r.Path) switch
        {
            ("GET", "/v1/action_plans") => Capture.Response("live-get-action-plans-short"),
            ("GET", "/v1/action_plans/detail") => Capture.Response("live-get-action-plans-detail"),
            ("POST", _) => Capture.Response("live-post-action-plan-start"),
            ("DELETE", _) => new FakeResponse(204),
            _ => Capture.Response("live-post-action-plan-start"),
        });
        await using var _ = server;
        var audit = Guid.Parse("628bce04-7819-4d36-ba0c-d46680a8bd8a");
        var page = await client.ActionPlans.ListAsync(auditUuid: audit, strategy: "dummy", limit: 1);
        var detail = await client.ActionPlans.ListDetailAsync(auditUuid: audit);
        var plan = await client.ActionPlans.GetAsync("p");
        await client.ActionPlans.UpdateAsync("p", [WatcherPatch.State(ActionPlanState.Pending)]);
        var started = await client.ActionPlans.StartAsync("p");
        await client.ActionPlans.DeleteAsync("p");
        await client.ActionPlans.CancelAsync("p"); // the fake says PENDING: CANCELLED
        var r = server.ApiRequests();
        Assert.Equal($"/v1/action_plans?audit_uuid={audit}&strategy=dummy&limit=1", r[0].PathAndQuery);
        Assert.Equal($"/v1/action_plans/detail?audit_uuid={audit}", r[1].PathAndQuery);
        Assert.Equal(("GET", "/v1/action_plans/p"), (r[2].Method, r[2].Path));
        Assert.Equal(("PATCH", """[{"op":"replace","path":"/state","value":"PENDING"}]"""), (r[3].Method, r[3].Body));
        Assert.Equal(("POST", "/v1/action_plans/p/start"), (r[4].Method, r[4].Path));
        Assert.Equal(("DELETE", "/v1/action_plans/p"), (r[5].Method, r[5].Path));
        Assert.Equal(("GET", "/v1/action_plans/p"), (r[6].Method, r[6].Path));
        Assert.Equal(("PATCH", """[{"op":"replace","path":"/state","value":"CANCELLED"}]"""), (r[7].Method, r[7].Body));
        Assert.Equal(ActionPlanState.Recommended, page.ActionPlans.Single().State);
        Assert.Null(page.ActionPlans.Single().CreatedAt);
        Assert.Empty(detail.ActionPlans.Single().EfficacyIndicators);
        Assert.Empty(plan.GlobalEfficacyIndicators);
        Assert.Equal(ActionPlanState.Pending, started.State);
    }

    [Fact]
    public async Task ActionPlans_cancel_of_an_ongoing_plan_asks_for_CANCELLING()
    {
        var ongoing = Capture.Load("live-post-action-plan-start").Body.Replace("\"PENDING\"", "\"ONGOING\"");
        var (server, client) = await Start(_ => Fake.Json(ongoing));
        await using var _ = server;
        await client.ActionPlans.CancelAsync("p");
        Assert.Equal("""[{"op":"replace","path":"/state","value":"CANCELLING"}]""", server.ApiRequests()[1].Body);
    }

    [Fact]
    public async Task Actions_list_detail_get_update_and_skip()
    {
        var (server, client) = await Start(r => (r.Method, r.Path) switch
        {
            ("GET", "/v1/actions") => Capture.Response("live-get-actions-limit1"),
            ("GET", "/v1/actions/detail") => Capture.Response("live-get-actions-detail"),
            ("PATCH", _) => Capture.Response("live-patch-action-403"),
            _ => Fake.Json(JObject.Parse(Capture.Load("live-get-actions-detail").Body)["actions"]![0]!.ToString()),
        });
        await using var _ = server;
        var plan = Guid.Parse("aba26fda-a2cc-4991-b7e0-0ded76011b56");
        var page = await client.Actions.ListAsync(actionPlanUuid: plan, limit: 1);
        var detail = await client.Actions.ListDetailAsync(auditUuid: plan, sortKey: "created_at");
        var action = await client.Actions.GetAsync("a");
        var skip = await Assert.ThrowsAnyAsync<WatcherApiException>(() => client.Actions.SkipAsync("a", "not today"));
        var r = server.ApiRequests();
        Assert.Equal($"/v1/actions?action_plan_uuid={plan}&limit=1", r[0].PathAndQuery);
        Assert.Equal($"/v1/actions/detail?audit_uuid={plan}&sort_key=created_at", r[1].PathAndQuery);
        Assert.Equal("/v1/actions/a", r[2].Path);
        Assert.Equal(("PATCH", """[{"op":"replace","path":"/state","value":"SKIPPED"},{"op":"replace","path":"/status_message","value":"not today"}]"""), (r[3].Method, r[3].Body));
        Assert.NotNull(page.Next);
        Assert.Equal("nop", page.Actions.Single().ActionType);
        Assert.Equal(3, detail.Actions.Count);
        var sleep = detail.Actions.Last();
        Assert.Equal("sleep", sleep.ActionType);
        Assert.Single(sleep.Parents);
        Assert.Equal(1L, Convert.ToInt64(sleep.InputParameters!["duration"]));
        Assert.Equal(ActionState.Pending, action.State);
        Assert.Equal(403, skip.StatusCode);
        Assert.Equal("Cannot modify an action directly", skip.ServerMessage);
    }

    [Fact]
    public async Task ScoringEngines_and_services()
    {
        var (server, client) = await Start(r => r.Path switch
        {
            "/v1/scoring_engines" or "/v1/scoring_engines/detail" => Capture.Response("watcher-get-scoring-engines"),
            "/v1/scoring_engines/dummy_scorer" => Capture.Response("live-get-scoring-engine"),
            "/v1/services" => Capture.Response("watcher-get-services"),
            "/v1/services/detail" => Capture.Response("live-get-services-detail"),
            _ => Fake.Json("""{"id": 2, "name": "watcher-decision-engine", "host": "localhost", "status": "FAILED", "last_seen_up": "2026-11-24T00:45:58.735889"}"""),
        });
        await using var _ = server;
        var engines = await client.ScoringEngines.ListAsync(limit: 4, sortDir: SortDirection.Desc);
        await client.ScoringEngines.ListDetailAsync();
        var engine = await client.ScoringEngines.GetAsync("dummy_scorer");
        var services = await client.Services.ListAsync(limit: 1, marker: 1);
        var servicesDetail = await client.Services.ListDetailAsync();
        var service = await client.Services.GetAsync("2");
        var r = server.ApiRequests();
        Assert.Equal("/v1/scoring_engines?limit=4&sort_dir=desc", r[0].PathAndQuery);
        Assert.Equal("/v1/scoring_engines/detail", r[1].PathAndQuery);
        Assert.Equal("/v1/scoring_engines/dummy_scorer", r[2].PathAndQuery);
        Assert.Equal("/v1/services?limit=1&marker=1", r[3].PathAndQuery);
        Assert.Equal("/v1/services/detail", r[4].PathAndQuery);
        Assert.Equal("/v1/services/2", r[5].PathAndQuery);
        Assert.Equal(4, engines.ScoringEngines.Count);
        Assert.Contains("feature_columns", engine.Metainfo);
        Assert.Equal(ServiceStatus.Active, services.Services.Single().Status);
        Assert.Equal(new DateTimeOffset(2026, 11, 24, 0, 54, 28, TimeSpan.Zero).AddTicks(1823710), servicesDetail.Services.First().LastSeenUp);
        Assert.Equal(TimeSpan.Zero, service.LastSeenUp!.Value.Offset); // naive means UTC
        Assert.Equal(ServiceStatus.Failed, service.Status);
    }

    [Fact]
    public async Task DataModel_list_uses_the_real_parameter_names_and_accepts_numbers_or_strings()
    {
        var (server, client) = await Start(r => r.QueryString.Contains("audit_uuid")
            ? Fake.Json("""{"context": [{"node_uuid": "n", "node_memory": "512", "node_vcpu_ratio": "1.5", "server_uuid": "s", "server_flavor_extra_specs": {"hw:cpu_policy": "dedicated"}, "new_key": 1}]}""")
            : Capture.Response("live-get-data-model"));
        await using var _ = server;
        var model = await client.DataModel.ListAsync(dataModelType: "compute");
        var audit = Guid.NewGuid();
        var scoped = await client.DataModel.ListAsync(auditUuid: audit);
        var r = server.ApiRequests();
        Assert.Equal("/v1/data_model?data_model_type=compute", r[0].PathAndQuery);
        Assert.Equal($"/v1/data_model?audit_uuid={audit}", r[1].PathAndQuery);
        Assert.Equal(3, model.Context.Count);
        var row = model.Context.First();
        Assert.Equal(("compute-1", 16384d, 1.5, false), (row.NodeHostname, row.NodeMemory, row.NodeMemoryRatio, row.ServerLocked));
        var stringy = scoped.Context.Single();
        Assert.Equal((512d, 1.5), (stringy.NodeMemory, stringy.NodeVcpuRatio));
        Assert.Equal("dedicated", stringy.ServerFlavorExtraSpecs!["hw:cpu_policy"]);
        Assert.True(stringy.AdditionalProperties.ContainsKey("new_key"));
    }

    [Fact]
    public async Task Webhooks_trigger_posts_a_json_body_and_accepts_202()
    {
        var (server, client) = await Start(_ => new FakeResponse(202));
        await using var _ = server;
        await client.Webhooks.TriggerAsync("my-event-audit");
        await client.Webhooks.TriggerAsync("my-event-audit", new Dictionary<string, object> { ["k"] = "v" });
        var r = server.ApiRequests();
        Assert.Equal(("POST", "/v1/webhooks/my-event-audit", "{}"), (r[0].Method, r[0].Path, r[0].Body));
        Assert.Equal("""{"k":"v"}""", r[1].Body);
        Assert.StartsWith("application/json", r[0].Header("Content-Type"));
    }
}
