using OpenStack.Monasca;

namespace OpenStack.Cli.Monasca;

internal static partial class MonascaCli
{
    /// <summary>The notification methods of an alarm definition, one option per state (create and patch).</summary>
    private sealed record ActionOptions(Option<string[]> Alarm, Option<string[]> Ok, Option<string[]> Undetermined)
    {
        public static ActionOptions Create() => new(
            new Option<string[]>("--alarm-actions") { Description = "Notification method id for the ALARM state (repeatable)." },
            new Option<string[]>("--ok-actions") { Description = "Notification method id for the OK state (repeatable)." },
            new Option<string[]>("--undetermined-actions") { Description = "Notification method id for the UNDETERMINED state (repeatable)." });

        public IEnumerable<Symbol> All => [Alarm, Ok, Undetermined];
    }

    private static readonly Dictionary<string, Func<JToken, string>> DefinitionFormatters = WithExpressionData(ShowFormatters(
        "name", "id", "expression", "match_by", "actions_enabled", "alarm_actions", "ok_actions", "severity", "undetermined_actions", "description"));

    private static Dictionary<string, Func<JToken, string>> WithExpressionData(Dictionary<string, Func<JToken, string>> formatters)
    {
        formatters["expression_data"] = MonascaApp.ExpressionData;
        return formatters;
    }

