using System.CommandLine;
using System.Globalization;
using Newtonsoft.Json.Linq;
using OpenStack.Cli.Output;
using OpenStack.Monasca;

namespace OpenStack.Cli.Monasca;

/// <summary>The <c>monasca</c> tool: python-monascaclient's commands, arguments, global options and output.</summary>
internal static class MonascaCli
{
    private static readonly string[] Severities = ["LOW", "MEDIUM", "HIGH", "CRITICAL"];
    private static readonly string[] States = ["OK", "ALARM", "UNDETERMINED"];
    private static readonly string[] Statistics = ["AVG", "MIN", "MAX", "COUNT", "SUM"];

    /// <summary>Builds the <c>monasca</c> root command for one run.</summary>
    public static Command Build(CliContext context)
    {
        var globals = new GlobalOptions(watcherAliases: false);
        var apiUrl = globals.Add("cli_monasca_api_url", "--monasca-api-url", ["--monasca_api_url"], ["MONASCA_API_URL"],
            "Monasca API endpoint (skips the catalog's `monitoring` endpoint).");
        var apiVersion = globals.Add("cli_monasca_api_version", "--monasca-api-version", ["--monasca_api_version"], ["MONASCA_API_VERSION"],
            "Monasca API version (default 2_0).");
        // Monasca sends UTC times ending in Z: show them that way (the formatter is shared with watcher).
        context.DateStyle = DateStyle.UtcZ;
        var root = new Command("monasca", "Command-line interface to the OpenStack Monasca (monitoring) API, like python-monascaclient.");
        globals.AddTo(root);
        var app = new MonascaApp(context, globals, apiUrl, apiVersion);
        foreach (var command in MetricCommands(app).Concat(NotificationCommands(app)).Concat(AlarmDefinitionCommands(app)).Concat(AlarmCommands(app)))
        {
            root.Subcommands.Add(command);
        }
        return root;
    }

    private static Option<string[]> Dimensions(string description = "Key-value pairs key=value (a bare key matches any value), comma separated; repeatable.") =>
        new("--dimensions") { Description = description };

    private static Option<int?> Offset() => new("--offset") { Description = "The offset used to paginate the return data." };

    private static Option<int?> Limit() => new("--limit") { Description = "The amount of data to be returned up to the API maximum limit; 0 for every page." };

    private static Option<string?> TenantId() => new("--tenant-id") { Description = "Retrieve data for the specified tenant/project id instead of the token's (needs the delegate role)." };

    // ---- metrics -------------------------------------------------------------------------------------------------

