using OpenStack.ContractTests.Infrastructure;
using OpenStack.Pact;
using OpenStack.Watcher;
using static OpenStack.ContractTests.Watcher.WatcherContract;

namespace OpenStack.ContractTests.Watcher;

/// <summary>Audit templates, audits, action plans, actions and webhooks: the optimisation workflow.</summary>
[Collection(ConsumerCollection.Name)]
public sealed class LifecycleContractTests
{
    private const string PlanUuid = "3f1d2c4b-5a6e-4f70-8a9b-0c1d2e3f4a5b";
    private const string ActionUuid = "7a8b9c0d-1e2f-4a3b-8c4d-5e6f7a8b9c0d";
    private const string AuditUuid = "9c8b7a6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d";

    private static object AuditTemplate(string name) => new
    {
        uuid = Uuid, name = Match.Type(name), goal_uuid = Uuid, goal_name = Match.Type("dummy"),
        strategy_uuid = Uuid, strategy_name = Match.Type("dummy"), links = Links("audit_templates"),
    };

    private static object AuditTemplateDetail(string name) => new
    {
        uuid = Uuid, name = Match.Type(name), description = Match.Type("created by the contract tests"),
        goal_uuid = Uuid, goal_name = Match.Type("dummy"), strategy_uuid = Uuid, strategy_name = Match.Type("dummy"),
        scope = Match.EachLike(new Dictionary<string, object>(), min: 0), created_at = Time, links = Links("audit_templates"),
    };

    private static object Audit(string name, string state = "SUCCEEDED") => new
    {
        uuid = Uuid, name = Match.Type(name), audit_type = Match.Regex("ONESHOT", "^(ONESHOT|CONTINUOUS|EVENT)$"),
        state = Match.Regex(state, "^(PENDING|ONGOING|SUCCEEDED|FAILED|CANCELLED|SUSPENDED|DELETED)$"),
        goal_uuid = Uuid, goal_name = Match.Type("dummy"),
        auto_trigger = Match.Boolean(false), force = Match.Boolean(false), links = Links("audits"),
    };

    private static object AuditDetail(string name, string state = "SUCCEEDED") => new
    {
        uuid = Uuid, name = Match.Type(name), audit_type = Match.Regex("ONESHOT", "^(ONESHOT|CONTINUOUS|EVENT)$"),
        state = Match.Regex(state, "^(PENDING|ONGOING|SUCCEEDED|FAILED|CANCELLED|SUSPENDED|DELETED)$"),
        goal_uuid = Uuid, goal_name = Match.Type("dummy"), strategy_uuid = Uuid, strategy_name = Match.Type("dummy"),
        parameters = Match.Type(new Dictionary<string, object> { ["para1"] = 3.2, ["para2"] = "hello" }),
        auto_trigger = Match.Boolean(false), force = Match.Boolean(false), created_at = Time, links = Links("audits"),
    };

    private static object ActionPlan(string state = "RECOMMENDED") => new
    {
        uuid = Uuid, audit_uuid = Uuid, strategy_uuid = Uuid, strategy_name = Match.Type("dummy"),
        state = Match.Regex(state, "^(RECOMMENDED|PENDING|ONGOING|CANCELLING|SUCCEEDED|FAILED|CANCELLED|SUPERSEDED|DELETED)$"),
        efficacy_indicators = Match.EachLike(new { name = Match.Type("n") }, min: 0),
        links = Links("action_plans"),
    };

    private static object Action() => new
    {
        uuid = Uuid, action_plan_uuid = Uuid, action_type = Match.Type("nop"),
        state = Match.Regex("PENDING", "^(PENDING|ONGOING|SUCCEEDED|FAILED|CANCELLED|CANCELLING|DELETED|SKIPPED)$"),
        parents = Match.EachLike(WatcherShapes.ExampleUuid, min: 0),
        links = Links("actions"),
    };

    private static object ActionDetail() => new
    {
        uuid = Uuid, action_plan_uuid = Uuid, action_type = Match.Type("nop"),
        state = Match.Regex("PENDING", "^(PENDING|ONGOING|SUCCEEDED|FAILED|CANCELLED|CANCELLING|DELETED|SKIPPED)$"),
        input_parameters = Match.Type(new Dictionary<string, object> { ["message"] = "Welcome" }),
        parents = Match.EachLike(WatcherShapes.ExampleUuid, min: 0),
        description = Match.Type("Logging a NOP message"),
        created_at = Time, links = Links("actions"),
    };

