using System.Net;
using System.Text.Json.Nodes;
using OpenStack.Operations;
using Xunit.Abstractions;

namespace OpenStack.IntegrationTests;

[Collection(OpenStackCollection.Name)]
public sealed class WatcherTests(OpenStackFixture os, ITestOutputHelper output)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);
    private static readonly string[] AuditDone = ["SUCCEEDED", "FAILED", "CANCELLED", "SUSPENDED", "DELETED"];
    private static readonly string[] PlanDone = ["SUCCEEDED", "FAILED", "CANCELLED", "SUPERSEDED", "DELETED"];
    private static readonly WaitOptions Waiting = new()
    {
        InitialInterval = TimeSpan.FromMilliseconds(250), MaxInterval = TimeSpan.FromSeconds(1), Timeout = Deadline,
    };

    [Fact]
    public async Task Goals_and_strategies_include_dummy()
    {
        var token = await os.AuthenticateAsync(os.Admin);
        string watcher = token.Endpoint("infra-optim");

        var goals = await os.GetJsonAsync(watcher + "/v1/goals", token.Id);
        var strategies = await os.GetJsonAsync(watcher + "/v1/strategies?goal=dummy", token.Id);

        Assert.Contains(goals["goals"]!.AsArray(), g => (string?)g!["name"] == "dummy");
        Assert.Contains(strategies["strategies"]!.AsArray(), s => (string?)s!["name"] == "dummy");
    }

    [Fact]
    public async Task Demo_user_is_forbidden_by_policy()
    {
        var token = await os.AuthenticateAsync(os.Demo);
        string watcher = token.Endpoint("infra-optim");

        using var resp = await os.SendAsync(HttpMethod.Get, watcher + "/v1/goals", token.Id);

        Assert.Equal(HttpStatusCode.Forbidden, resp.StatusCode);
    }

    [Fact]
    public async Task No_token_gets_401()
    {
        var token = await os.AuthenticateAsync(os.Admin);

        using var resp = await os.SendAsync(HttpMethod.Get, token.Endpoint("infra-optim") + "/v1/goals", null);

        Assert.Equal(HttpStatusCode.Unauthorized, resp.StatusCode);
    }

    [Fact]
    public async Task Oneshot_dummy_audit_succeeds_and_its_plan_runs_to_succeeded()
    {
        var token = await os.AuthenticateAsync(os.Admin);
        string watcher = token.Endpoint("infra-optim");
        string name = $"it-{DateTime.UtcNow:yyyyMMddHHmmss}-{Guid.NewGuid():N}"[..40];

        // audit template (names are unique)
        var template = await PostAsync(watcher + "/v1/audit_templates", token.Id,
            new JsonObject { ["name"] = name, ["goal"] = "dummy", ["strategy"] = "dummy" });
        string templateUuid = (string)template["uuid"]!;

        // ONESHOT audit; para1 = duration of the dummy strategy's sleep action (s)
        var audit = await PostAsync(watcher + "/v1/audits", token.Id, new JsonObject
        {
            ["name"] = name,
            ["audit_template_uuid"] = templateUuid,
            ["audit_type"] = "ONESHOT",
            ["parameters"] = new JsonObject { ["para1"] = 1, ["para2"] = "hi" },
        });
        string auditUuid = (string)audit["uuid"]!;
        output.WriteLine($"audit {auditUuid} created in state {audit["state"]}");

        string? auditState = await OperationPoller.WaitAsync($"audit {auditUuid}",
            async ct => (string?)(await os.GetJsonAsync($"{watcher}/v1/audits/{auditUuid}", token.Id, ct))["state"],
            state => state, s => AuditDone.Contains(s), _ => true, Waiting);
        Assert.Equal("SUCCEEDED", auditState);

        var plans = (await os.GetJsonAsync($"{watcher}/v1/action_plans?audit_uuid={auditUuid}", token.Id))["action_plans"]!.AsArray();
        var plan = Assert.Single(plans)!;
        string planUuid = (string)plan["uuid"]!;
        Assert.Equal("RECOMMENDED", (string?)plan["state"]);

        var actions = (await os.GetJsonAsync($"{watcher}/v1/actions?action_plan_uuid={planUuid}", token.Id))["actions"]!.AsArray();
        Assert.NotEmpty(actions);
        output.WriteLine($"plan {planUuid}: {string.Join(", ", actions.Select(a => (string?)a!["action_type"]))}");

        // start it
        using (var start = await os.SendAsync(HttpMethod.Post, $"{watcher}/v1/action_plans/{planUuid}/start", token.Id))
        {
            Assert.True(start.IsSuccessStatusCode, $"start: {(int)start.StatusCode} {await start.Content.ReadAsStringAsync()}");
        }

        string? planState = await OperationPoller.WaitAsync($"action plan {planUuid}",
            async ct => (string?)(await os.GetJsonAsync($"{watcher}/v1/action_plans/{planUuid}", token.Id, ct))["state"],
            state => state, s => PlanDone.Contains(s), _ => true, Waiting);
        Assert.Equal("SUCCEEDED", planState);

        var finished = (await os.GetJsonAsync($"{watcher}/v1/actions?action_plan_uuid={planUuid}", token.Id))["actions"]!.AsArray();
        Assert.Equal(actions.Count, finished.Count);
        Assert.All(finished, a => Assert.Equal("SUCCEEDED", (string?)a!["state"]));
    }

    private async Task<JsonObject> PostAsync(string url, string token, JsonObject body)
    {
        using var resp = await os.SendAsync(HttpMethod.Post, url, token, body);
        string text = await resp.Content.ReadAsStringAsync();
        Assert.True(resp.StatusCode == HttpStatusCode.Created, $"POST {url}: {(int)resp.StatusCode} {text}");
        return JsonNode.Parse(text)!.AsObject();
    }
}
