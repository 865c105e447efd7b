using System.Globalization;
using System.Text;
using OpenStack.Monasca;

namespace OpenStack.Benchmarks;

/// <summary>
/// Realistic, deterministic bodies of the sizes the benchmark cases use, shaped as the real servers send them
/// (Monasca with InfluxDB: 3 fractional digits and Z; Watcher 9.0.0 at microversion 1.0).
/// </summary>
internal static class Bodies
{
    public const string ActionPlanId = "4d1f3c2e-8b9a-4f6e-9c1d-2a3b4c5d6e7f";

    /// <param name="rows">Rows in the body.</param>
    /// <param name="first">The index of the first row (pages of a stream).</param>
    /// <param name="next">Whether the body carries a next link.</param>
    /// <param name="rich">Another realistic shape: eight dimensions and a three-key value_meta on every row (a
    /// libvirt/ceilometer-style agent), instead of two dimensions and value_meta on one row in ten.</param>
    public static string Measurements(int rows, long first = 0, bool next = false, bool rich = false)
    {
        var sb = new StringBuilder(rows * 48 + 400);
        sb.Append("""{"links": [{"rel": "self", "href": "http://127.0.0.1/v2.0/metrics/measurements"}""");
        if (next)
        {
            // The server's own next link: offset <id>_<timestamp of the last row>.
            var last = MeasurementStart.AddSeconds((first + rows - 1) * 30).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
            sb.Append(""", {"rel": "next", "href": "http://127.0.0.1/v2.0/metrics/measurements?offset=0_""").Append(last).Append("\"}");
        }
        sb.Append(rich
            ? """], "elements": [{"id": "0", "name": "vm.cpu.utilization_perc", "dimensions": {"hostname": "compute17.rack12.dc1.example.org", "service": "compute", "component": "vm", "resource_id": "9b2f6c1e-3d4a-4e5f-8a7b-1c2d3e4f5a6b", "tenant_id": "4a1b2c3d4e5f46a7b8c9d0e1f2a3b4c5", "zone": "nova", "cluster": "prod-east", "device": "vda"}, "columns": ["timestamp", "value", "value_meta"], "measurements": ["""
            : """], "elements": [{"id": "0", "name": "cpu.idle_perc", "dimensions": {"hostname": "compute1", "service": "monitoring"}, "columns": ["timestamp", "value", "value_meta"], "measurements": [""");
        var start = new DateTime(2024, 1, 2, 0, 0, 0, DateTimeKind.Utc);
        for (var i = first; i < first + rows; i++)
        {
            if (i > first)
            {
                sb.Append(", ");
            }
            var ts = start.AddSeconds(i * 30).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
            var value = (50 + (i * 7919 % 5000) / 100.0).ToString("0.0##", CultureInfo.InvariantCulture);
            sb.Append("[\"").Append(ts).Append("\", ").Append(value).Append(", ");
            sb.Append(rich
                ? $$"""{"unit": "percent", "source": "libvirt-agent-{{i % 7}}", "audit_period": "{{i % 60}}s"}"""
                : i % 10 == 0 ? """{"source": "agent"}""" : "{}").Append(']');
        }
        sb.Append("]}]}");
        return sb.ToString();
    }

    /// <summary>The create case's metrics, as the library and the raw baseline send them (the same values).</summary>
    public static (List<MetricCreate> Ours, List<RawMetric> Raw) Metrics(int count)
    {
        var metrics = Enumerable.Range(0, count).Select(i => new MetricCreate
        {
            Name = "app.requests", Dimensions = new Dictionary<string, string> { ["hostname"] = "web" + (i % 10), ["service"] = "shop" },
            Timestamp = 1704153600000 + i * 1000L, Value = i * 0.5, ValueMeta = i % 10 == 0 ? new Dictionary<string, string> { ["unit"] = "ms" } : null,
        }).ToList();
        var raw = metrics.Select(m => new RawMetric
        {
            Name = m.Name, Dimensions = new Dictionary<string, string>(m.Dimensions!), Timestamp = m.Timestamp, Value = m.Value,
            ValueMeta = m.ValueMeta is null ? null : new Dictionary<string, string>(m.ValueMeta),
        }).ToList();
        return (metrics, raw);
    }

