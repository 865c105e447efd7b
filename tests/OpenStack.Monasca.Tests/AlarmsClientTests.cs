using Newtonsoft.Json.Linq;
using OpenStack.Testing;

namespace OpenStack.Monasca.Tests;

public class AlarmsClientTests
{
    internal const string AlarmJson = """
        {"id": "a1", "links": [{"rel": "self", "href": "http://h/v2.0/alarms/a1"}, {"rel": "state-history", "href": "http://h/v2.0/alarms/a1/state-history"}],
         "alarm_definition": {"id": "d1", "name": "cpu high", "severity": "HIGH", "links": [{"rel": "self", "href": "http://h/v2.0/alarm-definitions/d1"}]},
         "metrics": [{"name": "cpu.idle_perc", "dimensions": {"hostname": "h1"}}],
         "state": "ALARM", "lifecycle_state": null, "link": null,
         "state_updated_timestamp": "2015-03-20T21:04:49.123456Z", "updated_timestamp": "2015-03-20T21:04:49Z", "created_timestamp": "2015-03-20T21:04:49.000Z"}
        """;

    [Fact]
    public async Task List_sends_every_filter_like_python_and_parses_alarms()
    {
        await using var fake = await Fake.JsonAsync($$"""{"links": [], "elements": [{{AlarmJson}}]}""");

        var page = await fake.Client.Alarms.ListAsync(
            alarmDefinitionId: "d1", metricName: "cpu.idle_perc", metricDimensions: new DimensionFilter { { "hostname", "h1", "h2" } },
            state: AlarmState.Alarm, severity: AlarmSeverity.AnyOf(AlarmSeverity.Low, AlarmSeverity.High), lifecycleState: "OPEN", link: "http://t/1",
            stateUpdatedStartTime: new DateTimeOffset(2015, 3, 20, 0, 0, 0, TimeSpan.Zero), sortBy: new[] { "severity desc", "alarm_id" }, offset: 20, limit: 10);

        Assert.Equal("GET", fake.Request.Method);
        Assert.Equal("/v2.0/alarms", fake.Request.Path);
        // python: severity=LOW%7CHIGH, sort_by=severity+desc%2Calarm_id; metric_dimensions with a list keeps only the last value there
        Assert.Equal(
            new[]
            {
                "alarm_definition_id=d1", "metric_name=cpu.idle_perc", "metric_dimensions=hostname:h1|h2", "state=ALARM", "severity=LOW|HIGH",
                "lifecycle_state=OPEN", "link=http://t/1", "state_updated_start_time=2015-03-20T00:00:00.000Z", "sort_by=severity desc,alarm_id",
                "offset=20", "limit=10",
            },
            Query.Pairs(fake.Request.QueryString));
        // The real server splits a raw comma itself and keeps only the first sort key; the time needs .fffZ exactly.
        Assert.Contains("sort_by=severity%20desc%2Calarm_id&", fake.Request.QueryString, StringComparison.Ordinal);
        Assert.Contains("state_updated_start_time=2015-03-20T00%3A00%3A00.000Z&", fake.Request.QueryString, StringComparison.Ordinal);
        var alarm = Assert.Single(page.Elements);
        Assert.Equal("a1", alarm.Id);
        Assert.Equal("d1", alarm.AlarmDefinition!.Id);
        Assert.Equal("HIGH", alarm.AlarmDefinition.Severity);
        Assert.Equal(AlarmState.Alarm, alarm.State);
        Assert.Null(alarm.LifecycleState);
        Assert.Equal("h1", alarm.Metrics!.Single().Dimensions!["hostname"]);
        Assert.Equal(new DateTimeOffset(2015, 3, 20, 21, 4, 49, TimeSpan.Zero).AddTicks(1234560), alarm.StateUpdatedTimestamp);
        Assert.Equal(new DateTimeOffset(2015, 3, 20, 21, 4, 49, TimeSpan.Zero), alarm.UpdatedTimestamp);
        Assert.Equal(new DateTimeOffset(2015, 3, 20, 21, 4, 49, TimeSpan.Zero), alarm.CreatedTimestamp);
    }

