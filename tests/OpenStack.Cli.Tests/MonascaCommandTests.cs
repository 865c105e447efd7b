using Newtonsoft.Json.Linq;
using OpenStack.Testing;

namespace OpenStack.Cli.Tests;

public sealed class MonascaCommandTests
{
    [Fact]
    public async Task Metric_list_converts_dimensions_and_prints_name_and_dimensions()
    {
        await using var server = await FakeServer.StartAsync(_ => new FakeResponse(200, """
            {"links": [], "elements": [{"id": "0", "name": "cpu.idle_perc", "dimensions": {"hostname": "devstack", "service": "monitoring"}}]}
            """));

        var result = await CliRunner.MonascaAsync(server, "metric-list", "--name", "cpu.idle_perc", "--dimensions", "hostname=devstack,service", "--limit", "5");

        Assert.Equal(0, result.ExitCode);
        var request = Assert.Single(server.Requests);
        Assert.Equal("/v2.0/metrics", request.Path);
        Assert.Equal(CliRunner.Token, request.Header("X-Auth-Token"));
        var query = System.Web.HttpUtility.ParseQueryString(request.QueryString);
        Assert.Equal("cpu.idle_perc", query["name"]);
        Assert.Equal("hostname:devstack,service", query["dimensions"]);
        Assert.Equal("5", query["limit"]);
        Assert.Equal("""
            +---------------+---------------------+
            | name          | dimensions          |
            +---------------+---------------------+
            | cpu.idle_perc | hostname: devstack  |
            |               | service: monitoring |
            +---------------+---------------------+

            """.ReplaceLineEndings("\n"), result.Stdout);
    }

    [Fact]
    public async Task Json_flag_prints_the_raw_elements()
    {
        await using var server = await FakeServer.StartAsync(_ => new FakeResponse(200, """
            {"links": [], "elements": [{"id": "0", "name": "cpu.idle_perc", "dimensions": {"hostname": "devstack"}}]}
            """));

        var result = await CliRunner.MonascaAsync(server, "metric-list", "-j");

        Assert.Equal(0, result.ExitCode);
        var array = JArray.Parse(result.Stdout);
        Assert.Equal("cpu.idle_perc", (string?)array[0]["name"]);
        Assert.Equal("devstack", (string?)array[0]["dimensions"]!["hostname"]);
    }

    [Fact]
    public async Task Limit_zero_walks_every_page()
    {
        await using var server = await FakeServer.StartAsync(req => req.QueryString.Contains("offset=", StringComparison.Ordinal)
            ? new FakeResponse(200, """{"links": [], "elements": [{"name": "b"}]}""")
            : new FakeResponse(200, """{"links": [{"rel": "next", "href": "http://x/v2.0/metrics/names?offset=a"}], "elements": [{"name": "a"}]}"""));

        var result = await CliRunner.MonascaAsync(server, "metric-name-list", "--limit", "0", "-j");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(["a", "b"], JArray.Parse(result.Stdout).Select(t => (string)t["name"]!).ToArray());
        Assert.True(server.Requests.Count >= 2);
    }

