using Newtonsoft.Json.Linq;
using OpenStack.Cli.Output;
using OpenStack.Testing;

namespace OpenStack.Cli.Tests;

/// <summary>Monasca's timestamps printed as the server sent them, as python-monascaclient does, and <c>alarm-definition-update</c>.</summary>
public sealed class MonascaDatesAndUpdateTests
{
    private const string Alarm = """
        {"id": "a1", "alarm_definition": {"id": "ad1", "name": "cpu", "severity": "HIGH", "links": []},
         "metrics": [{"name": "cpu.idle_perc", "dimensions": {"hostname": "h1"}}], "state": "ALARM", "lifecycle_state": null, "link": null,
         "state_updated_timestamp": "2024-01-02T03:04:05.123Z", "updated_timestamp": "2024-01-02T05:04:05.5+02:00",
         "created_timestamp": "2024-01-02T03:04:05Z", "links": []}
        """;

    [Fact]
    public async Task Alarm_list_table_shows_times_as_the_server_sent_them()
    {
        await using var server = await FakeServer.StartAsync(_ => new FakeResponse(200, "{\"links\": [], \"elements\": [" + Alarm + "]}"));

        var result = await CliRunner.MonascaAsync(server, "alarm-list");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("| 2024-01-02T03:04:05.123Z | 2024-01-02T05:04:05.5+02:00 | 2024-01-02T03:04:05Z |", result.Stdout);
        Assert.DoesNotContain("+00:00", result.Stdout);
    }

    [Fact]
    public async Task Alarm_show_table_and_json_show_times_as_sent()
    {
        await using var server = await FakeServer.StartAsync(_ => new FakeResponse(200, Alarm));

        var table = await CliRunner.MonascaAsync(server, "alarm-show", "a1");
        var json = await CliRunner.MonascaAsync(server, "alarm-show", "a1", "-j");

        Assert.Equal(0, table.ExitCode);
        Assert.Contains("| state_updated_timestamp | 2024-01-02T03:04:05.123Z", table.Stdout);
        Assert.DoesNotContain("+00:00", table.Stdout);
        Assert.Equal(0, json.ExitCode);
        Assert.Contains("\"state_updated_timestamp\": \"2024-01-02T03:04:05.123Z\"", json.Stdout);
        Assert.Contains("\"updated_timestamp\": \"2024-01-02T05:04:05.5+02:00\"", json.Stdout);
        Assert.DoesNotContain("+00:00", json.Stdout);
    }

    [Fact]
    public async Task Alarm_update_json_output_shows_times_with_z()
    {
        await using var server = await FakeServer.StartAsync(_ => new FakeResponse(200, Alarm));

        var result = await CliRunner.MonascaAsync(server, "alarm-update", "a1", "OK", "OPEN", "http://x");

        Assert.Equal(0, result.ExitCode);
        var output = JObject.Parse(result.Stdout);
        Assert.Contains("\"created_timestamp\": \"2024-01-02T03:04:05Z\"", result.Stdout);
        Assert.Equal("a1", (string?)output["id"]);
    }

    [Fact]
    public async Task Alarm_history_list_shows_transition_times_as_sent()
    {
        await using var server = await FakeServer.StartAsync(_ => new FakeResponse(200, """
            {"links": [], "elements": [{"id": "1", "alarm_id": "a1", "new_state": "ALARM", "old_state": "OK", "reason": "r", "reason_data": "{}",
              "metrics": [], "timestamp": "2024-01-02T03:04:05.120Z", "sub_alarms": []}]}
            """));

        var result = await CliRunner.MonascaAsync(server, "alarm-history-list");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("2024-01-02T03:04:05.120Z", result.Stdout);
        Assert.DoesNotContain("+00:00", result.Stdout);
    }

    [Fact]
    public async Task Watcher_keeps_the_offset_form_in_table_and_json()
    {
        await using var server = await FakeServer.StartAsync(_ => new FakeResponse(200,
            """{"uuid": "c262db91-30ca-4207-9cba-6b4ca7a5624a", "name": "a1", "state": "SUCCEEDED", "audit_type": "ONESHOT", "goal_name": "dummy", "strategy_name": null, "created_at": "2024-01-02T03:04:05+00:00"}"""));

        var table = await CliRunner.WatcherAsync(server, "audit", "show", "a1", "-f", "value", "-c", "Created At");
        var json = await CliRunner.WatcherAsync(server, "audit", "show", "a1", "-f", "json", "-c", "Created At");

        Assert.Equal(0, table.ExitCode);
        Assert.Equal("2024-01-02T03:04:05+00:00\n", table.Stdout);
        Assert.Equal(0, json.ExitCode);
        Assert.Contains("2024-01-02T03:04:05+00:00", json.Stdout);
        Assert.DoesNotContain("Z\"", json.Stdout);
    }