    private static IEnumerable<Command> MetricCommands(MonascaApp app)
    {
        {
            var (cmd, _) = MonascaApp.Command("metric-create", "Create a metric.");
            var name = new Argument<string>("METRIC_NAME") { Description = "Name of the metric to create." };
            var value = new Argument<double>("METRIC_VALUE") { Description = "Metric value." };
            var dims = Dimensions("Key-value pairs key=value, comma separated; repeatable.");
            var meta = new Option<string[]>("--value-meta") { Description = "Value meta key=value pairs, comma separated; repeatable." };
            var time = new Option<long?>("--time") { Description = "Metric timestamp in milliseconds since the epoch (default: now)." };
            var project = new Option<string?>("--project-id") { Description = "The project id to create the metric for (sent as tenant_id; needs the delegate role)." };
            cmd.Arguments.Add(name);
            cmd.Arguments.Add(value);
            cmd.Options.Add(dims);
            cmd.Options.Add(meta);
            cmd.Options.Add(time);
            cmd.Options.Add(project);
            cmd.SetAction((r, ct) => app.RunAsync(r, async (c, ct2) =>
            {
                var metric = new MetricCreate
                {
                    Name = r.GetValue(name)!,
                    Value = r.GetValue(value),
                    Timestamp = r.GetValue(time) ?? DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(),
                    Dimensions = MonascaApp.Pairs(r.GetValue(dims), "--dimensions"),
                    ValueMeta = MonascaApp.Pairs(r.GetValue(meta), "--value-meta"),
                };
                await c.Metrics.CreateAsync([metric], r.GetValue(project), ct2).ConfigureAwait(false);
                await app.Context.Stdout.WriteLineAsync("Successfully created metric").ConfigureAwait(false);
            }, ct));
            yield return cmd;
        }
        {
            var (cmd, _) = MonascaApp.Command("metric-create-raw", "Create a metric from a raw JSON body.");
            var body = new Argument<string>("JSON_BODY") { Description = "The metric (or list of metrics) as JSON." };
            cmd.Arguments.Add(body);
            cmd.SetAction((r, ct) => app.RunAsync(r, async (c, ct2) =>
            {
                List<MetricCreate> metrics;
                try
                {
                    var token = JToken.Parse(r.GetValue(body)!);
                    metrics = token is JArray array ? array.ToObject<List<MetricCreate>>()! : [token.ToObject<MetricCreate>()!];
                }
                catch (Newtonsoft.Json.JsonException ex)
                {
                    throw new CliException($"Invalid JSON body: {ex.Message}", 2);
                }
                await c.Metrics.CreateAsync(metrics, null, ct2).ConfigureAwait(false);
                await app.Context.Stdout.WriteLineAsync("Successfully created metric").ConfigureAwait(false);
            }, ct));
            yield return cmd;
        }
        {
            var (cmd, json) = MonascaApp.Command("metric-list", "List metrics for this tenant.");
            var name = new Option<string?>("--name") { Description = "Name of the metric to list." };
            var dims = Dimensions();
            var start = new Option<string?>("--starttime") { Description = "Measurements after this time: UTC ISO 8601 or -<minutes>." };
            var end = new Option<string?>("--endtime") { Description = "Measurements before this time: UTC ISO 8601 or -<minutes>." };
            var offset = Offset();
            var limit = Limit();
            var tenant = TenantId();
            foreach (var o in new Option[] { name, dims, start, end, offset, limit, tenant })
            {
                cmd.Options.Add(o);
            }
            cmd.SetAction((r, ct) => app.RunAsync(r, async (c, ct2) =>
            {
                var d = MonascaApp.DimensionQuery(r.GetValue(dims));
                var s = MonascaApp.OptionalTime(r.GetValue(start), "--starttime");
                var e = MonascaApp.OptionalTime(r.GetValue(end), "--endtime");
                var items = MonascaApp.WalkAll(r.GetValue(limit))
                    ? await MonascaApp.All(c.Metrics.ListAllAsync(r.GetValue(tenant), r.GetValue(name), d, s, e, null, ct2), ct2).ConfigureAwait(false)
                    : MonascaApp.Elements((await c.Metrics.ListAsync(r.GetValue(tenant), r.GetValue(name), d, s, e, Str(r.GetValue(offset)), r.GetValue(limit), ct2).ConfigureAwait(false)).Elements);
                app.WriteList(r, json, [new("Name", "name"), new("Dimensions", "dimensions", FormatDict)], items);
            }, ct));
            yield return cmd;
        }
        {
            var (cmd, json) = MonascaApp.Command("metric-name-list", "List names of metrics.");
            var dims = Dimensions();
            var offset = Offset();
            var limit = Limit();
            var tenant = TenantId();
            foreach (var o in new Option[] { dims, offset, limit, tenant })
            {
                cmd.Options.Add(o);
            }
            cmd.SetAction((r, ct) => app.RunAsync(r, async (c, ct2) =>
            {
                var d = MonascaApp.DimensionQuery(r.GetValue(dims));
                var items = MonascaApp.WalkAll(r.GetValue(limit))
                    ? await MonascaApp.All(c.Metrics.ListAllNamesAsync(r.GetValue(tenant), d, null, ct2), ct2).ConfigureAwait(false)
                    : MonascaApp.Elements((await c.Metrics.ListNamesAsync(r.GetValue(tenant), d, Str(r.GetValue(offset)), r.GetValue(limit), ct2).ConfigureAwait(false)).Elements);
                app.WriteList(r, json, [new("Name", "name")], items);
            }, ct));
            yield return cmd;
        }
        yield return DimensionList(app, "dimension-name-list", "List names of metric dimensions.", null);
        yield return DimensionList(app, "dimension-value-list", "List values of a metric dimension.",
            new Argument<string>("DIMENSION_NAME") { Description = "Name of the dimension." });
        yield return MeasurementList(app);
        yield return MetricStatistics(app);
    }

