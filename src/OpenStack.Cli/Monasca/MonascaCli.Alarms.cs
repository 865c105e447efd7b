using OpenStack.Monasca;

namespace OpenStack.Cli.Monasca;

internal static partial class MonascaCli
{

    /// <summary>The filters and paging options alarm-list and alarm-count share.</summary>
    private sealed record AlarmFilters(
        Option<string?> DefinitionId, Option<string?> MetricName, Option<string[]> MetricDimensions, Option<string?> State,
        Option<string?> Severity, Option<string?> StateUpdatedStartTime, Option<string?> LifecycleState, Option<string?> Link,
        Option<int?> Offset, Option<int?> Limit)
    {
        public static AlarmFilters Create() => new(
            new Option<string?>("--alarm-definition-id") { Description = "The ID of the alarm definition." },
            new Option<string?>("--metric-name") { Description = "Name of the metric." },
            new Option<string[]>("--metric-dimensions") { Description = "Key-value pairs key=value (a bare key matches any value), comma separated; repeatable." },
            new Option<string?>("--state") { Description = "ALARM, OK or UNDETERMINED (| separated for several)." },
            new Option<string?>("--severity") { Description = "LOW, MEDIUM, HIGH or CRITICAL (| separated for several)." },
            new Option<string?>("--state-updated-start-time") { Description = "Alarms whose state changed after this time (UTC ISO 8601)." },
            new Option<string?>("--lifecycle-state") { Description = "The lifecycle state of the alarm." },
            new Option<string?>("--link") { Description = "The link to external data associated with the alarm." },
            MonascaCli.Offset(),
            MonascaCli.Limit());

        /// <summary>The filter options, in python-monascaclient's order.</summary>
        public IEnumerable<Symbol> All => [DefinitionId, MetricName, MetricDimensions, State, Severity, StateUpdatedStartTime, LifecycleState, Link];
    }