    private static Matcher PlanPath(string suffix = "") =>
        Match.PathWithUuids("/v1/action_plans/${action_plan_uuid}" + suffix, PlanUuid);

    // ---- audit templates ----

    [Fact]
    public async Task AuditTemplates_List_filters_by_goal()
    {
        using var pact = Contract.WatcherPact();
        pact.UponReceiving("a request to list the audit templates of the dummy goal")
            .Given(States.AuditTemplateExists, "contract-template")
            .WithRequest(HttpMethod.Get, "/v1/audit_templates").WithQuery("goal", "dummy").Authenticated()
            .WillRespond().WithStatus(200)
            .WithJsonBody(new { audit_templates = Match.EachLike(AuditTemplate("contract-template")) });

        await pact.VerifyAsync(async ctx =>
        {
            var template = Assert.Single((await new AuditTemplatesClient(ContractHttp(ctx)).ListAsync(goal: "dummy")).AuditTemplates!);
            Assert.Equal("dummy", template.GoalName);
        });
    }

    [Fact]
    public async Task AuditTemplates_ListDetail_returns_every_field()
    {
        using var pact = Contract.WatcherPact();
        pact.UponReceiving("a request to list audit templates in detail")
            .Given(States.AuditTemplateExists, "contract-template")
            .WithRequest(HttpMethod.Get, "/v1/audit_templates/detail").Authenticated()
            .WillRespond().WithStatus(200)
            .WithJsonBody(new { audit_templates = Match.EachLike(new { uuid = Uuid, name = Match.Type("contract-template"), goal_uuid = Uuid, goal_name = Match.Type("dummy"), created_at = Time, links = Links("audit_templates") }) });

        await pact.VerifyAsync(async ctx =>
        {
            var template = Assert.Single((await new AuditTemplatesClient(ContractHttp(ctx)).ListDetailAsync()).AuditTemplates!);
            Assert.NotNull(template.CreatedAt);
        });
    }

    [Fact]
    public async Task AuditTemplates_Get_returns_one_template_by_name()
    {
        using var pact = Contract.WatcherPact();
        pact.UponReceiving("a request to show the audit template named contract-template")
            .Given(States.AuditTemplateExists, "contract-template")
            .WithRequest(HttpMethod.Get, "/v1/audit_templates/contract-template").Authenticated()
            .WillRespond().WithStatus(200)
            .WithJsonBody(AuditTemplateDetail("contract-template"));

        await pact.VerifyAsync(async ctx =>
        {
            var template = await new AuditTemplatesClient(ContractHttp(ctx)).GetAsync("contract-template");
            Assert.Equal("contract-template", template.Name);
        });
    }

    [Fact]
    public async Task AuditTemplates_Create_returns_the_new_template()
    {
        using var pact = Contract.WatcherPact();
        pact.UponReceiving("a request to create an audit template")
            .Given(States.NoAuditTemplate, "contract-template-new")
            .WithRequest(HttpMethod.Post, "/v1/audit_templates").Authenticated()
            .WithJsonBody(new { name = "contract-template-new", goal = "dummy", strategy = "dummy", description = "created by the contract tests" })
            .WillRespond().WithStatus(201)
            .WithJsonBody(AuditTemplateDetail("contract-template-new"));

        await pact.VerifyAsync(async ctx =>
        {
            var template = await new AuditTemplatesClient(ContractHttp(ctx)).CreateAsync(new AuditTemplateCreate
            {
                Name = "contract-template-new", Goal = "dummy", Strategy = "dummy", Description = "created by the contract tests",
            });
            Assert.Equal("contract-template-new", template.Name);
        });
    }

    [Fact]
    public async Task AuditTemplates_Create_with_an_unknown_goal_is_400()
    {
        using var pact = Contract.WatcherPact();
        pact.UponReceiving("a request to create an audit template for an unknown goal")
            .Given(States.GoalsExist)
            .WithRequest(HttpMethod.Post, "/v1/audit_templates").Authenticated()
            .WithJsonBody(new { name = "contract-template-bad", goal = "no-such-goal" })
            .WillRespond().WithStatus(400)
            .WithJsonBody(WatcherShapes.Error("Goal no-such-goal is invalid", "is invalid"));

        await pact.VerifyAsync(async ctx =>
        {
            var ex = await Assert.ThrowsAnyAsync<WatcherApiException>(() => new AuditTemplatesClient(ContractHttp(ctx))
                .CreateAsync(new AuditTemplateCreate { Name = "contract-template-bad", Goal = "no-such-goal" }));
            Assert.Equal(400, ex.StatusCode);
        });
    }

