using Newtonsoft.Json.Linq;
using OpenStack.Testing;

namespace OpenStack.Monasca.Tests;

public class MetricsClientTests
{
    private static readonly DateTimeOffset Start = new(2024, 1, 2, 5, 4, 5, TimeSpan.FromHours(2)); // 03:04:05Z
    private static readonly DateTimeOffset End = new(2024, 1, 2, 4, 0, 0, 500, TimeSpan.Zero);

    [Fact]
    public async Task Create_posts_a_json_array_and_url_encodes_tenant_id()
    {
        await using var fake = await Fake.StartAsync(new FakeResponse(204));

        await fake.Client.Metrics.CreateAsync(
            new[]
            {
                new MetricCreate
                {
                    Name = "disk.used", Timestamp = 1700000000123, Value = 42.5,
                    Dimensions = new Dictionary<string, string> { ["host"] = "h1" },
                    ValueMeta = new Dictionary<string, string> { ["unit"] = "GB" },
                },
                new MetricCreate { Name = "disk.free", Timestamp = 1700000000124, Value = 1 },
            },
            tenantId: "t&1");

        var request = fake.Request;
        Assert.Equal("POST", request.Method);
        Assert.Equal("/v2.0/metrics", request.Path);
        Assert.Equal("?tenant_id=t%261", request.QueryString); // python-monascaclient sends ?tenant_id=t&1
        Assert.Equal("application/json", request.Header("Content-Type")); // the server requires exactly this
        var sent = JArray.Parse(request.Body);
        Assert.True(JToken.DeepEquals(JArray.Parse("""
            [{"name":"disk.used","dimensions":{"host":"h1"},"timestamp":1700000000123,"value":42.5,"value_meta":{"unit":"GB"}},
             {"name":"disk.free","timestamp":1700000000124,"value":1.0}]
            """), sent), sent.ToString());
    }

    [Fact]
    public async Task List_sends_every_filter_encoded_and_parses_the_page()
    {
        await using var fake = await Fake.JsonAsync("""
            {"links": [{"rel": "self", "href": "http://127.0.0.1:8070/v2.0/metrics"}],
             "elements": [{"id": "0", "name": "cpu.idle_perc", "dimensions": {"hostname": "devstack", "service": "monitoring"}}]}
            """);

        var page = await fake.Client.Metrics.ListAsync(
            tenantId: "proj 1", name: "cpu.idle_perc",
            dimensions: new DimensionFilter { { "hostname", "devstack" }, { "service" } },
            startTime: Start, endTime: End, offset: "41", limit: 10);

        var request = fake.Request;
        Assert.Equal("GET", request.Method);
        Assert.Equal(
            "/v2.0/metrics?tenant_id=proj%201&name=cpu.idle_perc&dimensions=hostname%3Adevstack%2Cservice" +
            "&start_time=2024-01-02T03%3A04%3A05Z&end_time=2024-01-02T04%3A00%3A00.5Z&offset=41&limit=10",
            request.PathAndQuery);
        var metric = Assert.Single(page.Elements);
        Assert.Equal("0", metric.Id);
        Assert.Equal("cpu.idle_perc", metric.Name);
        Assert.Equal("devstack", metric.Dimensions!["hostname"]);
        Assert.DoesNotContain(page.Links!, l => l.Rel == "next");
    }

    [Fact]
    public async Task List_without_arguments_sends_no_query()
    {
        await using var fake = await Fake.JsonAsync("""{"links": [], "elements": []}""");
        var page = await fake.Client.Metrics.ListAsync();
        Assert.Equal("/v2.0/metrics", fake.Request.PathAndQuery);
        Assert.Empty(page.Elements);
    }

