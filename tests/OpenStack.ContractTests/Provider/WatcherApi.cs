using System.Net;
using System.Text.Json.Nodes;

namespace OpenStack.ContractTests.Provider;

/// <summary>
/// Plain REST calls to the real Watcher API that arrange provider states. Deliberately independent of
/// the generated client under test, so that a client bug cannot hide a contract break.
/// </summary>
public sealed class WatcherApi(HttpClient http)
{
    /// <summary>How long an audit may take to reach a final state.</summary>
    public static readonly TimeSpan AuditTimeout = TimeSpan.FromSeconds(120);

    /// <summary>GET a JSON document; throws on a non-2xx answer.</summary>
    public async Task<JsonNode> GetAsync(string path)
    {
        using var response = await SendAsync(() => http.GetAsync(path));
        return await ReadAsync(response, "GET", path);
    }

    /// <summary>POST a JSON document; throws on a non-2xx answer.</summary>
    public async Task<JsonNode> PostAsync(string path, object body)
    {
        using var response = await SendAsync(() => http.PostAsync(path, Json(body)));
        return await ReadAsync(response, "POST", path);
    }

    /// <summary>PATCH with a JSON patch; throws on a non-2xx answer.</summary>
    public async Task<JsonNode> PatchAsync(string path, params object[] operations)
    {
        using var response = await SendAsync(() => http.PatchAsync(path, Json(operations)));
        return await ReadAsync(response, "PATCH", path);
    }

    /// <summary>DELETE; a 404 is fine (already gone).</summary>
    public async Task DeleteIfExistsAsync(string path)
    {
        using var response = await SendAsync(() => http.DeleteAsync(path));
        if (response.StatusCode != HttpStatusCode.NotFound)
        {
            await ReadAsync(response, "DELETE", path);
        }
    }

    /// <summary>Whether GET answers 2xx.</summary>
    public async Task<bool> ExistsAsync(string path)
    {
        using var response = await SendAsync(() => http.GetAsync(path));
        return response.IsSuccessStatusCode;
    }

    /// <summary>Deletes the audit template of that name (or UUID) if there is one, and the audits that use it.</summary>
    public async Task DeleteAuditTemplateIfExistsAsync(string nameOrUuid)
    {
        if (!await ExistsAsync($"v1/audit_templates/{Uri.EscapeDataString(nameOrUuid)}"))
        {
            return;
        }
        await DeleteIfExistsAsync($"v1/audit_templates/{Uri.EscapeDataString(nameOrUuid)}");
    }

    /// <summary>Creates an audit template (replacing one of the same name) for the dummy goal and strategy.</summary>
    public async Task<JsonNode> CreateAuditTemplateAsync(string name, string goal = "dummy", string? strategy = "dummy")
    {
        await DeleteAuditTemplateIfExistsAsync(name);
        var body = new Dictionary<string, object?> { ["name"] = name, ["goal"] = goal, ["description"] = "created by the Pact provider states" };
        if (strategy is not null)
        {
            body["strategy"] = strategy;
        }
        return await PostAsync("v1/audit_templates", body);
    }

    /// <summary>Deletes the audit of that name (or UUID) if there is one.</summary>
    public async Task DeleteAuditIfExistsAsync(string nameOrUuid)
    {
        var path = $"v1/audits/{Uri.EscapeDataString(nameOrUuid)}";
        if (!await ExistsAsync(path))
        {
            return;
        }
        var audit = await GetAsync(path);
        var state = (string?)audit["state"];
        if (state is "DELETED")
        {
            // A delete whose soft-delete step failed (SQLite answered "database is locked" to the API under load) leaves the
            // audit visible in state DELETED, and Watcher refuses to delete it again (400): rename it out of the way.
            await PatchAsync($"v1/audits/{(string?)audit["uuid"]}", new { op = "replace", path = "/name", value = $"deleted-{(string?)audit["uuid"]}" });
            return;
        }
        if (state is "ONGOING" or "PENDING")
        {
            await PatchAsync(path, new { op = "replace", path = "/state", value = "CANCELLED" });
        }
        await DeleteIfExistsAsync(path);
    }

    /// <summary>Creates an audit (replacing one of the same name) and, unless it is continuous or an event audit, waits until it has finished.</summary>
    public async Task<JsonNode> CreateAuditAsync(string name, string auditType = "ONESHOT", string goal = "dummy", string strategy = "dummy", bool wait = true)
    {
        await DeleteAuditIfExistsAsync(name);
        // The decision engine cancels a new audit while an action plan runs (ActionPlanIsOngoing).
        await WaitForNoRunningActionPlanAsync();
        var body = new Dictionary<string, object?>
        {
            ["name"] = name,
            ["audit_type"] = auditType,
            ["goal"] = goal,
            ["strategy"] = strategy,
            // the dummy strategy's sleep action lasts para1 seconds: keep started plans short
            ["parameters"] = new Dictionary<string, object> { ["para1"] = 1.0, ["para2"] = "hello" },
        };
        if (auditType == "CONTINUOUS")
        {
            body["interval"] = "3600";
        }
        var audit = await PostAsync("v1/audits", body);
        return wait && auditType == "ONESHOT" ? await WaitForAuditAsync((string)audit["uuid"]!, "SUCCEEDED") : audit;
    }