    private static IEnumerable<Command> AlarmDefinitionCommands(MonascaApp app)
    {
        {
            var name = new Argument<string>("NAME") { Description = "Name of the alarm definition to create." };
            var expression = new Argument<string>("EXPRESSION") { Description = "The alarm expression to evaluate, for example 'avg(cpu.idle_perc) < 10'." };
            var description = new Option<string?>("--description") { Description = "Description of the alarm definition." };
            var severity = new Option<string?>("--severity") { Description = "Severity: LOW, MEDIUM, HIGH or CRITICAL." };
            var matchBy = new Option<string?>("--match-by") { Description = "Dimension names to match by, comma separated." };
            var actions = ActionOptions.Create();
            var (cmd, json) = MonascaApp.Command("alarm-definition-create", "Create an alarm definition.", [name, expression, description, severity, matchBy, .. actions.All]);
            yield return app.PrintsJson(cmd, async (r, c, ct2) =>
            {
                var body = new AlarmDefinitionCreate
                {
                    Name = r.GetValue(name)!,
                    Expression = r.GetValue(expression)!,
                    Description = r.GetValue(description),
                    Severity = CheckSeverity(r.GetValue(severity)),
                    MatchBy = MonascaApp.Csv(r.GetValue(matchBy)),
                    AlarmActions = NullIfEmpty(r.GetValue(actions.Alarm)),
                    OkActions = NullIfEmpty(r.GetValue(actions.Ok)),
                    UndeterminedActions = NullIfEmpty(r.GetValue(actions.Undetermined)),
                };
                return await c.AlarmDefinitions.CreateAsync(body, ct2).ConfigureAwait(false);
            });
        }
        {
            var name = new Option<string?>("--name") { Description = "Name of the alarm definition." };
            var dims = Dimensions();
            var severity = new Option<string?>("--severity") { Description = "Severity: LOW, MEDIUM, HIGH or CRITICAL (| separated for several)." };
            var sortBy = new Option<string?>("--sort-by") { Description = "Fields to sort by, comma separated, each optionally followed by asc or desc." };
            var (offset, limit) = Paging();
            var (cmd, json) = MonascaApp.Command("alarm-definition-list", "List alarm definitions for this tenant.", name, dims, severity, sortBy, offset, limit);
            cmd.SetAction((r, ct) => app.RunAsync(r, async (c, ct2) =>
            {
                var d = MonascaApp.DimensionQuery(r.GetValue(dims));
                var sev = CheckSeverity(r.GetValue(severity));
                var sort = MonascaApp.Csv(r.GetValue(sortBy));
                var items = MonascaApp.WalkAll(r.GetValue(limit))
                    ? await app.All(c.AlarmDefinitions.ListAllAsync(name: r.GetValue(name), dimensions: d, severity: sev, sortBy: sort, cancellationToken: ct2), ct2).ConfigureAwait(false)
                    : app.Elements((await c.AlarmDefinitions.ListAsync(name: r.GetValue(name), dimensions: d, severity: sev, sortBy: sort, offset: r.GetValue(offset), limit: r.GetValue(limit), cancellationToken: ct2).ConfigureAwait(false)).Elements);
                app.WriteList(r, json,
                    [new("name", "name"), new("id", "id"), new("expression", "expression"), new("match_by", "match_by"), new("actions_enabled", "actions_enabled")],
                    items);
            }, ct));
            yield return cmd;
        }
        yield return ShowCommand(app, "alarm-definition-show", "Describe the alarm definition.", "ID", "The ID of the alarm definition.",
            (c, id, ct) => c.AlarmDefinitions.GetAsync(id, ct),
            DefinitionFormatters);
        {
            // python-monascaclient's ten positionals, in order.
            var a = Positionals(
                ("ID", "The ID of the alarm definition."),
                ("NAME", "Name of the alarm definition."),
                ("DESCRIPTION", "Description of the alarm definition."),
                ("EXPRESSION", "The alarm expression to evaluate."),
                ("ALARM_ACTIONS", "Notification method ids for the ALARM state, comma separated (\"\" or [] for none)."),
                ("OK_ACTIONS", "Notification method ids for the OK state, comma separated (\"\" or [] for none)."),
                ("UNDETERMINED_ACTIONS", "Notification method ids for the UNDETERMINED state, comma separated (\"\" or [] for none)."),
                ("ACTIONS_ENABLED", "Whether the actions are enabled: true or false."),
                ("MATCH_BY", "Dimension names to match by, comma separated (\"\" or [] for none; must equal the stored value)."),
                ("SEVERITY", "Severity: LOW, MEDIUM, HIGH or CRITICAL."));
            var (cmd, _) = MonascaApp.Command("alarm-definition-update", "Update the alarm definition (every field).", a.Values);
            yield return app.PrintsJson(cmd, async (r, c, ct2) =>
            {
                // Checked before any request, as python-monascaclient does (it accepts exactly these four spellings).
                var enabledText = r.GetValue(a["ACTIONS_ENABLED"])!;
                if (enabledText is not ("true" or "True" or "false" or "False"))
                {
                    throw new CliException($"Invalid ACTIONS_ENABLED '{enabledText}': expected one of True, true, False, false.");
                }
                var body = new AlarmDefinitionUpdate
                {
                    Name = r.GetValue(a["NAME"])!,
                    Description = r.GetValue(a["DESCRIPTION"])!,
                    Expression = r.GetValue(a["EXPRESSION"])!,
                    AlarmActions = UpdateList(r.GetValue(a["ALARM_ACTIONS"])),
                    OkActions = UpdateList(r.GetValue(a["OK_ACTIONS"])),
                    UndeterminedActions = UpdateList(r.GetValue(a["UNDETERMINED_ACTIONS"])),
                    ActionsEnabled = enabledText is "true" or "True",
                    MatchBy = UpdateList(r.GetValue(a["MATCH_BY"])),
                    Severity = CheckSeverity(r.GetValue(a["SEVERITY"]))!,
                };
                return await c.AlarmDefinitions.UpdateAsync(body, r.GetValue(a["ID"])!, ct2).ConfigureAwait(false);
            });
        }
        {
            var id = new Argument<string>("ID") { Description = "The ID of the alarm definition." };
            var name = new Option<string?>("--name") { Description = "Name of the alarm definition." };
            var description = new Option<string?>("--description") { Description = "Description of the alarm definition." };
            var expression = new Option<string?>("--expression") { Description = "The alarm expression." };
            var actions = ActionOptions.Create();
            var enabled = new Option<bool?>("--actions-enabled") { Description = "Whether the actions are enabled (true or false)." };
            var severity = new Option<string?>("--severity") { Description = "Severity: LOW, MEDIUM, HIGH or CRITICAL." };
            var (cmd, _) = MonascaApp.Command("alarm-definition-patch", "Patch the alarm definition (only the fields given).", [id, name, description, expression, .. actions.All, enabled, severity]);
            yield return app.PrintsJson(cmd, async (r, c, ct2) =>
            {
                var body = new AlarmDefinitionPatch
                {
                    Name = r.GetValue(name),
                    Description = r.GetValue(description),
                    Expression = r.GetValue(expression),
                    AlarmActions = NullIfEmpty(r.GetValue(actions.Alarm)),
                    OkActions = NullIfEmpty(r.GetValue(actions.Ok)),
                    UndeterminedActions = NullIfEmpty(r.GetValue(actions.Undetermined)),
                    ActionsEnabled = r.GetValue(enabled),
                    Severity = CheckSeverity(r.GetValue(severity)),
                };
                return await c.AlarmDefinitions.PatchAsync(body, r.GetValue(id)!, ct2).ConfigureAwait(false);
            });
        }
        yield return DeleteCommand(app, "alarm-definition-delete", "Delete the alarm definition.", "ID", "The ID of the alarm definition.",
            (c, id, ct) => c.AlarmDefinitions.DeleteAsync(id, ct), "Successfully deleted alarm definition");
    }

