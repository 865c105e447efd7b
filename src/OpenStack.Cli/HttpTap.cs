using System.Diagnostics;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace OpenStack.Cli;

/// <summary>The last answer a client received, as the server sent it.</summary>
internal sealed class Answers
{
    private string? _lastBody;

    /// <summary>The body of the last answer (null before any).</summary>
    public string? LastBody
    {
        get => Volatile.Read(ref _lastBody);
        set => Volatile.Write(ref _lastBody, value);
    }

    /// <summary>The last answer's JSON as sent (times as strings, numbers as they were), or null when it was none.</summary>
    public JToken? LastJson()
    {
        var body = LastBody;
        if (string.IsNullOrWhiteSpace(body))
        {
            return null;
        }
        try
        {
            return Output.Formatter.Parse(body);
        }
        catch (JsonReaderException)
        {
            return null;
        }
    }
}

/// <summary>
/// The CLI's handler under the service clients' own (after retries, before authentication): it keeps each answer's
/// body as the server sent it, so that output carries the server's values (numbers, times and nulls as they came,
/// nothing added), and with <c>--debug</c> it logs each request and answer as keystoneauth does
/// (<c>REQ: curl -g -i -X GET ... -H "X-Auth-Token: {SHA256}…"</c>, <c>RESP: [200] …</c>, <c>RESP BODY: …</c>).
/// </summary>
/// <param name="context">The run's output and secrets.</param>
/// <param name="service">The service in words (<c>Watcher</c>), for the retry lines.</param>
/// <param name="retries">The retry policy around this handler (its attempts are counted here), or null when none.</param>
internal sealed class HttpTap(CliContext context, string service, RetryOptions? retries = null) : DelegatingHandler
{
    private static readonly string[] SecretHeaders = ["X-Auth-Token", "X-Subject-Token", "X-Service-Token", "Authorization"];
    private int _failures;

