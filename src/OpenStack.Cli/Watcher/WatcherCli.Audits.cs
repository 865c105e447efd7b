using OpenStack.Watcher;

namespace OpenStack.Cli.Watcher;

internal static partial class WatcherCli
{
    private static Command AuditCommands(WatcherApp app)
    {
        var audit = new Command("audit", "Audits: one run (or a periodic run) of a strategy.");
        var goalFilter = new Option<string?>("--goal") { Description = "UUID or name of the goal used for filtering." };
        var strategyFilter = new Option<string?>("--strategy") { Description = "UUID or name of the strategy used for filtering." };
        var list = app.ListCommand("list", "List audits.", WatcherColumns.AuditShort, WatcherColumns.Audit,
            (s, r, q, ct) =>
            {
                var g = r.GetValue(goalFilter);
                var st = r.GetValue(strategyFilter);
                // /audits/detail has no strategy filter (LP 2162057): the detailed pages are filtered here.
                return q.Detail
                    ? Items(s.Audits.ListAllDetailAsync(goal: g, sortKey: q.SortKey, sortDir: q.SortDir, cancellationToken: ct), q, ct,
                        st is null ? null : a => string.Equals(a.StrategyUuid?.ToString(), st, StringComparison.OrdinalIgnoreCase) || a.StrategyName == st)
                    : Items(s.Audits.ListAllAsync(goal: g, strategy: st, sortKey: q.SortKey, sortDir: q.SortDir, cancellationToken: ct), q, ct);
            });
        list.Options.Add(goalFilter);
        list.Options.Add(strategyFilter);
        audit.Subcommands.Add(list);
        audit.Subcommands.Add(app.ShowCommand("show", "Show an audit.", "audit", "UUID or name of the audit", WatcherColumns.Audit,
            (s, id, ct) => Json(s.Audits.GetAsync(id, ct), ct)));

        var auditType = new Option<string>("--audit_type", "-t", "--audit-type") { Description = "Audit type: ONESHOT (default), CONTINUOUS or EVENT.", DefaultValueFactory = _ => "ONESHOT" };
        auditType.AcceptOnlyFromAmong("ONESHOT", "CONTINUOUS", "EVENT");
        var parameters = new Option<string[]>("--parameter", "-p") { Description = "Audit parameter name=value (repeatable; values are JSON-decoded)." };
        var interval = new Option<string?>("--interval", "-i") { Description = "Audit interval (CONTINUOUS): seconds or a cron expression." };
        var goal = new Option<string?>("--goal", "-g") { Description = "Goal UUID or name associated to this audit." };
        var strategy = new Option<string?>("--strategy", "-s") { Description = "Strategy UUID or name associated to this audit." };
        var template = new Option<string?>("--audit-template", "-a") { Description = "Audit template used for this audit (name or UUID)." };
        var autoTrigger = new Option<bool>("--auto-trigger") { Description = "Trigger the action plan automatically." };
        var name = new Option<string?>("--name") { Description = "Name for this audit." };
        var startTime = new Option<DateTimeOffset?>("--start-time") { Description = "CONTINUOUS audit start time (microversion 1.1)." };
        var endTime = new Option<DateTimeOffset?>("--end-time") { Description = "CONTINUOUS audit end time (microversion 1.1)." };
        var force = new Option<bool>("--force") { Description = "Launch the audit even if another one is running (microversion 1.2)." };
        var create = new Command("create", "Create an audit.") { auditType, parameters, interval, goal, strategy, template, autoTrigger, name, startTime, endTime, force };
        var createFormat = FormatOptions.Add(create);
        create.SetAction((r, ct) => app.RunAsync(r, async (s, ct2) =>
        {
            var body = new AuditCreate
            {
                AuditType = r.GetValue(auditType)!,
                Goal = r.GetValue(goal),
                Strategy = r.GetValue(strategy),
                Name = r.GetValue(name),
                Interval = r.GetValue(interval),
                AutoTrigger = r.GetValue(autoTrigger),
                StartTime = r.GetValue(startTime),
                EndTime = r.GetValue(endTime),
            };
            if (r.GetValue(force))
            {
                body.Force = true;
            }
            if (r.GetValue(parameters) is { Length: > 0 } pairs)
            {
                body.Parameters = KeyValues.ParseJsonValues(pairs, "--parameter");
            }
            if (r.GetValue(template) is { } at)
            {
                body.AuditTemplateUuid = Guid.TryParse(at, out var g)
                    ? g
                    : (await s.AuditTemplates.GetAsync(at, ct2).ConfigureAwait(false)).Uuid;
            }
            var created = await s.Audits.CreateAsync(body, ct2).ConfigureAwait(false);
            createFormat.WriteOne(app.Context, r, WatcherColumns.ForVersion(WatcherColumns.Audit, s.Version), Formatter.ToJson(created));
        }, ct));
        audit.Subcommands.Add(create);
        audit.Subcommands.Add(app.UpdateCommand("audit", WatcherColumns.Audit, (s, id, patch, ct) => Json(s.Audits.UpdateAsync(id, patch, ct), ct)));
        audit.Subcommands.Add(app.DeleteCommand("audits", "Delete audits.", "UUID or name of the audit", (s, id, ct) => s.Audits.DeleteAsync(id, ct), "audit"));
        return audit;
    }
}
