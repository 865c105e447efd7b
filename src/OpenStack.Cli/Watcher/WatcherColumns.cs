namespace OpenStack.Cli.Watcher;

/// <summary>The fields and labels python-watcherclient shows (<c>watcherclient/v1/resource_fields.py</c>).</summary>
internal static class WatcherColumns
{
    private static Column C(string label, string field, Func<JToken?, string>? format = null) => new(label, field, format);

    private static string AutoIfNull(JToken? v) => v is null || v.Type == JTokenType.Null ? "auto" : Formatter.ToText(v);

    private static string Indented(JToken? v) => v is JObject or JArray { Count: > 0 } ? v.ToString(Newtonsoft.Json.Formatting.Indented) : Formatter.ToText(v);

    // Efficacy indicators and global efficacy: one "name: value unit" line per indicator.
    private static string Efficacy(JToken? v)
    {
        if (v is not JArray array)
        {
            return Formatter.ToText(v);
        }
        return string.Join("\n", array.OfType<JObject>().Select(e =>
        {
            var value = e["value"];
            var unit = (string?)e["unit"];
            var text = value is JValue { Type: JTokenType.Float or JTokenType.Integer } number
                ? ((double)number).ToString("0.00", CultureInfo.InvariantCulture) + (string.IsNullOrEmpty(unit) ? "" : " " + unit)
                : Formatter.ToText(value);
            return $"{(string?)e["name"]}: {text}";
        }));
    }

    public static readonly Column[] GoalShort = [C("UUID", "uuid"), C("Name", "name"), C("Display name", "display_name")];
    public static readonly Column[] Goal = [.. GoalShort, C("Efficacy specification", "efficacy_specification", Indented)];

    public static readonly Column[] StrategyShort = [C("UUID", "uuid"), C("Name", "name"), C("Display name", "display_name"), C("Goal", "goal_name")];
    public static readonly Column[] Strategy = [.. StrategyShort, C("Parameters spec", "parameters_spec", Indented)];
    public static readonly Column[] StrategyState = [C("Type", "type"), C("State", "state", Indented), C("Mandatory", "mandatory"), C("Comment", "comment")];

    public static readonly Column[] AuditTemplateShort = [C("UUID", "uuid"), C("Name", "name"), C("Goal", "goal_name"), C("Strategy", "strategy_name", AutoIfNull)];
    public static readonly Column[] AuditTemplate =
    [
        C("UUID", "uuid"), C("Created At", "created_at"), C("Updated At", "updated_at"), C("Deleted At", "deleted_at"),
        C("Description", "description"), C("Name", "name"), C("Goal", "goal_name"), C("Strategy", "strategy_name", AutoIfNull),
        C("Audit Scope", "scope"), C("Default Parameters", "default_parameters"),
    ];

    public static readonly Column[] AuditShort =
    [
        C("UUID", "uuid"), C("Name", "name"), C("Audit Type", "audit_type"), C("State", "state"), C("Goal", "goal_name"),
        C("Strategy", "strategy_name", AutoIfNull), C("Auto Trigger", "auto_trigger"),
    ];
    public static readonly Column[] Audit =
    [
        C("UUID", "uuid"), C("Name", "name"), C("Created At", "created_at"), C("Updated At", "updated_at"), C("Deleted At", "deleted_at"),
        C("State", "state"), C("Audit Type", "audit_type"), C("Parameters", "parameters"), C("Interval", "interval"),
        C("Goal", "goal_name"), C("Strategy", "strategy_name", AutoIfNull), C("Audit Scope", "scope"), C("Auto Trigger", "auto_trigger"),
        C("Next Run Time", "next_run_time"), C("Hostname", "hostname"), C("Start Time", "start_time"), C("End Time", "end_time"),
        C("Force", "force"), C("Status Message", "status_message"),
    ];

    public static readonly Column[] ActionPlanShort =
    [
        C("UUID", "uuid"), C("Audit", "audit_uuid"), C("State", "state"), C("Updated At", "updated_at"), C("Global efficacy", "global_efficacy", Efficacy),
    ];
    public static readonly Column[] ActionPlan =
    [
        C("UUID", "uuid"), C("Created At", "created_at"), C("Updated At", "updated_at"), C("Deleted At", "deleted_at"),
        C("Audit", "audit_uuid"), C("Strategy", "strategy_name"), C("State", "state"), C("Efficacy indicators", "efficacy_indicators", Efficacy),
        C("Global efficacy", "global_efficacy", Efficacy), C("Hostname", "hostname"), C("Status Message", "status_message"),
    ];

    public static readonly Column[] ActionShort = [C("UUID", "uuid"), C("Parents", "parents"), C("State", "state"), C("Action Plan", "action_plan_uuid"), C("Action", "action_type")];
    public static readonly Column[] Action =
    [
        C("UUID", "uuid"), C("Created At", "created_at"), C("Updated At", "updated_at"), C("Deleted At", "deleted_at"),
        C("Parents", "parents"), C("State", "state"), C("Action Plan", "action_plan_uuid"), C("Action", "action_type"),
        C("Parameters", "input_parameters"), C("Description", "description"), C("Status Message", "status_message"),
    ];

    public static readonly Column[] ScoringEngineShort = [C("UUID", "uuid"), C("Name", "name"), C("Description", "description")];
    public static readonly Column[] ScoringEngine = [.. ScoringEngineShort, C("Metainfo", "metainfo")];

    public static readonly Column[] ServiceShort = [C("ID", "id"), C("Name", "name"), C("Host", "host"), C("Status", "status")];
    public static readonly Column[] Service = [.. ServiceShort, C("Last seen up", "last_seen_up")];

    // python-watcherclient's COMPUTE_MODEL_(SHORT_)LIST_FIELDS; the detail list really labels the first column "Server_UUID".
    public static readonly Column[] DataModelShort =
    [
        C("Server UUID", "server_uuid"), C("Server Name", "server_name"), C("Server State", "server_state"),
        C("Node UUID", "node_uuid"), C("Node Host Name", "node_hostname"),
    ];
    public static readonly Column[] DataModel =
    [
        C("Server_UUID", "server_uuid"), C("Server Name", "server_name"), C("Server Vcpus", "server_vcpus"),
        C("Server Memory", "server_memory"), C("Server Disk", "server_disk"), C("Server State", "server_state"),
        C("Node UUID", "node_uuid"), C("Node Host Name", "node_hostname"), C("Node Vcpus", "node_vcpus"),
        C("Node Vcpu Ratio", "node_vcpu_ratio"), C("Node Memory", "node_memory"), C("Node Memory Ratio", "node_memory_ratio"),
        C("Node Disk", "node_disk"), C("Node Disk Ratio", "node_disk_ratio"), C("Node State", "node_state"),
    ];

    /// <summary>Drops the columns the microversion in use does not have (start/end time below 1.1, force below 1.2, status message below 1.5).</summary>
    public static IReadOnlyList<Column> ForVersion(IReadOnlyList<Column> columns, OpenStack.Watcher.WatcherApiVersion? version)
    {
        if (version is not { } v)
        {
            return columns;
        }
        return columns.Where(c => c.Field switch
        {
            "start_time" or "end_time" => v >= new OpenStack.Watcher.WatcherApiVersion(1, 1),
            "force" => v >= new OpenStack.Watcher.WatcherApiVersion(1, 2),
            "status_message" => v >= new OpenStack.Watcher.WatcherApiVersion(1, 5),
            "default_parameters" => v >= new OpenStack.Watcher.WatcherApiVersion(1, 7),
            _ => true,
        }).ToList();
    }
}