    [Fact]
    public void Formatter_date_style_offset_leaves_dates_and_utcz_converts_nested_dates()
    {
        var item = new JObject
        {
            ["at"] = new JValue(new DateTimeOffset(2024, 1, 2, 5, 4, 5, 123, TimeSpan.FromHours(2))),
            ["nested"] = new JArray(new JObject { ["t"] = new JValue(new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.Zero)) }),
            ["text"] = "2024",
        };

        Assert.Same(item, Formatter.WithDates(item, DateStyle.Offset));
        var converted = Formatter.WithDates(item, DateStyle.UtcZ);
        Assert.Equal("2024-01-02T03:04:05.123Z", (string?)converted["at"]);
        Assert.Equal(JTokenType.String, converted["at"]!.Type);
        Assert.Equal("2024-01-02T03:04:05Z", (string?)converted["nested"]![0]!["t"]);
        Assert.Equal(JTokenType.Date, item["at"]!.Type); // the input is not changed
        var single = Formatter.WithDates(new JValue(new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.Zero)), DateStyle.UtcZ);
        Assert.Equal("2024-01-02T03:04:05Z", (string?)single);
    }

    // ---- alarm-definition-update --------------------------------------------------------------------------------

    private const string Definition = """
        {"id": "ad1", "name": "cpu high", "description": "", "expression": "avg(cpu.idle_perc) < 10", "match_by": ["hostname"],
         "severity": "HIGH", "actions_enabled": true, "alarm_actions": ["n1", "n2"], "ok_actions": [], "undetermined_actions": [], "links": []}
        """;

    [Fact]
    public async Task Alarm_definition_update_puts_every_field_and_prints_json()
    {
        await using var server = await FakeServer.StartAsync(_ => new FakeResponse(200, Definition));

        var result = await CliRunner.MonascaAsync(server, "alarm-definition-update", "ad1", "cpu high", "", "avg(cpu.idle_perc) < 10",
            "n1,n2", "", "[]", "true", "hostname", "HIGH");

        Assert.Equal(0, result.ExitCode);
        var request = Assert.Single(server.Requests);
        Assert.Equal("PUT", request.Method);
        Assert.Equal("/v2.0/alarm-definitions/ad1", request.Path);
        var body = JObject.Parse(request.Body);
        Assert.Equal("cpu high", (string?)body["name"]);
        Assert.Equal("", (string?)body["description"]);
        Assert.Equal("avg(cpu.idle_perc) < 10", (string?)body["expression"]);
        Assert.Equal(["n1", "n2"], body["alarm_actions"]!.Select(t => (string)t!).ToArray());
        Assert.Empty((JArray)body["ok_actions"]!);
        Assert.Empty((JArray)body["undetermined_actions"]!);
        Assert.True((bool)body["actions_enabled"]!);
        Assert.Equal(["hostname"], body["match_by"]!.Select(t => (string)t!).ToArray());
        Assert.Equal("HIGH", (string?)body["severity"]);
        var output = JObject.Parse(result.Stdout);
        Assert.Equal("ad1", (string?)output["id"]);
        Assert.StartsWith("{\n  \"id\": \"ad1\",", result.Stdout.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task Alarm_definition_update_false_and_empty_match_by()
    {
        await using var server = await FakeServer.StartAsync(_ => new FakeResponse(200, Definition));

        var result = await CliRunner.MonascaAsync(server, "alarm-definition-update", "ad1", "n", "d", "e", "[]", "ok1", "", "False", "[]", "low");

        Assert.Equal(0, result.ExitCode);
        var body = JObject.Parse(Assert.Single(server.Requests).Body);
        Assert.False((bool)body["actions_enabled"]!);
        Assert.Empty((JArray)body["match_by"]!);
        Assert.Empty((JArray)body["alarm_actions"]!);
        Assert.Equal(["ok1"], body["ok_actions"]!.Select(t => (string)t!).ToArray());
        Assert.Equal("low", (string?)body["severity"]);
    }

    [Theory]
    [InlineData("yes", "HIGH", "ACTIONS_ENABLED")]
    [InlineData("true", "URGENT", "severity")]
    public async Task Alarm_definition_update_rejects_bad_values_before_any_request(string enabled, string severity, string named)
    {
        await using var server = await FakeServer.StartAsync(_ => new FakeResponse(200, Definition));

        var result = await CliRunner.MonascaAsync(server, "alarm-definition-update", "ad1", "n", "d", "e", "", "", "", enabled, "", severity);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(named, result.Stderr);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task Alarm_definition_update_needs_all_ten_arguments()
    {
        await using var server = await FakeServer.StartAsync(_ => new FakeResponse(200, Definition));

        var result = await CliRunner.MonascaAsync(server, "alarm-definition-update", "ad1", "n", "d", "e");

        Assert.Equal(2, result.ExitCode);
        Assert.Empty(server.Requests);
    }
}
