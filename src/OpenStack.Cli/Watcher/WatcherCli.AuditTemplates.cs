using OpenStack.Watcher;

namespace OpenStack.Cli.Watcher;

internal static partial class WatcherCli
{
    private static Command AuditTemplateCommands(WatcherApp app)
    {
        var at = new Command("audittemplate", "Audit templates: reusable goal, strategy and scope.");
        var goalFilter = new Option<string?>("--goal") { Description = "UUID or name of the goal used for filtering." };
        var strategyFilter = new Option<string?>("--strategy") { Description = "UUID or name of the strategy used for filtering." };
        var list = app.ListCommand("list", "List audit templates.", WatcherColumns.AuditTemplateShort, WatcherColumns.AuditTemplate,
            (s, r, q, ct) =>
            {
                var g = r.GetValue(goalFilter);
                var st = r.GetValue(strategyFilter);
                return Items(q.Detail ? s.AuditTemplates.ListAllDetailAsync(goal: g, strategy: st, sortKey: q.SortKey, sortDir: q.SortDir, cancellationToken: ct) : s.AuditTemplates.ListAllAsync(goal: g, strategy: st, sortKey: q.SortKey, sortDir: q.SortDir, cancellationToken: ct), q, ct);
            });
        list.Options.Add(goalFilter);
        list.Options.Add(strategyFilter);
        at.Subcommands.Add(list);
        at.Subcommands.Add(app.ShowCommand("show", "Show an audit template.", "audit-template", "UUID or name of the audit template", WatcherColumns.AuditTemplate,
            (s, id, ct) => Json(s.AuditTemplates.GetAsync(id, ct), ct)));

        var name = new Argument<string>("name") { Description = "Name for this audit template." };
        var goal = new Argument<string>("goal") { Description = "Goal UUID or name associated to this audit template." };
        var strategy = new Option<string?>("--strategy", "-s") { Description = "Strategy UUID or name associated to this audit template." };
        var description = new Option<string?>("--description", "-d") { Description = "Description of the audit template." };
        var scope = new Option<string?>("--scope") { Description = "Part of the cluster on which an audit will be done: a YAML or JSON file holding a list." };
        var defaults = new Option<string[]>("--default-parameter", "-p") { Description = "Default audit parameter name=value (repeatable; microversion 1.7).", AllowMultipleArgumentsPerToken = false };
        var create = new Command("create", "Create an audit template.") { name, goal, strategy, description, scope, defaults };
        var createFormat = FormatOptions.Add(create);
        create.SetAction((r, ct) => app.RunAsync(r, async (s, ct2) =>
        {
            // The scope file is read before any request, so that a bad file costs no round trip.
            var scopeItems = r.GetValue(scope) is { } scopeFile ? ReadScope(scopeFile) : null;
            // Like python-watcherclient: goal and strategy names are resolved to UUIDs first.
            var goalUuid = (await s.Goals.GetAsync(r.GetValue(goal)!, ct2).ConfigureAwait(false)).Uuid.ToString();
            string? strategyUuid = null;
            if (r.GetValue(strategy) is { } st)
            {
                strategyUuid = (await s.Strategies.GetAsync(st, ct2).ConfigureAwait(false)).Uuid.ToString();
            }
            var body = new AuditTemplateCreate
            {
                Name = r.GetValue(name)!,
                Goal = goalUuid,
                Strategy = strategyUuid,
                Description = r.GetValue(description),
            };
            if (scopeItems is not null)
            {
                body.Scope = scopeItems;
            }
            if (r.GetValue(defaults) is { Length: > 0 } pairs)
            {
                body.DefaultParameters = KeyValues.ParseJsonValues(pairs, "--default-parameter");
            }
            var created = await s.AuditTemplates.CreateAsync(body, ct2).ConfigureAwait(false);
            createFormat.WriteOne(app.Context, r, WatcherColumns.ForVersion(WatcherColumns.AuditTemplate, s.Version), Formatter.ToJson(created));
        }, ct));
        at.Subcommands.Add(create);
        at.Subcommands.Add(app.UpdateCommand("audit-template", WatcherColumns.AuditTemplate,
            (s, id, patch, ct) => Json(s.AuditTemplates.UpdateAsync(id, patch, ct), ct)));
        at.Subcommands.Add(app.DeleteCommand("audit-templates", "Delete audit templates.", "UUID or name of the audit template",
            (s, id, ct) => s.AuditTemplates.DeleteAsync(id, ct), "audit template"));
        return at;
    }
}
