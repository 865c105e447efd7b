using System.Collections.Concurrent;
using System.Text;
using Microsoft.Extensions.Logging;

namespace OpenStack.Testing;

/// <summary>One captured log entry. <see cref="Message"/> is the formatted message with the exception's text after it, as a console shows it.</summary>
public sealed record CapturedLog(string Category, LogLevel Level, EventId EventId, string Message, IReadOnlyList<KeyValuePair<string, object?>> State)
{
    /// <summary>A structured value of the entry.</summary>
    public object? this[string key] => State.FirstOrDefault(kv => kv.Key == key).Value;

    /// <inheritdoc />
    public override string ToString() => $"{Level} {Category}[{EventId.Id}]: {Message}";
}

/// <summary>
/// Captures every log entry at every level (Trace included) and every scope begun: a logger provider (for a host's
/// logging builder) that is also a logger factory (for <c>OpenStackClientOptions.LoggerFactory</c>).
/// </summary>
public sealed class CapturingLoggerProvider : ILoggerProvider, ILoggerFactory
{
    private readonly ConcurrentQueue<CapturedLog> _entries = new();
    private readonly ConcurrentQueue<string> _texts = new();

    /// <summary>Everything logged so far.</summary>
    public IReadOnlyList<CapturedLog> Entries => _entries.ToArray();

    /// <summary>The messages logged so far (each with its exception's text).</summary>
    public IReadOnlyList<string> Messages => _entries.Select(e => e.Message).ToArray();

    /// <summary>
    /// Everything logged as text, for a leak scan: each entry's level, category, message, state values and exception
    /// (<see cref="SecretLeakScanner.Describe"/>: every string it carries), and each scope.
    /// </summary>
    public IReadOnlyList<string> Texts => _texts.ToArray();

    /// <inheritdoc />
    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    /// <inheritdoc />
    public void AddProvider(ILoggerProvider provider)
    {
    }

    /// <inheritdoc />
    public void Dispose()
    {
    }

    private sealed class Logger(CapturingLoggerProvider owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull
        {
            owner._texts.Enqueue($"[{category}] scope: {state}");
            return null;
        }

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var message = formatter(state, exception);
            var values = state as IReadOnlyList<KeyValuePair<string, object?>> ?? [];
            owner._entries.Enqueue(new CapturedLog(category, logLevel, eventId, exception is null ? message : message + " " + exception, values));
            var text = new StringBuilder().Append('[').Append(logLevel).Append("] [").Append(category).Append("] ").Append(message);
            foreach (var (key, value) in values)
            {
                text.Append(" | ").Append(key).Append('=').Append(value);
            }
            if (exception is not null)
            {
                text.Append(" | exception: ").Append(SecretLeakScanner.Describe(exception));
            }
            owner._texts.Enqueue(text.ToString());
        }
    }
}