    private static IEnumerable<Command> AlarmCommands(MonascaApp app)
    {
        {
            var f = AlarmFilters.Create();
            var sortBy = new Option<string?>("--sort-by") { Description = "Fields to sort by, comma separated, each optionally followed by asc or desc." };
            var (cmd, json) = MonascaApp.Command("alarm-list", "List alarms for this tenant.", [.. f.All, sortBy, f.Offset, f.Limit]);
            cmd.SetAction((r, ct) => app.RunAsync(r, async (c, ct2) =>
            {
                var d = MonascaApp.DimensionQuery(r.GetValue(f.MetricDimensions));
                var state = CheckState(r.GetValue(f.State));
                var sev = CheckSeverity(r.GetValue(f.Severity));
                var since = MonascaApp.OptionalTime(r.GetValue(f.StateUpdatedStartTime), "--state-updated-start-time");
                var sort = MonascaApp.Csv(r.GetValue(sortBy));
                var items = MonascaApp.WalkAll(r.GetValue(f.Limit))
                    ? await app.All(c.Alarms.ListAllAsync(alarmDefinitionId: r.GetValue(f.DefinitionId), metricName: r.GetValue(f.MetricName), metricDimensions: d, state: state, severity: sev, lifecycleState: r.GetValue(f.LifecycleState), link: r.GetValue(f.Link), stateUpdatedStartTime: since, sortBy: sort, cancellationToken: ct2), ct2).ConfigureAwait(false)
                    : app.Elements((await c.Alarms.ListAsync(alarmDefinitionId: r.GetValue(f.DefinitionId), metricName: r.GetValue(f.MetricName), metricDimensions: d, state: state, severity: sev, lifecycleState: r.GetValue(f.LifecycleState), link: r.GetValue(f.Link), stateUpdatedStartTime: since, sortBy: sort, offset: r.GetValue(f.Offset), limit: r.GetValue(f.Limit), cancellationToken: ct2).ConfigureAwait(false)).Elements);
                app.WriteList(r, json, AlarmColumns, items, FlattenAlarm);
            }, ct));
            yield return cmd;
        }
        yield return ShowCommand(app, "alarm-show", "Describe the alarm.", "ID", "The ID of the alarm.", (c, id, ct) => c.Alarms.GetAsync(id, ct),
            ShowFormatters("id", "alarm_definition", "metrics", "state"));
        {
            var id = new Argument<string>("ID") { Description = "The ID of the alarm." };
            var state = new Argument<string>("STATE") { Description = "ALARM, OK or UNDETERMINED." };
            var lifecycle = new Argument<string>("LIFECYCLE_STATE") { Description = "The lifecycle state of the alarm." };
            var link = new Argument<string>("LINK") { Description = "A link to an external resource related to the alarm." };
            var (cmd, _) = MonascaApp.Command("alarm-update", "Update the alarm state, lifecycle state and link.", id, state, lifecycle, link);
            yield return app.PrintsJson(cmd, (r, c, ct2) =>
                c.Alarms.UpdateAsync(new AlarmUpdate { State = CheckState(r.GetValue(state))!, LifecycleState = r.GetValue(lifecycle)!, Link = r.GetValue(link)! }, r.GetValue(id)!, ct2));
        }
        {
            var id = new Argument<string>("ID") { Description = "The ID of the alarm." };
            var state = new Option<string?>("--state") { Description = "ALARM, OK or UNDETERMINED." };
            var lifecycle = new Option<string?>("--lifecycle-state") { Description = "The lifecycle state of the alarm." };
            var link = new Option<string?>("--link") { Description = "A link to an external resource related to the alarm." };
            var (cmd, _) = MonascaApp.Command("alarm-patch", "Patch the alarm state, lifecycle state or link.", id, state, lifecycle, link);
            yield return app.PrintsJson(cmd, (r, c, ct2) =>
                c.Alarms.PatchAsync(new AlarmPatch { State = CheckState(r.GetValue(state)), LifecycleState = r.GetValue(lifecycle), Link = r.GetValue(link) }, r.GetValue(id)!, ct2));
        }
        yield return DeleteCommand(app, "alarm-delete", "Delete the alarm.", "ID", "The ID of the alarm.",
            (c, id, ct) => c.Alarms.DeleteAsync(id, ct), "Successfully deleted alarm");
        {
            var f = AlarmFilters.Create();
            var groupBy = new Option<string?>("--group-by") { Description = "Comma-separated fields to group by: alarm_definition_id, name, state, severity, link, lifecycle_state, metric_name, dimension_name, dimension_value." };
            var (cmd, json) = MonascaApp.Command("alarm-count", "Count alarms.", [.. f.All, groupBy, f.Offset, f.Limit]);
            cmd.SetAction((r, ct) => app.RunAsync(r, async (c, ct2) =>
            {
                string[] allowed = ["alarm_definition_id", "name", "state", "severity", "link", "lifecycle_state", "metric_name", "dimension_name", "dimension_value"];
                var groups = MonascaApp.Csv(r.GetValue(groupBy));
                if (groups?.FirstOrDefault(g => !allowed.Contains(g)) is { } bad)
                {
                    throw new CliException($"Invalid --group-by field '{bad}': expected one of {string.Join(", ", allowed)}.");
                }
                var d = MonascaApp.DimensionQuery(r.GetValue(f.MetricDimensions));
                var since = MonascaApp.OptionalTime(r.GetValue(f.StateUpdatedStartTime), "--state-updated-start-time");
                JObject result;
                if (MonascaApp.WalkAll(r.GetValue(f.Limit)))
                {
                    // --limit 0: every group, page after page; printed as one answer of the server's shape.
                    var all = new JArray();
                    await foreach (var row in c.Alarms.CountAllAsync(alarmDefinitionId: r.GetValue(f.DefinitionId), metricName: r.GetValue(f.MetricName), metricDimensions: d,
                        state: CheckState(r.GetValue(f.State)), severity: CheckSeverity(r.GetValue(f.Severity)), lifecycleState: r.GetValue(f.LifecycleState),
                        link: r.GetValue(f.Link), stateUpdatedStartTime: since, groupBy: groups, cancellationToken: ct2).WithCancellation(ct2).ConfigureAwait(false))
                    {
                        var line = new JArray(row.Count);
                        foreach (var g in groups ?? [])
                        {
                            line.Add(row.Groups.GetValueOrDefault(g));
                        }
                        all.Add(line);
                    }
                    result = new JObject { ["columns"] = new JArray(groups?.Prepend("count") ?? ["count"]), ["counts"] = all };
                }
                else
                {
                    result = await app.Raw(c.Alarms.CountAsync(alarmDefinitionId: r.GetValue(f.DefinitionId), metricName: r.GetValue(f.MetricName), metricDimensions: d,
                        state: CheckState(r.GetValue(f.State)), severity: CheckSeverity(r.GetValue(f.Severity)), lifecycleState: r.GetValue(f.LifecycleState),
                        link: r.GetValue(f.Link), stateUpdatedStartTime: since, groupBy: groups, offset: r.GetValue(f.Offset), limit: r.GetValue(f.Limit), cancellationToken: ct2)).ConfigureAwait(false);
                }
                if (r.GetValue(json))
                {
                    app.WriteJson(result);
                    return;
                }
                var columns = (result["columns"] as JArray)?.Select(t => (string?)t ?? "").ToList() ?? ["count"];
                var rows = (result["counts"] as JArray ?? []).OfType<JArray>()
                    .Select(row => (IReadOnlyList<string>)row.Select(Formatter.ToText).ToList()).ToList();
                app.Context.Stdout.Write(TableWriter.Render(columns, rows));
            }, ct));
            yield return cmd;
        }
        {
            var id = new Argument<string>("ALARM_ID") { Description = "The ID of the alarm." };
            var offset = new Option<string?>("--offset") { Description = "The offset used to paginate the return data." };
            var limit = Limit();
            var (cmd, json) = MonascaApp.Command("alarm-history", "Alarm state transition history.", id, offset, limit);
            cmd.SetAction((r, ct) => app.RunAsync(r, async (c, ct2) =>
            {
                var items = MonascaApp.WalkAll(r.GetValue(limit))
                    ? await app.All(c.Alarms.HistoryAllAsync(alarmId: r.GetValue(id)!, cancellationToken: ct2), ct2).ConfigureAwait(false)
                    : app.Elements((await c.Alarms.HistoryAsync(alarmId: r.GetValue(id)!, offset: r.GetValue(offset), limit: r.GetValue(limit), cancellationToken: ct2).ConfigureAwait(false)).Elements);
                app.WriteList(r, json, HistoryColumns, items, FlattenAlarm);
            }, ct));
            yield return cmd;
        }
        {
            var dims = Dimensions("Key-value pairs key=value, comma separated; repeatable.");
            var start = new Option<string?>("--starttime") { Description = "Transitions after this time: UTC ISO 8601 or -<minutes>." };
            var end = new Option<string?>("--endtime") { Description = "Transitions before this time: UTC ISO 8601 or -<minutes>." };
            var offset = new Option<string?>("--offset") { Description = "The offset used to paginate the return data." };
            var limit = Limit();
            var (cmd, json) = MonascaApp.Command("alarm-history-list", "List alarms state history.", dims, start, end, offset, limit);
            cmd.SetAction((r, ct) => app.RunAsync(r, async (c, ct2) =>
            {
                var d = MonascaApp.DimensionQuery(r.GetValue(dims), allowBareKey: false);
                var s = MonascaApp.OptionalTime(r.GetValue(start), "--starttime");
                var e = MonascaApp.OptionalTime(r.GetValue(end), "--endtime");
                var items = MonascaApp.WalkAll(r.GetValue(limit))
                    ? await app.All(c.Alarms.HistoryListAllAsync(dimensions: d, startTime: s, endTime: e, cancellationToken: ct2), ct2).ConfigureAwait(false)
                    : app.Elements((await c.Alarms.HistoryListAsync(dimensions: d, startTime: s, endTime: e, offset: r.GetValue(offset), limit: r.GetValue(limit), cancellationToken: ct2).ConfigureAwait(false)).Elements);
                app.WriteList(r, json, HistoryColumns, items, FlattenAlarm);
            }, ct));
            yield return cmd;
        }
    }

