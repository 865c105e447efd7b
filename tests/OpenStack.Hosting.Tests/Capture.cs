using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;

namespace OpenStack.Hosting.Tests;

/// <summary>Records the activities of the OpenStack sources (all data, all sampled) while alive.</summary>
public sealed class ActivityCapture : IDisposable
{
    private readonly ActivityListener _listener;
    private readonly ConcurrentQueue<Activity> _stopped = new();

    /// <summary>Starts listening to every source whose name starts with <c>OpenStack.</c>.</summary>
    public ActivityCapture()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name.StartsWith("OpenStack.", StringComparison.Ordinal),
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a => _stopped.Enqueue(a),
        };
        ActivitySource.AddActivityListener(_listener);
    }

    /// <summary>Activities stopped so far.</summary>
    public IReadOnlyList<Activity> Stopped => _stopped.ToArray();

    /// <inheritdoc />
    public void Dispose() => _listener.Dispose();
}

/// <summary>Sums the measurements of the <c>OpenStack.Core</c> meter while alive.</summary>
public sealed class MeterCapture : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<(string Instrument, long Value, KeyValuePair<string, object?>[] Tags)> _measurements = new();

    /// <summary>Starts listening.</summary>
    public MeterCapture()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == OpenStack.Diagnostics.OpenStackDiagnostics.MeterName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => _measurements.Enqueue((instrument.Name, value, tags.ToArray())));
        _listener.Start();
    }

    /// <summary>The sum of <paramref name="instrument"/>'s measurements so far.</summary>
    public long Total(string instrument) => _measurements.Where(m => m.Instrument == instrument).Sum(m => m.Value);

    /// <inheritdoc />
    public void Dispose() => _listener.Dispose();
}