    private static Command DimensionList(MonascaApp app, string name, string description, Argument<string>? dimension)
    {
        var (cmd, json) = MonascaApp.Command(name, description);
        if (dimension is not null)
        {
            cmd.Arguments.Add(dimension);
        }
        var metricName = new Option<string?>("--metric-name") { Description = "Name of the metric the dimensions belong to." };
        var offset = Offset();
        var limit = Limit();
        var tenant = TenantId();
        foreach (var o in new Option[] { metricName, offset, limit, tenant })
        {
            cmd.Options.Add(o);
        }
        cmd.SetAction((r, ct) => app.RunAsync(r, async (c, ct2) =>
        {
            var all = MonascaApp.WalkAll(r.GetValue(limit));
            IReadOnlyList<JObject> items;
            if (dimension is null)
            {
                items = all
                    ? await MonascaApp.All(c.Metrics.ListAllDimensionNamesAsync(r.GetValue(tenant), r.GetValue(metricName), null, null, null, ct2), ct2).ConfigureAwait(false)
                    : MonascaApp.Elements((await c.Metrics.ListDimensionNamesAsync(r.GetValue(tenant), r.GetValue(metricName), null, null, Str(r.GetValue(offset)), r.GetValue(limit), ct2).ConfigureAwait(false)).Elements);
                app.WriteList(r, json, [new("Dimension Names", "dimension_name")], items);
            }
            else
            {
                var d = r.GetValue(dimension)!;
                items = all
                    ? await MonascaApp.All(c.Metrics.ListAllDimensionValuesAsync(d, r.GetValue(tenant), r.GetValue(metricName), null, null, null, ct2), ct2).ConfigureAwait(false)
                    : MonascaApp.Elements((await c.Metrics.ListDimensionValuesAsync(d, r.GetValue(tenant), r.GetValue(metricName), null, null, Str(r.GetValue(offset)), r.GetValue(limit), ct2).ConfigureAwait(false)).Elements);
                app.WriteList(r, json, [new("Dimension Values", "dimension_value")], items);
            }
        }, ct));
        return cmd;
    }

    private static Command MeasurementList(MonascaApp app)
    {
        var (cmd, json) = MonascaApp.Command("measurement-list", "List measurements for the specified metric.");
        var name = new Argument<string>("METRIC_NAME") { Description = "Name of the metric to list measurements for." };
        var start = new Argument<string>("STARTTIME") { Description = "Measurements after this time: UTC ISO 8601 or -<minutes>." };
        var dims = Dimensions();
        var end = new Option<string?>("--endtime") { Description = "Measurements before this time: UTC ISO 8601 or -<minutes>." };
        var offset = new Option<string?>("--offset") { Description = "The offset (a timestamp) used to paginate the return data." };
        var limit = Limit();
        var merge = new Option<bool>("--merge_metrics", "--merge-metrics") { Description = "Merge multiple metrics into a single result." };
        var groupBy = new Option<string?>("--group_by", "--group-by") { Description = "Comma-separated dimension names to group by, or *." };
        var tenant = TenantId();
        cmd.Arguments.Add(name);
        cmd.Arguments.Add(start);
        foreach (var o in new Option[] { dims, end, offset, limit, merge, groupBy, tenant })
        {
            cmd.Options.Add(o);
        }
        cmd.SetAction((r, ct) => app.RunAsync(r, async (c, ct2) =>
        {
            var s = MonascaApp.Time(r.GetValue(start)!, "start time");
            var e = MonascaApp.OptionalTime(r.GetValue(end), "--endtime");
            var d = MonascaApp.DimensionQuery(r.GetValue(dims));
            bool? m = r.GetValue(merge) ? true : null;
            var g = MonascaApp.Csv(r.GetValue(groupBy));
            IReadOnlyList<MeasurementSeries> series = MonascaApp.WalkAll(r.GetValue(limit))
                ? await Collect(c.Metrics.ListAllMeasurementsAsync(r.GetValue(name)!, s, r.GetValue(tenant), d, e, null, m, g, ct2), ct2).ConfigureAwait(false)
                : [.. (await c.Metrics.ListMeasurementsAsync(r.GetValue(name)!, s, r.GetValue(tenant), d, e, r.GetValue(offset), r.GetValue(limit), m, g, ct2).ConfigureAwait(false)).Elements ?? []];
            if (r.GetValue(json))
            {
                app.WriteJson(new JArray(series.Select(Formatter.ToJson)));
                return;
            }
            var rows = series.Select(one =>
            {
                var measurementRows = one.Measurements ?? [];
                return (IReadOnlyList<string>)
                [
                    one.Name ?? "",
                    FormatDict(Formatter.ToToken(one.Dimensions)),
                    string.Join("\n", measurementRows.Select(x => x.RawTimestamp)),
                    string.Join("\n", measurementRows.Select(x => x.Value.ToString("0.000", CultureInfo.InvariantCulture).PadLeft(12))),
                    string.Join("\n", measurementRows.Select(x => string.Join(",", x.ValueMeta.Select(kv => $"{kv.Key}: {kv.Value}")))),
                ];
            }).ToList();
            app.Context.Stdout.Write(TableWriter.Render(["name", "dimensions", "timestamp", "value", "value_meta"], rows));
        }, ct));
        return cmd;
    }

