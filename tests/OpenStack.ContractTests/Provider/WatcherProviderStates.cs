using OpenStack.ContractTests.Watcher;
using OpenStack.Watcher;
using S = OpenStack.ContractTests.Watcher.WatcherContract.States;

namespace OpenStack.ContractTests.Provider;

/// <summary>
/// The Watcher provider states, arranged through the real Watcher API. Setups are idempotent (they
/// delete what a previous run may have left, then create); they answer the UUIDs that the pact's
/// provider-state generators put into request paths and queries.
/// </summary>
public sealed class WatcherProviderStates(WatcherApi api)
{
    private static readonly IReadOnlyDictionary<string, object?> None = new Dictionary<string, object?>();

    /// <summary>
    /// One handler per state name used by the Watcher pact; <c>"&lt;resource&gt; exist"</c>
    /// (<see cref="S.Exist"/>) of every paged resource client without a handler here is derived from
    /// <see cref="IWatcherClient"/>: its list (<c>v1/&lt;resource&gt;</c>) holds an item.
    /// </summary>
    public IReadOnlyDictionary<string, ProviderStateHandler> Handlers
    {
        get
        {
            var handlers = ExplicitHandlers;
            foreach (var resource in typeof(IWatcherClient).GetProperties()
                .Where(p => p.PropertyType.GetMethods().Any(m => m.Name.StartsWith("ListAll", StringComparison.Ordinal))))
            {
                var collection = S.Words(resource.Name).Replace(' ', '_');
                handlers.TryAdd(S.Exist(resource.Name), Setup(async _ => { await RequireAsync("v1/" + collection, collection, 1); return None; }));
            }
            return handlers;
        }
    }

    private Dictionary<string, ProviderStateHandler> ExplicitHandlers => new()
    {
        [""] = Setup(_ => Task.FromResult(None)), // interactions without a provider state
        [S.GoalsExist] = Setup(async _ => { await RequireAsync("v1/goals", "goals", 2); return None; }),
        [S.StrategiesExist] = Setup(async _ => { await RequireAsync("v1/strategies?goal=dummy", "strategies", 1); return None; }),
        [S.ServicesExist] = Setup(async _ => { await RequireServicesSeenUpAsync(); return None; }),
        [S.ComputeModelAvailable] = Setup(async _ => { await RequireAsync("v1/data_model?data_model_type=compute", "context", 1); return None; }),
        [S.TokenInvalid] = Setup(_ => Task.FromResult(None)), // the verification sends the pact's invalid token
        [S.AuditTemplateExists] = Setup(async p =>
        {
            var template = await api.CreateAuditTemplateAsync(Name(p));
            return new Dictionary<string, object?> { ["audit_template_uuid"] = (string?)template["uuid"] };
        }),
        [S.NoAuditTemplate] = Setup(async p => { await api.DeleteAuditTemplateIfExistsAsync(Name(p)); return None; }),
        [S.NoAudit] = Setup(async p => { await api.DeleteAuditIfExistsAsync(Name(p)); return None; }),
        [S.SucceededAuditWithActionPlan] = Setup(async p =>
        {
            await api.DeleteAuditIfExistsAsync(Name(p) == "contract-audit-patch" ? "contract-audit-renamed" : Name(p));
            var audit = await api.CreateAuditAsync(Name(p));
            var auditUuid = (string)audit["uuid"]!;
            var plan = await api.ActionPlanOfAsync(auditUuid);
            var planUuid = (string)plan["uuid"]!;
            var action = (await api.ActionsOfAsync(planUuid)).FirstOrDefault()
                ?? throw new InvalidOperationException($"action plan {planUuid} has no actions");
            return new Dictionary<string, object?>
            {
                ["audit_uuid"] = auditUuid,
                ["action_plan_uuid"] = planUuid,
                ["action_uuid"] = (string?)action["uuid"],
            };
        }),
        [S.EventAuditExists] = Setup(async p =>
        {
            var audit = await api.CreateAuditAsync(Name(p), auditType: "EVENT", wait: false);
            return new Dictionary<string, object?> { ["audit_uuid"] = (string?)audit["uuid"] };
        }),
    };

    private static string Name(IReadOnlyDictionary<string, string> p) =>
        p.TryGetValue("name", out var name) ? name : throw new ArgumentException("the state needs a 'name' parameter");

    /// <summary>Runs <paramref name="setup"/> on setup; teardown leaves the data (the next setup replaces it).</summary>
    private static ProviderStateHandler Setup(Func<IReadOnlyDictionary<string, string>, Task<IReadOnlyDictionary<string, object?>>> setup) =>
        call => call.Action == "setup" ? setup(call.Params) : Task.FromResult(None);

    /// <summary>
    /// At least one service, and every service has sent a heartbeat: a Watcher service's record exists from
    /// its start, but <c>last_seen_up</c> stays null until its first heartbeat is written, which on the
    /// SQLite deployment can slip to the next 60 s beat.
    /// </summary>
    private async Task RequireServicesSeenUpAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            var services = (await api.GetAsync("v1/services/detail"))["services"]?.AsArray() ?? [];
            var unseen = services.Where(s => s?["last_seen_up"] is null).Select(s => (string?)s?["name"]).ToList();
            if (services.Count > 0 && unseen.Count == 0)
            {
                return;
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException(services.Count == 0
                    ? "GET v1/services/detail lists no service"
                    : $"services without a heartbeat after 90 s: {string.Join(", ", unseen)}");
            }
            await Task.Delay(TimeSpan.FromSeconds(1));
        }
    }

    private async Task RequireAsync(string path, string collection, int min)
    {
        var doc = await api.GetAsync(path);
        var count = doc[collection]?.AsArray().Count ?? 0;
        if (count < min)
        {
            throw new InvalidOperationException($"GET {path} has {count} {collection}, the state needs at least {min}");
        }
    }
}
