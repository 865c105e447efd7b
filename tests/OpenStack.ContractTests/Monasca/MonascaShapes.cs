using OpenStack.Pact;

namespace OpenStack.ContractTests.Monasca;

/// <summary>
/// Request and response shapes shared by the Monasca interactions, after the Python reference server
/// (<c>monasca_api/v2/reference</c>; see the inventory in <c>shared/reference/monasca-api.md</c>).
/// </summary>
internal static class MonascaShapes
{
    /// <summary>Where the examples say Monasca lives (the catalog's monitoring endpoint of the demo).</summary>
    public const string Root = "http://127.0.0.1:8070";

    public const string AlarmId = "f9935bcc-9641-4cbf-8224-0993a947ea83";
    public const string AlarmDefinitionId = "b461d659-577b-4d63-9782-a99194d4a472";
    public const string NotificationMethodId = "35cc6f1c-3a29-49fb-a6fc-d9d97d190508";

    /// <summary>An id no resource has: the 404 interactions ask for it.</summary>
    public const string UnknownId = "00000000-0000-4000-8000-000000000000";

    /// <summary>A UTC ISO 8601 time as the client sends it in queries: <c>Z</c>, only the fraction digits needed.</summary>
    public const string QueryTimePattern = @"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,7})?Z$";

    /// <summary>A dimension filter as the client sends it: <c>key:value,key2:value2</c>, a bare key or <c>key:a|b</c>.</summary>
    public const string DimensionFilterPattern = @"^[^,:]+(:[^,]+)?(,[^,:]+(:[^,]+)?)*$";

    /// <summary>A time the client sends in a query (start_time, end_time, starttime).</summary>
    public static Matcher QueryTime(string example = "2024-01-02T00:00:00Z") => Match.Regex(example, QueryTimePattern);

    /// <summary>
    /// state_updated_start_time: the real monasca-api parses it with one format, %Y-%m-%dT%H:%M:%S.%fZ (a fraction and
    /// Z required; anything else is a 500), so the client always sends milliseconds and Z, and so does the example.
    /// </summary>
    public static Matcher StateUpdatedTime(string example = "2024-01-02T00:00:00.000Z") => Match.Regex(example, @"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$");

    /// <summary>
    /// The request body type: exactly <c>application/json</c>, as the client sends it. The real server compares it as a
    /// whole string on metrics, notification methods and logs (with a charset it answers 400), and a verifier replays
    /// the example as written.
    /// </summary>
    public static Matcher JsonRequest => Match.Regex("application/json", "^application/json$");

    /// <summary>
    /// A JSON answer's type, with or without parameters: pact regexes match the whole value (real-server note 15), so
    /// a bare <c>^application/json</c> would refuse <c>application/json; charset=UTF-8</c>.
    /// </summary>
    public static Matcher JsonResponse => Match.Regex("application/json", "^application/json(;.*)?$");

    /// <summary>A dimension filter the client sends in a query.</summary>
    public static Matcher DimensionFilter(string example) => Match.Regex(example, DimensionFilterPattern);

    /// <summary>A page size or integer offset: digits.</summary>
    public static Matcher Digits(string example) => Match.Regex(example, @"^\d+$");

    /// <summary>
    /// <c>/v2.0/{collection}/{id}</c> (plus an optional suffix) for any UUID: the contract is about the
    /// shape of the path, the id is the example.
    /// </summary>
    public static Matcher IdPath(string collection, string exampleId, string suffix = "") => Match.Regex(
        $"/v2.0/{collection}/{exampleId}{suffix}",
        "^/v2\\.0/" + System.Text.RegularExpressions.Regex.Escape(collection) + "/[0-9a-fA-F-]{36}" + System.Text.RegularExpressions.Regex.Escape(suffix) + "$");

    /// <summary>The <c>links</c> of a page or a resource: at least one <c>{rel, href}</c>.</summary>
    public static object Links(string exampleHref) => Match.EachLike(new
    {
        rel = Match.Type("self"),
        href = Match.Regex(exampleHref, @"^https?://\S+$"),
    });

    /// <summary>A page's links with a <c>next</c> link whose query carries <paramref name="offsetPattern"/>.</summary>
    public static object LinksWithNext(string selfHref, string nextHref, string offsetPattern) => new object[]
    {
        new { rel = "self", href = Match.Regex(selfHref, @"^https?://\S+$") },
        new { rel = "next", href = Match.Regex(nextHref, @"^https?://\S+\?(\S*&)?offset=" + offsetPattern + @"(&\S*)?$") },
    };

    /// <summary>A string-to-string map, matched by type (the example keys must be present).</summary>
    public static Matcher Map(params (string Key, string Value)[] entries) =>
        Match.Type(entries.ToDictionary(e => e.Key, e => e.Value));

