using System.Globalization;
using System.Text;
using OpenStack.Testing;

namespace OpenStack.Monasca.Tests;

/// <summary>
/// Grouped (<c>group_by</c>) and merged (<c>merge_metrics</c>) reads of measurements and statistics, against a fake that
/// pages them the way the real monasca-api on InfluxDB does (real-server point 18): a grouped offset
/// <c>&lt;index&gt;_&lt;timestamp&gt;</c> is applied by its timestamp alone and to every series, a merged offset asks
/// <c>time &gt; offset</c>, and <c>limit</c> defaults to and is clamped at 10,000 rows. The all-pages methods read such
/// results in one request and refuse an answer with a <c>next</c> link.
/// </summary>
public sealed class GroupedReadTests
{
    private static readonly DateTimeOffset Start = new(2024, 1, 2, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_grouped_measurements_walk_yields_every_point_of_every_series_once_in_order_from_one_request()
    {
        // Three hosts, each with two metrics (services a and b) reporting at the same 60 timestamps: each group merges them.
        var data = Points(hosts: 3, metricsPerHost: 2, timestamps: 60);
        await using var fake = await InfluxMonasca.StartAsync(data);

        // Following the server's own offset with pages of 50 rows loses and repeats points (what the walk must not do).
        var paged = await fake.FollowNextLinksAsync(groupBy: "hostname", limit: 50);
        Assert.NotEqual(Expected(data, "h1"), paged.GetValueOrDefault("h1") ?? new List<(long, double)>());

        fake.Requests.Clear();
        var series = new List<MeasurementSeries>();
        await foreach (var page in fake.Client.Metrics.ListAllMeasurementsAsync("cpu", Start, groupBy: new[] { "hostname" }).AsPages(pageSizeHint: 50))
        {
            series.AddRange(page.Values);
            Assert.Null(page.ContinuationToken);
        }

        Assert.Equal(new[] { "h1", "h2", "h3" }, series.Select(s => s.Dimensions!["hostname"]));
        foreach (var s in series)
        {
            var host = s.Dimensions!["hostname"];
            Assert.Equal(Expected(data, host), s.Measurements!.Select(r => (r.Timestamp.ToUnixTimeMilliseconds(), r.Value)).ToList());
        }
        Assert.Equal(360, series.Sum(s => s.Measurements!.Count));
        var request = Assert.Single(fake.Requests);
        Assert.Equal(new[] { "group_by=hostname", "name=cpu", "start_time=2024-01-02T00:00:00Z" }, Query.Pairs(request.QueryString).Order());
    }

    [Fact]
    public async Task A_grouped_statistics_walk_yields_every_period_of_every_series_once_from_one_request()
    {
        var data = Points(hosts: 3, metricsPerHost: 2, timestamps: 60);
        await using var fake = await InfluxMonasca.StartAsync(data);

        // The server's offset in pages of 50 periods gives a later host only the periods after the offset.
        var paged = await fake.FollowNextLinksAsync(groupBy: "hostname", limit: 50, statistics: true);
        Assert.NotEqual(60, paged.GetValueOrDefault("h2")?.Count ?? 0);

        fake.Requests.Clear();
        var series = new List<StatisticsSeries>();
        await foreach (var s in fake.Client.Metrics.ListAllStatisticsAsync("cpu", new[] { "avg" }, Start, period: 60, groupBy: new[] { "hostname" }))
        {
            series.Add(s);
        }

        Assert.Equal(3, series.Count);
        foreach (var s in series)
        {
            var host = s.Dimensions!["hostname"];
            var expected = Expected(data, host).GroupBy(p => p.Time).Select(g => (g.Key, g.Average(p => p.Value))).ToList();
            Assert.Equal(expected, s.Statistics!.Select(r => (r.Timestamp.ToUnixTimeMilliseconds(), r.Average!.Value)).ToList());
        }
        var request = Assert.Single(fake.Requests);
        Assert.DoesNotContain(Query.Pairs(request.QueryString), p => p.StartsWith("offset=", StringComparison.Ordinal) || p.StartsWith("limit=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_merged_measurements_walk_keeps_points_that_share_a_timestamp()
    {
        // One host, two metrics at the same 52 timestamps: 104 merged points, pairs sharing a timestamp.
        var data = Points(hosts: 1, metricsPerHost: 2, timestamps: 52);
        await using var fake = await InfluxMonasca.StartAsync(data);

        // A page of 103 rows ends between the two points of the last timestamp: the server's next page skips the second.
        var paged = await fake.FollowNextLinksAsync(merge: true, limit: 103);
        Assert.Equal(103, paged.Values.Sum(p => p.Count));

        fake.Requests.Clear();
        var series = new List<MeasurementSeries>();
        await foreach (var page in fake.Client.Metrics.ListAllMeasurementsAsync("cpu", Start, mergeMetrics: true).AsPages(pageSizeHint: 103))
        {
            series.AddRange(page.Values);
        }

        var rows = Assert.Single(series).Measurements!.Select(r => (r.Timestamp.ToUnixTimeMilliseconds(), r.Value)).ToList();
        Assert.Equal(Expected(data, "h1"), rows);
        Assert.Equal(new[] { "merge_metrics=true", "name=cpu", "start_time=2024-01-02T00:00:00Z" }, Query.Pairs(Assert.Single(fake.Requests).QueryString).Order());
    }

    [Fact]
    public async Task A_grouped_result_larger_than_the_servers_page_limit_is_refused_with_a_clear_exception()
    {
        // 3 hosts x 3,500 points: more than the server's 10,000-row page, so its one answer carries a next link.
        var data = Points(hosts: 3, metricsPerHost: 1, timestamps: 3500);
        await using var fake = await InfluxMonasca.StartAsync(data);

        var walk = fake.Client.Metrics.ListAllMeasurementsAsync("cpu", Start, groupBy: new[] { "hostname" });
        var ex = await Assert.ThrowsAsync<GroupedReadTooLargeException>(async () =>
        {
            await foreach (var _ in walk)
            {
            }
        });

        Assert.Equal("Metrics_ListMeasurements", ex.Operation);
        Assert.Equal(3, ex.SeriesRead);
        Assert.IsAssignableFrom<OpenStackApiException>(ex);
        Assert.StartsWith("The grouped (group_by) or merged (merge_metrics) read of measurements does not fit in one answer of Monasca (it sent a next link).", ex.Message);
        Assert.Contains("narrow the time window or the dimensions", ex.Message);
        Assert.Single(fake.Requests); // the next link was not followed

        var statistics = fake.Client.Metrics.ListAllStatisticsAsync("cpu", new[] { "max" }, Start, period: 60, mergeMetrics: false, groupBy: new[] { "hostname" });
        var sx = await Assert.ThrowsAsync<GroupedReadTooLargeException>(async () =>
        {
            await foreach (var _ in statistics)
            {
            }
        });
        Assert.Contains("read of statistics", sx.Message);
    }

    [Fact]
    public async Task A_one_request_read_refuses_a_continuation_token_and_caps_series_with_max_items()
    {
        var data = Points(hosts: 3, metricsPerHost: 1, timestamps: 5);
        await using var fake = await InfluxMonasca.StartAsync(data);
        var walk = fake.Client.Metrics.ListAllMeasurementsAsync("cpu", Start, groupBy: new[] { "*" });

        Assert.Throws<ArgumentException>(() => walk.AsPages("token"));
        Assert.Throws<ArgumentOutOfRangeException>(() => walk.AsPages(pageSizeHint: 0));
        var capped = new List<MeasurementSeries>();
        await foreach (var s in walk.WithMaxItems(2))
        {
            capped.Add(s);
        }

        Assert.Equal(2, capped.Count);
        Assert.Single(fake.Requests);
    }

    [Fact]
    public async Task An_empty_group_by_and_merge_false_still_page_one_metric_by_the_servers_offset()
    {
        var data = Points(hosts: 1, metricsPerHost: 1, timestamps: 7);
        await using var fake = await InfluxMonasca.StartAsync(data);

        var rows = new List<(long, double)>();
        await foreach (var page in fake.Client.Metrics.ListAllMeasurementsAsync("cpu", Start, mergeMetrics: false, groupBy: Array.Empty<string>()).AsPages(pageSizeHint: 3))
        {
            rows.AddRange(page.Values.SelectMany(s => s.Measurements!).Select(r => (r.Timestamp.ToUnixTimeMilliseconds(), r.Value)));
        }

        Assert.Equal(Expected(data, "h1"), rows);
        Assert.Equal(3, fake.Requests.Count(r => r.QueryString.Contains("limit=3", StringComparison.Ordinal)));
    }

    // ---- data -------------------------------------------------------------------------------------------------

    private static List<Point> Points(int hosts, int metricsPerHost, int timestamps)
    {
        var points = new List<Point>();
        for (var h = 1; h <= hosts; h++)
        {
            for (var m = 0; m < metricsPerHost; m++)
            {
                for (var t = 0; t < timestamps; t++)
                {
                    var time = Start.AddMinutes(t).ToUnixTimeMilliseconds();
                    points.Add(new Point($"h{h}", ((char)('a' + m)).ToString(), time, (h * 1000) + (t * 10) + m));
                }
            }
        }
        return points;
    }

    /// <summary>A host's points as the merged series holds them: by time, then by metric.</summary>
    private static List<(long Time, double Value)> Expected(List<Point> data, string host) =>
        data.Where(p => p.Host == host).OrderBy(p => p.Time).ThenBy(p => p.Service, StringComparer.Ordinal).Select(p => (p.Time, p.Value)).ToList();

    private sealed record Point(string Host, string Service, long Time, double Value);

    /// <summary>
    /// A Monasca whose measurements and statistics page like monasca-api's InfluxDB repository: series in group order,
    /// rows counted across series up to <c>limit</c> (default and maximum 10,000), a <c>next</c> link when the rows
    /// reach it; a grouped offset <c>&lt;index&gt;_&lt;timestamp&gt;</c> applies only its timestamp, to every series, and
    /// a merged offset is a bare timestamp from which the next page asks <c>time &gt; offset</c>.
    /// </summary>
    private sealed class InfluxMonasca : IAsyncDisposable
    {
        private const int MaxLimit = 10_000;
        private readonly List<Point> _data;
        private readonly FakeServer _server;
        private readonly HttpClient _http;

        private InfluxMonasca(List<Point> data, FakeServer server)
        {
            _data = data;
            _server = server;
            _http = new HttpClient { BaseAddress = server.BaseAddress };
            Client = new MonascaClient(_http);
            server.Handler = Answer;
        }

        public MonascaClient Client { get; }

        public List<RecordedRequest> Requests { get; } = new();

        public static async Task<InfluxMonasca> StartAsync(List<Point> data) => new(data, await FakeServer.StartAsync());

        /// <summary>Pages by the server's own offsets (the single-page method), collecting each series' rows.</summary>
        public async Task<Dictionary<string, List<(long Time, double Value)>>> FollowNextLinksAsync(
            string? groupBy = null, bool merge = false, int limit = 50, bool statistics = false)
        {
            var result = new Dictionary<string, List<(long, double)>>();
            string? offset = null;
            for (var pages = 0; pages < 100; pages++)
            {
                var groups = groupBy is null ? null : new[] { groupBy };
                IEnumerable<(string Host, IEnumerable<(long, double)> Rows)> series;
                IEnumerable<object>? links;
                if (statistics)
                {
                    var page = await Client.Metrics.ListStatisticsAsync("cpu", new[] { "avg" }, Start, period: 60, offset: offset, limit: limit, mergeMetrics: merge ? true : null, groupBy: groups);
                    series = page.Elements!.Select(s => (s.Dimensions!["hostname"], s.Statistics!.Select(r => (r.Timestamp.ToUnixTimeMilliseconds(), r.Average!.Value))));
                    links = page.Links;
                }
                else
                {
                    var page = await Client.Metrics.ListMeasurementsAsync("cpu", Start, offset: offset, limit: limit, mergeMetrics: merge ? true : null, groupBy: groups);
                    series = page.Elements!.Select(s => (s.Dimensions!["hostname"], s.Measurements!.Select(r => (r.Timestamp.ToUnixTimeMilliseconds(), r.Value))));
                    links = page.Links;
                }
                foreach (var (host, rows) in series)
                {
                    (result.TryGetValue(host, out var list) ? list : result[host] = new()).AddRange(rows);
                }
                offset = PageLinks.NextOffset(links);
                if (offset is null)
                {
                    break;
                }
            }
            return result;
        }

        private FakeResponse Answer(RecordedRequest request)
        {
            Requests.Add(request);
            var query = Query.Decode(request.QueryString);
            string? Get(string name) => query.Where(p => p.Key == name).Select(p => p.Value).FirstOrDefault();
            var groupBy = query.Where(p => p.Key == "group_by").Select(p => p.Value).ToList();
            var merge = Get("merge_metrics") is { } m && "true".Contains(m.ToLowerInvariant(), StringComparison.Ordinal);
            var limit = Math.Min(int.Parse(Get("limit") ?? MaxLimit.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture), MaxLimit);
            var statistics = request.Path.EndsWith("/statistics", StringComparison.Ordinal);

            // The series: one per host when grouped; all points merged into one when merged; the one metric otherwise.
            List<(string Host, List<(long Time, double Value)> Rows)> series;
            if (groupBy.Count > 0)
            {
                series = _data.Select(p => p.Host).Distinct().Order(StringComparer.Ordinal).Select(h => (h, Expected(_data, h))).ToList();
            }
            else if (merge || _data.Select(p => (p.Host, p.Service)).Distinct().Count() == 1)
            {
                series = new() { (_data[0].Host, _data.OrderBy(p => p.Time).ThenBy(p => p.Service, StringComparer.Ordinal).Select(p => (p.Time, p.Value)).ToList()) };
            }
            else
            {
                return new FakeResponse(409, """{"title": "MultipleMetrics", "description": "Found multiple metrics matching metric name and dimensions."}""");
            }
            if (statistics)
            {
                // One row per period (60 s here): the average of the group's points in it.
                series = series.Select(s => (s.Host, s.Rows.GroupBy(r => r.Time).Select(g => (g.Key, g.Average(r => r.Value))).ToList())).ToList();
            }

            // The offset: only its timestamp counts, for every series.
            var after = Get("offset") is { } offset ? ParseTime(offset.Contains('_', StringComparison.Ordinal) ? offset[(offset.IndexOf('_', StringComparison.Ordinal) + 1)..] : offset) : long.MinValue;

            var elements = new List<string>();
            var count = 0;
            string? next = null;
            for (var index = 0; index < series.Count && next is null; index++)
            {
                var (host, rows) = series[index];
                var kept = new List<(long Time, double Value)>();
                foreach (var row in rows.Where(r => r.Time > after))
                {
                    kept.Add(row);
                    if (++count == limit)
                    {
                        var last = FormatTime(row.Time);
                        next = groupBy.Count > 0 ? $"{index}_{last}" : last;
                        break;
                    }
                }
                if (kept.Count > 0)
                {
                    elements.Add(Element(index, host, kept, statistics));
                }
            }

            var links = new StringBuilder("""{"rel": "self", "href": "http://h/v2.0/metrics/measurements?name=cpu"}""");
            if (next is not null)
            {
                links.Append($$""", {"rel": "next", "href": "http://h/v2.0/metrics/measurements?name=cpu&offset={{Uri.EscapeDataString(next)}}&limit={{limit}}"}""");
            }
            return new FakeResponse(200, $$"""{"links": [{{links}}], "elements": [{{string.Join(", ", elements)}}]}""");
        }

        private static string Element(int index, string host, List<(long Time, double Value)> rows, bool statistics)
        {
            var cells = string.Join(", ", rows.Select(r => statistics
                ? $"[\"{FormatTime(r.Time)}\", {r.Value.ToString("R", CultureInfo.InvariantCulture)}]"
                : $"[\"{FormatTime(r.Time)}\", {r.Value.ToString("R", CultureInfo.InvariantCulture)}, {{}}]"));
            var columns = statistics ? "[\"timestamp\", \"avg\"]" : "[\"timestamp\", \"value\", \"value_meta\"]";
            var rowsKey = statistics ? "statistics" : "measurements";
            return $$"""{"id": "{{index}}", "name": "cpu", "dimensions": {"hostname": "{{host}}"}, "columns": {{columns}}, "{{rowsKey}}": [{{cells}}]}""";
        }

        private static string FormatTime(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms).ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);

        private static long ParseTime(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture).ToUnixTimeMilliseconds();

        public async ValueTask DisposeAsync()
        {
            _http.Dispose();
            await _server.DisposeAsync();
        }
    }
}