    private static IEnumerable<Command> NotificationCommands(MonascaApp app)
    {
        {
            var name = new Argument<string>("NAME") { Description = "Name of the notification method." };
            var type = new Argument<string>("TYPE") { Description = "The notification type (see notification-type-list), for example EMAIL, WEBHOOK, PAGERDUTY." };
            var address = new Argument<string>("ADDRESS") { Description = "An email address, URL or service key." };
            var period = new Option<int?>("--period") { Description = "Seconds between repeated notifications (sent only when not 0)." };
            var (cmd, json) = MonascaApp.Command("notification-create", "Create a notification method.", name, type, address, period);
            yield return app.PrintsJson(cmd, async (r, c, ct2) =>
            {
                var body = new NotificationMethodCreate { Name = r.GetValue(name)!, Type = r.GetValue(type)!, Address = r.GetValue(address)! };
                if (r.GetValue(period) is { } p and not 0)
                {
                    body.Period = p;
                }
                return await c.NotificationMethods.CreateAsync(body, ct2).ConfigureAwait(false);
            });
        }
        {
            var sortBy = new Option<string?>("--sort-by") { Description = "Fields to sort by, comma separated, each optionally followed by asc or desc (for example 'name asc,id')." };
            var (offset, limit) = Paging();
            var (cmd, json) = MonascaApp.Command("notification-list", "List notification methods for this tenant.", sortBy, offset, limit);
            cmd.SetAction((r, ct) => app.RunAsync(r, async (c, ct2) =>
            {
                var sort = MonascaApp.Csv(r.GetValue(sortBy));
                var items = MonascaApp.WalkAll(r.GetValue(limit))
                    ? await app.All(c.NotificationMethods.ListAllAsync(sortBy: sort, cancellationToken: ct2), ct2).ConfigureAwait(false)
                    : app.Elements((await c.NotificationMethods.ListAsync(sortBy: sort, offset: r.GetValue(offset), limit: r.GetValue(limit), cancellationToken: ct2).ConfigureAwait(false)).Elements);
                app.WriteList(r, json, [new("name", "name"), new("id", "id"), new("type", "type"), new("address", "address"), new("period", "period")], items);
            }, ct));
            yield return cmd;
        }
        yield return ShowCommand(app, "notification-show", "Describe the notification method.", "ID", "The ID of the notification.",
            (c, id, ct) => c.NotificationMethods.GetAsync(id, ct),
            ShowFormatters("name", "id", "type", "address", "period"));
        {
            var id = new Argument<string>("ID") { Description = "The ID of the notification." };
            var name = new Argument<string>("NAME") { Description = "Name of the notification method." };
            var type = new Argument<string>("TYPE") { Description = "The notification type." };
            var address = new Argument<string>("ADDRESS") { Description = "An email address, URL or service key." };
            var period = new Argument<int>("PERIOD") { Description = "Seconds between repeated notifications (0: none)." };
            var (cmd, _) = MonascaApp.Command("notification-update", "Update notification method (every field).", id, name, type, address, period);
            yield return app.PrintsJson(cmd, (r, c, ct2) =>
                c.NotificationMethods.UpdateAsync(new NotificationMethodUpdate { Name = r.GetValue(name)!, Type = r.GetValue(type)!, Address = r.GetValue(address)!, Period = r.GetValue(period) }, r.GetValue(id)!, ct2));
        }
        {
            var id = new Argument<string>("ID") { Description = "The ID of the notification." };
            var name = new Option<string?>("--name") { Description = "Name of the notification method." };
            var type = new Option<string?>("--type") { Description = "The notification type." };
            var address = new Option<string?>("--address") { Description = "An email address, URL or service key." };
            var period = new Option<int?>("--period") { Description = "Seconds between repeated notifications (0 is sent)." };
            var (cmd, _) = MonascaApp.Command("notification-patch", "Patch notification method (only the fields given).", id, name, type, address, period);
            yield return app.PrintsJson(cmd, (r, c, ct2) =>
                c.NotificationMethods.PatchAsync(new NotificationMethodPatch { Name = r.GetValue(name), Type = r.GetValue(type), Address = r.GetValue(address), Period = r.GetValue(period) }, r.GetValue(id)!, ct2));
        }
        yield return DeleteCommand(app, "notification-delete", "Delete notification method.", "ID", "The ID of the notification.",
            (c, id, ct) => c.NotificationMethods.DeleteAsync(id, ct), "Successfully deleted notification");
        {
            var (cmd, json) = MonascaApp.Command("notification-type-list", "List notification types supported by Monasca.");
            cmd.SetAction((r, ct) => app.RunAsync(r, async (c, ct2) =>
            {
                var items = app.Elements((await c.NotificationTypes.ListAsync(ct2).ConfigureAwait(false)).Elements);
                app.WriteList(r, json, [new("types", "type")], items);
            }, ct));
            yield return cmd;
        }
    }
}
