using OpenStack.Configuration;
using System.CommandLine;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using OpenStack.Cli.Output;
using OpenStack.Watcher;

namespace OpenStack.Cli.Watcher;

/// <summary>The <c>watcher</c> tool: python-watcherclient's commands, arguments, global options and output formats.</summary>
internal static class WatcherCli
{
    /// <summary>Builds the <c>watcher</c> root command for one run.</summary>
    public static Command Build(CliContext context)
    {
        var globals = new GlobalOptions(watcherAliases: true);
        var apiVersion = globals.Add("cli_infra_optim_api_version", "--os-infra-optim-api-version", [], ["OS_INFRA_OPTIM_API_VERSION"],
            "Watcher API microversion: 1.N, or 1.latest (default) for the highest both sides support.");
        // Watcher sends times with their offset (+00:00): show them that way.
        context.DateStyle = DateStyle.Offset;
        var root = new Command("watcher", "Command-line interface to the OpenStack Watcher (infra-optim) API, like python-watcherclient.");
        globals.AddTo(root);
        var maxRetries = new Option<int>("--max-retries") { Description = "Retries on 503 and connection failures.", DefaultValueFactory = _ => 5, Recursive = true };
        var retryInterval = new Option<double>("--retry-interval") { Description = "Seconds between retries.", DefaultValueFactory = _ => 2, Recursive = true };
        root.Options.Add(maxRetries);
        root.Options.Add(retryInterval);
        var app = new WatcherApp(context, globals, apiVersion, maxRetries, retryInterval);
        root.Subcommands.Add(GoalCommands(app));
        root.Subcommands.Add(StrategyCommands(app));
        root.Subcommands.Add(AuditTemplateCommands(app));
        root.Subcommands.Add(AuditCommands(app));
        root.Subcommands.Add(ActionPlanCommands(app));
        root.Subcommands.Add(ActionCommands(app));
        root.Subcommands.Add(ScoringEngineCommands(app));
        root.Subcommands.Add(ServiceCommands(app));
        root.Subcommands.Add(DataModelCommands(app));
        return root;
    }

    // ---- goal ----------------------------------------------------------------------------------------------------

    private static Command GoalCommands(WatcherApp app)
    {
        var goal = new Command("goal", "Goals: what an audit optimizes for.");
        goal.Subcommands.Add(app.ListCommand("list", "List goals.", WatcherColumns.GoalShort, WatcherColumns.Goal,
            (s, _, q, ct) => q.Limit == 0 || q.Limit > 0
                ? Items(s.Goals.ListAllAsync(q.Detail, q.PageSize, q.SortKey, q.SortDir, q.Marker, ct), q.Limit, ct)
                : Page(q.Detail ? s.Goals.ListDetailAsync(null, q.Marker, q.SortKey, q.SortDir, ct) : s.Goals.ListAsync(null, q.Marker, q.SortKey, q.SortDir, ct), p => p.Goals, ct)));
        goal.Subcommands.Add(app.ShowCommand("show", "Show a goal.", "goal", "UUID or name of the goal", WatcherColumns.Goal,
            (s, id, ct) => Json(s.Goals.GetAsync(id, ct), ct)));
        return goal;
    }

    // ---- strategy ------------------------------------------------------------------------------------------------

    private static Command StrategyCommands(WatcherApp app)
    {
        var strategy = new Command("strategy", "Strategies: algorithms that reach a goal.");
        var goalFilter = new Option<string?>("--goal") { Description = "UUID or name of the goal used for filtering." };
        var list = app.ListCommand("list", "List strategies.", WatcherColumns.StrategyShort, WatcherColumns.Strategy,
            (s, r, q, ct) =>
            {
                var g = r.GetValue(goalFilter);
                return q.Limit == 0 || q.Limit > 0
                    ? Items(s.Strategies.ListAllAsync(g, q.Detail, q.PageSize, q.SortKey, q.SortDir, q.Marker, ct), q.Limit, ct)
                    : Page(q.Detail ? s.Strategies.ListDetailAsync(g, null, q.Marker, q.SortKey, q.SortDir, ct) : s.Strategies.ListAsync(g, null, q.Marker, q.SortKey, q.SortDir, ct), p => p.Strategies, ct);
            });
        list.Options.Add(goalFilter);
        strategy.Subcommands.Add(list);

        // python-watcherclient prints the parameters spec's properties as indented JSON.
        var showColumns = WatcherColumns.Strategy.Select(c => c.Field == "parameters_spec"
            ? c with { Format = v => v?["properties"] is { } p ? p.ToString(Formatting.Indented) : Formatter.ToText(v) }
            : c).ToArray();
        strategy.Subcommands.Add(app.ShowCommand("show", "Show a strategy.", "strategy", "UUID or name of the strategy", showColumns,
            (s, id, ct) => Json(s.Strategies.GetAsync(id, ct), ct)));

        var stateArg = new Argument<string>("strategy") { Description = "UUID or name of the strategy" };
        var state = new Command("state", "Show the state of a strategy's requirements (datasources, metrics, CDM).") { stateArg };
        var stateFormat = FormatOptions.Add(state);
        state.SetAction((r, ct) => app.RunAsync(r, async (s, ct2) =>
        {
            var items = await s.Strategies.StateAsync(r.GetValue(stateArg)!, ct2).ConfigureAwait(false);
            stateFormat.WriteList(app.Context, r, WatcherColumns.StrategyState, items.Select(Formatter.ToJson));
        }, ct));
        strategy.Subcommands.Add(state);
        return strategy;
    }

