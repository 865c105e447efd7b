using OpenStack.Operations;
using OpenStack.Watcher;

namespace OpenStack.Cli.Watcher;

/// <summary>
/// <c>--wait</c> and <c>--timeout</c> of <c>audit create</c> and <c>actionplan start</c>: the library's
/// <c>WaitForCompletionAsync</c> (Core's <see cref="OperationPoller"/>) with the state shown as it changes, on one line
/// redrawn when standard output is a terminal, else one line per change (on stderr, so that stdout keeps the output).
/// </summary>
internal sealed class Waiter
{
    private readonly Option<bool> _wait = new("--wait") { Description = "Wait until the work ends (SUCCEEDED, FAILED, CANCELLED), showing its state; exit 1 unless it SUCCEEDED." };
    private readonly Option<double?> _timeout = new("--wait-timeout") { Description = "With --wait: give up after this many seconds (exit 1)." };

    private Waiter(Command command)
    {
        command.Options.Add(_wait);
        command.Options.Add(_timeout);
        command.Validators.Add(r =>
        {
            if (r.GetValue(_timeout) is { } t && t <= 0)
            {
                r.AddError($"argument --wait-timeout: invalid value '{t.ToString(CultureInfo.InvariantCulture)}': expected a positive number of seconds.");
            }
        });
    }

    /// <summary>Adds <c>--wait</c> and <c>--wait-timeout</c> to <paramref name="command"/>.</summary>
    public static Waiter Add(Command command) => new(command);

    /// <summary>
    /// When <c>--wait</c> was given, waits for the audit or action plan <paramref name="item"/> and returns the server's last
    /// answer about it, and its state when it ended other than SUCCEEDED; else returns <paramref name="item"/>.
    /// </summary>
    public async Task<(JObject Item, string? Failed)> WaitAsync<T>(ParseResult parse, CliContext context, WatcherSession session, string what, JObject item,
        Func<string, WaitOptions, IProgress<T>, CancellationToken, Task<T>> wait, Func<T, string?> state, CancellationToken cancellationToken)
    {
        if (!parse.GetValue(_wait))
        {
            return (item, null);
        }
        var uuid = (string?)item["uuid"] ?? throw new CliException($"The {what} has no uuid to wait for.");
        var options = new WaitOptions { Timeout = parse.GetValue(_timeout) is { } t ? TimeSpan.FromSeconds(t) : null };
        var progress = new StateLine<T>(context, $"{what} {uuid}", state);
        T done;
        try
        {
            done = await wait(uuid, options, progress, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            progress.End();
        }
        var final = session.Tap.LastJson() as JObject ?? Formatter.ToJson(done!);
        var end = state(done);
        return (final, end is AuditState.Succeeded ? null : end);
    }

    private sealed class StateLine<T>(CliContext context, string what, Func<T, string?> state) : IProgress<T>
    {
        private readonly long _started = System.Diagnostics.Stopwatch.GetTimestamp();
        private int _width;

        public void Report(T value)
        {
            var seconds = System.Diagnostics.Stopwatch.GetElapsedTime(_started).TotalSeconds.ToString("0", CultureInfo.InvariantCulture);
            var line = $"{what}: {state(value)} ({seconds} s)";
            lock (this)
            {
                if (context.StdoutIsTerminal)
                {
                    context.Stderr.Write("\r" + line.PadRight(_width));
                    _width = Math.Max(_width, line.Length);
                }
                else
                {
                    context.Stderr.WriteLine(line);
                }
                context.Stderr.Flush();
            }
        }

        public void End()
        {
            lock (this)
            {
                if (context.StdoutIsTerminal && _width > 0)
                {
                    context.Stderr.WriteLine();
                }
            }
        }
    }
}