    [Fact]
    public async Task AuditTemplates_Update_applies_a_json_patch()
    {
        using var pact = Contract.WatcherPact();
        pact.UponReceiving("a request to change the description of an audit template")
            .Given(States.AuditTemplateExists, "contract-template-patch")
            .WithRequest(HttpMethod.Patch, "/v1/audit_templates/contract-template-patch").Authenticated()
            .WithJsonBody(new[] { new { op = "replace", path = "/description", value = "patched by the contract tests" } })
            .WillRespond().WithStatus(200)
            .WithJsonBody(new
            {
                uuid = Uuid, name = Match.Type("contract-template-patch"), description = "patched by the contract tests",
                goal_name = Match.Type("dummy"), links = Links("audit_templates"),
            });

        await pact.VerifyAsync(async ctx =>
        {
            var template = await new AuditTemplatesClient(ContractHttp(ctx)).UpdateAsync("contract-template-patch",
                new[] { new PatchOperation { Op = PatchOp.Replace, Path = "/description", Value = "patched by the contract tests" } });
            Assert.Equal("patched by the contract tests", template.Description);
        });
    }

    [Fact]
    public async Task AuditTemplates_Delete_removes_the_template()
    {
        using var pact = Contract.WatcherPact();
        pact.UponReceiving("a request to delete an audit template")
            .Given(States.AuditTemplateExists, "contract-template-delete")
            .WithRequest(HttpMethod.Delete, "/v1/audit_templates/contract-template-delete").Authenticated()
            .WillRespond().WithStatus(204);

        await pact.VerifyAsync(ctx => new AuditTemplatesClient(ContractHttp(ctx)).DeleteAsync("contract-template-delete"));
    }

    // ---- audits ----

    [Fact]
    public async Task Audits_List_filters_by_goal()
    {
        using var pact = Contract.WatcherPact();
        pact.UponReceiving("a request to list the audits of the dummy goal")
            .Given(States.SucceededAuditWithActionPlan, "contract-audit")
            .WithRequest(HttpMethod.Get, "/v1/audits").WithQuery("goal", "dummy").Authenticated()
            .WillRespond().WithStatus(200)
            .WithJsonBody(new { audits = Match.EachLike(Audit("contract-audit")) });

        await pact.VerifyAsync(async ctx =>
        {
            var audit = Assert.Single((await new AuditsClient(ContractHttp(ctx)).ListAsync(goal: "dummy")).Audits!);
            Assert.Equal(AuditState.Succeeded, audit.State);
        });
    }

    [Fact]
    public async Task Audits_ListDetail_returns_every_field()
    {
        using var pact = Contract.WatcherPact();
        pact.UponReceiving("a request to list audits in detail")
            .Given(States.SucceededAuditWithActionPlan, "contract-audit")
            .WithRequest(HttpMethod.Get, "/v1/audits/detail").Authenticated()
            .WillRespond().WithStatus(200)
            .WithJsonBody(new
            {
                audits = Match.EachLike(new
                {
                    uuid = Uuid, name = Match.Type("contract-audit"), audit_type = Match.Type("ONESHOT"), state = Match.Type("SUCCEEDED"),
                    goal_uuid = Uuid, goal_name = Match.Type("dummy"), parameters = Match.Type(new Dictionary<string, object>()),
                    created_at = Time, links = Links("audits"),
                }),
            });

        await pact.VerifyAsync(async ctx =>
        {
            var audit = Assert.Single((await new AuditsClient(ContractHttp(ctx)).ListDetailAsync()).Audits!);
            Assert.NotNull(audit.Parameters);
            Assert.NotNull(audit.CreatedAt);
        });
    }

    [Fact]
    public async Task Audits_Get_returns_one_audit_by_name()
    {
        using var pact = Contract.WatcherPact();
        pact.UponReceiving("a request to show the audit named contract-audit")
            .Given(States.SucceededAuditWithActionPlan, "contract-audit")
            .WithRequest(HttpMethod.Get, "/v1/audits/contract-audit").Authenticated()
            .WillRespond().WithStatus(200)
            .WithJsonBody(AuditDetail("contract-audit"));

        await pact.VerifyAsync(async ctx =>
        {
            var audit = await new AuditsClient(ContractHttp(ctx)).GetAsync("contract-audit");
            Assert.Equal(AuditType.Oneshot, audit.AuditType);
        });
    }

