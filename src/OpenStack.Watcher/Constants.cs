namespace OpenStack.Watcher;

// The known values themselves are generated from the spec's x-constants; the lifecycle rules are written here.

public static partial class AuditState
{
    /// <summary>True for a state an audit does not leave by itself: SUCCEEDED, FAILED, CANCELLED, DELETED.</summary>
    /// <param name="state">An audit's state.</param>
    public static bool IsTerminal(string? state) => state is Succeeded or Failed or Cancelled or Deleted;
}

public static partial class ActionPlanState
{
    /// <summary>True for a state a plan does not leave by itself: SUCCEEDED, FAILED, CANCELLED, SUPERSEDED, DELETED.</summary>
    /// <param name="state">An action plan's state.</param>
    public static bool IsTerminal(string? state) => state is Succeeded or Failed or Cancelled or Superseded or Deleted;
}

public static partial class ActionState
{
    /// <summary>True for a state an action does not leave by itself: SUCCEEDED, FAILED, CANCELLED, SKIPPED, DELETED.</summary>
    /// <param name="state">An action's state.</param>
    public static bool IsTerminal(string? state) => state is Succeeded or Failed or Cancelled or Skipped or Deleted;
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
