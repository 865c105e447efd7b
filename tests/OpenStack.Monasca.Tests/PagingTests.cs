using OpenStack.Testing;

namespace OpenStack.Monasca.Tests;

public class PagingTests
{
    private static FakeResponse Page(string elements, string? next = null) => new(200,
        $$"""{"links": [{"rel": "self", "href": "http://h/self"}{{(next is null ? "" : $$""", {"rel": "next", "href": "{{next}}"}""")}}], "elements": [{{elements}}]}""");

    private static async Task<List<T>> All<T>(Pageable<T> items, int? pageSize = null)
    {
        var list = new List<T>();
        await foreach (var page in items.AsPages(pageSizeHint: pageSize))
        {
            list.AddRange(page.Values);
        }
        return list;
    }

    [Fact]
    public async Task Metrics_walk_resends_the_callers_query_with_the_last_id_not_the_double_encoded_next_link()
    {
        await using var fake = await Fake.StartAsync(
            Page("""{"id": "1", "name": "a"}, {"id": "2", "name": "a"}""", "http://h/v2.0/metrics?dimensions=hostname%253Adevstack&limit=2&offset=2"),
            Page("""{"id": "3", "name": "a"}"""));

        var all = await All(fake.Client.Metrics.ListAllAsync(name: "a", dimensions: new DimensionFilter { { "hostname", "devstack" } }), 2);

        Assert.Equal(new[] { "1", "2", "3" }, all.Select(m => m.Id));
        Assert.Equal(2, fake.Requests.Count);
        Assert.Equal("/v2.0/metrics?name=a&dimensions=hostname%3Adevstack&limit=2", fake.Requests[0].PathAndQuery);
        Assert.Equal("/v2.0/metrics?name=a&dimensions=hostname%3Adevstack&offset=2&limit=2", fake.Requests[1].PathAndQuery);
    }

    [Fact]
    public async Task Name_walks_use_the_last_name_which_the_server_does_not_quote_in_next()
    {
        await using var fake = await Fake.StartAsync(
            Page("""{"name": "a+b"}, {"name": "c&d%"}""", "http://h/v2.0/metrics/names?offset=c&d%&limit=2"),
            Page("", "http://h/v2.0/metrics/names?offset=zzz"));

        var all = await All(fake.Client.Metrics.ListAllNamesAsync(), 2);

        Assert.Equal(new[] { "a+b", "c&d%" }, all.Select(n => n.Name));
        Assert.Equal(new[] { "offset=c&d%", "limit=2" }, Query.Pairs(fake.Requests[1].QueryString));
        Assert.Equal(2, fake.Requests.Count); // stopped on the empty page despite its next link
    }

    [Fact]
    public async Task Dimension_name_and_value_walks_use_the_last_element()
    {
        await using var fake = await Fake.StartAsync(
            Page("""{"dimension_name": "hostname"}""", "http://h/x?offset=hostname"),
            Page("""{"dimension_name": "service"}"""),
            Page("""{"dimension_value": "h1"}""", "http://h/x?offset=h1"),
            Page("""{"dimension_value": "h2"}"""));

        var names = await All(fake.Client.Metrics.ListAllDimensionNamesAsync(metricName: "cpu"), 1);
        var values = await All(fake.Client.Metrics.ListAllDimensionValuesAsync("hostname", metricName: "cpu"), 1);

        Assert.Equal(new[] { "hostname", "service" }, names.Select(n => n.Name));
        Assert.Equal(new[] { "h1", "h2" }, values.Select(v => v.Value));
        Assert.Equal(new[] { "metric_name=cpu", "offset=hostname", "limit=1" }, Query.Pairs(fake.Requests[1].QueryString));
        Assert.Equal(new[] { "dimension_name=hostname", "metric_name=cpu", "offset=h1", "limit=1" }, Query.Pairs(fake.Requests[3].QueryString));
    }

