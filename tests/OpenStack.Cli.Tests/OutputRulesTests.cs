using Newtonsoft.Json.Linq;
using OpenStack.Testing;

namespace OpenStack.Cli.Tests;

/// <summary>cliff's output rules, and the server's values carried as sent.</summary>
public sealed class OutputRulesTests
{
    // Values of every kind, as Watcher sends them: a naive time with a trailing microsecond zero, an empty list and dict, nulls.
    private const string Audits = """
        {"audits": [
          {"uuid": "22222222-2222-2222-2222-222222222222", "name": "b", "audit_type": "ONESHOT", "state": "SUCCEEDED", "goal_name": "dummy",
           "strategy_name": null, "auto_trigger": false, "parameters": {}, "scope": [], "interval": null, "created_at": "2024-01-02T03:04:05.120000",
           "updated_at": "2024-01-02T03:04:05+00:00", "deleted_at": null, "next_run_time": null, "hostname": "h", "start_time": null, "end_time": null, "force": false},
          {"uuid": "11111111-1111-1111-1111-111111111111", "name": "a", "audit_type": "ONESHOT", "state": "PENDING", "goal_name": "dummy",
           "strategy_name": "dummy", "auto_trigger": true, "parameters": {"para1": 3.2, "n": 1, "f": 1.0}, "scope": [{"compute": []}], "interval": null,
           "created_at": "2024-01-02T03:04:06.5+00:00", "updated_at": null, "deleted_at": null, "next_run_time": null, "hostname": null,
           "start_time": null, "end_time": null, "force": false}
        ]}
        """;

    private static async Task<CliResult> AuditsAsync(params string[] args)
    {
        await using var server = await FakeServer.StartAsync(_ => new FakeResponse(200, Audits));
        return await CliRunner.WatcherAsync(server, ["audit", "list", .. args]);
    }

    [Fact]
    public async Task Columns_keep_the_commands_order_and_empty_values_print_as_python_does()
    {
        var value = await AuditsAsync("-f", "value", "-c", "Strategy", "-c", "Name", "-c", "UUID");
        var detail = await AuditsAsync("--detail", "-f", "value", "-c", "Parameters", "-c", "Audit Scope", "-c", "Interval", "-c", "Auto Trigger");

        Assert.Equal("22222222-2222-2222-2222-222222222222 b None\n11111111-1111-1111-1111-111111111111 a dummy\n", value.Stdout);
        Assert.Equal("{} None [] False\n{'para1': 3.2, 'n': 1, 'f': 1.0} None [{'compute': []}] True\n", detail.Stdout);
    }

    [Fact]
    public async Task Json_and_yaml_carry_the_servers_values_as_sent()
    {
        var json = await AuditsAsync("--detail", "-f", "json", "-c", "Parameters", "-c", "Created At", "-c", "Strategy");
        var yaml = await AuditsAsync("--detail", "-f", "yaml", "-c", "Parameters", "-c", "Created At", "-c", "Strategy");
        var compact = await AuditsAsync("-f", "json", "--noindent", "-c", "Name");

        Assert.Equal("""
            [
              {
                "Created At": "2024-01-02T03:04:05.120000",
                "Parameters": {},
                "Strategy": null
              },
              {
                "Created At": "2024-01-02T03:04:06.5+00:00",
                "Parameters": {
                  "para1": 3.2,
                  "n": 1,
                  "f": 1.0
                },
                "Strategy": "dummy"
              }
            ]

            """.ReplaceLineEndings("\n"), json.Stdout);
        Assert.Equal("""
            - Created At: '2024-01-02T03:04:05.120000'
              Parameters: {}
              Strategy: null
            - Created At: '2024-01-02T03:04:06.5+00:00'
              Parameters:
                f: 1.0
                n: 1
                para1: 3.2
              Strategy: dummy

            """.ReplaceLineEndings("\n"), yaml.Stdout);
        Assert.Equal("[{\"Name\": \"b\"}, {\"Name\": \"a\"}]\n", compact.Stdout);
    }

