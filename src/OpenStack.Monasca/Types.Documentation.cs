namespace OpenStack.Monasca;

// Type-level documentation of the generated types whose spec schemas carry no description (their members are documented
// from the spec).

/// <summary>An alarm: the state of an alarm definition for one set of metrics (<c>GET /v2.0/alarms</c>).</summary>
public partial class Alarm
{
}

/// <summary>An alarm definition: an expression over metrics, its severity and the notifications of its state changes.</summary>
public partial class AlarmDefinition
{
}

/// <summary>The body of <c>POST /v2.0/alarm-definitions</c>.</summary>
public partial class AlarmDefinitionCreate
{
}

/// <summary>The alarm definition an alarm belongs to (id, name, severity, links).</summary>
public partial class AlarmDefinitionSummary
{
}

/// <summary>One metric (name and dimensions) an alarm is evaluated on.</summary>
public partial class AlarmMetric
{
}

/// <summary>The body of <c>PATCH /v2.0/alarms/{id}</c>: the fields to change.</summary>
public partial class AlarmPatch
{
}

/// <summary>One state transition of an alarm (<c>GET /v2.0/alarms/state-history</c>).</summary>
public partial class AlarmTransition
{
}

/// <summary>A dimension name (<c>GET /v2.0/metrics/dimensions/names</c>).</summary>
public partial class DimensionName
{
}

/// <summary>A dimension value (<c>GET /v2.0/metrics/dimensions/names/values</c>).</summary>
public partial class DimensionValue
{
}

/// <summary>Log ingestion (<c>POST /v2.0/logs</c>, Monasca's log API).</summary>
public partial interface ILogsClient
{
}

/// <summary>A link of a resource (<c>rel</c> and <c>href</c>), for example <c>self</c> or <c>next</c>.</summary>
public partial class Link
{
}

/// <summary>One log entry to send (message and dimensions).</summary>
public partial class LogEntry
{
}

/// <summary>The body of <c>POST /v2.0/logs</c>: entries with dimensions common to all of them.</summary>
public partial class LogsCreate
{
}

/// <summary>A metric: a name and dimensions (<c>GET /v2.0/metrics</c>).</summary>
public partial class Metric
{
}

/// <summary>A metric name (<c>GET /v2.0/metrics/names</c>).</summary>
public partial class MetricName
{
}

/// <summary>A failed Monasca call with the parsed error body (<typeparamref name="TResult"/>).</summary>
/// <typeparam name="TResult">The type of the parsed error body.</typeparam>
public partial class MonascaApiException<TResult>
{
}

/// <summary>A notification method: where alarm state changes are sent (email, webhook, PagerDuty, ...).</summary>
public partial class NotificationMethod
{
}

/// <summary>The body of <c>POST /v2.0/notification-methods</c>.</summary>
public partial class NotificationMethodCreate
{
}

/// <summary>The body of <c>PATCH /v2.0/notification-methods/{id}</c>: the fields to change.</summary>
public partial class NotificationMethodPatch
{
}

/// <summary>The body of <c>PUT /v2.0/notification-methods/{id}</c>: the whole notification method.</summary>
public partial class NotificationMethodUpdate
{
}

/// <summary>A notification method type the server supports (<c>GET /v2.0/notification-methods/types</c>).</summary>
public partial class NotificationType
{
}

/// <summary>One sub-expression of an alarm and its state.</summary>
public partial class SubAlarm
{
}

/// <summary>The parsed form of an alarm sub-expression (function, metric, dimensions, operator, threshold, period).</summary>
public partial class SubAlarmExpression
{
}