    // ---- audittemplate -------------------------------------------------------------------------------------------

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
                return q.Limit == 0 || q.Limit > 0
                    ? Items(s.AuditTemplates.ListAllAsync(g, st, q.Detail, q.PageSize, q.SortKey, q.SortDir, q.Marker, ct), q.Limit, ct)
                    : Page(q.Detail ? s.AuditTemplates.ListDetailAsync(g, st, null, q.Marker, q.SortKey, q.SortDir, ct) : s.AuditTemplates.ListAsync(g, st, null, q.Marker, q.SortKey, q.SortDir, ct), p => p.AuditTemplates, ct);
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

    // ---- audit ---------------------------------------------------------------------------------------------------

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
                // /audits/detail has no strategy filter (LP 2162057): the all-pages stream filters those pages itself.
                return q.Limit == 0 || q.Limit > 0 || (q.Detail && st is not null)
                    ? Items(s.Audits.ListAllAsync(g, st, q.Detail, q.PageSize, q.SortKey, q.SortDir, q.Marker, ct), q.Limit, ct)
                    : Page(q.Detail ? s.Audits.ListDetailAsync(g, null, q.Marker, q.SortKey, q.SortDir, ct) : s.Audits.ListAsync(g, st, null, q.Marker, q.SortKey, q.SortDir, ct), p => p.Audits, ct);
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

    // ---- actionplan ----------------------------------------------------------------------------------------------