    public static readonly DateTime MeasurementStart = new(2024, 1, 2, 0, 0, 0, DateTimeKind.Utc);

    public static string Statistics(int rows)
    {
        var sb = new StringBuilder(rows * 80 + 400);
        sb.Append("""{"links": [{"rel": "self", "href": "http://127.0.0.1/v2.0/metrics/statistics"}], "elements": [{"id": "0", "name": "cpu.idle_perc", "dimensions": {"hostname": "compute1"}, "columns": ["timestamp", "avg", "min", "max", "count", "sum"], "statistics": [""");
        var start = new DateTime(2024, 1, 2, 0, 0, 0, DateTimeKind.Utc);
        for (var i = 0; i < rows; i++)
        {
            if (i > 0)
            {
                sb.Append(", ");
            }
            var avg = 50 + (i * 7919 % 5000) / 100.0;
            sb.Append(CultureInfo.InvariantCulture, $"[\"{start.AddMinutes(i * 5):yyyy-MM-dd'T'HH:mm:ss'Z'}\", {avg:0.0##}, {avg - 10:0.0##}, {avg + 10:0.0##}, 10, {avg * 10:0.0##}]");
        }
        sb.Append("]}]}");
        return sb.ToString();
    }

    public static string Alarms(int count)
    {
        var sb = new StringBuilder(count * 900);
        sb.Append("""{"links": [{"rel": "self", "href": "http://127.0.0.1/v2.0/alarms"}], "elements": [""");
        for (var i = 0; i < count; i++)
        {
            if (i > 0)
            {
                sb.Append(", ");
            }
            var id = Guid(i, 0xa1);
            var def = Guid(i % 7, 0xd1);
            var state = (i % 3) switch { 0 => "ALARM", 1 => "OK", _ => "UNDETERMINED" };
            sb.Append(CultureInfo.InvariantCulture, $$$"""
                {"id": "{{{id}}}", "links": [{"rel": "self", "href": "http://127.0.0.1:8070/v2.0/alarms/{{{id}}}"}], "alarm_definition": {"id": "{{{def}}}", "name": "high cpu {{{i % 7}}}", "severity": "HIGH", "links": [{"rel": "self", "href": "http://127.0.0.1:8070/v2.0/alarm-definitions/{{{def}}}"}]}, "metrics": [{"name": "cpu.idle_perc", "dimensions": {"hostname": "compute{{{i}}}", "service": "monitoring", "component": "vm"}}], "state": "{{{state}}}", "lifecycle_state": null, "link": null, "state_updated_timestamp": "2024-01-02T03:04:{{{i % 60:00}}}.000Z", "updated_timestamp": "2024-01-02T03:04:{{{i % 60:00}}}.000Z", "created_timestamp": "2024-01-01T00:00:00.000Z"}
                """);
        }
        sb.Append("]}");
        return sb.ToString();
    }

