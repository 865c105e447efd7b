namespace OpenStack.Operations;

/// <summary>
/// The one poller of the library: reads an operation's state until it is terminal, with a bounded, growing interval
/// on a <see cref="TimeProvider"/>, reporting each change of state. Services build their typed waits on it
/// (<c>WaitForCompletionAsync</c> on Watcher audits and action plans).
/// </summary>
public static class OperationPoller
{
    /// <summary>Reads <paramref name="get"/> until <paramref name="isTerminal"/> holds for its state, and returns the final object.</summary>
    /// <typeparam name="T">The object read (an audit, an action plan, ...).</typeparam>
    /// <param name="operation">What is waited for, for messages (for example <c>audit 9f1c...</c>).</param>
    /// <param name="get">Reads the object once.</param>
    /// <param name="state">The object's state.</param>
    /// <param name="isTerminal">Whether a state is one the operation does not leave by itself.</param>
    /// <param name="isSuccess">Whether a terminal state is a success (the others throw when <see cref="WaitOptions.ThrowOnFailure"/> is set).</param>
    /// <param name="options">Intervals, time limit, clock; <see langword="null"/> for <see cref="WaitOptions.Default"/>.</param>
    /// <param name="progress">Told the object each time its state changes (the first read included).</param>
    /// <param name="cancellationToken">Ends the wait (an <see cref="OperationCanceledException"/>).</param>
    /// <exception cref="TimeoutException"><see cref="WaitOptions.Timeout"/> passed before a terminal state.</exception>
    /// <exception cref="OperationFailedException">A terminal state that is not a success, when <see cref="WaitOptions.ThrowOnFailure"/> is set.</exception>
    public static async Task<T> WaitAsync<T>(string operation, Func<CancellationToken, Task<T>> get, Func<T, string?> state,
        Func<string?, bool> isTerminal, Func<string?, bool> isSuccess, WaitOptions? options = null, IProgress<T>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(get);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(isTerminal);
        ArgumentNullException.ThrowIfNull(isSuccess);
        options ??= WaitOptions.Default;
        if (options.InitialInterval <= TimeSpan.Zero || options.MaxInterval < options.InitialInterval)
        {
            throw new ArgumentException("WaitOptions needs InitialInterval > 0 and MaxInterval >= InitialInterval.", nameof(options));
        }
        var clock = options.TimeProvider;
        var started = clock.GetTimestamp();
        var interval = options.InitialInterval;
        string? last = null;
        var first = true;
        while (true)
        {
            var value = await get(cancellationToken).ConfigureAwait(false);
            var current = state(value);
            if (first || !string.Equals(current, last, StringComparison.Ordinal))
            {
                progress?.Report(value);
                last = current;
                first = false;
            }
            if (isTerminal(current))
            {
                return !options.ThrowOnFailure || isSuccess(current) ? value : throw new OperationFailedException(operation, current, value);
            }
            var wait = interval;
            if (options.Timeout is { } timeout)
            {
                var left = timeout - clock.GetElapsedTime(started);
                if (left <= TimeSpan.Zero)
                {
                    throw new TimeoutException($"The {operation} was still {current ?? "(no state)"} after {timeout.TotalSeconds:0.###} s.");
                }
                wait = left < wait ? left : wait;
            }
            await Task.Delay(wait, clock, cancellationToken).ConfigureAwait(false);
            interval = TimeSpan.FromTicks(Math.Min(options.MaxInterval.Ticks, interval.Ticks + interval.Ticks / 2));
        }
    }
}