    [Fact]
    public async Task ListNames_sends_dimensions_offset_limit_and_parses_names()
    {
        await using var fake = await Fake.JsonAsync("""
            {"links": [{"rel": "self", "href": "x"}, {"rel": "next", "href": "http://h/v2.0/metrics/names?offset=cpu.idle_perc&limit=2"}],
             "elements": [{"name": "cpu.percent"}, {"name": "cpu.idle_perc"}]}
            """);

        var page = await fake.Client.Metrics.ListNamesAsync(tenantId: "t1", dimensions: new DimensionFilter { { "hostname", "h1" } }, offset: "a", limit: 2);

        Assert.Equal("GET", fake.Request.Method);
        Assert.Equal("/v2.0/metrics/names", fake.Request.Path);
        Assert.Equal(new[] { "tenant_id=t1", "dimensions=hostname:h1", "offset=a", "limit=2" }, Query.Pairs(fake.Request.QueryString));
        Assert.Equal(new[] { "cpu.percent", "cpu.idle_perc" }, page.Elements.Select(e => e.Name));
        Assert.Equal("cpu.idle_perc", PageLinks.NextOffset(page.Links));
    }

    [Fact]
    public async Task ListDimensionNames_sends_metric_name_and_window()
    {
        await using var fake = await Fake.JsonAsync("""{"links": [], "elements": [{"dimension_name": "hostname"}, {"dimension_name": "service"}]}""");

        var page = await fake.Client.Metrics.ListDimensionNamesAsync(tenantId: "t1", metricName: "cpu.idle_perc", startTime: Start, endTime: End, offset: "h", limit: 5);

        Assert.Equal("/v2.0/metrics/dimensions/names", fake.Request.Path);
        Assert.Equal(
            new[] { "tenant_id=t1", "metric_name=cpu.idle_perc", "start_time=2024-01-02T03:04:05Z", "end_time=2024-01-02T04:00:00.5Z", "offset=h", "limit=5" },
            Query.Pairs(fake.Request.QueryString));
        Assert.Equal(new[] { "hostname", "service" }, page.Elements.Select(e => e.Name));
    }

    [Fact]
    public async Task ListDimensionValues_requires_the_dimension_name_and_parses_values()
    {
        await using var fake = await Fake.JsonAsync("""{"links": [], "elements": [{"dimension_value": "h1"}, {"dimension_value": "http://x:80/"}]}""");

        var page = await fake.Client.Metrics.ListDimensionValuesAsync("hostname", metricName: "cpu.idle_perc", limit: 2);

        Assert.Equal("/v2.0/metrics/dimensions/names/values?dimension_name=hostname&metric_name=cpu.idle_perc&limit=2", fake.Request.PathAndQuery);
        Assert.Equal(new[] { "h1", "http://x:80/" }, page.Elements.Select(e => e.Value));
        await Assert.ThrowsAsync<ArgumentNullException>(() => fake.Client.Metrics.ListDimensionValuesAsync(null!));
    }

    [Fact]
    public async Task ListMeasurements_sends_what_python_sends_and_types_the_rows()
    {
        await using var fake = await Fake.JsonAsync("""
            {"links": [{"rel": "self", "href": "x"}],
             "elements": [{"id": "0", "name": "cpu.idle_perc", "dimensions": {"hostname": "h1"},
                           "columns": ["timestamp", "value", "value_meta"],
                           "measurements": [["2024-01-02T03:04:05.123Z", 97.5, {}],
                                            ["2024-01-02T03:04:35.000Z", 12, {"reason": "busy", "n": 3}]]}]}
            """);

        var page = await fake.Client.Metrics.ListMeasurementsAsync(
            "cpu.idle_perc", Start, dimensions: new DimensionFilter { { "hostname", "h1" } }, mergeMetrics: true, groupBy: new[] { "*" });

        // python: name=cpu.idle_perc&dimensions=hostname%3Ah1&start_time=2024-01-02T03%3A04%3A05Z&merge_metrics=True&group_by=%2A
        Assert.Equal("/v2.0/metrics/measurements", fake.Request.Path);
        Assert.Equal(
            new[] { "dimensions=hostname:h1", "group_by=*", "merge_metrics=true", "name=cpu.idle_perc", "start_time=2024-01-02T03:04:05Z" },
            Query.Pairs(fake.Request.QueryString).Order());
        var series = Assert.Single(page.Elements);
        Assert.Equal(new[] { "timestamp", "value", "value_meta" }, series.Columns);
        var rows = series.Measurements!.ToList();
        Assert.Equal(2, rows.Count);
        Assert.Equal(new DateTimeOffset(2024, 1, 2, 3, 4, 5, 123, TimeSpan.Zero), rows[0].Timestamp);
        Assert.Equal("2024-01-02T03:04:05.123Z", rows[0].RawTimestamp);
        Assert.Equal(97.5, rows[0].Value);
        Assert.Empty(rows[0].ValueMeta);
        Assert.Equal(12.0, rows[1].Value);
        Assert.Equal("busy", rows[1].ValueMeta["reason"]);
        Assert.Equal("3", rows[1].ValueMeta["n"]);
    }