    private static Command ActionPlanCommands(WatcherApp app)
    {
        var ap = new Command("actionplan", "Action plans: the actions an audit proposes.");
        var auditFilter = new Option<Guid?>("--audit") { Description = "UUID of an audit used for filtering." };
        var list = app.ListCommand("list", "List action plans.", WatcherColumns.ActionPlanShort, WatcherColumns.ActionPlan,
            (s, r, q, ct) =>
            {
                var a = r.GetValue(auditFilter);
                return q.Limit == 0 || q.Limit > 0
                    ? Items(s.ActionPlans.ListAllAsync(a, null, q.Detail, q.PageSize, q.SortKey, q.SortDir, q.Marker, ct), q.Limit, ct)
                    : Page(q.Detail ? s.ActionPlans.ListDetailAsync(a, null, null, q.Marker, q.SortKey, q.SortDir, ct) : s.ActionPlans.ListAsync(a, null, null, q.Marker, q.SortKey, q.SortDir, ct), p => p.ActionPlans, ct);
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

    // ---- action --------------------------------------------------------------------------------------------------

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
                return q.Limit == 0 || q.Limit > 0
                    ? Items(s.Actions.ListAllAsync(p, a, q.Detail, q.PageSize, q.SortKey, q.SortDir, q.Marker, ct), q.Limit, ct)
                    : Page(q.Detail ? s.Actions.ListDetailAsync(p, a, null, q.Marker, q.SortKey, q.SortDir, ct) : s.Actions.ListAsync(p, a, null, q.Marker, q.SortKey, q.SortDir, ct), c => c.Actions, ct);
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

    // ---- scoringengine / service ---------------------------------------------------------------------------------

    private static Command ScoringEngineCommands(WatcherApp app)
    {
        var se = new Command("scoringengine", "Scoring engines.");
        se.Subcommands.Add(app.ListCommand("list", "List scoring engines.", WatcherColumns.ScoringEngineShort, WatcherColumns.ScoringEngine,
            (s, _, q, ct) => q.Limit == 0 || q.Limit > 0
                ? Items(s.ScoringEngines.ListAllAsync(q.Detail, q.PageSize, q.SortKey, q.SortDir, q.Marker, ct), q.Limit, ct)
                : Page(q.Detail ? s.ScoringEngines.ListDetailAsync(null, q.Marker, q.SortKey, q.SortDir, ct) : s.ScoringEngines.ListAsync(null, q.Marker, q.SortKey, q.SortDir, ct), p => p.ScoringEngines, ct)));
        se.Subcommands.Add(app.ShowCommand("show", "Show a scoring engine.", "scoring-engine", "UUID or name of the scoring engine", WatcherColumns.ScoringEngine,
            (s, id, ct) => Json(s.ScoringEngines.GetAsync(id, ct), ct)));
        return se;
    }

    private static Command ServiceCommands(WatcherApp app)
    {
        var service = new Command("service", "Watcher services (API, decision engine, applier).");
        service.Subcommands.Add(app.ListCommand("list", "List services.", WatcherColumns.ServiceShort, WatcherColumns.Service,
            (s, _, q, ct) =>
            {
                int? marker = q.Marker is null ? null : int.TryParse(q.Marker, out var m) ? m : throw new CliException("--marker must be a service id (an integer).", 2);
                return q.Limit == 0 || q.Limit > 0
                    ? Items(s.Services.ListAllAsync(q.Detail, q.PageSize, q.SortKey, q.SortDir, marker, ct), q.Limit, ct)
                    : Page(q.Detail ? s.Services.ListDetailAsync(null, marker, q.SortKey, q.SortDir, ct) : s.Services.ListAsync(null, marker, q.SortKey, q.SortDir, ct), p => p.Services, ct);
            }));
        service.Subcommands.Add(app.ShowCommand("show", "Show a service.", "service", "ID or name of the service", WatcherColumns.Service,
            (s, id, ct) => Json(s.Services.GetAsync(id, ct), ct)));
        return service;
    }

    // ---- datamodel -----------------------------------------------------------------------------------------------

    private static Command DataModelCommands(WatcherApp app)
    {
        var dm = new Command("datamodel", "The decision engine's cluster data model (microversion 1.3).");
        var type = new Option<string>("--type") { Description = "Type of data model to list: compute (default; the only one the server has), storage or baremetal.", DefaultValueFactory = _ => "compute" };
        type.AcceptOnlyFromAmong("compute", "storage", "baremetal");
        var audit = new Option<Guid?>("--audit") { Description = "UUID of the audit whose scope limits the model." };
        var detail = new Option<bool>("--detail") { Description = "Show detailed information about the data model." };
        var list = new Command("list", "List information on the retrieved data model: one row per server and its node.") { type, audit, detail };
        var format = FormatOptions.Add(list);
        list.SetAction((r, ct) => app.RunAsync(r, async (s, ct2) =>
        {
            if (s.Version is { } v && v < new WatcherApiVersion(1, 3))
            {
                throw new CliException($"The data model needs API microversion 1.3 or later (this run uses {v}); use --os-infra-optim-api-version 1.3 or later.", 2);
            }
            var model = await s.DataModel.ListAsync(r.GetValue(type), r.GetValue(audit), ct2).ConfigureAwait(false);
            var rows = (model.Context ?? []).Select(row => Formatter.ToJson(row));
            format.WriteList(app.Context, r, r.GetValue(detail) ? WatcherColumns.DataModel : WatcherColumns.DataModelShort, rows);
        }, ct));
        dm.Subcommands.Add(list);
        return dm;
    }

    // ---- helpers -------------------------------------------------------------------------------------------------

    private static async Task<JObject> Json<T>(Task<T> task, CancellationToken cancellationToken) where T : notnull =>
        Formatter.ToJson(await task.WaitAsync(cancellationToken).ConfigureAwait(false));

    private static async Task<IReadOnlyList<JObject>> Page<TPage, TItem>(Task<TPage> page, Func<TPage, ICollection<TItem>?> items, CancellationToken cancellationToken) where TItem : notnull =>
        (items(await page.WaitAsync(cancellationToken).ConfigureAwait(false)) ?? []).Select(i => Formatter.ToJson(i)).ToList();

    private static async Task<IReadOnlyList<JObject>> Items<T>(IAsyncEnumerable<T> items, int? limit, CancellationToken cancellationToken) where T : notnull
    {
        var result = new List<JObject>();
        await foreach (var item in items.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            result.Add(Formatter.ToJson(item));
            if (limit > 0 && result.Count >= limit)
            {
                break;
            }
        }
        return result;
    }

    private static string RequireUuid(string value, string what) =>
        Guid.TryParse(value, out _) ? value : throw new CliException($"Invalid UUID for the {what}: '{value}'.");

    // python-watcherclient reads the scope with yaml.safe_load: Core's YAML reader types scalars the same way (host
    // aggregate ids are integers, as Watcher's scope schema wants them), in block or flow style; JSON is YAML too.
    private static List<object> ReadScope(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"Cannot read the scope file '{path}': {ex.Message}");
        }
        JToken token;
        try
        {
            token = YamlReader.Parse(text) is { } value ? JToken.FromObject(value) : JValue.CreateNull();
        }
        catch (FormatException ex)
        {
            throw new CliException(
                $"The scope file '{path}' is not YAML or JSON ({ex.Message}); a scope looks like "
                + "[{\"compute\": [{\"host_aggregates\": [{\"id\": 1}]}]}] or, in block style, '- compute: ...'.");
        }
        return token is JArray array
            ? array.Select(t => (object)t).ToList()
            : throw new CliException($"The scope file '{path}' must hold a list (of mappings such as {{\"compute\": [...]}}), not a {token.Type.ToString().ToLowerInvariant()}.");
    }
}
