using OpenStack.Monasca;

namespace OpenStack.Cli.Monasca;

internal static partial class MonascaCli
{
    private static IEnumerable<Command> AlarmDefinitionCommands(MonascaApp app)
    {
        {
            var (cmd, json) = MonascaApp.Command("alarm-definition-create", "Create an alarm definition.");
            var name = new Argument<string>("NAME") { Description = "Name of the alarm definition to create." };
            var expression = new Argument<string>("EXPRESSION") { Description = "The alarm expression to evaluate, for example 'avg(cpu.idle_perc) < 10'." };
            var description = new Option<string?>("--description") { Description = "Description of the alarm definition." };
            var severity = new Option<string?>("--severity") { Description = "Severity: LOW, MEDIUM, HIGH or CRITICAL." };
            var matchBy = new Option<string?>("--match-by") { Description = "Dimension names to match by, comma separated." };
            var alarmActions = new Option<string[]>("--alarm-actions") { Description = "Notification method id for the ALARM state (repeatable)." };
            var okActions = new Option<string[]>("--ok-actions") { Description = "Notification method id for the OK state (repeatable)." };
            var undeterminedActions = new Option<string[]>("--undetermined-actions") { Description = "Notification method id for the UNDETERMINED state (repeatable)." };
            cmd.Arguments.Add(name);
            cmd.Arguments.Add(expression);
            foreach (var o in new Option[] { description, severity, matchBy, alarmActions, okActions, undeterminedActions })
            {
                cmd.Options.Add(o);
            }
            cmd.SetAction((r, ct) => app.RunAsync(r, async (c, ct2) =>
            {
                var body = new AlarmDefinitionCreate
                {
                    Name = r.GetValue(name)!,
                    Expression = r.GetValue(expression)!,
                    Description = r.GetValue(description),
                    Severity = CheckSeverity(r.GetValue(severity)),
                    MatchBy = MonascaApp.Csv(r.GetValue(matchBy)),
                    AlarmActions = NullIfEmpty(r.GetValue(alarmActions)),
                    OkActions = NullIfEmpty(r.GetValue(okActions)),
                    UndeterminedActions = NullIfEmpty(r.GetValue(undeterminedActions)),
                };
                var created = await c.AlarmDefinitions.CreateAsync(body, ct2).ConfigureAwait(false);
                app.WriteJson(Formatter.ToJson(created));
            }, ct));
            yield return cmd;
        }
        {
            var (cmd, json) = MonascaApp.Command("alarm-definition-list", "List alarm definitions for this tenant.");
            var name = new Option<string?>("--name") { Description = "Name of the alarm definition." };
            var dims = Dimensions();
            var severity = new Option<string?>("--severity") { Description = "Severity: LOW, MEDIUM, HIGH or CRITICAL (| separated for several)." };
            var sortBy = new Option<string?>("--sort-by") { Description = "Fields to sort by, comma separated, each optionally followed by asc or desc." };
            var offset = Offset();
            var limit = Limit();
            foreach (var o in new Option[] { name, dims, severity, sortBy, offset, limit })
            {
                cmd.Options.Add(o);
            }
            cmd.SetAction((r, ct) => app.RunAsync(r, async (c, ct2) =>
            {
                var d = MonascaApp.DimensionQuery(r.GetValue(dims));
                var sev = CheckSeverity(r.GetValue(severity));
                var sort = MonascaApp.Csv(r.GetValue(sortBy));
                var items = MonascaApp.WalkAll(r.GetValue(limit))
                    ? await MonascaApp.All(c.AlarmDefinitions.ListAllAsync(name: r.GetValue(name), dimensions: d, severity: sev, sortBy: sort, cancellationToken: ct2), ct2).ConfigureAwait(false)
                    : MonascaApp.Elements((await c.AlarmDefinitions.ListAsync(name: r.GetValue(name), dimensions: d, severity: sev, sortBy: sort, offset: r.GetValue(offset), limit: r.GetValue(limit), cancellationToken: ct2).ConfigureAwait(false)).Elements);
                app.WriteList(r, json,
                    [new("name", "name"), new("id", "id"), new("expression", "expression"), new("match_by", "match_by"), new("actions_enabled", "actions_enabled")],
                    items);
            }, ct));
            yield return cmd;
        }
        yield return ShowCommand(app, "alarm-definition-show", "Describe the alarm definition.", "ID", "The ID of the alarm definition.",
            (c, id, ct) => c.AlarmDefinitions.GetAsync(id, ct));
        {
            var (cmd, _) = MonascaApp.Command("alarm-definition-update", "Update the alarm definition (every field).");
            var id = new Argument<string>("ID") { Description = "The ID of the alarm definition." };
            var name = new Argument<string>("NAME") { Description = "Name of the alarm definition." };
            var description = new Argument<string>("DESCRIPTION") { Description = "Description of the alarm definition." };
            var expression = new Argument<string>("EXPRESSION") { Description = "The alarm expression to evaluate." };
            var alarmActions = new Argument<string>("ALARM_ACTIONS") { Description = "Notification method ids for the ALARM state, comma separated (\"\" or [] for none)." };
            var okActions = new Argument<string>("OK_ACTIONS") { Description = "Notification method ids for the OK state, comma separated (\"\" or [] for none)." };
            var undeterminedActions = new Argument<string>("UNDETERMINED_ACTIONS") { Description = "Notification method ids for the UNDETERMINED state, comma separated (\"\" or [] for none)." };
            var enabled = new Argument<string>("ACTIONS_ENABLED") { Description = "Whether the actions are enabled: true or false." };
            var matchBy = new Argument<string>("MATCH_BY") { Description = "Dimension names to match by, comma separated (\"\" or [] for none; must equal the stored value)." };
            var severity = new Argument<string>("SEVERITY") { Description = "Severity: LOW, MEDIUM, HIGH or CRITICAL." };
            foreach (var a in new Argument[] { id, name, description, expression, alarmActions, okActions, undeterminedActions, enabled, matchBy, severity })
            {
                cmd.Arguments.Add(a);
            }
            cmd.SetAction((r, ct) => app.RunAsync(r, async (c, ct2) =>
            {
                // Checked before any request, as python-monascaclient does (it accepts exactly these four spellings).
                var enabledText = r.GetValue(enabled)!;
                if (enabledText is not ("true" or "True" or "false" or "False"))
                {
                    throw new CliException($"Invalid ACTIONS_ENABLED '{enabledText}': expected one of True, true, False, false.", 2);
                }
                var body = new AlarmDefinitionUpdate
                {
                    Name = r.GetValue(name)!,
                    Description = r.GetValue(description)!,
                    Expression = r.GetValue(expression)!,
                    AlarmActions = UpdateList(r.GetValue(alarmActions)),
                    OkActions = UpdateList(r.GetValue(okActions)),
                    UndeterminedActions = UpdateList(r.GetValue(undeterminedActions)),
                    ActionsEnabled = enabledText is "true" or "True",
                    MatchBy = UpdateList(r.GetValue(matchBy)),
                    Severity = CheckSeverity(r.GetValue(severity))!,
                };
                app.WriteJson(Formatter.ToJson(await c.AlarmDefinitions.UpdateAsync(body, r.GetValue(id)!, ct2).ConfigureAwait(false)));
            }, ct));
            yield return cmd;
        }
        {
            var (cmd, _) = MonascaApp.Command("alarm-definition-patch", "Patch the alarm definition (only the fields given).");
            var id = new Argument<string>("ID") { Description = "The ID of the alarm definition." };
            var name = new Option<string?>("--name") { Description = "Name of the alarm definition." };
            var description = new Option<string?>("--description") { Description = "Description of the alarm definition." };
            var expression = new Option<string?>("--expression") { Description = "The alarm expression." };
            var alarmActions = new Option<string[]>("--alarm-actions") { Description = "Notification method id for the ALARM state (repeatable)." };
            var okActions = new Option<string[]>("--ok-actions") { Description = "Notification method id for the OK state (repeatable)." };
            var undeterminedActions = new Option<string[]>("--undetermined-actions") { Description = "Notification method id for the UNDETERMINED state (repeatable)." };
            var enabled = new Option<bool?>("--actions-enabled") { Description = "Whether the actions are enabled (true or false)." };
            var severity = new Option<string?>("--severity") { Description = "Severity: LOW, MEDIUM, HIGH or CRITICAL." };
            cmd.Arguments.Add(id);
            foreach (var o in new Option[] { name, description, expression, alarmActions, okActions, undeterminedActions, enabled, severity })
            {
                cmd.Options.Add(o);
            }
            cmd.SetAction((r, ct) => app.RunAsync(r, async (c, ct2) =>
            {
                var body = new AlarmDefinitionPatch
                {
                    Name = r.GetValue(name),
                    Description = r.GetValue(description),
                    Expression = r.GetValue(expression),
                    AlarmActions = NullIfEmpty(r.GetValue(alarmActions)),
                    OkActions = NullIfEmpty(r.GetValue(okActions)),
                    UndeterminedActions = NullIfEmpty(r.GetValue(undeterminedActions)),
                    ActionsEnabled = r.GetValue(enabled),
                    Severity = CheckSeverity(r.GetValue(severity)),
                };
                app.WriteJson(Formatter.ToJson(await c.AlarmDefinitions.PatchAsync(body, r.GetValue(id)!, ct2).ConfigureAwait(false)));
            }, ct));
            yield return cmd;
        }
        yield return DeleteCommand(app, "alarm-definition-delete", "Delete the alarm definition.", "ID", "The ID of the alarm definition.",
            (c, id, ct) => c.AlarmDefinitions.DeleteAsync(id, ct), "Successfully deleted alarm definition");
    }
}