    private static Command MetricStatistics(MonascaApp app)
    {
        var (cmd, json) = MonascaApp.Command("metric-statistics", "List measurement statistics for the specified metric.");
        var name = new Argument<string>("METRIC_NAME") { Description = "Name of the metric to report statistics for." };
        var stats = new Argument<string>("STATISTICS") { Description = "Statistics to report, comma separated: AVG, MIN, MAX, COUNT, SUM." };
        var start = new Argument<string>("STARTTIME") { Description = "Measurements after this time: UTC ISO 8601 or -<minutes>." };
        var dims = Dimensions();
        var end = new Option<string?>("--endtime") { Description = "Measurements before this time: UTC ISO 8601 or -<minutes>." };
        var period = new Option<int?>("--period") { Description = "Number of seconds per interval (default 300)." };
        var offset = new Option<string?>("--offset") { Description = "The offset (a timestamp) used to paginate the return data." };
        var limit = Limit();
        var merge = new Option<bool>("--merge_metrics", "--merge-metrics") { Description = "Merge multiple metrics into a single result." };
        var groupBy = new Option<string?>("--group_by", "--group-by") { Description = "Comma-separated dimension names to group by, or *." };
        var tenant = TenantId();
        cmd.Arguments.Add(name);
        cmd.Arguments.Add(stats);
        cmd.Arguments.Add(start);
        foreach (var o in new Option[] { dims, end, period, offset, limit, merge, groupBy, tenant })
        {
            cmd.Options.Add(o);
        }
        cmd.SetAction((r, ct) => app.RunAsync(r, async (c, ct2) =>
        {
            var statistics = MonascaApp.Csv(r.GetValue(stats)) ?? [];
            foreach (var st in statistics)
            {
                if (!Statistics.Contains(st, StringComparer.OrdinalIgnoreCase))
                {
                    throw new CliException($"Invalid statistic '{st}': expected one of {string.Join(", ", Statistics)}.", 2);
                }
            }
            statistics = statistics.Select(st => st.ToLowerInvariant()).ToList();
            var s = MonascaApp.Time(r.GetValue(start)!, "start time");
            var e = MonascaApp.OptionalTime(r.GetValue(end), "--endtime");
            var d = MonascaApp.DimensionQuery(r.GetValue(dims));
            bool? m = r.GetValue(merge) ? true : null;
            var g = MonascaApp.Csv(r.GetValue(groupBy));
            IReadOnlyList<StatisticsSeries> series = MonascaApp.WalkAll(r.GetValue(limit))
                ? await Collect(c.Metrics.ListAllStatisticsAsync(r.GetValue(name)!, statistics, s, r.GetValue(tenant), d, e, r.GetValue(period), null, m, g, ct2), ct2).ConfigureAwait(false)
                : [.. (await c.Metrics.ListStatisticsAsync(r.GetValue(name)!, statistics, s, r.GetValue(tenant), d, e, r.GetValue(period), r.GetValue(offset), r.GetValue(limit), m, g, ct2).ConfigureAwait(false)).Elements ?? []];
            if (r.GetValue(json))
            {
                app.WriteJson(new JArray(series.Select(Formatter.ToJson)));
                return;
            }
            var columns = (series.Count > 0 ? series[0] : null)?.Columns?.ToList() ?? ["timestamp", .. statistics];
            var rows = series.Select(one =>
            {
                var statRows = one.Statistics ?? [];
                var cells = new List<string> { one.Name ?? "", FormatDict(Formatter.ToToken(one.Dimensions)) };
                foreach (var column in columns)
                {
                    cells.Add(column == "timestamp"
                        ? string.Join("\n", statRows.Select(x => x.RawTimestamp))
                        : string.Join("\n", statRows.Select(x => x[column] is { } v ? v.ToString("0.000", CultureInfo.InvariantCulture).PadLeft(12) : "")));
                }
                return (IReadOnlyList<string>)cells;
            }).ToList();
            app.Context.Stdout.Write(TableWriter.Render(["name", "dimensions", .. columns], rows));
        }, ct));
        return cmd;
    }

    // ---- notification methods ------------------------------------------------------------------------------------