    [Fact]
    public async Task ListMeasurements_with_several_group_by_keys_repeats_the_key()
    {
        await using var fake = await Fake.JsonAsync("""{"links": [], "elements": []}""");
        await fake.Client.Metrics.ListMeasurementsAsync("m", Start, endTime: End, offset: "0_2024-01-02T03:04:05.123Z", limit: 100, groupBy: new[] { "hostname", "service" }, tenantId: "t");
        Assert.Equal(
            new[] { "end_time=2024-01-02T04:00:00.5Z", "group_by=hostname", "group_by=service", "limit=100", "name=m", "offset=0_2024-01-02T03:04:05.123Z", "start_time=2024-01-02T03:04:05Z", "tenant_id=t" },
            Query.Pairs(fake.Request.QueryString).Order());
    }

    [Fact]
    public async Task ListStatistics_sends_the_statistics_list_and_types_rows_by_column()
    {
        await using var fake = await Fake.JsonAsync("""
            {"links": [],
             "elements": [{"id": "1", "name": "cpu.idle_perc", "dimensions": {},
                           "columns": ["timestamp", "avg", "max", "count"],
                           "statistics": [["2024-01-02T03:00:00Z", 50.5, 99, 10],
                                          ["2024-01-02T03:05:00Z", null, 1.5, 2.0]]}]}
            """);

        var page = await fake.Client.Metrics.ListStatisticsAsync(
            "cpu.idle_perc", new[] { Statistic.Average, Statistic.Maximum, Statistic.Count }, Start,
            dimensions: new DimensionFilter { { "hostname", "h1" } }, endTime: End, period: 300, mergeMetrics: false, limit: 50);

        // python: statistics=avg%2Cmax%2Ccount (one value; the server splits it the same way)
        Assert.Equal("/v2.0/metrics/statistics", fake.Request.Path);
        Assert.Equal(
            new[] { "dimensions=hostname:h1", "end_time=2024-01-02T04:00:00.5Z", "limit=50", "merge_metrics=false", "name=cpu.idle_perc", "period=300", "start_time=2024-01-02T03:04:05Z", "statistics=avg,max,count" },
            Query.Pairs(fake.Request.QueryString).Order());
        var rows = Assert.Single(page.Elements).Statistics!.ToList();
        Assert.Equal(new DateTimeOffset(2024, 1, 2, 3, 0, 0, TimeSpan.Zero), rows[0].Timestamp);
        Assert.Equal(50.5, rows[0].Average);
        Assert.Equal(99.0, rows[0]["max"]);
        Assert.Equal(10.0, rows[0].Count);
        Assert.Null(rows[0].Sum);
        Assert.Null(rows[1].Average);
        Assert.Equal(1.5, rows[1][Statistic.Maximum]);
        Assert.Equal(2.0, rows[1]["COUNT"]);
    }
}

public class MetricCreateTests
{
    [Fact]
    public async Task A_single_metric_is_sent_as_a_one_element_array_with_its_time_in_epoch_ms()
    {
        await using var fake = await Fake.StartAsync(new FakeResponse(204));
        var metric = new MetricCreate { Name = "m", Value = 2, Time = new DateTimeOffset(2023, 11, 14, 23, 13, 20, 123, TimeSpan.FromHours(1)) };

        await fake.Client.Metrics.CreateAsync(metric);

        Assert.Equal(1700000000123L, metric.Timestamp);
        Assert.Equal("""[{"name":"m","timestamp":1700000000123,"value":2.0}]""", fake.Request.Body);
    }
}