    /// <summary>Response timestamps: ISO 8601, UTC, 0 to 9 fraction digits (Python <c>isoformat() + 'Z'</c>, Influx .mmmZ).</summary>
    public static Matcher Timestamp(string example = "2024-01-02T03:04:05.123456Z") =>
        Match.Regex(example, @"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$");

    public static object Metric(string name = "cpu.idle_perc") => new
    {
        id = Match.Type("b4f6e4e4a4bb4c5b9f1cc0a0ad1d9a04"),
        name = Match.Type(name),
        dimensions = Match.Type(new Dictionary<string, string> { ["hostname"] = "devstack", ["service"] = "monitoring" }),
    };

    /// <summary>The Python server's error body: <c>{"title", "description"}</c>.</summary>
    public static object Error(string title, string description) => new
    {
        title = Match.Type(title),
        description = Match.Type(description),
    };

    /// <summary>The Python server's bare 404: <c>{"title": "404 Not Found"}</c>, no description.</summary>
    public static object NotFound() => new { title = Match.Type("404 Not Found") };

    /// <summary>keystonemiddleware's answer to a bad, expired or missing token.</summary>
    public static object KeystoneUnauthorized() => new
    {
        error = new
        {
            code = Match.Integer(401),
            title = Match.Type("Unauthorized"),
            message = Match.Type("The request you have made requires authentication."),
        },
    };

    // ---- notification methods ---------------------------------------------------------------------------------

    public static object NotificationMethod(
        string name = "ops-email", string type = "EMAIL", string address = "ops@example.com", int period = 0) => new
    {
        id = Match.Uuid(NotificationMethodId),
        links = Links($"{Root}/v2.0/notification-methods/{NotificationMethodId}"),
        name = Match.Type(name),
        type = Match.Regex(type, "^[A-Z0-9_]+$"),
        address = Match.Type(address),
        period = Match.Integer(period),
    };

    // ---- alarm definitions ------------------------------------------------------------------------------------

    public const string Expression = "avg(cpu.idle_perc{hostname=devstack}) < 10";

    public static object AlarmDefinition(
        string name = "cpu idle low", string expression = Expression, string severity = "HIGH", bool actionsEnabled = true) => new
    {
        id = Match.Uuid(AlarmDefinitionId),
        links = Links($"{Root}/v2.0/alarm-definitions/{AlarmDefinitionId}"),
        name = Match.Type(name),
        // A string, "" when the definition was created without one (real-server note 13).
        description = Match.Type("CPU idle below 10%"),
        expression = Match.Type(expression),
        deterministic = Match.Boolean(false),
        match_by = Match.EachLike("hostname", min: 0),
        severity = Match.Regex(severity, "^(LOW|MEDIUM|HIGH|CRITICAL)$"),
        actions_enabled = Match.Boolean(actionsEnabled),
        alarm_actions = Match.EachLike(Match.Uuid(NotificationMethodId), min: 0),
        ok_actions = Match.EachLike(Match.Uuid(NotificationMethodId), min: 0),
        undetermined_actions = Match.EachLike(Match.Uuid(NotificationMethodId), min: 0),
    };

    // ---- alarms -----------------------------------------------------------------------------------------------

    /// <summary>A metric in a state-history entry: the persister's <c>"id": null</c> (alarm answers carry no id at all).</summary>
    public static object HistoryMetric() => new
    {
        id = Match.Null(),
        name = Match.Type("cpu.idle_perc"),
        dimensions = Map(("hostname", "devstack")),
    };

    /// <summary>
    /// An alarm as the real server answers it. A fresh alarm has <c>"lifecycle_state": null</c> and <c>"link": null</c>
    /// until someone sets them (real-server note 7): pass null to expect exactly that.
    /// </summary>
    public static object Alarm(string state = "ALARM", string? lifecycleState = "OPEN", string? link = "http://tickets.example.com/OPS-1")
    {
        var alarm = AnyAlarm(state);
        alarm["lifecycle_state"] = lifecycleState is null ? Match.Null() : Match.Type(lifecycleState);
        alarm["link"] = link is null ? Match.Null() : Match.Type(link);
        return alarm;
    }

    /// <summary>
    /// An alarm of a list that may hold fresh alarms (<c>lifecycle_state</c> and <c>link</c> null) and acknowledged ones
    /// (strings) at once (real-server point 25): the two fields are left out, so no element pins either kind.
    /// </summary>
    public static Dictionary<string, object> AnyAlarm(string state = "ALARM") => new()
    {
        ["id"] = Match.Uuid(AlarmId),
        ["links"] = Match.EachLike(new
        {
            rel = Match.Type("self"),
            href = Match.Regex($"{Root}/v2.0/alarms/{AlarmId}", @"^https?://\S+$"),
        }),
        ["alarm_definition"] = new
        {
            id = Match.Uuid(AlarmDefinitionId),
            name = Match.Type("cpu idle low"),
            severity = Match.Regex("HIGH", "^(LOW|MEDIUM|HIGH|CRITICAL)$"),
            links = Links($"{Root}/v2.0/alarm-definitions/{AlarmDefinitionId}"),
        },
        // The real server's alarm metrics carry no id (list, show, PUT and PATCH): only name and dimensions.
        ["metrics"] = Match.EachLike(new { name = Match.Type("cpu.idle_perc"), dimensions = Map(("hostname", "devstack")) }),
        ["state"] = Match.Regex(state, "^(OK|ALARM|UNDETERMINED)$"),
        ["state_updated_timestamp"] = Timestamp("2024-01-02T03:04:05.123456Z"),
        ["updated_timestamp"] = Timestamp("2024-01-02T03:04:05.123456Z"),
        ["created_timestamp"] = Timestamp("2024-01-02T02:00:00Z"),
    };