    private static readonly Column[] AlarmColumns =
    [
        new("id", "id"), new("alarm_definition_id", "alarm_definition_id"), new("alarm_definition_name", "alarm_definition_name"),
        new("metric_name", "metric_name"), new("metric_dimensions", "metric_dimensions"), new("severity", "severity"), new("state", "state"),
        new("lifecycle_state", "lifecycle_state"), new("link", "link"), new("state_updated_timestamp", "state_updated_timestamp"),
        new("updated_timestamp", "updated_timestamp"), new("created_timestamp", "created_timestamp"),
    ];

    private static readonly Column[] HistoryColumns =
    [
        new("alarm_id", "alarm_id"), new("new_state", "new_state"), new("old_state", "old_state"), new("reason", "reason"),
        new("reason_data", "reason_data"), new("metric_name", "metric_name"), new("metric_dimensions", "metric_dimensions"), new("timestamp", "timestamp"),
    ];

    // Alarms and transitions carry their metrics as a list: show one line per metric in the metric columns.
    private static JObject FlattenAlarm(JObject item)
    {
        if (item.DeepClone() is not JObject copy)
        {
            return item;
        }
        if (copy["alarm_definition"] is JObject definition)
        {
            copy["alarm_definition_id"] ??= definition["id"];
            copy["alarm_definition_name"] = definition["name"];
            copy["severity"] ??= definition["severity"];
        }
        if (copy["metrics"] is JArray metrics)
        {
            copy["metric_name"] = string.Join("\n", metrics.Select(m => (string?)m["name"] ?? ""));
            copy["metric_dimensions"] = string.Join("\n", metrics.Select(m => FormatDimensionsInline(m["dimensions"])));
        }
        return copy;
    }

    private static string FormatDimensionsInline(JToken? dimensions) =>
        dimensions is JObject o ? string.Join(", ", o.Properties().Select(p => $"{p.Name}: {Formatter.ToText(p.Value)}")) : "";

    // python-monascaclient's format_dict: one "key: value" line per entry.
    private static string FormatDict(JToken? value) =>
        value is JObject o ? string.Join("\n", o.Properties().Select(p => $"{p.Name}: {Formatter.ToText(p.Value)}")) : Formatter.ToText(value);
}
