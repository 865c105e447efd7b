namespace OpenStack.Operations;

/// <summary>
/// A waited-for operation ended without success (FAILED, CANCELLED, ...) and <see cref="WaitOptions.ThrowOnFailure"/>
/// asked for an exception. <see cref="Resource"/> is the final object as the server returned it.
/// </summary>
public sealed class OperationFailedException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="operation">What was waited for, for example <c>audit 9f1c...</c>.</param>
    /// <param name="state">The final state.</param>
    /// <param name="resource">The final object.</param>
    public OperationFailedException(string operation, string? state, object? resource)
        : base($"The {operation} ended {state ?? "(no state)"}.")
    {
        Operation = operation;
        State = state;
        Resource = resource;
    }

    /// <summary>What was waited for, for example <c>audit 9f1c...</c>.</summary>
    public string Operation { get; }

    /// <summary>The final state the server reported.</summary>
    public string? State { get; }

    /// <summary>The final object as the server returned it.</summary>
    public object? Resource { get; }
}