    [Fact]
    public async Task Measurement_walk_takes_the_servers_offset_keeps_filters_and_stops_on_an_empty_page()
    {
        var start = new DateTimeOffset(2024, 1, 2, 0, 0, 0, TimeSpan.Zero);
        await using var fake = await Fake.StartAsync(
            Page("""{"id": "0", "name": "m", "columns": ["timestamp", "value", "value_meta"], "measurements": [["2024-01-02T03:04:05.000Z", 1, {}], ["2024-01-02T03:04:55.123Z", 2, {}]]}""",
                "http://h/v2.0/metrics/measurements?offset=0_2024-01-02T03%3A04%3A55.123Z&name=m&dimensions=hostname%253Ah1&start_time=2024-01-02T00%253A00%253A00Z&limit=2"),
            Page("""{"id": "0", "name": "m", "columns": ["timestamp", "value", "value_meta"], "measurements": [["2024-01-02T03:05:05.000Z", 3, {}]]}""",
                "http://h/v2.0/metrics/measurements?offset=0_2024-01-02T03%3A05%3A05.000Z&limit=2"),
            Page(""));

        var series = await All(fake.Client.Metrics.ListAllMeasurementsAsync("m", start, dimensions: new DimensionFilter { { "hostname", "h1" } }), 2);

        Assert.Equal(new[] { 1.0, 2.0, 3.0 }, series.SelectMany(s => s.Measurements!).Select(r => r.Value));
        Assert.Equal(3, fake.Requests.Count);
        Assert.Equal(
            new[] { "dimensions=hostname:h1", "limit=2", "name=m", "offset=0_2024-01-02T03:04:55.123Z", "start_time=2024-01-02T00:00:00Z" },
            Query.Pairs(fake.Requests[1].QueryString).Order());
        Assert.Contains("offset=0_2024-01-02T03%3A05%3A05.000Z", fake.Requests[2].QueryString);
    }

    [Fact]
    public async Task A_next_link_without_an_offset_ends_the_measurement_walk_instead_of_guessing_one()
    {
        var start = new DateTimeOffset(2024, 1, 2, 0, 0, 0, TimeSpan.Zero);
        await using var fake = await Fake.StartAsync(
            Page("""{"id": "7", "name": "m", "measurements": [["2024-01-02T03:04:05.000Z", 1, {}]]}""", "http://h/v2.0/metrics/measurements"),
            Page(""));

        var pages = new List<Page<MeasurementSeries>>();
        await foreach (var page in fake.Client.Metrics.ListAllMeasurementsAsync("m", start).AsPages())
        {
            pages.Add(page);
        }

        Assert.Null(Assert.Single(pages).ContinuationToken);
        Assert.Single(fake.Requests);
    }

    [Fact]
    public async Task Statistics_walk_keeps_the_statistics_and_period()
    {
        var start = new DateTimeOffset(2024, 1, 2, 0, 0, 0, TimeSpan.Zero);
        await using var fake = await Fake.StartAsync(
            Page("""{"id": "0", "name": "m", "columns": ["timestamp", "avg"], "statistics": [["2024-01-02T03:00:00Z", 1]]}""", "http://h/x?offset=2024-01-02T03%3A00%3A00Z"),
            Page("""{"id": "0", "name": "m", "columns": ["timestamp", "avg"], "statistics": [["2024-01-02T03:05:00Z", 2]]}"""));

        var all = await All(fake.Client.Metrics.ListAllStatisticsAsync("m", new[] { "avg" }, start, period: 300), 1);

        Assert.Equal(2, all.Count);
        Assert.Equal(
            new[] { "limit=1", "name=m", "offset=2024-01-02T03:00:00Z", "period=300", "start_time=2024-01-02T00:00:00Z", "statistics=avg" },
            Query.Pairs(fake.Requests[1].QueryString).Order());
    }

