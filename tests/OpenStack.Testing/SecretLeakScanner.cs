using System.Collections;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Reflection;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.Extensions.Logging;

namespace OpenStack.Testing;

/// <summary>
/// Secrets made so that their raw, JSON-escaped, URL-encoded and base64 forms all differ (<c>"</c>, <c>\</c>,
/// <c>/</c>, <c>+</c>, <c>=</c>), for leak tests.
/// </summary>
public static class LeakSecrets
{
    /// <summary>A password.</summary>
    public const string Password = "pa\"ss\\wo/rd+42=Zq";

    /// <summary>An application-credential secret.</summary>
    public const string ApplicationCredentialSecret = "ac\"se\\cr/et+77=Yx";

    /// <summary>A token given by the caller (token auth or a pre-issued token).</summary>
    public const string GivenToken = "gAAAAgiven\"to\\ken/Ab+Cd=Ef";

    /// <summary>The token a fake Keystone issues.</summary>
    public const string IssuedToken = "gAAAAissued\"to\\ken/Gh+Ij=Kl";

    private static readonly System.Text.Json.JsonSerializerOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>All of them.</summary>
    public static IReadOnlyList<string> All { get; } = [Password, ApplicationCredentialSecret, GivenToken, IssuedToken];

    /// <summary>
    /// The forms a body can carry <paramref name="secret"/> in: raw; JSON-escaped (Json.NET's <c>\"</c>, System.Text.Json's
    /// <c>\u0022</c>/<c>\u002B</c>, every special character as <c>\uXXXX</c>, <c>\/</c>); URL-encoded (upper and lower
    /// case); base64 (standard and URL-safe).
    /// </summary>
    public static IReadOnlyList<string> Forms(string secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        var forms = new List<string> { secret };
        var newtonsoft = new StringBuilder();
        var allUnicode = new StringBuilder();
        foreach (var c in secret)
        {
            newtonsoft.Append(c switch { '"' => "\\\"", '\\' => "\\\\", _ => c.ToString() });
            allUnicode.Append(char.IsAsciiLetterOrDigit(c) ? c.ToString() : $"\\u{(int)c:X4}");
        }
        forms.Add(newtonsoft.ToString());
        forms.Add(newtonsoft.ToString().Replace("/", "\\/", StringComparison.Ordinal));
        forms.Add(System.Text.Json.JsonSerializer.Serialize(secret)[1..^1]);
        forms.Add(System.Text.Json.JsonSerializer.Serialize(secret, Relaxed)[1..^1]);
        forms.Add(allUnicode.ToString());
        forms.Add(System.Text.RegularExpressions.Regex.Replace(allUnicode.ToString(), @"\\u[0-9A-F]{4}", m => m.Value.ToLowerInvariant()));
        var url = Uri.EscapeDataString(secret);
        forms.Add(url);
        forms.Add(System.Text.RegularExpressions.Regex.Replace(url, "%[0-9A-F]{2}", m => m.Value.ToLowerInvariant()));
        forms.Add(System.Net.WebUtility.UrlEncode(secret));
        var base64 = Convert.ToBase64String(Encoding.UTF8.GetBytes(secret));
        forms.Add(base64);
        forms.Add(base64.TrimEnd('=').Replace('+', '-').Replace('/', '_'));
        return forms.Distinct(StringComparer.Ordinal).ToList();
    }
}

/// <summary>Listens to every <c>OpenStack*</c> ActivitySource (all data requested) and keeps each stopped Activity as text.</summary>
public sealed class ActivityCapture : IDisposable
{
    private readonly ActivityListener _listener;
    private readonly ConcurrentQueue<string> _entries = new();

    /// <summary>Starts listening.</summary>
    public ActivityCapture()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name.StartsWith("OpenStack", StringComparison.Ordinal),
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a =>
            {
                var sb = new StringBuilder().Append(a.DisplayName).Append(" | ").Append(a.OperationName)
                    .Append(" | status ").Append(a.Status).Append(": ").Append(a.StatusDescription);
                foreach (var (key, value) in a.TagObjects)
                {
                    sb.Append(" | ").Append(key).Append('=').Append(value);
                }
                foreach (var e in a.Events)
                {
                    sb.Append(" | event ").Append(e.Name);
                    foreach (var (key, value) in e.Tags)
                    {
                        sb.Append(' ').Append(key).Append('=').Append(value);
                    }
                }
                foreach (var (key, value) in a.Baggage)
                {
                    sb.Append(" | baggage ").Append(key).Append('=').Append(value);
                }
                _entries.Enqueue(sb.ToString());
            },
        };
        ActivitySource.AddActivityListener(_listener);
    }

    /// <summary>Every Activity stopped so far, as text (names, status, tags, events).</summary>
    public IReadOnlyList<string> Entries => _entries.ToArray();

    /// <inheritdoc />
    public void Dispose() => _listener.Dispose();
}

/// <summary>
/// Scans what a library or CLI run produced (logs, Activities, exceptions, objects' <c>ToString()</c>, output text) for
/// every form (<see cref="LeakSecrets.Forms"/>) of each secret, and fails naming where a form was found.
/// </summary>
public sealed class SecretLeakScanner
{
    private readonly IReadOnlyList<string> _secrets;
    private readonly List<(string Where, string Text)> _texts = [];

