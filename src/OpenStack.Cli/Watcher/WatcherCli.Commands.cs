using OpenStack.Watcher;

namespace OpenStack.Cli.Watcher;

/// <summary>The <c>watcher</c> commands beyond the list/show/update/delete shapes of <see cref="WatcherResources"/>.</summary>
internal static partial class WatcherCli
{
    internal static Command AuditTemplateCreate(WatcherApp app)
    {
        var name = new Argument<string>("name") { Description = "Name for this audit template." };
        var goal = new Argument<string>("goal") { Description = "Goal UUID or name associated to this audit template." };
        var strategy = new Option<string?>("--strategy", "-s") { Description = "Strategy UUID or name associated to this audit template." };
        var description = new Option<string?>("--description", "-d") { Description = "Description of the audit template." };
        var scope = new Option<string?>("--scope") { Description = "Part of the cluster on which an audit will be done: a YAML or JSON file holding a list." };
        var defaults = new Option<string[]>("--default-parameter", "-p") { Description = "Default audit parameter name=value (repeatable; microversion 1.7).", AllowMultipleArgumentsPerToken = false };
        var create = new Command("create", "Create an audit template.") { name, goal, strategy, description, scope, defaults };
        var format = FormatOptions.AddShowOne(create);
        create.SetAction((r, ct) => app.RunAsync(r, async (s, ct2) =>
        {
            // The scope file is read before any request, so that a bad file costs no round trip.
            var scopeItems = r.GetValue(scope) is { } scopeFile ? ReadScope(scopeFile) : null;
            // Like python-watcherclient: goal and strategy names are resolved to UUIDs first.
            var goalUuid = (await s.Client.Goals.GetAsync(r.GetValue(goal)!, ct2).ConfigureAwait(false)).Uuid.ToString();
            string? strategyUuid = null;
            if (r.GetValue(strategy) is { } st)
            {
                strategyUuid = (await s.Client.Strategies.GetAsync(st, ct2).ConfigureAwait(false)).Uuid.ToString();
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
            var created = await s.Json(s.Client.AuditTemplates.CreateAsync(body, ct2), ct2).ConfigureAwait(false);
            format.WriteOne(app.Context, r, WatcherColumns.ForVersion(WatcherColumns.AuditTemplate, s.Version), created);
        }, ct));
        return create;
    }

    internal static Command AuditCreate(WatcherApp app)
    {
        var auditType = new Option<string>("--audit_type", "-t", "--audit-type") { Description = "Audit type: ONESHOT (default), CONTINUOUS or EVENT.", DefaultValueFactory = _ => "ONESHOT" };
        auditType.AcceptOnlyFromAmong("ONESHOT", "CONTINUOUS", "EVENT");
        var parameters = new Option<string[]>("--parameter", "-p") { Description = "Audit parameter name=value (repeatable; values are JSON-decoded)." };
        var interval = new Option<string?>("--interval", "-i") { Description = "Audit interval (CONTINUOUS): seconds or a cron expression." };
        var goal = new Option<string?>("--goal", "-g") { Description = "Goal UUID or name associated to this audit." };
        var strategy = new Option<string?>("--strategy", "-s") { Description = "Strategy UUID or name associated to this audit." };
        var template = new Option<string?>("--audit-template", "-a") { Description = "Audit template used for this audit (name or UUID)." };
        var autoTrigger = new Option<bool>("--auto-trigger") { Description = "Trigger the action plan automatically." };
        var name = new Option<string?>("--name") { Description = "Name for this audit." };
        var startTime = TimeOption("--start-time", "CONTINUOUS audit start time (microversion 1.1).");
        var endTime = TimeOption("--end-time", "CONTINUOUS audit end time (microversion 1.1).");
        var force = new Option<bool>("--force") { Description = "Launch the audit even if another one is running (microversion 1.2)." };
        var create = new Command("create", "Create an audit.") { auditType, parameters, interval, goal, strategy, template, autoTrigger, name, startTime, endTime, force };
        var format = FormatOptions.AddShowOne(create);
        var waiter = Waiter.Add(create);
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
                    : (await s.Client.AuditTemplates.GetAsync(at, ct2).ConfigureAwait(false)).Uuid;
            }
            var created = await s.Json(s.Client.Audits.CreateAsync(body, ct2), ct2).ConfigureAwait(false);
            var (audit, failed) = await waiter.WaitAsync<Audit>(r, app.Context, s, "audit", created,
                (id, options, progress, ct3) => s.Client.Audits.WaitForCompletionAsync(id, options, progress, ct3), a => a.State, ct2).ConfigureAwait(false);
            format.WriteOne(app.Context, r, WatcherColumns.ForVersion(WatcherColumns.Audit, s.Version), audit);
            Failed(failed);
        }, ct));
        return create;
    }

    // A time as python-watcherclient sends it: as typed, so a time without an offset means the same instant whatever the
    // local time zone (Watcher reads it as UTC), never converted from local time.
    private static Option<DateTimeOffset?> TimeOption(string name, string description) => new(name)
    {
        Description = description + " ISO 8601; without an offset it is UTC, as Watcher reads it.",
        CustomParser = r =>
        {
            var text = r.Tokens[^1].Value;
            if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out var value))
            {
                return value;
            }
            r.AddError($"argument {name}: invalid value '{text}': expected a date and time (ISO 8601, for example 2024-01-02T03:04:05).");
            return null;
        },
    };

    // actionplan cancel: the plan as the cancel answered it.
    internal static Command ActionPlanCancel(WatcherApp app) =>
        app.ShowCommand("cancel", "Cancel an action plan.", WatcherResources.ActionPlans,
            (s, id, ct) => s.Json(s.Client.ActionPlans.CancelAsync(RequireUuid(id, "action plan"), ct), ct));

    // actionplan start [--wait]: the plan as the start answered it, or as it ended.
    internal static Command ActionPlanStart(WatcherApp app)
    {
        Waiter? waiter = null;
        var start = app.ShowCommand("start", "Start an action plan.", WatcherResources.ActionPlans, (s, id, ct) => s.Json(s.Client.ActionPlans.StartAsync(RequireUuid(id, "action plan"), ct), ct),
            async (r, s, started, ct) =>
            {
                var (plan, failed) = await waiter!.WaitAsync<ActionPlan>(r, app.Context, s, "action plan", started,
                    (id, options, progress, ct2) => s.Client.ActionPlans.WaitForCompletionAsync(id, options, progress, ct2), p => p.State, ct).ConfigureAwait(false);
                return (plan, () => Failed(failed));
            });
        waiter = Waiter.Add(start);
        return start;
    }

    // After the output: a wait that ended other than SUCCEEDED, or gave up, fails the command (exit 1), in words.
    private static void Failed(string? error)
    {
        if (error is not null)
        {
            throw new CliException(error);
        }
    }

    internal static Command ActionUpdate(WatcherApp app)
    {
        var id = new Argument<string>("action") { Description = "UUID of the action" };
        var state = new Option<string?>("--state") { Description = "New state of the action (SKIPPED; microversion 1.5)." };
        var reason = new Option<string?>("--reason") { Description = "Reason of the state change (stored as the status message; microversion 1.5)." };
        var update = new Command("update", "Update an action's state or status message (microversion 1.5).") { id, state, reason };
        var format = FormatOptions.AddShowOne(update);
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
                throw new CliException("At least one of --state and --reason is required.");
            }
            var updated = await s.Json(s.Client.Actions.UpdateAsync(uuid, patch, ct2), ct2).ConfigureAwait(false);
            format.WriteOne(app.Context, r, WatcherColumns.ForVersion(WatcherColumns.Action, s.Version), updated);
        }, ct));
        return update;
    }

    internal static Command StrategyState(WatcherApp app)
    {
        var stateArg = new Argument<string>("strategy") { Description = "UUID or name of the strategy" };
        var state = new Command("state", "Show the state of a strategy's requirements (datasources, metrics, CDM).") { stateArg };
        var format = FormatOptions.Add(state);
        state.SetAction((r, ct) => app.RunAsync(r, async (s, ct2) =>
        {
            var items = await s.Client.Strategies.StateAsync(r.GetValue(stateArg)!, ct2).ConfigureAwait(false);
            var raw = s.Tap.LastJson() is JArray array && array.Count == items.Count ? array.OfType<JObject>().ToList() : null;
            format.WriteList(app.Context, r, WatcherColumns.StrategyState, raw ?? items.Select(Formatter.ToJson));
        }, ct));
        return state;
    }

    internal static Command DataModelCommands(WatcherApp app)
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
                throw new CliException($"The data model needs API microversion 1.3 or later (this run uses {v}); use --os-infra-optim-api-version 1.3 or later.");
            }
            var model = await s.Client.DataModel.ListAsync(dataModelType: r.GetValue(type), auditUuid: r.GetValue(audit), cancellationToken: ct2).ConfigureAwait(false);
            var rows = (s.Tap.LastJson() as JObject)?["context"] is JArray raw ? raw.OfType<JObject>() : (model.Context ?? []).Select(row => Formatter.ToJson(row));
            format.WriteList(app.Context, r, r.GetValue(detail) ? WatcherColumns.DataModel : WatcherColumns.DataModelShort, rows);
        }, ct));
        dm.Subcommands.Add(list);
        return dm;
    }
}
