using Microsoft.Extensions.Time.Testing;

namespace OpenStack.Testing;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that records the due time of every timer created on it: the pauses a poller or a
/// retry policy asked for, whatever the clock was advanced by while real requests were in flight.
/// </summary>
public sealed class RecordingClock : FakeTimeProvider
{
    private readonly List<TimeSpan> _delays = [];

    /// <summary>The due times asked for, in order.</summary>
    public IReadOnlyList<TimeSpan> Delays
    {
        get
        {
            lock (_delays)
            {
                return [.. _delays];
            }
        }
    }

    /// <inheritdoc />
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        lock (_delays)
        {
            _delays.Add(dueTime);
        }
        return base.CreateTimer(callback, state, dueTime, period);
    }

    /// <summary>Moves the clock on while <paramref name="call"/> runs, until it ends.</summary>
    public async Task<T> DriveAsync<T>(Task<T> call, TimeSpan step)
    {
        for (var i = 0; i < 5000 && !call.IsCompleted; i++)
        {
            await Task.Delay(2);
            Advance(step);
        }
        return await call;
    }
}