    /// <summary>Scans for <paramref name="secrets"/> (default: <see cref="LeakSecrets.All"/>).</summary>
    public SecretLeakScanner(params string[] secrets)
    {
        _secrets = secrets.Length == 0 ? LeakSecrets.All : secrets;
    }

    /// <summary>Adds every captured log entry.</summary>
    public SecretLeakScanner Logs(CapturingLoggerProvider logs)
    {
        ArgumentNullException.ThrowIfNull(logs);
        foreach (var entry in logs.Texts)
        {
            _texts.Add(("log", entry));
        }
        return this;
    }

    /// <summary>Adds every captured Activity.</summary>
    public SecretLeakScanner Activities(ActivityCapture activities)
    {
        ArgumentNullException.ThrowIfNull(activities);
        foreach (var entry in activities.Entries)
        {
            _texts.Add(("activity", entry));
        }
        return this;
    }

    /// <summary>
    /// Adds an exception: its <c>Message</c>, <c>ToString()</c>, <c>Data</c>, every public string property (a body, a
    /// server message), and the same for its inner exceptions.
    /// </summary>
    public SecretLeakScanner Exception(Exception? exception)
    {
        if (exception is not null)
        {
            _texts.Add(("exception " + exception.GetType().Name, Describe(exception)));
        }
        return this;
    }

    /// <summary>Adds <paramref name="value"/>'s <c>ToString()</c> (options, a session, a token).</summary>
    public SecretLeakScanner Object(object? value, string? where = null)
    {
        if (value is not null)
        {
            _texts.Add((where ?? value.GetType().Name + ".ToString()", value.ToString() ?? ""));
        }
        return this;
    }

    /// <summary>Adds a text (CLI stdout or stderr, say).</summary>
    public SecretLeakScanner Text(string where, string? text)
    {
        _texts.Add((where, text ?? ""));
        return this;
    }

    /// <summary>How many texts were added (a test can check it scanned something).</summary>
    public int Count => _texts.Count;

    /// <summary>The places where a form of a secret was found (empty when clean).</summary>
    public IReadOnlyList<string> Findings()
    {
        var found = new List<string>();
        foreach (var secret in _secrets)
        {
            var forms = LeakSecrets.Forms(secret);
            foreach (var (where, text) in _texts)
            {
                foreach (var form in forms)
                {
                    var at = text.IndexOf(form, StringComparison.Ordinal);
                    if (at >= 0)
                    {
                        var from = Math.Max(0, at - 60);
                        var context = text.Substring(from, Math.Min(text.Length - from, form.Length + 120));
                        found.Add($"{where}: form '{form}' of a secret in: ...{context}...");
                        break;
                    }
                }
            }
        }
        return found;
    }

    /// <summary>Throws when any form of any secret was found, listing where.</summary>
    /// <exception cref="SecretLeakException">A secret leaked.</exception>
    public void AssertClean()
    {
        var found = Findings();
        if (found.Count > 0)
        {
            throw new SecretLeakException($"{found.Count} leak(s):{Environment.NewLine}{string.Join(Environment.NewLine, found)}");
        }
    }

    /// <summary>An exception and its inner ones as one text: type, message, ToString, Data, public string properties.</summary>
    public static string Describe(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var sb = new StringBuilder();
        var seen = new HashSet<Exception>(ReferenceEqualityComparer.Instance);
        Append(sb, exception, seen, 0);
        return sb.ToString();
    }

    private static void Append(StringBuilder sb, Exception e, HashSet<Exception> seen, int depth)
    {
        if (depth > 16 || !seen.Add(e))
        {
            return;
        }
        sb.Append(e.GetType().FullName).Append(": ").AppendLine(e.Message).AppendLine(e.ToString());
        foreach (DictionaryEntry entry in e.Data)
        {
            sb.Append("data ").Append(entry.Key).Append('=').Append(entry.Value).AppendLine();
        }
        foreach (var p in e.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (p.GetIndexParameters().Length > 0 || p.Name is nameof(System.Exception.StackTrace) or nameof(System.Exception.TargetSite))
            {
                continue;
            }
            object? value;
            try
            {
                value = p.GetValue(e);
            }
            catch (TargetInvocationException)
            {
                continue;
            }
            switch (value)
            {
                case string s:
                    sb.Append(p.Name).Append('=').AppendLine(s);
                    break;
                case IEnumerable<KeyValuePair<string, IEnumerable<string>>> headers:
                    foreach (var (key, values) in headers)
                    {
                        sb.Append("header ").Append(key).Append('=').AppendLine(string.Join(",", values));
                    }
                    break;
            }
        }
        if (e is AggregateException aggregate)
        {
            foreach (var inner in aggregate.InnerExceptions)
            {
                Append(sb, inner, seen, depth + 1);
            }
        }
        else if (e.InnerException is { } inner)
        {
            Append(sb, inner, seen, depth + 1);
        }
    }
}

/// <summary>A secret was found where it must never be.</summary>
public sealed class SecretLeakException(string message) : Exception(message);