    [Fact]
    public async Task Unknown_state_severity_and_extra_fields_do_not_break_parsing()
    {
        await using var fake = await Fake.JsonAsync("""
            {"id": "a2", "alarm_definition_id": "d9", "state": "SILENCED", "future_field": {"x": 1},
             "alarm_definition": {"id": "d9", "severity": "CATASTROPHIC"}, "state_updated_timestamp": "2015-03-20T21:04:49.123456789+00:00"}
            """);

        var alarm = await fake.Client.Alarms.GetAsync("a2");

        Assert.Equal("SILENCED", alarm.State);
        Assert.Equal("CATASTROPHIC", alarm.AlarmDefinition!.Severity);
        Assert.Equal("d9", alarm.AlarmDefinitionId);
        Assert.True(alarm.AdditionalProperties.ContainsKey("future_field"));
        Assert.Equal(new DateTimeOffset(2015, 3, 20, 21, 4, 49, TimeSpan.Zero).AddTicks(1234567), alarm.StateUpdatedTimestamp);
    }

    [Fact]
    public async Task Ids_in_paths_are_url_encoded_unlike_python()
    {
        await using var fake = await Fake.StartAsync(
            new FakeResponse(200, AlarmJson), new FakeResponse(204), new FakeResponse(200, """{"links": [], "elements": []}"""));

        await fake.Client.Alarms.GetAsync("a/b?c d#e");
        await fake.Client.Alarms.DeleteAsync("a/b?c d#e");
        await fake.Client.Alarms.HistoryAsync("a/b?c d#e");

        Assert.Equal("/v2.0/alarms/a%2Fb%3Fc%20d%23e", fake.SentUris[0].AbsolutePath);
        Assert.Equal("DELETE", fake.Requests[1].Method);
        Assert.Equal("/v2.0/alarms/a%2Fb%3Fc%20d%23e", fake.SentUris[1].AbsolutePath);
        Assert.Equal("/v2.0/alarms/a%2Fb%3Fc%20d%23e/state-history", fake.SentUris[2].AbsolutePath);
    }

    [Fact]
    public async Task Get_update_patch_delete_send_the_right_requests()
    {
        await using var fake = await Fake.StartAsync(
            new FakeResponse(200, AlarmJson), new FakeResponse(200, AlarmJson), new FakeResponse(200, AlarmJson), new FakeResponse(204));

        var got = await fake.Client.Alarms.GetAsync("a1");
        var updated = await fake.Client.Alarms.UpdateAsync(new AlarmUpdate { State = AlarmState.Ok, LifecycleState = "RESOLVED", Link = "http://t/1" }, "a1");
        var patched = await fake.Client.Alarms.PatchAsync(new AlarmPatch { State = AlarmState.Undetermined }, "a1");
        await fake.Client.Alarms.DeleteAsync("a1");

        var r = fake.Requests;
        Assert.Equal(("GET", "/v2.0/alarms/a1", ""), (r[0].Method, r[0].Path, r[0].Body));
        Assert.Equal(("PUT", "/v2.0/alarms/a1"), (r[1].Method, r[1].Path));
        Assert.Equal("application/json", r[1].Header("Content-Type"));
        Assert.True(JToken.DeepEquals(JObject.Parse("""{"state":"OK","lifecycle_state":"RESOLVED","link":"http://t/1"}"""), JObject.Parse(r[1].Body)), r[1].Body);
        Assert.Equal(("PATCH", "/v2.0/alarms/a1"), (r[2].Method, r[2].Path));
        Assert.Equal("""{"state":"UNDETERMINED"}""", r[2].Body); // unset fields are not sent (they would keep their value anyway)
        Assert.Equal(("DELETE", "/v2.0/alarms/a1", ""), (r[3].Method, r[3].Path, r[3].Body));
        Assert.Equal("a1", got.Id);
        Assert.Equal("a1", updated.Id);
        Assert.Equal("a1", patched.Id);
    }

