using OpenStack.Monasca;

namespace OpenStack.Cli.Monasca;

internal static partial class MonascaCli
{
    /// <summary>The options measurement-list and metric-statistics share (python-monascaclient declares them on both).</summary>
    private sealed record SeriesOptions(
        Option<string[]> Dimensions, Option<string?> End, Option<string?> Offset, Option<int?> Limit, Option<bool> Merge, Option<string?> GroupBy, Option<string?> Tenant)
    {
        public static SeriesOptions Create() => new(
            MonascaCli.Dimensions(),
            new Option<string?>("--endtime") { Description = "Measurements before this time: UTC ISO 8601 or -<minutes>." },
            new Option<string?>("--offset") { Description = "The offset (a timestamp) used to paginate the return data." },
            MonascaCli.Limit(),
            new Option<bool>("--merge_metrics", "--merge-metrics") { Description = "Merge multiple metrics into a single result." },
            new Option<string?>("--group_by", "--group-by") { Description = "Comma-separated dimension names to group by, or *." },
            TenantId());

        public IEnumerable<Symbol> All => [Dimensions, End, Offset, Limit, Merge, GroupBy, Tenant];

        /// <summary>The dimension filter, end time, merge flag (sent only when set) and grouping of one run.</summary>
        public (string? Dimensions, DateTimeOffset? End, bool? Merge, List<string>? GroupBy) Read(ParseResult r) =>
            (MonascaApp.DimensionQuery(r.GetValue(Dimensions)), MonascaApp.OptionalTime(r.GetValue(End), "--endtime"),
             r.GetValue(Merge) ? true : null, MonascaApp.Csv(r.GetValue(GroupBy)));
    }

