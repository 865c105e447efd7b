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
    /// answer about it, and the error to report after the output when it ended other than SUCCEEDED or did not end within
    /// <c>--wait-timeout</c> (then the item is the last one seen, so that a script still gets its UUID, and the error says how
    /// to follow it); else returns <paramref name="item"/>.
    /// </summary>
    public async Task<(JObject Item, string? Error)> WaitAsync<T>(ParseResult parse, CliContext context, WatcherSession session, string what, JObject item,
        Func<string, WaitOptions, IProgress<T>, CancellationToken, Task<T>> wait, Func<T, string?> state, CancellationToken cancellationToken)
    {
        if (!parse.GetValue(_wait))
        {
            return (item, null);
        }
        var uuid = (string?)item["uuid"] ?? throw new CliException($"The {what} has no uuid to wait for.");
        var timeout = parse.GetValue(_timeout);
        var options = new WaitOptions { Timeout = timeout is { } t ? TimeSpan.FromSeconds(t) : null };
        using var progress = new StateLine<T>(context, $"{what} {uuid}", state, (string?)item["state"]);
        T done;
        try
        {
            done = await wait(uuid, options, progress, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            progress.End();
            var last = session.Tap.LastJson() as JObject is { } seen && (string?)seen["uuid"] == uuid ? seen : item;
            var group = what.Replace(" ", "", StringComparison.Ordinal);
            return (last, $"Gave up waiting after {timeout?.ToString(CultureInfo.InvariantCulture)} s: the {what} {uuid} is still "
                + $"{(string?)last["state"] ?? progress.State ?? "running"} and goes on. Follow it with '{context.Tool} {group} show {uuid}'.");
        }
        progress.End();
        var final = session.Tap.LastJson() as JObject ?? Formatter.ToJson(done!);
        var end = state(done);
        return end is AuditState.Succeeded
            ? (final, null)
            : (final, $"The {what} {uuid} ended {end}" + (final["status_message"] is JValue { Type: JTokenType.String } m ? $": {m}" : "") + ".");
    }

    /// <summary>
    /// The state line: on a terminal one line redrawn on each change and every second (the elapsed time moves while the
    /// state stays), else one line per change; on stderr, so that stdout keeps the output.
    /// </summary>
    private sealed class StateLine<T> : IProgress<T>, IDisposable
    {
        private readonly long _started = System.Diagnostics.Stopwatch.GetTimestamp();
        private readonly CliContext _context;
        private readonly string _what;
        private readonly Func<T, string?> _state;
        private readonly Timer? _timer;
        private int _width;
        private bool _ended;

        public StateLine(CliContext context, string what, Func<T, string?> state, string? initial)
        {
            _context = context;
            _what = what;
            _state = state;
            State = initial;
            if (context.StdoutIsTerminal)
            {
                _timer = new Timer(_ => Draw(changed: false), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
            }
        }

        /// <summary>The last state seen.</summary>
        public string? State { get; private set; }

        public void Report(T value)
        {
            lock (this)
            {
                State = _state(value);
            }
            Draw(changed: true);
        }

        private void Draw(bool changed)
        {
            lock (this)
            {
                if (_ended || (!changed && State is null))
                {
                    return;
                }
                var seconds = System.Diagnostics.Stopwatch.GetElapsedTime(_started).TotalSeconds.ToString("0", CultureInfo.InvariantCulture);
                var line = $"{_what}: {State} ({seconds} s)";
                if (_context.StdoutIsTerminal)
                {
                    _context.Stderr.Write("\r" + line.PadRight(_width));
                    _width = Math.Max(_width, line.Length);
                }
                else if (changed)
                {
                    _context.Stderr.WriteLine(line);
                }
                _context.Stderr.Flush();
            }
        }

        public void End()
        {
            _timer?.Dispose();
            lock (this)
            {
                if (!_ended && _context.StdoutIsTerminal && _width > 0)
                {
                    _context.Stderr.WriteLine();
                }
                _ended = true;
            }
        }

        public void Dispose() => End();
    }
}
