namespace OpenStack.Cli;

/// <summary>An error the CLI reports as a message (no stack trace), like cliff's <c>CommandError</c>.</summary>
internal sealed class CliException(string message, int exitCode = 1) : Exception(message)
{
    /// <summary>The process exit code: 1 for command errors, 2 for usage errors.</summary>
    public int ExitCode { get; } = exitCode;
}