    private static IEnumerable<Command> MetricCommands(MonascaApp app)
    {
        {
            var name = new Argument<string>("METRIC_NAME") { Description = "Name of the metric to create." };
            var value = new Argument<double>("METRIC_VALUE") { Description = "Metric value." };
            var dims = Dimensions("Key-value pairs key=value, comma separated; repeatable.");
            var meta = new Option<string[]>("--value-meta") { Description = "Value meta key=value pairs, comma separated; repeatable." };
            var time = new Option<long?>("--time") { Description = "Metric timestamp in milliseconds since the epoch (default: now)." };
            var project = new Option<string?>("--project-id") { Description = "The project id to create the metric for (sent as tenant_id; needs the delegate role)." };
            var (cmd, _) = MonascaApp.Command("metric-create", "Create a metric.", name, value, dims, meta, time, project);
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
            var body = new Argument<string>("JSON_BODY") { Description = "The metric (or list of metrics) as JSON." };
            var (cmd, _) = MonascaApp.Command("metric-create-raw", "Create a metric from a raw JSON body.", body);
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
                    throw new CliException($"Invalid JSON body: {ex.Message}");
                }
                await c.Metrics.CreateAsync(metrics, null, ct2).ConfigureAwait(false);
                await app.Context.Stdout.WriteLineAsync("Successfully created metric").ConfigureAwait(false);
            }, ct));
            yield return cmd;
        }
        {
            var name = new Option<string?>("--name") { Description = "Name of the metric to list." };
            var dims = Dimensions();
            var start = new Option<string?>("--starttime") { Description = "Measurements after this time: UTC ISO 8601 or -<minutes>." };
            var end = new Option<string?>("--endtime") { Description = "Measurements before this time: UTC ISO 8601 or -<minutes>." };
            var (offset, limit) = Paging();
            var tenant = TenantId();
            var (cmd, json) = MonascaApp.Command("metric-list", "List metrics for this tenant.", name, dims, start, end, offset, limit, tenant);
            cmd.SetAction((r, ct) => app.RunAsync(r, async (c, ct2) =>
            {
                var d = MonascaApp.DimensionQuery(r.GetValue(dims));
                var s = MonascaApp.OptionalTime(r.GetValue(start), "--starttime");
                var e = MonascaApp.OptionalTime(r.GetValue(end), "--endtime");
                var items = MonascaApp.WalkAll(r.GetValue(limit))
                    ? await app.All(c.Metrics.ListAllAsync(tenantId: r.GetValue(tenant), name: r.GetValue(name), dimensions: d, startTime: s, endTime: e, cancellationToken: ct2), ct2).ConfigureAwait(false)
                    : app.Elements((await c.Metrics.ListAsync(tenantId: r.GetValue(tenant), name: r.GetValue(name), dimensions: d, startTime: s, endTime: e, offset: Str(r.GetValue(offset)), limit: r.GetValue(limit), cancellationToken: ct2).ConfigureAwait(false)).Elements);
                app.WriteList(r, json, [new("name", "name"), new("dimensions", "dimensions", FormatDict)], items);
            }, ct));
            yield return cmd;
        }
        {
            var dims = Dimensions();
            var (offset, limit) = Paging();
            var tenant = TenantId();
            var (cmd, json) = MonascaApp.Command("metric-name-list", "List names of metrics.", dims, offset, limit, tenant);
            cmd.SetAction((r, ct) => app.RunAsync(r, async (c, ct2) =>
            {
                var d = MonascaApp.DimensionQuery(r.GetValue(dims));
                var items = MonascaApp.WalkAll(r.GetValue(limit))
                    ? await app.All(c.Metrics.ListAllNamesAsync(tenantId: r.GetValue(tenant), dimensions: d, cancellationToken: ct2), ct2).ConfigureAwait(false)
                    : app.Elements((await c.Metrics.ListNamesAsync(tenantId: r.GetValue(tenant), dimensions: d, offset: Str(r.GetValue(offset)), limit: r.GetValue(limit), cancellationToken: ct2).ConfigureAwait(false)).Elements);
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
        var metricName = new Option<string?>("--metric-name") { Description = "Name of the metric the dimensions belong to." };
        var (offset, limit) = Paging();
        var tenant = TenantId();
        var (cmd, json) = MonascaApp.Command(name, description, [.. dimension is null ? Array.Empty<Symbol>() : [dimension], metricName, offset, limit, tenant]);
        cmd.SetAction((r, ct) => app.RunAsync(r, async (c, ct2) =>
        {
            var all = MonascaApp.WalkAll(r.GetValue(limit));
            IReadOnlyList<JObject> items;
            if (dimension is null)
            {
                items = all
                    ? await app.All(c.Metrics.ListAllDimensionNamesAsync(tenantId: r.GetValue(tenant), metricName: r.GetValue(metricName), cancellationToken: ct2), ct2).ConfigureAwait(false)
                    : app.Elements((await c.Metrics.ListDimensionNamesAsync(tenantId: r.GetValue(tenant), metricName: r.GetValue(metricName), offset: Str(r.GetValue(offset)), limit: r.GetValue(limit), cancellationToken: ct2).ConfigureAwait(false)).Elements);
                app.WriteList(r, json, [new("Dimension Names", "dimension_name")], items);
            }
            else
            {
                var d = r.GetValue(dimension)!;
                items = all
                    ? await app.All(c.Metrics.ListAllDimensionValuesAsync(dimensionName: d, tenantId: r.GetValue(tenant), metricName: r.GetValue(metricName), cancellationToken: ct2), ct2).ConfigureAwait(false)
                    : app.Elements((await c.Metrics.ListDimensionValuesAsync(dimensionName: d, tenantId: r.GetValue(tenant), metricName: r.GetValue(metricName), offset: Str(r.GetValue(offset)), limit: r.GetValue(limit), cancellationToken: ct2).ConfigureAwait(false)).Elements);
                app.WriteList(r, json, [new("Dimension Values", "dimension_value")], items);
            }
        }, ct));
        return cmd;
    }

    private static Command MeasurementList(MonascaApp app)
    {
        var name = new Argument<string>("METRIC_NAME") { Description = "Name of the metric to list measurements for." };
        var start = new Argument<string>("STARTTIME") { Description = "Measurements after this time: UTC ISO 8601 or -<minutes>." };
        var q = SeriesOptions.Create();
        var (cmd, json) = MonascaApp.Command("measurement-list", "List measurements for the specified metric.", [name, start, .. q.All]);
        cmd.SetAction((r, ct) => app.RunAsync(r, async (c, ct2) =>
        {
            var s = MonascaApp.Time(r.GetValue(start)!, "start time");
            var (d, e, m, g) = q.Read(r);
            IReadOnlyList<MeasurementSeries> series = MonascaApp.WalkAll(r.GetValue(q.Limit))
                ? await CollectPages(c.Metrics.ListAllMeasurementsAsync(name: r.GetValue(name)!, startTime: s, tenantId: r.GetValue(q.Tenant), dimensions: d, endTime: e, mergeMetrics: m, groupBy: g, cancellationToken: ct2), ct2).ConfigureAwait(false)
                : [.. (await c.Metrics.ListMeasurementsAsync(name: r.GetValue(name)!, startTime: s, tenantId: r.GetValue(q.Tenant), dimensions: d, endTime: e, offset: r.GetValue(q.Offset), limit: r.GetValue(q.Limit), mergeMetrics: m, groupBy: g, cancellationToken: ct2).ConfigureAwait(false)).Elements ?? []];
            if (r.GetValue(json))
            {
                app.WriteJson(new JArray(app.RawElements(series.Count) ?? series.Select(Formatter.ToJson)));
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
        var name = new Argument<string>("METRIC_NAME") { Description = "Name of the metric to report statistics for." };
        var stats = new Argument<string>("STATISTICS") { Description = "Statistics to report, comma separated: AVG, MIN, MAX, COUNT, SUM." };
        var start = new Argument<string>("STARTTIME") { Description = "Measurements after this time: UTC ISO 8601 or -<minutes>." };
        var period = new Option<int?>("--period") { Description = "Number of seconds per interval (default 300)." };
        var q = SeriesOptions.Create();
        var (cmd, json) = MonascaApp.Command("metric-statistics", "List measurement statistics for the specified metric.", [name, stats, start, period, .. q.All]);
        cmd.SetAction((r, ct) => app.RunAsync(r, async (c, ct2) =>
        {
            var statistics = MonascaApp.Csv(r.GetValue(stats)) ?? [];
            foreach (var st in statistics)
            {
                if (!Statistics.Contains(st, StringComparer.OrdinalIgnoreCase))
                {
                    // python-monascaclient's words.
                    throw new CliException($"Invalid type, not one of [{string.Join(", ", Statistics)}]");
                }
            }
            statistics = statistics.Select(st => st.ToLowerInvariant()).ToList();
            var s = MonascaApp.Time(r.GetValue(start)!, "start time");
            var (d, e, m, g) = q.Read(r);
            IReadOnlyList<StatisticsSeries> series = MonascaApp.WalkAll(r.GetValue(q.Limit))
                ? await CollectPages(c.Metrics.ListAllStatisticsAsync(name: r.GetValue(name)!, statistics: statistics, startTime: s, tenantId: r.GetValue(q.Tenant), dimensions: d, endTime: e, period: r.GetValue(period), mergeMetrics: m, groupBy: g, cancellationToken: ct2), ct2).ConfigureAwait(false)
                : [.. (await c.Metrics.ListStatisticsAsync(name: r.GetValue(name)!, statistics: statistics, startTime: s, tenantId: r.GetValue(q.Tenant), dimensions: d, endTime: e, period: r.GetValue(period), offset: r.GetValue(q.Offset), limit: r.GetValue(q.Limit), mergeMetrics: m, groupBy: g, cancellationToken: ct2).ConfigureAwait(false)).Elements ?? []];
            if (r.GetValue(json))
            {
                app.WriteJson(new JArray(app.RawElements(series.Count) ?? series.Select(Formatter.ToJson)));
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
}