    [Fact]
    public async Task Notification_method_walk_counts_rows_instead_of_sending_the_uuid_from_next()
    {
        await using var fake = await Fake.StartAsync(
            Page("""{"id": "u1", "name": "a"}, {"id": "u2", "name": "b"}""", "http://h/v2.0/notification-methods?offset=u2&limit=2"),
            Page("""{"id": "u3", "name": "c"}, {"id": "u4", "name": "d"}""", "http://h/v2.0/notification-methods?offset=u4&limit=2"),
            Page(""));

        var all = await All(fake.Client.NotificationMethods.ListAllAsync(sortBy: new[] { "name" }), 2);

        Assert.Equal(new[] { "u1", "u2", "u3", "u4" }, all.Select(n => n.Id));
        Assert.Equal("?sort_by=name&limit=2", fake.Requests[0].QueryString);
        Assert.Equal("?sort_by=name&offset=2&limit=2", fake.Requests[1].QueryString);
        Assert.Equal("?sort_by=name&offset=4&limit=2", fake.Requests[2].QueryString);
    }

    [Fact]
    public async Task Alarm_and_definition_walks_advance_an_integer_offset_and_keep_filters()
    {
        var alarm = """{"id": "a", "state": "OK"}""";
        await using var fake = await Fake.StartAsync(
            Page($"{alarm}, {alarm}", "http://h/v2.0/alarms?state=OK&offset=2&limit=2"),
            Page(alarm),
            Page("""{"id": "d1", "name": "x"}""", "http://h/v2.0/alarm-definitions?offset=1&limit=1"),
            Page("""{"id": "d2", "name": "y"}"""));

        var alarms = await All(fake.Client.Alarms.ListAllAsync(state: AlarmState.Ok, metricDimensions: "hostname:h1"), 2);
        var definitions = await All(fake.Client.AlarmDefinitions.ListAllAsync(severity: "HIGH"), 1);

        Assert.Equal(3, alarms.Count);
        Assert.Equal(new[] { "metric_dimensions=hostname:h1", "state=OK", "offset=2", "limit=2" }, Query.Pairs(fake.Requests[1].QueryString));
        Assert.Equal(new[] { "d1", "d2" }, definitions.Select(d => d.Id));
        Assert.Equal(new[] { "severity=HIGH", "offset=1", "limit=1" }, Query.Pairs(fake.Requests[3].QueryString));
    }

    [Fact]
    public async Task History_walks_use_the_last_transition_id()
    {
        await using var fake = await Fake.StartAsync(
            Page("""{"id": "1424451007004", "alarm_id": "a1"}""", "http://h/x?offset=1424451007004"),
            Page("""{"id": "1424451007009", "alarm_id": "a1"}"""),
            Page("""{"id": "17", "alarm_id": "a/1"}""", "http://h/x?offset=17"),
            Page(""));

        var all = await All(fake.Client.Alarms.HistoryListAllAsync(dimensions: "hostname:h1"), 1);
        var one = await All(fake.Client.Alarms.HistoryAllAsync("a/1"), 1);

        Assert.Equal(2, all.Count);
        Assert.Equal(new[] { "dimensions=hostname:h1", "offset=1424451007004", "limit=1" }, Query.Pairs(fake.Requests[1].QueryString));
        Assert.Single(one);
        Assert.Equal("/v2.0/alarms/a%2F1/state-history?offset=17&limit=1", fake.SentUris[3].PathAndQuery);
    }

    [Fact]
    public async Task A_walk_stops_when_the_server_repeats_the_same_offset()
    {
        await using var fake = await Fake.StartAsync(
            Page("""{"id": "1", "name": "a"}""", "http://h/x?offset=1"),
            Page("""{"id": "1", "name": "a"}""", "http://h/x?offset=1"),
            Page("""{"id": "1", "name": "a"}""", "http://h/x?offset=1"));

        var all = await All(fake.Client.Metrics.ListAllAsync());

        Assert.Equal(2, all.Count);
        Assert.Equal(2, fake.Requests.Count);
    }

