namespace OpenStack.Watcher;

/// <summary>Builds the JSON-Patch operations Watcher's PATCH calls take (like the CLI's <c>op path=value</c> arguments).</summary>
public static class WatcherPatch
{
    /// <summary><c>{"op": "replace", "path": path, "value": value}</c>.</summary>
    /// <param name="path">A JSON pointer such as <c>/state</c>; a missing leading <c>/</c> is added.</param>
    /// <param name="value">The new value.</param>
    public static PatchOperation Replace(string path, object? value) => new() { Op = PatchOp.Replace, Path = Pointer(path), Value = value };

    /// <summary><c>{"op": "add", "path": path, "value": value}</c> (adds a member, or replaces an existing one).</summary>
    /// <param name="path">A JSON pointer such as <c>/parameters/para1</c>; a missing leading <c>/</c> is added.</param>
    /// <param name="value">The value.</param>
    public static PatchOperation Add(string path, object? value) => new() { Op = PatchOp.Add, Path = Pointer(path), Value = value };

    /// <summary><c>{"op": "remove", "path": path}</c>.</summary>
    /// <param name="path">A JSON pointer; a missing leading <c>/</c> is added.</param>
    public static PatchOperation Remove(string path) => new() { Op = PatchOp.Remove, Path = Pointer(path) };

    /// <summary>Replaces <c>/state</c>.</summary>
    /// <param name="state">The new state, for example <see cref="AuditState.Cancelled"/>.</param>
    public static PatchOperation State(string state) => Replace("/state", state);

    private static string Pointer(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return path.StartsWith('/') ? path : "/" + path;
    }
}

public partial interface IAuditsClient
{
    /// <summary>Cancels an audit (<c>/state</c> = CANCELLED; allowed from PENDING and ONGOING).</summary>
    /// <param name="audit">UUID or name.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    Task<Audit> CancelAsync(string audit, CancellationToken cancellationToken = default);

    /// <summary>Suspends a running (continuous) audit (<c>/state</c> = SUSPENDED; allowed from ONGOING).</summary>
    /// <param name="audit">UUID or name.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    Task<Audit> SuspendAsync(string audit, CancellationToken cancellationToken = default);

    /// <summary>Resumes a suspended audit (<c>/state</c> = ONGOING; allowed from SUSPENDED).</summary>
    /// <param name="audit">UUID or name.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    Task<Audit> ResumeAsync(string audit, CancellationToken cancellationToken = default);

    /// <summary>Renames an audit (<c>/name</c>).</summary>
    /// <param name="audit">UUID or name.</param>
    /// <param name="name">The new name (at most 63 characters).</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    Task<Audit> RenameAsync(string audit, string name, CancellationToken cancellationToken = default);

    /// <summary>Sets audit parameters (<c>add /parameters/&lt;name&gt;</c> for each one, which also replaces existing ones).</summary>
    /// <param name="audit">UUID or name.</param>
    /// <param name="parameters">Names and new values.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    Task<Audit> SetParametersAsync(string audit, IReadOnlyDictionary<string, object?> parameters, CancellationToken cancellationToken = default);
}

public partial class AuditsClient
{
    /// <inheritdoc />
    public virtual Task<Audit> CancelAsync(string audit, CancellationToken cancellationToken = default) =>
        UpdateAsync(audit, [WatcherPatch.State(AuditState.Cancelled)], cancellationToken);

    /// <inheritdoc />
    public virtual Task<Audit> SuspendAsync(string audit, CancellationToken cancellationToken = default) =>
        UpdateAsync(audit, [WatcherPatch.State(AuditState.Suspended)], cancellationToken);

    /// <inheritdoc />
    public virtual Task<Audit> ResumeAsync(string audit, CancellationToken cancellationToken = default) =>
        UpdateAsync(audit, [WatcherPatch.State(AuditState.Ongoing)], cancellationToken);

    /// <inheritdoc />
    public virtual Task<Audit> RenameAsync(string audit, string name, CancellationToken cancellationToken = default) =>
        UpdateAsync(audit, [WatcherPatch.Replace("/name", name)], cancellationToken);