    private static IEnumerable<Command> NotificationCommands(MonascaApp app)
    {
        {
            var (cmd, json) = MonascaApp.Command("notification-create", "Create a notification method.");
            var name = new Argument<string>("NAME") { Description = "Name of the notification method." };
            var type = new Argument<string>("TYPE") { Description = "The notification type (see notification-type-list), for example EMAIL, WEBHOOK, PAGERDUTY." };
            var address = new Argument<string>("ADDRESS") { Description = "An email address, URL or service key." };
            var period = new Option<int?>("--period") { Description = "Seconds between repeated notifications (sent only when not 0)." };
            cmd.Arguments.Add(name);
            cmd.Arguments.Add(type);
            cmd.Arguments.Add(address);
            cmd.Options.Add(period);
            cmd.SetAction((r, ct) => app.RunAsync(r, async (c, ct2) =>
            {
                var body = new NotificationMethodCreate { Name = r.GetValue(name)!, Type = r.GetValue(type)!, Address = r.GetValue(address)! };
                if (r.GetValue(period) is { } p and not 0)
                {
                    body.Period = p;
                }
                var created = await c.NotificationMethods.CreateAsync(body, ct2).ConfigureAwait(false);
                app.WriteJson(Formatter.ToJson(created));
            }, ct));
            yield return cmd;
        }
        {
            var (cmd, json) = MonascaApp.Command("notification-list", "List notification methods for this tenant.");
            var sortBy = new Option<string?>("--sort-by") { Description = "Fields to sort by, comma separated, each optionally followed by asc or desc (for example 'name asc,id')." };
            var offset = Offset();
            var limit = Limit();
            cmd.Options.Add(sortBy);
            cmd.Options.Add(offset);
            cmd.Options.Add(limit);
            cmd.SetAction((r, ct) => app.RunAsync(r, async (c, ct2) =>
            {
                var sort = MonascaApp.Csv(r.GetValue(sortBy));
                var items = MonascaApp.WalkAll(r.GetValue(limit))
                    ? await MonascaApp.All(c.NotificationMethods.ListAllAsync(sort, null, ct2), ct2).ConfigureAwait(false)
                    : MonascaApp.Elements((await c.NotificationMethods.ListAsync(sort, r.GetValue(offset), r.GetValue(limit), ct2).ConfigureAwait(false)).Elements);
                app.WriteList(r, json, [new("name", "name"), new("id", "id"), new("type", "type"), new("address", "address"), new("period", "period")], items);
            }, ct));
            yield return cmd;
        }
        yield return ShowCommand(app, "notification-show", "Describe the notification method.", "ID", "The ID of the notification.",
            (c, id, ct) => c.NotificationMethods.GetAsync(id, ct));
        {
            var (cmd, _) = MonascaApp.Command("notification-update", "Update notification method (every field).");
            var id = new Argument<string>("ID") { Description = "The ID of the notification." };
            var name = new Argument<string>("NAME") { Description = "Name of the notification method." };
            var type = new Argument<string>("TYPE") { Description = "The notification type." };
            var address = new Argument<string>("ADDRESS") { Description = "An email address, URL or service key." };
            var period = new Argument<int>("PERIOD") { Description = "Seconds between repeated notifications (0: none)." };
            foreach (var a in new Argument[] { id, name, type, address, period })
            {
                cmd.Arguments.Add(a);
            }
            cmd.SetAction((r, ct) => app.RunAsync(r, async (c, ct2) =>
            {
                var body = new NotificationMethodUpdate { Name = r.GetValue(name)!, Type = r.GetValue(type)!, Address = r.GetValue(address)!, Period = r.GetValue(period) };
                app.WriteJson(Formatter.ToJson(await c.NotificationMethods.UpdateAsync(body, r.GetValue(id)!, ct2).ConfigureAwait(false)));
            }, ct));
            yield return cmd;
        }
        {
            var (cmd, _) = MonascaApp.Command("notification-patch", "Patch notification method (only the fields given).");
            var id = new Argument<string>("ID") { Description = "The ID of the notification." };
            var name = new Option<string?>("--name") { Description = "Name of the notification method." };
            var type = new Option<string?>("--type") { Description = "The notification type." };
            var address = new Option<string?>("--address") { Description = "An email address, URL or service key." };
            var period = new Option<int?>("--period") { Description = "Seconds between repeated notifications (0 is sent)." };
            cmd.Arguments.Add(id);
            foreach (var o in new Option[] { name, type, address, period })
            {
                cmd.Options.Add(o);
            }
            cmd.SetAction((r, ct) => app.RunAsync(r, async (c, ct2) =>
            {
                var body = new NotificationMethodPatch { Name = r.GetValue(name), Type = r.GetValue(type), Address = r.GetValue(address), Period = r.GetValue(period) };
                app.WriteJson(Formatter.ToJson(await c.NotificationMethods.PatchAsync(body, r.GetValue(id)!, ct2).ConfigureAwait(false)));
            }, ct));
            yield return cmd;
        }
        yield return DeleteCommand(app, "notification-delete", "Delete notification method.", "ID", "The ID of the notification.",
            (c, id, ct) => c.NotificationMethods.DeleteAsync(id, ct), "Successfully deleted notification");
        {
            var (cmd, json) = MonascaApp.Command("notification-type-list", "List notification types supported by Monasca.");
            cmd.SetAction((r, ct) => app.RunAsync(r, async (c, ct2) =>
            {
                var items = MonascaApp.Elements((await c.NotificationTypes.ListAsync(ct2).ConfigureAwait(false)).Elements);
                app.WriteList(r, json, [new("types", "type")], items);
            }, ct));
            yield return cmd;
        }
    }

