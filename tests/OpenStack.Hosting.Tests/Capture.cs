using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;

namespace OpenStack.Hosting.Tests;

/// <summary>One captured log entry.</summary>
public sealed record LogEntry(string Category, LogLevel Level, EventId EventId, string Message, IReadOnlyList<KeyValuePair<string, object?>> State)
{
    /// <summary>A structured value of the entry.</summary>
    public object? this[string key] => State.FirstOrDefault(kv => kv.Key == key).Value;

    /// <inheritdoc />
    public override string ToString() => $"{Level} {Category}[{EventId.Id}]: {Message}";
}

/// <summary>A logger provider that keeps every entry, at every level.</summary>
public sealed class CapturingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<LogEntry> _entries = new();

    /// <summary>Everything logged so far.</summary>
    public IReadOnlyList<LogEntry> Entries => _entries.ToArray();

    /// <inheritdoc />
    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _entries);

    /// <inheritdoc />
    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<LogEntry> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = state as IReadOnlyList<KeyValuePair<string, object?>> ?? [];
            entries.Enqueue(new LogEntry(category, logLevel, eventId, formatter(state, exception) + (exception is null ? "" : " " + exception), values));
        }
    }
}

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