    [Fact]
    public async Task Metric_create_posts_one_metric_with_dimensions_and_value_meta()
    {
        await using var server = await FakeServer.StartAsync(_ => new FakeResponse(204));

        var result = await CliRunner.MonascaAsync(server, "metric-create", "cpu.idle_perc", "97.5", "--dimensions", "hostname=h1,service=s",
            "--value-meta", "rc=0", "--time", "1700000000000", "--project-id", "p2");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("Successfully created metric\n", result.Stdout);
        var request = Assert.Single(server.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Contains("tenant_id=p2", request.QueryString);
        var body = JToken.Parse(request.Body);
        var metric = body is JArray a ? (JObject)a[0] : (JObject)body;
        Assert.Equal("cpu.idle_perc", (string?)metric["name"]);
        Assert.Equal(97.5, (double)metric["value"]!);
        Assert.Equal(1700000000000, (long)metric["timestamp"]!);
        Assert.Equal("h1", (string?)metric["dimensions"]!["hostname"]);
        Assert.Equal("0", (string?)metric["value_meta"]!["rc"]);
    }

    [Fact]
    public async Task Measurement_list_prints_one_line_per_measurement_in_each_cell()
    {
        await using var server = await FakeServer.StartAsync(_ => new FakeResponse(200, """
            {"links": [], "elements": [{"id": "0", "name": "cpu.idle_perc", "dimensions": {"hostname": "h1"},
              "columns": ["timestamp", "value", "value_meta"],
              "measurements": [["2024-01-02T03:04:05.000Z", 97.5, {}], ["2024-01-02T03:05:05.000Z", 12, {"rc": "0"}]]}]}
            """));

        var result = await CliRunner.MonascaAsync(server, "measurement-list", "cpu.idle_perc", "2024-01-02T00:00:00Z", "--merge_metrics", "--group_by", "hostname");

        Assert.Equal(0, result.ExitCode);
        var query = System.Web.HttpUtility.ParseQueryString(Assert.Single(server.Requests).QueryString);
        Assert.Equal("cpu.idle_perc", query["name"]);
        Assert.StartsWith("2024-01-02T00:00:00", query["start_time"]);
        Assert.Equal("hostname", query["group_by"]);
        Assert.Contains("| cpu.idle_perc | hostname: h1 | 2024-01-02T03:04:05.000Z |       97.500 |            |", result.Stdout);
        Assert.Contains("|               |              | 2024-01-02T03:05:05.000Z |       12.000 | rc: 0      |", result.Stdout);
    }

    [Fact]
    public async Task Metric_statistics_checks_the_statistics_before_calling_the_api()
    {
        await using var server = await FakeServer.StartAsync();

        var result = await CliRunner.MonascaAsync(server, "metric-statistics", "cpu.idle_perc", "avg,median", "-60");

        Assert.Equal(new CliResult(1, "", "Invalid type, not one of [AVG, MIN, MAX, COUNT, SUM]\n"), result);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task Notification_create_leaves_out_a_zero_period_and_prints_json()
    {
        await using var server = await FakeServer.StartAsync(_ => new FakeResponse(201,
            """{"id": "35cc6f1c-3a29-49fb-a6fc-d9d97d190508", "name": "ops", "type": "EMAIL", "address": "ops@example.org", "period": 0, "links": []}"""));

        var result = await CliRunner.MonascaAsync(server, "notification-create", "ops", "EMAIL", "ops@example.org", "--period", "0");

        Assert.Equal(0, result.ExitCode);
        var body = JObject.Parse(Assert.Single(server.Requests).Body);
        Assert.Equal("ops", (string?)body["name"]);
        Assert.Null(body["period"]);
        Assert.Equal("35cc6f1c-3a29-49fb-a6fc-d9d97d190508", (string?)JObject.Parse(result.Stdout)["id"]);
    }

    [Fact]
    public async Task Alarm_definition_create_sends_lists_and_severity()
    {
        await using var server = await FakeServer.StartAsync(_ => new FakeResponse(201,
            """{"id": "ad1", "name": "cpu", "expression": "avg(cpu.idle_perc) < 10", "match_by": ["hostname"], "severity": "HIGH", "actions_enabled": true}"""));

        var result = await CliRunner.MonascaAsync(server, "alarm-definition-create", "cpu", "avg(cpu.idle_perc) < 10", "--severity", "HIGH",
            "--match-by", "hostname", "--alarm-actions", "n1", "--alarm-actions", "n2");

        Assert.Equal(0, result.ExitCode);
        var body = JObject.Parse(Assert.Single(server.Requests).Body);
        Assert.Equal("avg(cpu.idle_perc) < 10", (string?)body["expression"]);
        Assert.Equal(["hostname"], body["match_by"]!.Select(t => (string)t!).ToArray());
        Assert.Equal(["n1", "n2"], body["alarm_actions"]!.Select(t => (string)t!).ToArray());
    }

    [Fact]
    public async Task Invalid_severity_is_rejected_before_the_request()
    {
        await using var server = await FakeServer.StartAsync();

        var result = await CliRunner.MonascaAsync(server, "alarm-list", "--severity", "URGENT");

        Assert.Equal(new CliResult(1, "", "Invalid severity, not one of [LOW, MEDIUM, HIGH, CRITICAL]\n"), result);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task Alarm_list_shows_definition_and_metric_columns()
    {
        await using var server = await FakeServer.StartAsync(_ => new FakeResponse(200, """
            {"links": [], "elements": [{"id": "a1", "alarm_definition": {"id": "ad1", "name": "cpu", "severity": "HIGH", "links": []},
              "metrics": [{"name": "cpu.idle_perc", "dimensions": {"hostname": "h1"}}], "state": "ALARM", "lifecycle_state": null, "link": null,
              "state_updated_timestamp": "2024-01-02T03:04:05.000Z", "updated_timestamp": "2024-01-02T03:04:05.000Z", "created_timestamp": "2024-01-02T03:04:05.000Z", "links": []}]}
            """));

        var result = await CliRunner.MonascaAsync(server, "alarm-list", "--state", "ALARM", "--metric-dimensions", "hostname=h1");

        Assert.Equal(0, result.ExitCode);
        var query = System.Web.HttpUtility.ParseQueryString(Assert.Single(server.Requests).QueryString);
        Assert.Equal("ALARM", query["state"]);
        Assert.Equal("hostname:h1", query["metric_dimensions"]);
        Assert.Contains("| a1 | ad1                 | cpu                   | cpu.idle_perc | hostname: h1      | HIGH     | ALARM |", result.Stdout);
    }

    [Fact]
    public async Task Delete_prints_the_python_message()
    {
        await using var server = await FakeServer.StartAsync(_ => new FakeResponse(204));

        var result = await CliRunner.MonascaAsync(server, "notification-delete", "n1");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("Successfully deleted notification\n", result.Stdout);
        Assert.Equal("DELETE /v2.0/notification-methods/n1", server.Requests[0].Method + " " + server.Requests[0].Path);
    }

    [Fact]
    public async Task Show_prints_a_property_value_table_sorted_with_pythons_formatters()
    {
        await using var server = await FakeServer.StartAsync(_ => new FakeResponse(200,
            """{"id": "n1", "name": "ops", "type": "EMAIL", "address": "ops@example.org", "period": 0, "links": []}"""));

        var result = await CliRunner.MonascaAsync(server, "notification-show", "n1");

        Assert.Equal(0, result.ExitCode);
        // python-monascaclient: rows sorted by property, these fields as JSON, links one line each.
        Assert.Equal("""
            +----------+-------------------+
            | Property | Value             |
            +----------+-------------------+
            | address  | "ops@example.org" |
            | id       | "n1"              |
            | links    |                   |
            | name     | "ops"             |
            | period   | 0                 |
            | type     | "EMAIL"           |
            +----------+-------------------+

            """.ReplaceLineEndings("\n"), result.Stdout);
    }

    [Fact]
    public async Task Api_error_exits_1_with_the_server_title_and_description()
    {
        await using var server = await FakeServer.StartAsync(_ => new FakeResponse(422,
            """{"title": "Unprocessable Entity", "description": "Dimension value hostname may not be empty"}"""));

        var result = await CliRunner.MonascaAsync(server, "metric-list");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Dimension value hostname may not be empty", result.Stderr);
        Assert.DoesNotContain(CliRunner.Token, result.Stderr);
        Assert.DoesNotContain("   at ", result.Stderr);
    }

    [Fact]
    public async Task Relative_start_time_is_minutes_before_now_without_fraction()
    {
        await using var server = await FakeServer.StartAsync(_ => new FakeResponse(200, """{"links": [], "elements": []}"""));

        var result = await CliRunner.MonascaAsync(server, "metric-statistics", "cpu.idle_perc", "avg,MAX", "-120", "--period", "60");

        Assert.Equal(0, result.ExitCode);
        var query = System.Web.HttpUtility.ParseQueryString(Assert.Single(server.Requests).QueryString);
        Assert.Equal("avg,max", query["statistics"]);
        Assert.Equal("60", query["period"]);
        var start = DateTimeOffset.Parse(query["start_time"]!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(DateTimeOffset.UtcNow - start, TimeSpan.FromMinutes(119), TimeSpan.FromMinutes(121));
        Assert.Equal(0, start.Millisecond);
    }

    [Fact]
    public async Task Notification_patch_sends_only_the_given_fields_and_a_zero_period()
    {
        await using var server = await FakeServer.StartAsync(_ => new FakeResponse(200, """{"id": "n1", "name": "ops", "type": "EMAIL", "address": "ops@example.org", "period": 0}"""));

        var result = await CliRunner.MonascaAsync(server, "notification-patch", "n1", "--period", "0");

        Assert.Equal(0, result.ExitCode);
        var request = Assert.Single(server.Requests);
        Assert.Equal("PATCH", request.Method);
        var body = JObject.Parse(request.Body);
        Assert.Equal(0, (int)body["period"]!);
        Assert.Null(body["name"]);
    }

    [Fact]
    public async Task Metric_create_raw_posts_the_given_body()
    {
        await using var server = await FakeServer.StartAsync(_ => new FakeResponse(204));

        var result = await CliRunner.MonascaAsync(server, "metric-create-raw", """{"name": "m1", "value": 1.5, "timestamp": 1700000000000}""");

        Assert.Equal(0, result.ExitCode);
        var body = JArray.Parse(Assert.Single(server.Requests).Body);
        Assert.Equal("m1", (string?)body[0]["name"]);
    }

    [Fact]
    public async Task Alarm_count_prints_the_server_columns()
    {
        await using var server = await FakeServer.StartAsync(_ => new FakeResponse(200,
            """{"links": [], "columns": ["count", "state"], "counts": [[2, "ALARM"], [5, "OK"]]}"""));

        var result = await CliRunner.MonascaAsync(server, "alarm-count", "--group-by", "state");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("group_by=state", Assert.Single(server.Requests).QueryString);
        Assert.Equal("""
            +-------+-------+
            | count | state |
            +-------+-------+
            | 2     | ALARM |
            | 5     | OK    |
            +-------+-------+

            """.ReplaceLineEndings("\n"), result.Stdout);
    }

    [Fact]
    public async Task Alarm_count_with_limit_0_walks_every_page_of_groups()
    {
        await using var server = await FakeServer.StartAsync(r => new FakeResponse(200, r.QueryString.Contains("offset=2", StringComparison.Ordinal)
            ? """{"links": [], "columns": ["count", "state"], "counts": [[1, "UNDETERMINED"]]}"""
            : """{"links": [{"rel": "next", "href": "http://elsewhere/v2.0/alarms/count?offset=2"}], "columns": ["count", "state"], "counts": [[2, "ALARM"], [5, "OK"]]}"""));

        var result = await CliRunner.MonascaAsync(server, "alarm-count", "--group-by", "state", "--limit", "0");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(2, server.Requests.Count);
        Assert.Contains("group_by=state&offset=2", server.Requests[1].QueryString, StringComparison.Ordinal);
        Assert.Equal("""
            +-------+--------------+
            | count | state        |
            +-------+--------------+
            | 2     | ALARM        |
            | 5     | OK           |
            | 1     | UNDETERMINED |
            +-------+--------------+

            """.ReplaceLineEndings("\n"), result.Stdout);
    }
}
