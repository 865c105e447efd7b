namespace OpenStack.Cli;

/// <summary>What one run of the CLI reads and writes.</summary>
internal sealed class CliContext(string tool, TextWriter stdout, TextWriter stderr, IReadOnlyDictionary<string, string?> environment)
{
    private readonly List<string> _secrets = [];

    /// <summary><c>watcher</c> or <c>monasca</c>.</summary>
    public string Tool { get; } = tool;

    /// <summary>Standard output.</summary>
    public TextWriter Stdout { get; } = stdout;

    /// <summary>Standard error.</summary>
    public TextWriter Stderr { get; } = stderr;

    /// <summary>The environment variables the run sees.</summary>
    public IReadOnlyDictionary<string, string?> Environment { get; } = environment;

    /// <summary>
    /// How this tool shows timestamps, chosen once per tool by its command tree (<c>watcher</c>: with the offset, as
    /// Watcher sends them; <c>monasca</c>: UTC with <c>Z</c>, as Monasca sends them).
    /// </summary>
    public Output.DateStyle DateStyle { get; set; } = Output.DateStyle.Offset;

    /// <summary>The width of the terminal standard output is, or null when it is not a terminal (cliff's <c>--fit-width</c>).</summary>
    public int? TerminalWidth { get; set; }

    /// <summary>Whether standard output is a terminal (live progress is redrawn in place there).</summary>
    public bool StdoutIsTerminal { get; set; }

    /// <summary>The last service endpoint that could not be reached, and why (for the final error's hint).</summary>
    public (string Service, string Root, string Reason)? FailedEndpoint { get; set; }

    /// <summary>0 with <c>-q</c>, 1 by default, more with each <c>-v</c>.</summary>
    public int Verbosity { get; set; } = 1;

    /// <summary>The <c>--log-file</c> that receives each request and answer, or null.</summary>
    public string? LogFile { get; set; }

    /// <summary>Whether <c>--timing</c> was given: each service call's time is printed after the output.</summary>
    public bool Timing { get; set; }

    /// <summary>The service calls of this run and their times (for <c>--timing</c>).</summary>
    public List<(string Call, TimeSpan Elapsed)> Calls { get; } = [];

    /// <summary>Prints the <c>--timing</c> table (python-monascaclient's URL/Seconds table with a total).</summary>
    public void WriteTiming()
    {
        if (!Timing)
        {
            return;
        }
        List<(string Call, TimeSpan Elapsed)> calls;
        lock (Calls)
        {
            calls = [.. Calls];
        }
        var rows = calls.Select(c => (IReadOnlyList<string>)[c.Call, c.Elapsed.TotalSeconds.ToString("0.000000", System.Globalization.CultureInfo.InvariantCulture)])
            .Append(["Total", calls.Sum(c => c.Elapsed.TotalSeconds).ToString("0.000000", System.Globalization.CultureInfo.InvariantCulture)]).ToList();
        Stdout.Write(Output.TableWriter.Render(["URL", "Seconds"], rows, [false, true]));
    }

    /// <summary>
    /// Writes one debug line, redacted: on stderr with <c>--debug</c>, appended to the <c>--log-file</c> (cliff's file
    /// handler takes every level).
    /// </summary>
    public async Task LogAsync(string line)
    {
        line = Redact(line);
        if (Debug)
        {
            await Stderr.WriteLineAsync(line).ConfigureAwait(false);
        }
        if (LogFile is { } file)
        {
            await File.AppendAllTextAsync(file, line + "\n").ConfigureAwait(false);
        }
    }

    /// <summary>Whether requests are logged (<c>--debug</c> or <c>--log-file</c>).</summary>
    public bool Logging => Debug || LogFile is not null;

    /// <summary>Whether <c>--debug</c> was given (adds exception details to error output).</summary>
    public bool Debug { get; set; }

    /// <summary>An environment variable, or null when unset or empty.</summary>
    public string? Env(string name) =>
        Environment.TryGetValue(name, out var value) && !string.IsNullOrEmpty(value) ? value : null;

    /// <summary>Remembers a secret (password, token) so that <see cref="Redact"/> hides it from any message.</summary>
    public void AddSecret(string? secret)
    {
        if (!string.IsNullOrEmpty(secret) && secret.Length >= 3)
        {
            lock (_secrets)
            {
                if (!_secrets.Contains(secret))
                {
                    _secrets.Add(secret);
                }
            }
        }
    }

    /// <summary>
    /// <paramref name="text"/> with every known secret replaced by <c>***</c>, in every form a body can carry it (raw,
    /// JSON-escaped, URL-encoded, base64): Core's one redactor.
    /// </summary>
    public string Redact(string text)
    {
        string[] secrets;
        lock (_secrets)
        {
            secrets = [.. _secrets];
        }
        return Redaction.Scrub(text, secrets);
    }
}
