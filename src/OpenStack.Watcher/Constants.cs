namespace OpenStack.Watcher;

/// <summary>
/// Audit types (<see cref="Audit.AuditType"/>, <see cref="AuditCreate.AuditType"/>). Kept as strings so that a type a
/// newer server adds does not break deserialization.
/// </summary>
public static class AuditType
{
    /// <summary>Run once, now.</summary>
    public const string Oneshot = "ONESHOT";

    /// <summary>Run every <c>interval</c> (seconds or cron), optionally between <c>start_time</c> and <c>end_time</c>.</summary>
    public const string Continuous = "CONTINUOUS";

    /// <summary>Run when triggered by a webhook (microversion 1.4).</summary>
    public const string Event = "EVENT";
}

/// <summary>Audit states (<see cref="Audit.State"/>); a string, so an unknown state does not break deserialization.</summary>
public static class AuditState
{
    /// <summary>Created, not started.</summary>
    public const string Pending = "PENDING";

    /// <summary>Running.</summary>
    public const string Ongoing = "ONGOING";

    /// <summary>Finished and produced an action plan (or nothing to do).</summary>
    public const string Succeeded = "SUCCEEDED";

    /// <summary>Failed.</summary>
    public const string Failed = "FAILED";

    /// <summary>Cancelled by a user.</summary>
    public const string Cancelled = "CANCELLED";

    /// <summary>A continuous audit, paused.</summary>
    public const string Suspended = "SUSPENDED";

    /// <summary>Soft-deleted.</summary>
    public const string Deleted = "DELETED";

    /// <summary>True for a state an audit does not leave by itself: SUCCEEDED, FAILED, CANCELLED, DELETED.</summary>
    public static bool IsTerminal(string? state) => state is Succeeded or Failed or Cancelled or Deleted;
}

/// <summary>Action plan states (<see cref="ActionPlan.State"/>); a string, so an unknown state does not break deserialization.</summary>
public static class ActionPlanState
{
    /// <summary>Proposed by an audit, waiting to be started.</summary>
    public const string Recommended = "RECOMMENDED";

    /// <summary>Started, waiting for the applier.</summary>
    public const string Pending = "PENDING";

    /// <summary>Being applied.</summary>
    public const string Ongoing = "ONGOING";

    /// <summary>Being cancelled while it runs.</summary>
    public const string Cancelling = "CANCELLING";

    /// <summary>Applied.</summary>
    public const string Succeeded = "SUCCEEDED";

    /// <summary>Failed.</summary>
    public const string Failed = "FAILED";

    /// <summary>Cancelled.</summary>
    public const string Cancelled = "CANCELLED";

    /// <summary>Replaced by a newer plan, or expired.</summary>
    public const string Superseded = "SUPERSEDED";

    /// <summary>Soft-deleted.</summary>
    public const string Deleted = "DELETED";

    /// <summary>True for a state a plan does not leave by itself: SUCCEEDED, FAILED, CANCELLED, SUPERSEDED, DELETED.</summary>
    public static bool IsTerminal(string? state) => state is Succeeded or Failed or Cancelled or Superseded or Deleted;
}

/// <summary>Action states (<see cref="WatcherAction.State"/>); a string, so an unknown state does not break deserialization.</summary>
public static class ActionState
{
    /// <summary>Waiting.</summary>
    public const string Pending = "PENDING";

    /// <summary>Running.</summary>
    public const string Ongoing = "ONGOING";

    /// <summary>Done.</summary>
    public const string Succeeded = "SUCCEEDED";

    /// <summary>Failed.</summary>
    public const string Failed = "FAILED";

    /// <summary>Cancelled with its plan.</summary>
    public const string Cancelled = "CANCELLED";

    /// <summary>Being cancelled.</summary>
    public const string Cancelling = "CANCELLING";

    /// <summary>Skipped by a user (microversion 1.5).</summary>
    public const string Skipped = "SKIPPED";

    /// <summary>Soft-deleted.</summary>
    public const string Deleted = "DELETED";

    /// <summary>True for a state an action does not leave by itself: SUCCEEDED, FAILED, CANCELLED, SKIPPED, DELETED.</summary>
    public static bool IsTerminal(string? state) => state is Succeeded or Failed or Cancelled or Skipped or Deleted;
}

/// <summary>Watcher service statuses (<see cref="Service.Status"/>).</summary>
public static class ServiceStatus
{
    /// <summary>Heartbeat seen recently.</summary>
    public const string Active = "ACTIVE";

    /// <summary>No heartbeat within <c>service_down_time</c>.</summary>
    public const string Failed = "FAILED";
}

public partial class Audit
{
    /// <summary>True when <see cref="State"/> is one the audit does not leave by itself (see <see cref="AuditState.IsTerminal"/>).</summary>
    [Newtonsoft.Json.JsonIgnore]
    public bool IsTerminal => AuditState.IsTerminal(State);
}

public partial class ActionPlan
{
    /// <summary>True when <see cref="State"/> is one the plan does not leave by itself (see <see cref="ActionPlanState.IsTerminal"/>).</summary>
    [Newtonsoft.Json.JsonIgnore]
    public bool IsTerminal => ActionPlanState.IsTerminal(State);
}

public partial class WatcherAction
{
    /// <summary>True when <see cref="State"/> is one the action does not leave by itself (see <see cref="ActionState.IsTerminal"/>).</summary>
    [Newtonsoft.Json.JsonIgnore]
    public bool IsTerminal => ActionState.IsTerminal(State);
}
