using OpenStack.Watcher;

namespace OpenStack.Cli.Watcher;

internal static partial class WatcherCli
{
    private static Command ActionPlanCommands(WatcherApp app)
    {
        var ap = new Command("actionplan", "Action plans: the actions an audit proposes.");
        var auditFilter = new Option<Guid?>("--audit") { Description = "UUID of an audit used for filtering." };
        var list = app.ListCommand("list", "List action plans.", WatcherColumns.ActionPlanShort, WatcherColumns.ActionPlan,
            (s, r, q, ct) =>
            {
                var a = r.GetValue(auditFilter);
                return Items(q.Detail ? s.ActionPlans.ListAllDetailAsync(auditUuid: a, sortKey: q.SortKey, sortDir: q.SortDir, cancellationToken: ct) : s.ActionPlans.ListAllAsync(auditUuid: a, sortKey: q.SortKey, sortDir: q.SortDir, cancellationToken: ct), q, ct);
            });
        list.Options.Add(auditFilter);
        ap.Subcommands.Add(list);
        ap.Subcommands.Add(app.ShowCommand("show", "Show an action plan.", "action-plan", "UUID of the action plan", WatcherColumns.ActionPlan,
            (s, id, ct) => Json(s.ActionPlans.GetAsync(RequireUuid(id, "action plan"), ct), ct)));
        ap.Subcommands.Add(app.ShowCommand("start", "Start an action plan.", "action-plan", "UUID of the action plan", WatcherColumns.ActionPlan,
            (s, id, ct) => Json(s.ActionPlans.StartAsync(RequireUuid(id, "action plan"), ct), ct)));
        ap.Subcommands.Add(app.ShowCommand("cancel", "Cancel an action plan.", "action-plan", "UUID of the action plan", WatcherColumns.ActionPlan,
            (s, id, ct) => Json(s.ActionPlans.CancelAsync(RequireUuid(id, "action plan"), ct), ct)));
        ap.Subcommands.Add(app.UpdateCommand("action-plan", WatcherColumns.ActionPlan,
            (s, id, patch, ct) => Json(s.ActionPlans.UpdateAsync(RequireUuid(id, "action plan"), patch, ct), ct)));
        ap.Subcommands.Add(app.DeleteCommand("action-plans", "Delete action plans.", "UUID of the action plan",
            (s, id, ct) => s.ActionPlans.DeleteAsync(RequireUuid(id, "action plan"), ct), "action plan"));
        return ap;
    }


    private static Command ActionCommands(WatcherApp app)
    {
        var action = new Command("action", "Actions of action plans.");
        var planFilter = new Option<Guid?>("--action-plan") { Description = "UUID of an action plan used for filtering." };
        var auditFilter = new Option<Guid?>("--audit") { Description = "UUID of an audit used for filtering." };
        var list = app.ListCommand("list", "List actions.", WatcherColumns.ActionShort, WatcherColumns.Action,
            (s, r, q, ct) =>
            {
                var p = r.GetValue(planFilter);
                var a = r.GetValue(auditFilter);
                return Items(q.Detail ? s.Actions.ListAllDetailAsync(actionPlanUuid: p, auditUuid: a, sortKey: q.SortKey, sortDir: q.SortDir, cancellationToken: ct) : s.Actions.ListAllAsync(actionPlanUuid: p, auditUuid: a, sortKey: q.SortKey, sortDir: q.SortDir, cancellationToken: ct), q, ct);
            });
        list.Options.Add(planFilter);
        list.Options.Add(auditFilter);
        action.Subcommands.Add(list);
        action.Subcommands.Add(app.ShowCommand("show", "Show an action.", "action", "UUID of the action", WatcherColumns.Action,
            (s, id, ct) => Json(s.Actions.GetAsync(RequireUuid(id, "action"), ct), ct)));

        var id = new Argument<string>("action") { Description = "UUID of the action" };
        var state = new Option<string?>("--state") { Description = "New state of the action (SKIPPED; microversion 1.5)." };
        var reason = new Option<string?>("--reason") { Description = "Reason of the state change (stored as the status message; microversion 1.5)." };
        var update = new Command("update", "Update an action's state or status message (microversion 1.5).") { id, state, reason };
        var updateFormat = FormatOptions.Add(update);
        update.SetAction((r, ct) => app.RunAsync(r, async (s, ct2) =>
        {
            var uuid = RequireUuid(r.GetValue(id)!, "action");
            var patch = new List<PatchOperation>();
            if (r.GetValue(state) is { } newState)
            {
                patch.Add(WatcherPatch.State(newState));
            }
            if (r.GetValue(reason) is { } why)
            {
                patch.Add(WatcherPatch.Replace("/status_message", why));
            }
            if (patch.Count == 0)
            {
                throw new CliException("At least one of --state and --reason is required.", 2);
            }
            var updated = await s.Actions.UpdateAsync(uuid, patch, ct2).ConfigureAwait(false);
            updateFormat.WriteOne(app.Context, r, WatcherColumns.ForVersion(WatcherColumns.Action, s.Version), Formatter.ToJson(updated));
        }, ct));
        action.Subcommands.Add(update);
        return action;
    }
}
