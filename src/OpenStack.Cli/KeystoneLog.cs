using Microsoft.Extensions.Logging;

namespace OpenStack.Cli;

/// <summary>
/// The Keystone half of <c>--debug</c> and <c>--log-file</c>: Core's Keystone log (the token request, its identity, the
/// token's SHA-256 fingerprint, failures) written as the run's other debug lines, redacted; every other category is off.
/// </summary>
internal sealed class KeystoneLog(CliContext context) : ILoggerFactory, ILogger
{
    /// <inheritdoc />
    public ILogger CreateLogger(string categoryName) =>
        categoryName == "OpenStack.Keystone" || categoryName.StartsWith("OpenStack.Keystone.", StringComparison.Ordinal)
            ? this
            : Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

    /// <inheritdoc />
    public void AddProvider(ILoggerProvider provider)
    {
    }

    /// <inheritdoc />
    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    /// <inheritdoc />
    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Debug && context.Logging;

    /// <inheritdoc />
    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (IsEnabled(logLevel))
        {
            // Synchronous by ILogger's contract: a line to stderr or a local file, never a network stream.
            context.LogAsync("Keystone: " + formatter(state, exception)).GetAwaiter().GetResult();
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
    }
}