    // ---- alarm definitions ---------------------------------------------------------------------------------------

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
                    ? await MonascaApp.All(c.AlarmDefinitions.ListAllAsync(r.GetValue(name), d, sev, sort, null, ct2), ct2).ConfigureAwait(false)
                    : MonascaApp.Elements((await c.AlarmDefinitions.ListAsync(r.GetValue(name), d, sev, sort, r.GetValue(offset), r.GetValue(limit), ct2).ConfigureAwait(false)).Elements);
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

    // ---- alarms --------------------------------------------------------------------------------------------------

    private sealed record AlarmFilters(
        Option<string?> DefinitionId, Option<string?> MetricName, Option<string[]> MetricDimensions, Option<string?> State,
        Option<string?> Severity, Option<string?> StateUpdatedStartTime, Option<string?> LifecycleState, Option<string?> Link)
    {
        public static AlarmFilters Add(Command cmd)
        {
            var f = new AlarmFilters(
                new Option<string?>("--alarm-definition-id") { Description = "The ID of the alarm definition." },
                new Option<string?>("--metric-name") { Description = "Name of the metric." },
                new Option<string[]>("--metric-dimensions") { Description = "Key-value pairs key=value (a bare key matches any value), comma separated; repeatable." },
                new Option<string?>("--state") { Description = "ALARM, OK or UNDETERMINED (| separated for several)." },
                new Option<string?>("--severity") { Description = "LOW, MEDIUM, HIGH or CRITICAL (| separated for several)." },
                new Option<string?>("--state-updated-start-time") { Description = "Alarms whose state changed after this time (UTC ISO 8601)." },
                new Option<string?>("--lifecycle-state") { Description = "The lifecycle state of the alarm." },
                new Option<string?>("--link") { Description = "The link to external data associated with the alarm." });
            foreach (var o in new Option[] { f.DefinitionId, f.MetricName, f.MetricDimensions, f.State, f.Severity, f.StateUpdatedStartTime, f.LifecycleState, f.Link })
            {
                cmd.Options.Add(o);
            }
            return f;
        }
    }