    public static object AlarmTransition() => new
    {
        id = Match.Regex("1704164645000", @"^\S+$"),
        alarm_id = Match.Uuid(AlarmId),
        metrics = Match.EachLike(HistoryMetric()),
        old_state = Match.Regex("OK", "^(OK|ALARM|UNDETERMINED)$"),
        new_state = Match.Regex("ALARM", "^(OK|ALARM|UNDETERMINED)$"),
        reason = Match.Type("The alarm threshold(s) have been exceeded for the sub-alarms: avg(cpu.idle_perc) < 10.0 with the values: [4.5]"),
        reason_data = Match.Type("{}"),
        timestamp = Timestamp("2024-01-02T03:04:05.000Z"),
        sub_alarms = Match.EachLike(new
        {
            sub_alarm_expression = new
            {
                function = Match.Type("AVG"),
                metric_name = Match.Type("cpu.idle_perc"),
                dimensions = Map(("hostname", "devstack")),
                @operator = Match.Type("LT"),
                threshold = Match.Number(10.0),
                period = Match.Integer(60),
                periods = Match.Integer(1),
                deterministic = Match.Boolean(false),
            },
            sub_alarm_state = Match.Regex("ALARM", "^(OK|ALARM|UNDETERMINED)$"),
            current_values = Match.EachLike(Match.Number(4.5), min: 0),
        }, min: 0),
    };
}

/// <summary>
/// The provider states of the Monasca pact. Each names one data set that a real monasca-api can hold while every
/// interaction given that state is replayed (docs/monasca-contract.md lists them); the examples' ids are examples only
/// (paths and ids are matched by shape).
/// </summary>
internal static class MonascaStates
{
    /// <summary>Metrics <c>cpu.idle_perc</c> (hostname devstack, service monitoring) and <c>mem.free_mb</c>, with measurements in the window.</summary>
    public const string Metrics = "metrics exist";

    /// <summary>Two or more metrics named <c>cpu.idle_perc</c> with <c>service:monitoring</c> and different hostnames.</summary>
    public const string SeveralMetrics = "several metrics named cpu.idle_perc exist";

    /// <summary><c>cpu.idle_perc</c> measurements since 2024-01-02T00:00:00Z for hostnames devstack and others (fewer than 10,000 rows).</summary>
    public const string Measurements = "measurements exist";

    /// <summary>An EMAIL notification method.</summary>
    public const string NotificationMethod = "a notification method exists";

    /// <summary>An alarm definition <c>cpu idle low</c> (severity HIGH, match_by hostname) and a notification method.</summary>
    public const string AlarmDefinition = "an alarm definition exists";

    /// <summary>
    /// One fresh alarm of <c>cpu idle low</c> on cpu.idle_perc{hostname: devstack}, in the ALARM state, with
    /// <c>lifecycle_state</c> and <c>link</c> null (nobody has acknowledged it).
    /// </summary>
    public const string FreshAlarm = "a fresh alarm exists";

    /// <summary>
    /// Two or more alarms of a HIGH definition on cpu.idle_perc{hostname: devstack}, in the ALARM state since
    /// 2024-01-02, each with <c>lifecycle_state</c> OPEN and <c>link</c> http://tickets.example.com/OPS-1.
    /// </summary>
    public const string TicketedAlarms = "alarms with a lifecycle state and a ticket link exist";

    /// <summary>An alarm on cpu.idle_perc{hostname: devstack} with state transitions (OK to ALARM) on 2024-01-02.</summary>
    public const string AlarmHistory = "an alarm with state history exists";

    /// <summary>Kafka reachable with the topics metrics, events and alarm-state-transitions.</summary>
    public const string Healthy = "every back end is healthy";

    /// <summary>Kafka unreachable.</summary>
    public const string KafkaDown = "kafka is down";

    /// <summary>The token sent is not valid (keystonemiddleware answers 401).</summary>
    public const string InvalidToken = "the token is invalid";

    /// <summary>The token sent is valid but carries no monitoring role (monasca-api answers 401 titled Forbidden).</summary>
    public const string NoMonitoringRole = "the token lacks the monasca-user role";
}
