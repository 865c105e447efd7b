namespace OpenStack.Operations;

/// <summary>
/// How a long-running operation is waited for (a Watcher audit or action plan, for example): how often its state is
/// read, for how long, on which clock, and whether an unsuccessful end is an exception.
/// </summary>
public sealed record WaitOptions
{
    /// <summary>The default: first read after 1 s, the interval growing by half up to 10 s, no time limit.</summary>
    public static WaitOptions Default { get; } = new();

    /// <summary>The wait before the second read (the first is immediate). Default 1 s.</summary>
    public TimeSpan InitialInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait between two reads; the interval grows by half after each read until it. Default 10 s.</summary>
    public TimeSpan MaxInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long to wait in all before a <see cref="TimeoutException"/>; <see langword="null"/> (the default) waits until the end or cancellation.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>Whether an end other than success (FAILED, CANCELLED, ...) throws <see cref="OperationFailedException"/>. Default <see langword="false"/>: the final object is returned either way.</summary>
    public bool ThrowOnFailure { get; init; }

    /// <summary>The clock the intervals and the time limit run on (a <c>FakeTimeProvider</c> in tests). Default <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