    [Fact]
    public async Task Sort_columns_max_width_print_empty_quote_and_shell()
    {
        var sorted = await AuditsAsync("-f", "value", "-c", "Name", "--sort-column", "Name");
        var descending = await AuditsAsync("-f", "value", "-c", "Name", "--sort-column", "Name", "--sort-descending");
        var narrow = await AuditsAsync("-c", "UUID", "-c", "Name", "--max-width", "30");
        var csv = await AuditsAsync("-f", "csv", "-c", "Name", "-c", "Auto Trigger", "--quote", "minimal");
        var nonNumeric = await AuditsAsync("-f", "csv", "-c", "Name", "-c", "Auto Trigger", "-c", "Strategy");
        await using var empty = await FakeServer.StartAsync(_ => new FakeResponse(200, """{"goals": []}"""));
        var printEmpty = await CliRunner.WatcherAsync(empty, "goal", "list", "--print-empty");
        await using var one = await FakeServer.StartAsync(_ => new FakeResponse(200, """{"uuid": "736c9587-5f75-4808-af50-8950237e9a6f", "name": "dummy", "display_name": "Dummy \"goal\"", "efficacy_specification": []}"""));
        var shell = await CliRunner.WatcherAsync(one, "goal", "show", "dummy", "-f", "shell", "--prefix", "g_");

        Assert.Equal("a\nb\n", sorted.Stdout);
        Assert.Equal("b\na\n", descending.Stdout);
        Assert.Equal("""
            +---------------------+------+
            | UUID                | Name |
            +---------------------+------+
            | 22222222-2222-2222- | b    |
            | 2222-222222222222   |      |
            | 11111111-1111-1111- | a    |
            | 1111-111111111111   |      |
            +---------------------+------+

            """.ReplaceLineEndings("\n"), narrow.Stdout);
        Assert.Equal("Name,Auto Trigger\nb,False\na,True\n", csv.Stdout);
        Assert.Equal("\"Name\",\"Strategy\",\"Auto Trigger\"\n\"b\",\"\",False\n\"a\",\"dummy\",True\n", nonNumeric.Stdout);
        Assert.Equal("+------+------+--------------+\n| UUID | Name | Display name |\n+------+------+--------------+\n+------+------+--------------+\n", printEmpty.Stdout);
        Assert.Equal("", shell.Stderr);
        Assert.Equal("g_uuid=\"736c9587-5f75-4808-af50-8950237e9a6f\"\ng_name=\"dummy\"\ng_display_name=\"Dummy \\\"goal\\\"\"\ng_efficacy_specification=\"[]\"\n", shell.Stdout);
    }

    [Fact]
    public async Task Numbers_are_right_aligned_in_tables_as_cliff_does()
    {
        await using var server = await FakeServer.StartAsync(_ => new FakeResponse(200, """{"services": [{"id": 1, "name": "watcher-applier", "host": "h", "status": "ACTIVE"}, {"id": 10, "name": "watcher-api", "host": "h", "status": "ACTIVE"}]}"""));

        var result = await CliRunner.WatcherAsync(server, "service", "list", "-c", "ID", "-c", "Name");

        Assert.Equal("""
            +----+-----------------+
            | ID | Name            |
            +----+-----------------+
            |  1 | watcher-applier |
            | 10 | watcher-api     |
            +----+-----------------+

            """.ReplaceLineEndings("\n"), result.Stdout);
    }