    private static IEnumerable<Command> AlarmCommands(MonascaApp app)
    {
        {
            var (cmd, json) = MonascaApp.Command("alarm-list", "List alarms for this tenant.");
            var f = AlarmFilters.Add(cmd);
            var sortBy = new Option<string?>("--sort-by") { Description = "Fields to sort by, comma separated, each optionally followed by asc or desc." };
            var offset = Offset();
            var limit = Limit();
            cmd.Options.Add(sortBy);
            cmd.Options.Add(offset);
            cmd.Options.Add(limit);
            cmd.SetAction((r, ct) => app.RunAsync(r, async (c, ct2) =>
            {
                var d = MonascaApp.DimensionQuery(r.GetValue(f.MetricDimensions));
                var state = CheckState(r.GetValue(f.State));
                var sev = CheckSeverity(r.GetValue(f.Severity));
                var since = MonascaApp.OptionalTime(r.GetValue(f.StateUpdatedStartTime), "--state-updated-start-time");
                var sort = MonascaApp.Csv(r.GetValue(sortBy));
                var items = MonascaApp.WalkAll(r.GetValue(limit))
                    ? await MonascaApp.All(c.Alarms.ListAllAsync(r.GetValue(f.DefinitionId), r.GetValue(f.MetricName), d, state, sev, r.GetValue(f.LifecycleState), r.GetValue(f.Link), since, sort, null, ct2), ct2).ConfigureAwait(false)
                    : MonascaApp.Elements((await c.Alarms.ListAsync(r.GetValue(f.DefinitionId), r.GetValue(f.MetricName), d, state, sev, r.GetValue(f.LifecycleState), r.GetValue(f.Link), since, sort, r.GetValue(offset), r.GetValue(limit), ct2).ConfigureAwait(false)).Elements);
                app.WriteList(r, json, AlarmColumns, items.Select(FlattenAlarm).ToList());
            }, ct));
            yield return cmd;
        }
        yield return ShowCommand(app, "alarm-show", "Describe the alarm.", "ID", "The ID of the alarm.", (c, id, ct) => c.Alarms.GetAsync(id, ct));
        {
            var (cmd, _) = MonascaApp.Command("alarm-update", "Update the alarm state, lifecycle state and link.");
            var id = new Argument<string>("ID") { Description = "The ID of the alarm." };
            var state = new Argument<string>("STATE") { Description = "ALARM, OK or UNDETERMINED." };
            var lifecycle = new Argument<string>("LIFECYCLE_STATE") { Description = "The lifecycle state of the alarm." };
            var link = new Argument<string>("LINK") { Description = "A link to an external resource related to the alarm." };
            foreach (var a in new Argument[] { id, state, lifecycle, link })
            {
                cmd.Arguments.Add(a);
            }
            cmd.SetAction((r, ct) => app.RunAsync(r, async (c, ct2) =>
            {
                var body = new AlarmUpdate { State = CheckState(r.GetValue(state))!, LifecycleState = r.GetValue(lifecycle)!, Link = r.GetValue(link)! };
                app.WriteJson(Formatter.ToJson(await c.Alarms.UpdateAsync(body, r.GetValue(id)!, ct2).ConfigureAwait(false)));
            }, ct));
            yield return cmd;
        }
        {
            var (cmd, _) = MonascaApp.Command("alarm-patch", "Patch the alarm state, lifecycle state or link.");
            var id = new Argument<string>("ID") { Description = "The ID of the alarm." };
            var state = new Option<string?>("--state") { Description = "ALARM, OK or UNDETERMINED." };
            var lifecycle = new Option<string?>("--lifecycle-state") { Description = "The lifecycle state of the alarm." };
            var link = new Option<string?>("--link") { Description = "A link to an external resource related to the alarm." };
            cmd.Arguments.Add(id);
            foreach (var o in new Option[] { state, lifecycle, link })
            {
                cmd.Options.Add(o);
            }
            cmd.SetAction((r, ct) => app.RunAsync(r, async (c, ct2) =>
            {
                var body = new AlarmPatch { State = CheckState(r.GetValue(state)), LifecycleState = r.GetValue(lifecycle), Link = r.GetValue(link) };
                app.WriteJson(Formatter.ToJson(await c.Alarms.PatchAsync(body, r.GetValue(id)!, ct2).ConfigureAwait(false)));
            }, ct));
            yield return cmd;
        }
        yield return DeleteCommand(app, "alarm-delete", "Delete the alarm.", "ID", "The ID of the alarm.",
            (c, id, ct) => c.Alarms.DeleteAsync(id, ct), "Successfully deleted alarm");
        {
            var (cmd, json) = MonascaApp.Command("alarm-count", "Count alarms.");
            var f = AlarmFilters.Add(cmd);
            var groupBy = new Option<string?>("--group-by") { Description = "Comma-separated fields to group by: alarm_definition_id, name, state, severity, link, lifecycle_state, metric_name, dimension_name, dimension_value." };
            var offset = Offset();
            var limit = Limit();
            cmd.Options.Add(groupBy);
            cmd.Options.Add(offset);
            cmd.Options.Add(limit);
            cmd.SetAction((r, ct) => app.RunAsync(r, async (c, ct2) =>
            {
                string[] allowed = ["alarm_definition_id", "name", "state", "severity", "link", "lifecycle_state", "metric_name", "dimension_name", "dimension_value"];
                var groups = MonascaApp.Csv(r.GetValue(groupBy));
                if (groups?.FirstOrDefault(g => !allowed.Contains(g)) is { } bad)
                {
                    throw new CliException($"Invalid --group-by field '{bad}': expected one of {string.Join(", ", allowed)}.", 2);
                }
                var d = MonascaApp.DimensionQuery(r.GetValue(f.MetricDimensions));
                var since = MonascaApp.OptionalTime(r.GetValue(f.StateUpdatedStartTime), "--state-updated-start-time");
                var count = await c.Alarms.CountAsync(r.GetValue(f.DefinitionId), r.GetValue(f.MetricName), d, CheckState(r.GetValue(f.State)),
                    CheckSeverity(r.GetValue(f.Severity)), r.GetValue(f.LifecycleState), r.GetValue(f.Link), since, groups,
                    r.GetValue(offset), r.GetValue(limit), ct2).ConfigureAwait(false);
                var result = Formatter.ToJson(count);
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
            var (cmd, json) = MonascaApp.Command("alarm-history", "Alarm state transition history.");
            var id = new Argument<string>("ALARM_ID") { Description = "The ID of the alarm." };
            var offset = new Option<string?>("--offset") { Description = "The offset used to paginate the return data." };
            var limit = Limit();
            cmd.Arguments.Add(id);
            cmd.Options.Add(offset);
            cmd.Options.Add(limit);
            cmd.SetAction((r, ct) => app.RunAsync(r, async (c, ct2) =>
            {
                var items = MonascaApp.WalkAll(r.GetValue(limit))
                    ? await MonascaApp.All(c.Alarms.HistoryAllAsync(r.GetValue(id)!, null, ct2), ct2).ConfigureAwait(false)
                    : MonascaApp.Elements((await c.Alarms.HistoryAsync(r.GetValue(id)!, r.GetValue(offset), r.GetValue(limit), ct2).ConfigureAwait(false)).Elements);
                app.WriteList(r, json, HistoryColumns, items.Select(FlattenAlarm).ToList());
            }, ct));
            yield return cmd;
        }
        {
            var (cmd, json) = MonascaApp.Command("alarm-history-list", "List alarms state history.");
            var dims = Dimensions("Key-value pairs key=value, comma separated; repeatable.");
            var start = new Option<string?>("--starttime") { Description = "Transitions after this time: UTC ISO 8601 or -<minutes>." };
            var end = new Option<string?>("--endtime") { Description = "Transitions before this time: UTC ISO 8601 or -<minutes>." };
            var offset = new Option<string?>("--offset") { Description = "The offset used to paginate the return data." };
            var limit = Limit();
            foreach (var o in new Option[] { dims, start, end, offset, limit })
            {
                cmd.Options.Add(o);
            }
            cmd.SetAction((r, ct) => app.RunAsync(r, async (c, ct2) =>
            {
                var d = MonascaApp.DimensionQuery(r.GetValue(dims), allowBareKey: false);
                var s = MonascaApp.OptionalTime(r.GetValue(start), "--starttime");
                var e = MonascaApp.OptionalTime(r.GetValue(end), "--endtime");
                var items = MonascaApp.WalkAll(r.GetValue(limit))
                    ? await MonascaApp.All(c.Alarms.HistoryListAllAsync(d, s, e, null, ct2), ct2).ConfigureAwait(false)
                    : MonascaApp.Elements((await c.Alarms.HistoryListAsync(d, s, e, r.GetValue(offset), r.GetValue(limit), ct2).ConfigureAwait(false)).Elements);
                app.WriteList(r, json, HistoryColumns, items.Select(FlattenAlarm).ToList());
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

    private static Command ShowCommand<T>(MonascaApp app, string name, string description, string argument, string argumentDescription,
        Func<MonascaClient, string, CancellationToken, Task<T>> get) where T : notnull
    {
        var (cmd, json) = MonascaApp.Command(name, description);
        var id = new Argument<string>(argument) { Description = argumentDescription };
        cmd.Arguments.Add(id);
        cmd.SetAction((r, ct) => app.RunAsync(r, async (c, ct2) =>
        {
            var item = Formatter.ToJson(await get(c, r.GetValue(id)!, ct2).ConfigureAwait(false));
            app.WriteOne(r, json, item);
        }, ct));
        return cmd;
    }

    private static Command DeleteCommand(MonascaApp app, string name, string description, string argument, string argumentDescription,
        Func<MonascaClient, string, CancellationToken, Task> delete, string message)
    {
        var (cmd, _) = MonascaApp.Command(name, description);
        var id = new Argument<string>(argument) { Description = argumentDescription };
        cmd.Arguments.Add(id);
        cmd.SetAction((r, ct) => app.RunAsync(r, async (c, ct2) =>
        {
            await delete(c, r.GetValue(id)!, ct2).ConfigureAwait(false);
            await app.Context.Stdout.WriteLineAsync(message).ConfigureAwait(false);
        }, ct));
        return cmd;
    }

    private static async Task<IReadOnlyList<T>> Collect<T>(IAsyncEnumerable<T> items, CancellationToken cancellationToken)
    {
        var result = new List<T>();
        await foreach (var item in items.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            result.Add(item);
        }
        return result;
    }

    private static string? Str(int? value) => value?.ToString(CultureInfo.InvariantCulture);

    // python-monascaclient's _arg_split_patch_update: "" or "[]" is an empty list, else the text split on ','.
    private static List<string> UpdateList(string? text) =>
        string.IsNullOrEmpty(text) || text == "[]" ? [] : [.. text.Split(',')];

    private static List<string>? NullIfEmpty(string[]? values) => values is { Length: > 0 } ? [.. values] : null;

    // Checked before any request (python-monascaclient prints a message without calling the API).
    private static string? CheckSeverity(string? severity) => CheckEach(severity, Severities, "severity");

    private static string? CheckState(string? state) => CheckEach(state, States, "state");

    private static string? CheckEach(string? value, string[] allowed, string what)
    {
        if (value is null)
        {
            return null;
        }
        foreach (var part in value.Split('|'))
        {
            if (!allowed.Contains(part.Trim(), StringComparer.OrdinalIgnoreCase))
            {
                throw new CliException($"Invalid {what} '{part}': expected one of {string.Join(", ", allowed)}.", 2);
            }
        }
        return value;
    }
}