    [Fact]
    public async Task Count_sends_filters_and_group_by_and_types_the_counts()
    {
        await using var fake = await Fake.JsonAsync("""
            {"links": [{"rel": "self", "href": "x"}],
             "columns": ["count", "state", "severity"],
             "counts": [[124, "ALARM", "HIGH"], [3, "OK", null]]}
            """);

        var count = await fake.Client.Alarms.CountAsync(
            metricDimensions: new DimensionFilter { { "hostname" } }, state: "alarm", groupBy: new[] { "state", "severity" }, offset: 0, limit: 100);

        Assert.Equal("/v2.0/alarms/count", fake.Request.Path);
        Assert.Equal(new[] { "metric_dimensions=hostname", "state=alarm", "group_by=state,severity", "offset=0", "limit=100" }, Query.Pairs(fake.Request.QueryString));
        var rows = count.GetRows();
        Assert.Equal(124L, rows[0].Count);
        Assert.Equal("ALARM", rows[0].Groups["state"]);
        Assert.Equal("HIGH", rows[0].Groups["severity"]);
        Assert.Equal(3L, rows[1].Count);
        Assert.Null(rows[1].Groups["severity"]);
    }

    [Fact]
    public async Task Count_with_no_match_gives_a_zero_row()
    {
        await using var fake = await Fake.JsonAsync("""{"columns": ["count", "metric_name"], "counts": [[0, null]]}""");
        var row = Assert.Single((await fake.Client.Alarms.CountAsync(groupBy: new[] { "metric_name" })).GetRows());
        Assert.Equal(0L, row.Count);
        Assert.Null(row.Groups["metric_name"]);
    }

    internal const string TransitionJson = """
        {"id": "1424451007004", "alarm_id": "a1", "metrics": [{"id": null, "name": "cpu.idle_perc", "dimensions": {"hostname": "h1"}}],
         "old_state": "OK", "new_state": "ALARM", "reason": "Thresholds were exceeded", "reason_data": "{}",
         "timestamp": "2015-02-20T16:50:07.000Z",
         "sub_alarms": [{"sub_alarm_expression": {"function": "AVG", "metric_name": "cpu.idle_perc", "dimensions": {"hostname": "h1"},
                         "operator": "LT", "threshold": 10.0, "period": 60, "periods": 3, "deterministic": false},
                         "sub_alarm_state": "ALARM", "current_values": [5.5, 6]}]}
        """;

    [Fact]
    public async Task HistoryList_and_History_send_their_queries_and_parse_transitions()
    {
        await using var fake = await Fake.StartAsync(
            new FakeResponse(200, $$"""{"links": [], "elements": [{{TransitionJson}}]}"""),
            new FakeResponse(200, $$"""{"links": [], "elements": [{{TransitionJson}}]}"""));

        var all = await fake.Client.Alarms.HistoryListAsync(
            dimensions: new DimensionFilter { { "hostname", "h1" } }, startTime: new DateTimeOffset(2015, 2, 20, 0, 0, 0, TimeSpan.Zero), endTime: new DateTimeOffset(2015, 2, 21, 0, 0, 0, TimeSpan.Zero), offset: "1424451007000", limit: 5);
        var one = await fake.Client.Alarms.HistoryAsync("a1", offset: "1424451007000", limit: 5);

        Assert.Equal("/v2.0/alarms/state-history", fake.Requests[0].Path); // python adds a trailing slash; the server strips it
        Assert.Equal(
            new[] { "dimensions=hostname:h1", "start_time=2015-02-20T00:00:00Z", "end_time=2015-02-21T00:00:00Z", "offset=1424451007000", "limit=5" },
            Query.Pairs(fake.Requests[0].QueryString));
        Assert.Equal("/v2.0/alarms/a1/state-history?offset=1424451007000&limit=5", fake.Requests[1].PathAndQuery);
        var t = Assert.Single(all.Elements);
        Assert.Equal("1424451007004", t.Id);
        Assert.Equal(("OK", "ALARM"), (t.OldState, t.NewState));
        Assert.Equal("{}", t.ReasonData);
        Assert.Null(t.Metrics!.Single().Id);
        Assert.Equal(new DateTimeOffset(2015, 2, 20, 16, 50, 7, TimeSpan.Zero), t.Timestamp);
        var sub = t.SubAlarms!.Single();
        Assert.Equal(10.0, sub.SubAlarmExpression!.Threshold);
        Assert.Equal(3, sub.SubAlarmExpression.Periods);
        Assert.Equal(new[] { 5.5, 6.0 }, sub.CurrentValues);
        Assert.Equal("a1", Assert.Single(one.Elements).AlarmId);
    }