    /// <summary>The answers as the server sent them.</summary>
    public Answers Answers { get; } = new();

    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        HttpResponseMessage response;
        try
        {
            response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            RememberToken(request);
            var reason = Reason(ex);
            var root = request.RequestUri is { } uri ? new Uri(uri, "/").ToString() : "?";
            context.FailedEndpoint = (service, root, reason);
            if (Logging)
            {
                await LogAsync(await CurlAsync(request).ConfigureAwait(false)).ConfigureAwait(false);
                await LogAsync($"Request to {request.RequestUri} failed: {reason}").ConfigureAwait(false);
            }
            // The retry policy repeats a failed connection (nothing was sent) for every method, anything else for GET.
            var retried = ex.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError || request.Method == HttpMethod.Get;
            var attempt = Interlocked.Increment(ref _failures);
            if (retries is { MaxRetries: > 0 } policy && retried && attempt <= policy.MaxRetries)
            {
                await context.Stderr.WriteLineAsync(
                    $"{service} at {root} did not answer ({reason}), retry {attempt} of {policy.MaxRetries} in {Seconds(policy.Interval)} s").ConfigureAwait(false);
            }
            throw;
        }
        RememberToken(response.RequestMessage ?? request);
        string body = "";
        if (response.Content is { } content)
        {
            await content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
            body = await content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        }
        Answers.LastBody = body;
        lock (context.Calls)
        {
            context.Calls.Add(($"{request.Method} {request.RequestUri}", Stopwatch.GetElapsedTime(started)));
        }
        var status = (int)response.StatusCode;
        if (status is 503 or 429 && retries is { MaxRetries: > 0 } again && request.Method == HttpMethod.Get)
        {
            var attempt = Interlocked.Increment(ref _failures);
            if (attempt <= again.MaxRetries)
            {
                var wait = response.Headers.RetryAfter?.Delta is { } delta ? (delta > again.MaxRetryAfter ? again.MaxRetryAfter : delta) : again.Interval;
                await context.Stderr.WriteLineAsync(
                    $"{service} at {new Uri(request.RequestUri!, "/")} answered {status}, retry {attempt} of {again.MaxRetries} in {Seconds(wait)} s").ConfigureAwait(false);
            }
        }
        else
        {
            Interlocked.Exchange(ref _failures, 0);
        }
        if (Logging)
        {
            await LogAsync(await CurlAsync(request).ConfigureAwait(false)).ConfigureAwait(false);
            var headers = response.Headers.Concat(response.Content?.Headers ?? Enumerable.Empty<KeyValuePair<string, IEnumerable<string>>>())
                .Select(h => $"{h.Key}: {Header(h.Key, string.Join(", ", h.Value))}");
            await LogAsync($"RESP: [{(int)response.StatusCode}] {string.Join(" ", headers)}").ConfigureAwait(false);
            await LogAsync($"RESP BODY: {(body.Length > 0 ? body : "Omitted, Content-Type is set to " + (response.Content?.Headers.ContentType?.ToString() ?? "None") + ". Only text/plain, application/json responses have their bodies logged.")}").ConfigureAwait(false);
            await LogAsync($"{request.Method} call to {request.RequestUri} used request id {RequestId(response)} ({Stopwatch.GetElapsedTime(started).TotalSeconds:0.000} s)").ConfigureAwait(false);
        }
        return response;
    }

    // The token the authentication handler (inside this one) put on the request, given or issued by Keystone for this
    // run, is a secret of every line this handler writes.
    private void RememberToken(HttpRequestMessage request)
    {
        if (request.Headers.TryGetValues("X-Auth-Token", out var tokens))
        {
            foreach (var token in tokens)
            {
                context.AddSecret(token);
            }
        }
    }

    private static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Why a connection failed, in words (<c>connection refused</c>, <c>host not found</c>, ...).</summary>
    public static string Reason(HttpRequestException ex) => ex.InnerException switch
    {
        SocketException { SocketErrorCode: SocketError.ConnectionRefused } => "connection refused",
        SocketException { SocketErrorCode: SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain } => "host not found",
        SocketException { SocketErrorCode: SocketError.TimedOut } => "timed out",
        SocketException { SocketErrorCode: SocketError.NetworkUnreachable or SocketError.HostUnreachable } => "unreachable",
        SocketException socket => socket.Message.ToLowerInvariant(),
        { } inner => inner.Message,
        null => ex.Message,
    };

    private static string RequestId(HttpResponseMessage response) =>
        response.Headers.TryGetValues("X-OpenStack-Request-Id", out var ids) || response.Headers.TryGetValues("X-Compute-Request-Id", out ids)
            ? ids.First() : "None";

    // keystoneauth's _http_log_request: curl with each header, the token as {SHA256}<hex>, and the body.
    private static async Task<string> CurlAsync(HttpRequestMessage request)
    {
        var sb = new StringBuilder("REQ: curl -g -i -X ").Append(request.Method.Method).Append(' ').Append(request.RequestUri);
        var headers = request.Headers.Concat(request.Content?.Headers ?? Enumerable.Empty<KeyValuePair<string, IEnumerable<string>>>());
        foreach (var (name, values) in headers.OrderBy(h => h.Key, StringComparer.OrdinalIgnoreCase))
        {
            sb.Append(" -H \"").Append(name).Append(": ").Append(Header(name, string.Join(", ", values))).Append('"');
        }
        if (request.Content is { } content)
        {
            var text = await content.ReadAsStringAsync().ConfigureAwait(false);
            sb.Append(" -d '").Append(text).Append('\'');
        }
        return sb.ToString();
    }

    private static string Header(string name, string value) =>
        SecretHeaders.Contains(name, StringComparer.OrdinalIgnoreCase)
            ? "{SHA256}" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)))
            : value;

    private bool Logging => context.Debug || context.LogFile is not null;

    private Task LogAsync(string line) => context.LogAsync(line);
}