    /// <summary>Polls the audit until it reaches <paramref name="state"/>; throws on FAILED, CANCELLED, DELETED or timeout.</summary>
    public async Task<JsonNode> WaitForAuditAsync(string uuid, string state)
    {
        try
        {
            return await OpenStack.Operations.OperationPoller.WaitAsync($"audit {uuid}", _ => GetAsync($"v1/audits/{uuid}"),
                audit => (string?)audit["state"], s => s == state || s is "FAILED" or "CANCELLED" or "DELETED", s => s == state,
                new OpenStack.Operations.WaitOptions
                {
                    InitialInterval = TimeSpan.FromMilliseconds(250), MaxInterval = TimeSpan.FromSeconds(1), Timeout = AuditTimeout, ThrowOnFailure = true,
                });
        }
        catch (OpenStack.Operations.OperationFailedException e)
        {
            throw new InvalidOperationException($"audit {uuid} is {e.State}, expected {state}: {((JsonNode)e.Resource!).ToJsonString()}", e);
        }
    }

    /// <summary>Waits until no action plan is PENDING, ONGOING or CANCELLING.</summary>
    public async Task WaitForNoRunningActionPlanAsync()
    {
        var deadline = DateTime.UtcNow + AuditTimeout;
        while (true)
        {
            var plans = (await GetAsync("v1/action_plans?limit=1000"))["action_plans"]!.AsArray();
            var running = plans.Where(p => (string?)p!["state"] is "PENDING" or "ONGOING" or "CANCELLING").Select(p => (string?)p!["uuid"]).ToArray();
            if (running.Length == 0)
            {
                return;
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"action plans still running: {string.Join(", ", running)}");
            }
            if (DateTime.UtcNow > deadline - TimeSpan.FromSeconds(90))
            {
                // A plan that has not finished in 30 s is stuck (an applier that lost a sqlite lock): cancel it.
                foreach (var plan in plans.Where(p => (string?)p!["state"] is "PENDING" or "ONGOING"))
                {
                    var target = (string?)plan!["state"] == "PENDING" ? "CANCELLED" : "CANCELLING";
                    try
                    {
                        await PatchAsync($"v1/action_plans/{(string?)plan["uuid"]}", new { op = "replace", path = "/state", value = target });
                    }
                    catch (InvalidOperationException)
                    {
                        // raced with the applier; look again
                    }
                }
            }
            await Task.Delay(250);
        }
    }

    /// <summary>The action plan of an audit (the first one).</summary>
    public async Task<JsonNode> ActionPlanOfAsync(string auditUuid)
    {
        var plans = await GetAsync($"v1/action_plans?audit_uuid={auditUuid}");
        return plans["action_plans"]!.AsArray().FirstOrDefault()
            ?? throw new InvalidOperationException($"audit {auditUuid} has no action plan");
    }

    /// <summary>The actions of an action plan.</summary>
    public async Task<JsonArray> ActionsOfAsync(string actionPlanUuid)
    {
        var actions = await GetAsync($"v1/actions?action_plan_uuid={actionPlanUuid}");
        return actions["actions"]!.AsArray();
    }

    /// <summary>A JSON body with a Content-Length (the OpenStack WSGI servers do not read chunked bodies).</summary>
    private static StringContent Json(object body) =>
        new(System.Text.Json.JsonSerializer.Serialize(body), System.Text.Encoding.UTF8, "application/json");

    /// <summary>
    /// Sends, and resends up to 5 times on a 5xx: the local Watcher runs on SQLite, which answers
    /// 500 "database is locked" now and then while the applier writes. Arranging a provider state
    /// must not fail on that; what is verified is the interaction, not the setup.
    /// </summary>
    private static async Task<HttpResponseMessage> SendAsync(Func<Task<HttpResponseMessage>> send)
    {
        for (var attempt = 1; ; attempt++)
        {
            var response = await send();
            if ((int)response.StatusCode < 500 || attempt == 6)
            {
                return response;
            }
            response.Dispose();
            await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt));
        }
    }

    private static async Task<JsonNode> ReadAsync(HttpResponseMessage response, string method, string path)
    {
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{method} {path} answered {(int)response.StatusCode}: {text}");
        }
        return string.IsNullOrWhiteSpace(text) ? new JsonObject() : JsonNode.Parse(text)!;
    }
}
