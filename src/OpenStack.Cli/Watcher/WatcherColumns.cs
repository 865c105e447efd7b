namespace OpenStack.Cli.Watcher;

/// <summary>The fields and labels python-watcherclient shows (<c>watcherclient/v1/resource_fields.py</c>).</summary>
internal static class WatcherColumns
{
    private static Column C(string label, string field, Func<JToken?, string>? format = null) => new(label, field, format);

    // The data model's rows are dicts: python-watcherclient reads them with dict.get (None when missing).
    private static Column D(string label, string field) => new(label, field, MissingIsNone: true);


    private static string Capitalize(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..].ToLowerInvariant();

    private static JObject Fields(JToken spec, params string[] fields) =>
        new(fields.Select(f => new JProperty(Capitalize(f), spec is JObject o && o.TryGetValue(f, out var v) ? v : null)));

    // goal list --detail (table): the indicator specs as a Name/Unit table (cliff's table formatter, then a new line).
    private static string SpecTable(JToken? v) => v is JArray specs
        ? (specs.Count == 0 ? "" : TableWriter.Render(["Name", "Unit"], [.. specs.Select(s => (IReadOnlyList<string>)[Python.Str(s["name"]), Python.Str(s["unit"])])]).TrimEnd('\n')) + "\n"
        : Formatter.ToText(v);

    // goal show (table): one Field/Value table per indicator spec.
    private static string SpecTables(JToken? v) => v is JArray specs
        ? string.Concat(specs.OfType<JObject>().Select(s => TableWriter.Render(["Field", "Value"],
            [.. s.Properties().Select(p => (IReadOnlyList<string>)[Capitalize(p.Name), Python.Str(p.Value)])]).TrimEnd('\n') + "\n"))
        : Formatter.ToText(v);

    // action plan (table): the efficacy indicators as YAML (cliff's YAML formatter, a list of Name/Description/Value/Unit).
    private static string Indicators(JToken? v) => v is JArray list
        ? Python.YamlDump(new JArray(list.Select(e => Fields(e, "name", "description", "value", "unit"))))
        : Formatter.ToText(v);

    // action plan (table): the global efficacy as YAML, one document per indicator, "%.2f unit" when it has a unit.
    private static string GlobalEfficacy(JToken? v) => v is JArray list
        ? string.Concat(list.OfType<JObject>().Where(e => e["value"] is { Type: not JTokenType.Null }).Select(e => Python.YamlDump(new JObject(
            new JProperty(Capitalize((string?)e["name"] ?? "None"), e["unit"] is JValue { Type: JTokenType.String } unit && ((string?)unit)!.Length > 0
                ? new JValue(((double)e["value"]!).ToString("0.00", CultureInfo.InvariantCulture) + " " + (string?)unit)
                : e["value"])))))
        : Formatter.ToText(v);

    /// <summary>strategy show (every format): the parameters spec's properties as indented JSON text, or <c>{}</c>.</summary>
    public static JToken? ParametersSpec(JToken? v) =>
        v?["properties"] is JObject { Count: > 0 } p ? new JValue(Python.JsonDumps(p, 2)) : new JObject();

    /// <summary>strategy state (every format): a list state as indented JSON text.</summary>
    public static JToken? StateList(JToken? v) => v is JArray a ? new JValue(Python.JsonDumps(a, 2)) : v;

    public static readonly Column[] GoalShort = [C("UUID", "uuid"), C("Name", "name"), C("Display name", "display_name")];
    public static readonly Column[] Goal = [.. GoalShort, C("Efficacy specification", "efficacy_specification", SpecTable)];

    /// <summary>goal show: the specs as one table each.</summary>
    public static readonly Column[] GoalShow = [.. GoalShort, C("Efficacy specification", "efficacy_specification", SpecTables)];

    public static readonly Column[] StrategyShort = [C("UUID", "uuid"), C("Name", "name"), C("Display name", "display_name"), C("Goal", "goal_name")];
    public static readonly Column[] Strategy = [.. StrategyShort, C("Parameters spec", "parameters_spec")];
    public static readonly Column[] StrategyState = [C("Type", "type"), new("State", "state") { Transform = StateList }, C("Mandatory", "mandatory"), C("Comment", "comment")];

    public static readonly Column[] AuditTemplateShort = [C("UUID", "uuid"), C("Name", "name"), C("Goal", "goal_name"), C("Strategy", "strategy_name")];
    public static readonly Column[] AuditTemplate =
    [
        C("UUID", "uuid"), C("Created At", "created_at"), C("Updated At", "updated_at"), C("Deleted At", "deleted_at"),
        C("Description", "description"), C("Name", "name"), C("Goal", "goal_name"), C("Strategy", "strategy_name"),
        C("Audit Scope", "scope"), C("Default Parameters", "default_parameters"),
    ];

    public static readonly Column[] AuditShort =
    [
        C("UUID", "uuid"), C("Name", "name"), C("Audit Type", "audit_type"), C("State", "state"), C("Goal", "goal_name"),
        C("Strategy", "strategy_name"), C("Auto Trigger", "auto_trigger"),
    ];
    public static readonly Column[] Audit =
    [
        C("UUID", "uuid"), C("Name", "name"), C("Created At", "created_at"), C("Updated At", "updated_at"), C("Deleted At", "deleted_at"),
        C("State", "state"), C("Audit Type", "audit_type"), C("Parameters", "parameters"), C("Interval", "interval"),
        C("Goal", "goal_name"), C("Strategy", "strategy_name"), C("Audit Scope", "scope"), C("Auto Trigger", "auto_trigger"),
        C("Next Run Time", "next_run_time"), C("Hostname", "hostname"), C("Start Time", "start_time"), C("End Time", "end_time"),
        C("Force", "force"), C("Status Message", "status_message"),
    ];

    public static readonly Column[] ActionPlanShort =
    [
        C("UUID", "uuid"), C("Audit", "audit_uuid"), C("State", "state"), C("Updated At", "updated_at"), C("Global efficacy", "global_efficacy", GlobalEfficacy),
    ];
    public static readonly Column[] ActionPlan =
    [
        C("UUID", "uuid"), C("Created At", "created_at"), C("Updated At", "updated_at"), C("Deleted At", "deleted_at"),
        C("Audit", "audit_uuid"), C("Strategy", "strategy_name"), C("State", "state"), C("Efficacy indicators", "efficacy_indicators", Indicators),
        C("Global efficacy", "global_efficacy", GlobalEfficacy), C("Hostname", "hostname"), C("Status Message", "status_message"),
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
        D("Server UUID", "server_uuid"), D("Server Name", "server_name"), D("Server State", "server_state"),
        D("Node UUID", "node_uuid"), D("Node Host Name", "node_hostname"),
    ];
    public static readonly Column[] DataModel =
    [
        D("Server_UUID", "server_uuid"), D("Server Name", "server_name"), D("Server Vcpus", "server_vcpus"),
        D("Server Memory", "server_memory"), D("Server Disk", "server_disk"), D("Server State", "server_state"),
        D("Node UUID", "node_uuid"), D("Node Host Name", "node_hostname"), D("Node Vcpus", "node_vcpus"),
        D("Node Vcpu Ratio", "node_vcpu_ratio"), D("Node Memory", "node_memory"), D("Node Memory Ratio", "node_memory_ratio"),
        D("Node Disk", "node_disk"), D("Node Disk Ratio", "node_disk_ratio"), D("Node State", "node_state"),
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
