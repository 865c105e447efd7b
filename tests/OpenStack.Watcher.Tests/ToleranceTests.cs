using Newtonsoft.Json.Linq;
using OpenStack.Testing;

namespace OpenStack.Watcher.Tests;

public class ToleranceTests
{
    [Fact]
    public async Task Unknown_states_types_and_fields_do_not_break_deserialization()
    {
        await using var server = await FakeServer.StartAsync(r => Fake.Json(r.Path switch
        {
            "/v1/audits/a" => """{"uuid": "699ecb7f-1da9-4022-9c64-2941335b6c62", "audit_type": "SOMEDAY", "state": "HIBERNATING", "brand_new": {"x": 1}, "status_message": "ok"}""",
            "/v1/action_plans/p" => """{"uuid": "699ecb7f-1da9-4022-9c64-2941335b6c62", "state": "PAUSED", "global_efficacy": {"name": "n", "description": "d", "unit": "%", "value": 12.5}}""",
            _ => """{"uuid": "699ecb7f-1da9-4022-9c64-2941335b6c62", "state": "REVERTED", "action_type": "teleport"}""",
        }));
        using var client = Fake.Client(server);
        var audit = await client.Audits.GetAsync("a");
        var plan = await client.ActionPlans.GetAsync("p");
        var action = await client.Actions.GetAsync("x");
        Assert.Equal(("SOMEDAY", "HIBERNATING", false), (audit.AuditType, audit.State, audit.IsTerminal));
        Assert.Equal(1, (int)((JObject)audit.AdditionalProperties["brand_new"])["x"]!);
        Assert.Equal("ok", audit.StatusMessage);
        Assert.Equal("PAUSED", plan.State);
        Assert.Equal(12.5, plan.GlobalEfficacyIndicators.Single().Value); // the pre-2018 single-object form
        Assert.Equal("REVERTED", action.State);
    }

    [Fact]
    public void Terminal_state_helpers()
    {
        Assert.True(AuditState.IsTerminal(AuditState.Succeeded));
        Assert.False(AuditState.IsTerminal(AuditState.Suspended));
        Assert.False(AuditState.IsTerminal("SOMETHING_NEW"));
        Assert.True(ActionPlanState.IsTerminal(ActionPlanState.Superseded));
        Assert.False(ActionPlanState.IsTerminal(ActionPlanState.Cancelling));
        Assert.True(ActionState.IsTerminal(ActionState.Skipped));
        Assert.False(ActionState.IsTerminal(null));
    }

    [Fact]
    public async Task Both_timestamp_forms_parse_as_utc_and_free_form_dates_stay_strings()
    {
        await using var server = await FakeServer.StartAsync(_ => Fake.Json("""
            {"uuid": "699ecb7f-1da9-4022-9c64-2941335b6c62", "created_at": "2026-11-24T00:07:10.434988+00:00",
             "next_run_time": "2026-11-24T01:00:00", "start_time": "2026-11-24 02:00:00", "end_time": null,
             "parameters": {"when": "2026-11-24T00:00:00"}}
            """));
        using var client = Fake.Client(server);
        var audit = await client.Audits.GetAsync("a");
        Assert.Equal(new DateTimeOffset(2026, 11, 24, 0, 7, 10, TimeSpan.Zero).AddTicks(4349880), audit.CreatedAt);
        Assert.Equal(new DateTimeOffset(2026, 11, 24, 1, 0, 0, TimeSpan.Zero), audit.NextRunTime);
        Assert.Equal(new DateTimeOffset(2026, 11, 24, 2, 0, 0, TimeSpan.Zero), audit.StartTime);
        Assert.Null(audit.EndTime);
        Assert.Equal("2026-11-24T00:00:00", audit.Parameters!["when"]);
    }

    [Fact]
    public void Versions_parse_and_compare()
    {
        Assert.Equal(new WatcherApiVersion(1, 0), WatcherApiVersion.Parse("1"));
        Assert.True(WatcherApiVersion.Parse("1.10") > WatcherApiVersion.Parse("1.9"));
        Assert.False(WatcherApiVersion.TryParse("1.2.3", out _));
        Assert.False(WatcherApiVersion.TryParse("one", out _));
        Assert.Equal("1.4", WatcherApiVersion.ClientMaximum.ToString());
    }
}