    public static string Audits(int count)
    {
        var sb = new StringBuilder(count * 800);
        sb.Append("""{"audits": [""");
        for (var i = 0; i < count; i++)
        {
            if (i > 0)
            {
                sb.Append(", ");
            }
            var id = Guid(i, 0xa0);
            var state = (i % 4) switch { 0 => "SUCCEEDED", 1 => "FAILED", 2 => "ONGOING", _ => "CANCELLED" };
            sb.Append(CultureInfo.InvariantCulture, $$"""
                {"uuid": "{{id}}", "name": "audit-{{i:000000}}", "audit_type": "ONESHOT", "state": "{{state}}", "goal_uuid": "7020fbe1-9c9d-4434-9805-6a347522b32c", "goal_name": "dummy", "strategy_uuid": "f759774f-2f29-40f9-b69d-5c0eebad9a67", "strategy_name": "dummy", "parameters": {"para1": 3.2, "para2": "hello"}, "links": [{"href": "http://127.0.0.1:9322/v1/audits/{{id}}", "rel": "self"}, {"href": "http://127.0.0.1:9322/audits/{{id}}", "rel": "bookmark"}], "interval": null, "scope": [], "auto_trigger": false, "next_run_time": null, "hostname": "localhost", "force": false, "created_at": "2026-11-24T00:05:03.720137+00:00", "deleted_at": null, "updated_at": "2026-11-24T00:05:13.897567+00:00"}
                """);
        }
        sb.Append("]}");
        return sb.ToString();
    }

    public static string ActionPlan() => $$"""
        {"uuid": "{{ActionPlanId}}", "audit_uuid": "bf5973bf-8872-40f4-9950-1482006ee328", "strategy_uuid": "f759774f-2f29-40f9-b69d-5c0eebad9a67", "strategy_name": "dummy", "state": "RECOMMENDED", "efficacy_indicators": [{"name": "released_compute_nodes_count", "description": "The number of compute nodes to be released.", "unit": null, "value": 2}, {"name": "instance_migrations_count", "description": "The number of VM migrations to be performed.", "unit": null, "value": 3}], "global_efficacy": [{"name": "released_nodes_ratio", "description": "Ratio of released compute nodes divided by the total number of enabled compute nodes.", "unit": "%", "value": 50.0}], "hostname": "localhost", "links": [{"href": "http://127.0.0.1:9322/v1/action_plans/{{ActionPlanId}}", "rel": "self"}, {"href": "http://127.0.0.1:9322/action_plans/{{ActionPlanId}}", "rel": "bookmark"}], "created_at": "2026-11-24T00:05:13.720137+00:00", "updated_at": "2026-11-24T00:05:14.897567+00:00", "deleted_at": null}
        """;

    public static string Goals()
    {
        string[] names = ["airflow_optimization", "cluster_maintaining", "dummy", "hardware_maintenance", "noisy_neighbor", "saving_energy", "server_consolidation", "thermal_optimization", "unclassified", "workload_balancing"];
        var sb = new StringBuilder("""{"goals": [""");
        for (var i = 0; i < names.Length; i++)
        {
            var id = Guid(i, 0x90);
            var display = CultureInfo.InvariantCulture.TextInfo.ToTitleCase(names[i].Replace('_', ' '));
            sb.Append(i > 0 ? ", " : "").Append(CultureInfo.InvariantCulture, $$"""
                {"uuid": "{{id}}", "name": "{{names[i]}}", "display_name": "{{display}}", "efficacy_specification": [{"name": "indicator", "description": "An indicator.", "unit": null, "schema": "Range(min=0, max=None, min_included=True, max_included=True, msg=None)"}], "links": [{"href": "http://127.0.0.1:9322/v1/goals/{{id}}", "rel": "self"}, {"href": "http://127.0.0.1:9322/goals/{{id}}", "rel": "bookmark"}]}
                """);
        }
        return sb.Append("]}").ToString();
    }

    public const string WatcherRoot = """{"name": "OpenStack Watcher API", "description": "Watcher is an OpenStack project which aims to improve physical resources usage through better VM placement.", "versions": [{"id": "v1", "status": "CURRENT", "max_version": "1.4", "min_version": "1.0", "links": [{"href": "http://127.0.0.1:9322/v1/", "rel": "self"}]}], "default_version": {"id": "v1", "status": "CURRENT", "max_version": "1.4", "min_version": "1.0", "links": [{"href": "http://127.0.0.1:9322/v1/", "rel": "self"}]}}""";

    private static string Guid(int i, int kind) => $"{kind:x2}{i:x6}-1da9-4022-9c64-2941335b6c62";
}