    [Fact]
    public async Task Audits_Create_starts_an_audit()
    {
        using var pact = Contract.WatcherPact();
        pact.UponReceiving("a request to create a oneshot audit")
            .Given(States.NoAudit, "contract-audit-new")
            .WithRequest(HttpMethod.Post, "/v1/audits").Authenticated()
            .WithJsonBody(new { audit_type = "ONESHOT", goal = "dummy", strategy = "dummy", name = "contract-audit-new" })
            .WillRespond().WithStatus(201)
            .WithJsonBody(AuditDetail("contract-audit-new", state: "PENDING"));

        await pact.VerifyAsync(async ctx =>
        {
            var audit = await new AuditsClient(ContractHttp(ctx)).CreateAsync(new AuditCreate
            {
                AuditType = AuditType.Oneshot, Goal = "dummy", Strategy = "dummy", Name = "contract-audit-new",
            });
            Assert.Equal(AuditState.Pending, audit.State);
        });
    }

    [Fact]
    public async Task Audits_Create_with_an_unknown_audit_type_is_400()
    {
        using var pact = Contract.WatcherPact();
        pact.UponReceiving("a request to create an audit of an unknown type")
            .Given(States.GoalsExist)
            .WithRequest(HttpMethod.Post, "/v1/audits").Authenticated()
            .WithJsonBody(new { audit_type = "BOGUS", goal = "dummy" })
            .WillRespond().WithStatus(400)
            .WithJsonBody(WatcherShapes.Error("Audit type BOGUS could not be found", "BOGUS"));

        await pact.VerifyAsync(async ctx =>
        {
            var ex = await Assert.ThrowsAnyAsync<WatcherApiException>(() => new AuditsClient(ContractHttp(ctx))
                .CreateAsync(new AuditCreate { AuditType = "BOGUS", Goal = "dummy" }));
            Assert.Equal(400, ex.StatusCode);
        });
    }

    [Fact]
    public async Task Audits_Update_applies_a_json_patch()
    {
        using var pact = Contract.WatcherPact();
        pact.UponReceiving("a request to rename an audit")
            .Given(States.SucceededAuditWithActionPlan, "contract-audit-patch")
            .WithRequest(HttpMethod.Patch, "/v1/audits/contract-audit-patch").Authenticated()
            .WithJsonBody(new[] { new { op = "replace", path = "/name", value = "contract-audit-renamed" } })
            .WillRespond().WithStatus(200)
            .WithJsonBody(new { uuid = Uuid, name = "contract-audit-renamed", state = Match.Type("SUCCEEDED"), links = Links("audits") });

        await pact.VerifyAsync(async ctx =>
        {
            var audit = await new AuditsClient(ContractHttp(ctx)).UpdateAsync("contract-audit-patch",
                new[] { new PatchOperation { Op = PatchOp.Replace, Path = "/name", Value = "contract-audit-renamed" } });
            Assert.Equal("contract-audit-renamed", audit.Name);
        });
    }

    [Fact]
    public async Task Audits_Delete_removes_the_audit()
    {
        using var pact = Contract.WatcherPact();
        pact.UponReceiving("a request to delete an audit")
            .Given(States.SucceededAuditWithActionPlan, "contract-audit-delete")
            .WithRequest(HttpMethod.Delete, "/v1/audits/contract-audit-delete").Authenticated()
            .WillRespond().WithStatus(204);

        await pact.VerifyAsync(ctx => new AuditsClient(ContractHttp(ctx)).DeleteAsync("contract-audit-delete"));
    }

    [Fact]
    public async Task Webhooks_Trigger_accepts_an_event_audit()
    {
        using var pact = Contract.WatcherPact();
        pact.UponReceiving("a webhook triggering an event audit")
            .Given(States.EventAuditExists, "contract-event-audit")
            .WithRequest(HttpMethod.Post, "/v1/webhooks/contract-event-audit").Authenticated()
            .WithJsonBody(new { reason = "contract test" })
            .WillRespond().WithStatus(202);

        await pact.VerifyAsync(ctx => new WebhooksClient(ContractHttp(ctx))
            .TriggerAsync("contract-event-audit", new Dictionary<string, object> { ["reason"] = "contract test" }));
    }

