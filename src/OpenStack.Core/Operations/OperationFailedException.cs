namespace OpenStack.Operations;

/// <summary>
/// A waited-for operation ended without success (FAILED, CANCELLED, ...) and <see cref="WaitOptions.ThrowOnFailure"/>
/// asked for an exception (an <see cref="OpenStackException"/>). <see cref="Resource"/> is the final object as the server returned it.
/// </summary>
/// <param name="operation">What was waited for, for example <c>audit 9f1c...</c>.</param>
/// <param name="state">The final state.</param>
/// <param name="resource">The final object.</param>
public sealed class OperationFailedException(string operation, string? state, object? resource)
    : OpenStackException($"The {operation} ended {state ?? "(no state)"}.", null)
{
    /// <summary>Always <see langword="null"/>: the operation's last answer was a success.</summary>
    public override int? HttpStatus => null;

    /// <summary>Always <see langword="null"/>.</summary>
    public override string? RequestId => null;

    /// <summary>Always <see langword="null"/>.</summary>
    public override string? ServerMessage => null;

    /// <summary>What was waited for, for example <c>audit 9f1c...</c>.</summary>
    public string Operation { get; } = operation;

    /// <summary>The final state the server reported.</summary>
    public string? State { get; } = state;

    /// <summary>The final object as the server returned it.</summary>
    public object? Resource { get; } = resource;
}
