using OpenStack.Operations;

namespace OpenStack.Watcher;

/// <summary>
/// Waiting for Watcher's long-running work: an audit until it has SUCCEEDED, FAILED or been CANCELLED, an action plan
/// until its actions are applied (or it failed, was cancelled or superseded). Built on Core's <see cref="OperationPoller"/>:
/// a bounded, growing interval on a <see cref="TimeProvider"/>, progress on each change of state, cancellation, and a
/// typed <see cref="OperationFailedException"/> for an unsuccessful end only when <see cref="WaitOptions.ThrowOnFailure"/> asks.
/// </summary>
public static class WatcherWaitExtensions
{
    /// <summary>Reads the audit until its state is terminal (<see cref="AuditState.IsTerminal"/>) and returns it.</summary>
    /// <param name="audits">The audits client.</param>
    /// <param name="audit">The audit's UUID or name.</param>
    /// <param name="options">Intervals, time limit, clock, whether FAILED/CANCELLED throw; <see langword="null"/> for the defaults.</param>
    /// <param name="progress">Told the audit each time its state changes.</param>
    /// <param name="cancellationToken">Ends the wait.</param>
    /// <exception cref="TimeoutException">The time limit passed first.</exception>
    /// <exception cref="OperationFailedException">The audit ended FAILED, CANCELLED or DELETED and <see cref="WaitOptions.ThrowOnFailure"/> is set.</exception>
    /// <exception cref="WatcherApiException">Watcher answered a read with an error.</exception>
    public static Task<Audit> WaitForCompletionAsync(this IAuditsClient audits, string audit, WaitOptions? options = null,
        IProgress<Audit>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(audits);
        ArgumentException.ThrowIfNullOrEmpty(audit);
        return WaitAsync("audit", audit, audits.GetAsync, static a => a.State, AuditState.IsTerminal, AuditState.Succeeded, options, progress, cancellationToken);
    }

    /// <summary>Reads the action plan until its state is terminal (<see cref="ActionPlanState.IsTerminal"/>) and returns it.</summary>
    /// <param name="actionPlans">The action plans client.</param>
    /// <param name="actionPlan">The action plan's UUID.</param>
    /// <param name="options">Intervals, time limit, clock, whether FAILED/CANCELLED/SUPERSEDED throw; <see langword="null"/> for the defaults.</param>
    /// <param name="progress">Told the plan each time its state changes.</param>
    /// <param name="cancellationToken">Ends the wait.</param>
    /// <exception cref="TimeoutException">The time limit passed first.</exception>
    /// <exception cref="OperationFailedException">The plan ended other than SUCCEEDED and <see cref="WaitOptions.ThrowOnFailure"/> is set.</exception>
    /// <exception cref="WatcherApiException">Watcher answered a read with an error.</exception>
    public static Task<ActionPlan> WaitForCompletionAsync(this IActionPlansClient actionPlans, string actionPlan, WaitOptions? options = null,
        IProgress<ActionPlan>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actionPlans);
        ArgumentException.ThrowIfNullOrEmpty(actionPlan);
        return WaitAsync("action plan", actionPlan, actionPlans.GetAsync, static p => p.State, ActionPlanState.IsTerminal, ActionPlanState.Succeeded,
            options, progress, cancellationToken);
    }

    // One wait for every Watcher resource: read it by id until its state is terminal; success names the good end.
    private static Task<T> WaitAsync<T>(string kind, string id, Func<string, CancellationToken, Task<T>> get, Func<T, string?> state,
        Func<string?, bool> isTerminal, string success, WaitOptions? options, IProgress<T>? progress, CancellationToken cancellationToken)
        => OperationPoller.WaitAsync($"{kind} {id}", ct => get(id, ct), state, isTerminal, s => s == success, options, progress, cancellationToken);
}