    // ---- action plans ----

    [Fact]
    public async Task ActionPlans_List_filters_by_audit()
    {
        using var pact = Contract.WatcherPact();
        pact.UponReceiving("a request to list the action plans of an audit")
            .Given(States.SucceededAuditWithActionPlan, "contract-audit")
            .WithRequest(HttpMethod.Get, "/v1/action_plans")
            .WithQuery("audit_uuid", Match.FromProviderState("${audit_uuid}", AuditUuid, Match.UuidPattern))
            .Authenticated()
            .WillRespond().WithStatus(200)
            .WithJsonBody(new { action_plans = Match.EachLike(ActionPlan()) });

        await pact.VerifyAsync(async ctx =>
        {
            var plan = Assert.Single((await new ActionPlansClient(ContractHttp(ctx)).ListAsync(auditUuid: Guid.Parse(AuditUuid))).ActionPlans!);
            Assert.Equal(ActionPlanState.Recommended, plan.State);
        });
    }

    [Fact]
    public async Task ActionPlans_ListDetail_returns_every_field()
    {
        using var pact = Contract.WatcherPact();
        pact.UponReceiving("a request to list action plans in detail")
            .Given(States.SucceededAuditWithActionPlan, "contract-audit")
            .WithRequest(HttpMethod.Get, "/v1/action_plans/detail").Authenticated()
            .WillRespond().WithStatus(200)
            .WithJsonBody(new { action_plans = Match.EachLike(new { uuid = Uuid, state = Match.Type("RECOMMENDED"), created_at = Time, links = Links("action_plans") }) });

        await pact.VerifyAsync(async ctx =>
        {
            var plan = Assert.Single((await new ActionPlansClient(ContractHttp(ctx)).ListDetailAsync()).ActionPlans!);
            Assert.NotNull(plan.CreatedAt);
        });
    }

    [Fact]
    public async Task ActionPlans_Get_returns_one_plan()
    {
        using var pact = Contract.WatcherPact();
        pact.UponReceiving("a request to show an action plan")
            .Given(States.SucceededAuditWithActionPlan, "contract-audit")
            .WithRequest(HttpMethod.Get, PlanPath()).Authenticated()
            .WillRespond().WithStatus(200)
            .WithJsonBody(ActionPlan());

        await pact.VerifyAsync(async ctx =>
        {
            var plan = await new ActionPlansClient(ContractHttp(ctx)).GetAsync(PlanUuid);
            Assert.Equal(Guid.Parse(WatcherShapes.ExampleUuid), plan.AuditUuid);
        });
    }

    [Fact]
    public async Task ActionPlans_Update_applies_a_json_patch()
    {
        using var pact = Contract.WatcherPact();
        pact.UponReceiving("a request to set an action plan to PENDING")
            .Given(States.SucceededAuditWithActionPlan, "contract-audit-plan-patch")
            .WithRequest(HttpMethod.Patch, PlanPath()).Authenticated()
            .WithJsonBody(new[] { new { op = "replace", path = "/state", value = "PENDING" } })
            .WillRespond().WithStatus(200)
            .WithJsonBody(ActionPlan(state: "PENDING"));

        await pact.VerifyAsync(async ctx =>
        {
            var plan = await new ActionPlansClient(ContractHttp(ctx)).UpdateAsync(PlanUuid,
                new[] { new PatchOperation { Op = PatchOp.Replace, Path = "/state", Value = "PENDING" } });
            Assert.Equal(ActionPlanState.Pending, plan.State);
        });
    }

    [Fact]
    public async Task ActionPlans_Start_starts_a_recommended_plan()
    {
        using var pact = Contract.WatcherPact();
        pact.UponReceiving("a request to start an action plan")
            .Given(States.SucceededAuditWithActionPlan, "contract-audit-plan-start")
            .WithRequest(HttpMethod.Post, PlanPath("/start")).Authenticated()
            .WillRespond().WithStatus(200)
            .WithJsonBody(ActionPlan(state: "PENDING"));

        await pact.VerifyAsync(async ctx =>
        {
            var plan = await new ActionPlansClient(ContractHttp(ctx)).StartAsync(PlanUuid);
            Assert.Equal(ActionPlanState.Pending, plan.State);
        });
    }

