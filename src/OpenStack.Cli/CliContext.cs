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
            _secrets.Add(secret);
        }
    }

    /// <summary><paramref name="text"/> with every known secret replaced by <c>***</c>.</summary>
    public string Redact(string text)
    {
        foreach (var secret in _secrets.OrderByDescending(s => s.Length))
        {
            text = text.Replace(secret, "***", StringComparison.Ordinal);
        }
        return text;
    }
}