    [Fact]
    public async Task Dimension_values_repeated_across_metrics_are_each_yielded_once_and_none_is_lost()
    {
        // The real server: compute1, devstack, devstack, web1; offset=devstack resumes at the second copy, and a page
        // holding only that copy names the same offset again (monasca-api, dimension values not de-duplicated).
        await using var fake = await Fake.StartAsync(
            Page("""{"dimension_value": "compute1"}""", "http://h/x?offset=compute1"),
            Page("""{"dimension_value": "devstack"}""", "http://h/x?offset=devstack"),
            Page("""{"dimension_value": "devstack"}""", "http://h/x?offset=devstack"),
            Page("""{"dimension_value": "devstack"}, {"dimension_value": "web1"}""", "http://h/x?offset=web1"),
            Page(""));

        var values = await All(fake.Client.Metrics.ListAllDimensionValuesAsync("hostname"), 1);

        Assert.Equal(new[] { "compute1", "devstack", "web1" }, values.Select(v => v.Value));
        Assert.Equal(
            new[] { "?dimension_name=hostname&limit=1", "?dimension_name=hostname&offset=compute1&limit=1", "?dimension_name=hostname&offset=devstack&limit=1",
                "?dimension_name=hostname&offset=devstack&limit=2", "?dimension_name=hostname&offset=web1&limit=2" },
            fake.Requests.Select(r => r.QueryString));
    }

    [Fact]
    public async Task A_count_offset_token_resumes_at_that_row()
    {
        await using var fake = await Fake.StartAsync(
            Page("""{"id": "u1", "name": "a"}, {"id": "u2", "name": "b"}""", "http://h/v2.0/notification-methods?offset=u2&limit=2"),
            Page("""{"id": "u3", "name": "c"}"""));

        string? token = null;
        await foreach (var page in fake.Client.NotificationMethods.ListAllAsync().AsPages(pageSizeHint: 2))
        {
            token = page.ContinuationToken;
            break;
        }
        var rest = await All(Pageable.FromPages([new Page<NotificationMethod>([], null)]));
        Assert.Empty(rest);
        await foreach (var page in fake.Client.NotificationMethods.ListAllAsync().AsPages(token, pageSizeHint: 2))
        {
            Assert.Equal("u3", Assert.Single(page.Values).Id);
        }
        Assert.Equal("?offset=2&limit=2", fake.Requests[1].QueryString);
    }

    [Fact]
    public async Task Grouped_alarm_counts_walk_every_group_by_integer_offset_as_typed_rows()
    {
        static FakeResponse Counts(string rows, string? next) => new(200,
            $$"""{"links": [{"rel": "self", "href": "http://h/self"}{{(next is null ? "" : $$""", {"rel": "next", "href": "{{next}}"}""")}}], "columns": ["count", "state"], "counts": [{{rows}}]}""");
        await using var fake = await Fake.StartAsync(
            Counts("""[2, "ALARM"], [5, "OK"]""", "http://h/v2.0/alarms/count?group_by=state&offset=2&limit=2"),
            Counts("""[1, "UNDETERMINED"]""", null));

        var rows = await All(fake.Client.Alarms.CountAllAsync(metricName: "cpu", groupBy: ["state"]), 2);

        Assert.Equal(new[] { (2L, "ALARM"), (5L, "OK"), (1L, "UNDETERMINED") }, rows.Select(r => (r.Count, r.Groups["state"]!)));
        Assert.Equal(new[] { "metric_name=cpu", "group_by=state", "limit=2" }, Query.Pairs(fake.Requests[0].QueryString));
        Assert.Equal(new[] { "metric_name=cpu", "group_by=state", "offset=2", "limit=2" }, Query.Pairs(fake.Requests[1].QueryString));
    }

    [Fact]
    public async Task Cancelling_a_walk_stops_it()
    {
        await using var fake = await Fake.StartAsync(Page("""{"id": "1", "name": "a"}""", "http://h/x?offset=1"), Page("""{"id": "2", "name": "a"}"""));
        using var cts = new CancellationTokenSource();
        var seen = 0;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var _ in fake.Client.Metrics.ListAllAsync().WithCancellation(cts.Token))
            {
                seen++;
                cts.Cancel();
            }
        });
        Assert.Equal(1, seen);
        Assert.Single(fake.Requests);
    }
}