    [Fact]
    public async Task ActionPlans_Delete_removes_the_plan()
    {
        using var pact = Contract.WatcherPact();
        pact.UponReceiving("a request to delete an action plan")
            .Given(States.SucceededAuditWithActionPlan, "contract-audit-plan-delete")
            .WithRequest(HttpMethod.Delete, PlanPath()).Authenticated()
            .WillRespond().WithStatus(204);

        await pact.VerifyAsync(ctx => new ActionPlansClient(ContractHttp(ctx)).DeleteAsync(PlanUuid));
    }

    // ---- actions ----

    [Fact]
    public async Task Actions_List_filters_by_action_plan()
    {
        using var pact = Contract.WatcherPact();
        pact.UponReceiving("a request to list the actions of an action plan")
            .Given(States.SucceededAuditWithActionPlan, "contract-audit")
            .WithRequest(HttpMethod.Get, "/v1/actions")
            .WithQuery("action_plan_uuid", Match.FromProviderState("${action_plan_uuid}", PlanUuid, Match.UuidPattern))
            .Authenticated()
            .WillRespond().WithStatus(200)
            .WithJsonBody(new { actions = Match.EachLike(Action()) });

        await pact.VerifyAsync(async ctx =>
        {
            var action = Assert.Single((await new ActionsClient(ContractHttp(ctx)).ListAsync(actionPlanUuid: Guid.Parse(PlanUuid))).Actions!);
            Assert.Equal("nop", action.ActionType);
        });
    }

    [Fact]
    public async Task Actions_ListDetail_returns_input_parameters()
    {
        using var pact = Contract.WatcherPact();
        pact.UponReceiving("a request to list actions in detail")
            .Given(States.SucceededAuditWithActionPlan, "contract-audit")
            .WithRequest(HttpMethod.Get, "/v1/actions/detail").Authenticated()
            .WillRespond().WithStatus(200)
            .WithJsonBody(new
            {
                actions = Match.EachLike(new
                {
                    uuid = Uuid, action_plan_uuid = Uuid, action_type = Match.Type("nop"), state = Match.Type("PENDING"),
                    input_parameters = Match.Type(new Dictionary<string, object>()), created_at = Time, links = Links("actions"),
                }),
            });

        await pact.VerifyAsync(async ctx =>
        {
            var action = Assert.Single((await new ActionsClient(ContractHttp(ctx)).ListDetailAsync()).Actions!);
            Assert.NotNull(action.InputParameters);
            Assert.NotNull(action.CreatedAt);
        });
    }

    [Fact]
    public async Task Actions_Get_returns_one_action()
    {
        using var pact = Contract.WatcherPact();
        pact.UponReceiving("a request to show an action")
            .Given(States.SucceededAuditWithActionPlan, "contract-audit")
            .WithRequest(HttpMethod.Get, Match.PathWithUuids("/v1/actions/${action_uuid}", ActionUuid)).Authenticated()
            .WillRespond().WithStatus(200)
            .WithJsonBody(ActionDetail());

        await pact.VerifyAsync(async ctx =>
        {
            var action = await new ActionsClient(ContractHttp(ctx)).GetAsync(ActionUuid);
            Assert.Equal(ActionState.Pending, action.State);
        });
    }

    [Fact]
    public async Task Actions_Update_is_forbidden_on_Watcher_9()
    {
        using var pact = Contract.WatcherPact();
        pact.UponReceiving("a request to modify an action")
            .Given(States.SucceededAuditWithActionPlan, "contract-audit")
            .WithRequest(HttpMethod.Patch, Match.PathWithUuids("/v1/actions/${action_uuid}", ActionUuid)).Authenticated()
            .WithJsonBody(new[] { new { op = "replace", path = "/state", value = "SKIPPED" } })
            .WillRespond().WithStatus(403)
            .WithJsonBody(WatcherShapes.Error("Cannot modify an action directly", "Cannot modify an action directly"));

        await pact.VerifyAsync(async ctx =>
        {
            var ex = await Assert.ThrowsAnyAsync<WatcherApiException>(() => new ActionsClient(ContractHttp(ctx)).UpdateAsync(ActionUuid,
                new[] { new PatchOperation { Op = PatchOp.Replace, Path = "/state", Value = "SKIPPED" } }));
            Assert.Equal(403, ex.StatusCode);
        });
    }
}