    [Theory]
    [InlineData("ok")]
    [InlineData("BROKEN")]
    public async Task An_alarm_state_the_server_would_answer_500_to_is_refused_before_sending(string state)
    {
        await using var fake = await Fake.JsonAsync("{}");

        var put = await Assert.ThrowsAsync<ArgumentException>(() => fake.Client.Alarms.UpdateAsync(new AlarmUpdate { State = state, LifecycleState = "OPEN", Link = "http://t/1" }, "a1"));
        var patch = await Assert.ThrowsAsync<ArgumentException>(() => fake.Client.Alarms.PatchAsync(new AlarmPatch { State = state }, "a1"));

        Assert.Contains("ALARM, OK or UNDETERMINED", put.Message, StringComparison.Ordinal);
        Assert.Contains("ALARM, OK or UNDETERMINED", patch.Message, StringComparison.Ordinal);
        Assert.Empty(fake.Requests);
    }

    [Fact]
    public async Task A_patch_leaves_null_fields_out_and_refuses_an_explicit_null()
    {
        await using var fake = await Fake.JsonAsync("{\"id\":\"a1\"}");

        await fake.Client.Alarms.PatchAsync(new AlarmPatch { LifecycleState = "OPEN", Link = null }, "a1");
        var sent = Assert.Single(fake.Requests);
        Assert.Equal("{\"lifecycle_state\":\"OPEN\"}", sent.Body);

        var body = new AlarmPatch { State = AlarmState.Ok };
        body.AdditionalProperties["link"] = null!;
        var e = await Assert.ThrowsAsync<ArgumentException>(() => fake.Client.Alarms.PatchAsync(body, "a1"));

        Assert.Equal("The alarm field 'link' cannot be sent as null: Monasca answers 500 to a null field in a PATCH; leave the field out to keep its value. (Parameter 'body')", e.Message);
        Assert.Single(fake.Requests);
    }

    [Fact]
    public async Task A_put_without_every_field_is_refused_before_sending()
    {
        await using var fake = await Fake.JsonAsync("{}");

        var e = await Assert.ThrowsAsync<ArgumentException>(() => fake.Client.Alarms.UpdateAsync(new AlarmUpdate { State = AlarmState.Ok, LifecycleState = "OPEN" }, "a1"));

        Assert.Contains("link", e.Message, StringComparison.Ordinal);
        Assert.Empty(fake.Requests);
    }

    [Theory]
    [InlineData("link")]
    [InlineData("lifecycle_state")]
    public async Task A_put_with_an_empty_link_or_lifecycle_state_is_refused_before_sending(string field)
    {
        // The real server answers 422 "Field 'link' is required" to "link": "" (real-server point 21).
        await using var fake = await Fake.JsonAsync("{}");
        var body = new AlarmUpdate
        {
            State = AlarmState.Ok,
            LifecycleState = field == "lifecycle_state" ? "" : "OPEN",
            Link = field == "link" ? "" : "http://tickets.example.com/OPS-1",
        };

        var e = await Assert.ThrowsAsync<ArgumentException>(() => fake.Client.Alarms.UpdateAsync(body, "a1"));

        Assert.Contains($"The alarm field '{field}' cannot be sent empty in a PUT", e.Message, StringComparison.Ordinal);
        Assert.Empty(fake.Requests);
    }
}