    [Fact]
    public async Task Monasca_json_prints_the_servers_elements_as_they_came()
    {
        const string Alarm = """{"id": "a1", "alarm_definition": {"id": "ad1", "name": "cpu", "severity": "HIGH", "links": []}, "metrics": [{"name": "cpu", "dimensions": {}}], "state": "ALARM", "lifecycle_state": null, "link": null, "state_updated_timestamp": "2024-01-02T03:04:05.000Z", "updated_timestamp": "2024-01-02T03:04:05.000Z", "created_timestamp": "2024-01-02T03:04:05.000Z", "links": []}""";
        await using var server = await FakeServer.StartAsync(req => req.Path switch
        {
            "/v2.0/alarms/count" => new FakeResponse(200, """{"links": [{"rel": "self", "href": "http://x/v2.0/alarms/count"}], "columns": ["count"], "counts": [[3]]}"""),
            _ => new FakeResponse(200, "{\"links\": [], \"elements\": [" + Alarm + "]}"),
        });

        var list = await CliRunner.MonascaAsync(server, "alarm-list", "-j");
        var count = await CliRunner.MonascaAsync(server, "alarm-count", "-j");

        Assert.Equal(0, list.ExitCode);
        var element = Assert.Single(JArray.Parse(list.Stdout));
        Assert.True(JToken.DeepEquals(JObject.Parse(Alarm), element), list.Stdout);
        Assert.Contains("\"lifecycle_state\": null", list.Stdout, StringComparison.Ordinal);
        Assert.Contains("\"2024-01-02T03:04:05.000Z\"", list.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("metric_name", list.Stdout, StringComparison.Ordinal);
        Assert.True(JToken.DeepEquals(JObject.Parse("""{"links": [{"rel": "self", "href": "http://x/v2.0/alarms/count"}], "columns": ["count"], "counts": [[3]]}"""), JObject.Parse(count.Stdout)), count.Stdout);
    }
}

/// <summary>Times typed on the command line mean what they mean in Python, whatever the local time zone.</summary>
public sealed class TypedTimeTests
{
    [Fact]
    public async Task Audit_create_sends_a_time_without_offset_as_utc_whatever_the_local_zone()
    {
        await using var server = await FakeServer.StartAsync(_ => new FakeResponse(201, """{"uuid": "736c9587-5f75-4808-af50-8950237e9a6f", "audit_type": "CONTINUOUS", "state": "PENDING", "start_time": "2024-01-02T03:04:05", "end_time": "2024-01-02T05:04:05+02:00"}"""));

        var result = await CliRunner.WatcherAsync(server, "audit", "create", "-t", "CONTINUOUS", "-i", "60", "-g", "dummy",
            "--start-time", "2024-01-02T03:04:05", "--end-time", "2024-01-02T05:04:05+02:00", "-f", "value", "-c", "Start Time", "-c", "End Time");

        Assert.Equal("", result.Stderr);
        var body = JObject.Parse(Assert.Single(server.Requests).Body);
        Assert.Equal(new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.Zero), body["start_time"]!.ToObject<DateTimeOffset>());
        Assert.Equal(new DateTimeOffset(2024, 1, 2, 5, 4, 5, TimeSpan.FromHours(2)), body["end_time"]!.ToObject<DateTimeOffset>());
        Assert.Equal("2024-01-02T03:04:05\n2024-01-02T05:04:05+02:00\n", result.Stdout);
    }
}

/// <summary>cliff's handling of <c>-c</c> names it does not know.</summary>
public sealed class ColumnNameTests
{
    [Fact]
    public async Task Unknown_columns_are_ignored_unless_none_is_known()
    {
        await using var server = await FakeServer.StartAsync(_ => new FakeResponse(200, """{"services": [{"id": 1, "name": "watcher-applier", "host": "h", "status": "ACTIVE", "last_seen_up": null}]}"""));

        var some = await CliRunner.WatcherAsync(server, "service", "list", "-f", "value", "-c", "UUID", "-c", "Name");
        var none = await CliRunner.WatcherAsync(server, "service", "list", "-f", "value", "-c", "UUID");

        Assert.Equal(new CliResult(0, "watcher-applier\n", ""), some);
        Assert.Equal(1, none.ExitCode);
        Assert.Equal("No recognized column names in ['UUID']. Recognized columns are ['ID', 'Name', 'Host', 'Status'].\n", none.Stderr);
    }
}