    /// <inheritdoc />
    public virtual Task<Audit> SetParametersAsync(string audit, IReadOnlyDictionary<string, object?> parameters, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (parameters.Count == 0)
        {
            throw new ArgumentException("Give at least one parameter.", nameof(parameters));
        }
        return UpdateAsync(audit, parameters.Select(p => WatcherPatch.Add("/parameters/" + EscapePointer(p.Key), p.Value)).ToList(), cancellationToken);
    }

    internal static string EscapePointer(string segment) => segment.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);
}

public partial interface IAuditTemplatesClient
{
    /// <summary>Renames an audit template (<c>/name</c>).</summary>
    /// <param name="auditTemplate">UUID or name.</param>
    /// <param name="name">The new name.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    Task<AuditTemplate> RenameAsync(string auditTemplate, string name, CancellationToken cancellationToken = default);

    /// <summary>Replaces an audit template's description (<c>/description</c>).</summary>
    /// <param name="auditTemplate">UUID or name.</param>
    /// <param name="description">The new description.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    Task<AuditTemplate> SetDescriptionAsync(string auditTemplate, string description, CancellationToken cancellationToken = default);
}

public partial class AuditTemplatesClient
{
    /// <inheritdoc />
    public virtual Task<AuditTemplate> RenameAsync(string auditTemplate, string name, CancellationToken cancellationToken = default) =>
        UpdateAsync(auditTemplate, [WatcherPatch.Replace("/name", name)], cancellationToken);

    /// <inheritdoc />
    public virtual Task<AuditTemplate> SetDescriptionAsync(string auditTemplate, string description, CancellationToken cancellationToken = default) =>
        UpdateAsync(auditTemplate, [WatcherPatch.Replace("/description", description)], cancellationToken);
}

public partial interface IActionPlansClient
{
    /// <summary>
    /// Cancels an action plan as python-watcherclient's <c>action_plan.cancel</c> does: reads it, then sets <c>/state</c>
    /// to CANCELLING when it is ONGOING (the applier then stops it and it becomes CANCELLED), else to CANCELLED.
    /// </summary>
    /// <param name="actionPlan">UUID.</param>
    /// <param name="cancellationToken">Cancels the requests.</param>
    Task<ActionPlan> CancelAsync(string actionPlan, CancellationToken cancellationToken = default);
}

public partial class ActionPlansClient
{
    /// <inheritdoc />
    public virtual async Task<ActionPlan> CancelAsync(string actionPlan, CancellationToken cancellationToken = default)
    {
        var plan = await GetAsync(actionPlan, cancellationToken).ConfigureAwait(false);
        var target = plan.State == ActionPlanState.Ongoing ? ActionPlanState.Cancelling : ActionPlanState.Cancelled;
        return await UpdateAsync(actionPlan, [WatcherPatch.State(target)], cancellationToken).ConfigureAwait(false);
    }
}

public partial interface IActionsClient
{
    /// <summary>
    /// Skips a PENDING action of a RECOMMENDED or PENDING plan (<c>/state</c> = SKIPPED, with an optional
    /// <c>/status_message</c>). Needs microversion 1.5 (Watcher 15.0.0); Watcher 9.0.0 answers 403 (<c>Cannot modify an action directly</c>).
    /// </summary>
    /// <param name="action">UUID.</param>
    /// <param name="reason">Why; stored as <c>Action skipped by user. Reason: ...</c>.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    Task<WatcherAction> SkipAsync(string action, string? reason = null, CancellationToken cancellationToken = default);
}

public partial class ActionsClient
{
    /// <inheritdoc />
    public virtual Task<WatcherAction> SkipAsync(string action, string? reason = null, CancellationToken cancellationToken = default)
    {
        var patch = new List<PatchOperation> { WatcherPatch.State(ActionState.Skipped) };
        if (reason is not null)
        {
            patch.Add(WatcherPatch.Replace("/status_message", reason));
        }
        return UpdateAsync(action, patch, cancellationToken);
    }
}

public partial interface IWebhooksClient
{
    /// <summary>Triggers an EVENT audit with an empty JSON body (<c>{}</c>).</summary>
    /// <param name="audit">UUID or name of an EVENT audit.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    Task TriggerAsync(string audit, CancellationToken cancellationToken = default);
}

public partial class WebhooksClient
{
    /// <inheritdoc />
    public virtual Task TriggerAsync(string audit, CancellationToken cancellationToken = default) =>
        TriggerAsync(audit, new Dictionary<string, object>(), cancellationToken);
}
