using System.Net;

namespace OpenStack.Watcher;

/// <summary>
/// Retries as python-watcherclient does (<c>max_retries</c>, default 5; <c>retry_interval</c>, default 2 s, fixed):
/// on 503 Service Unavailable and on connection failures. It never repeats a request that may have had an effect
/// unless told to: GET, HEAD and OPTIONS are retried on 503 and on any transport failure; other methods only when
/// the connection could not be established (nothing was sent), unless <see cref="RetryNonIdempotentRequests"/> is set.
/// There is no retry on 409 (python-watcherclient dropped it in 2017, bug 1725088).
/// </summary>
public sealed class WatcherRetryHandler : DelegatingHandler
{
    /// <summary>Creates the handler.</summary>
    /// <param name="maxRetries">Retries after the first attempt (python's default: 5); 0 disables retrying.</param>
    /// <param name="retryInterval">Fixed pause between attempts (python's default: 2 s).</param>
    public WatcherRetryHandler(int maxRetries = 5, TimeSpan? retryInterval = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxRetries);
        var interval = retryInterval ?? TimeSpan.FromSeconds(2);
        ArgumentOutOfRangeException.ThrowIfLessThan(interval, TimeSpan.Zero, nameof(retryInterval));
        MaxRetries = maxRetries;
        RetryInterval = interval;
    }

    /// <summary>Retries after the first attempt.</summary>
    public int MaxRetries { get; }

    /// <summary>Pause between attempts.</summary>
    public TimeSpan RetryInterval { get; }

    /// <summary>
    /// Also retry POST, PATCH, PUT and DELETE after a 503 or a failure once the request may have reached the server
    /// (off by default: a repeated create or state change may act twice).
    /// </summary>
    public bool RetryNonIdempotentRequests { get; init; }

    /// <summary>The pause (replaceable by tests).</summary>
    internal Func<TimeSpan, CancellationToken, Task> Delay { get; set; } = Task.Delay;

    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var safe = RetryNonIdempotentRequests || IsIdempotent(request.Method);
        if (request.Content is not null && MaxRetries > 0)
        {
            await request.Content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
        }
        for (var attempt = 0; ; attempt++)
        {
            HttpResponseMessage response;
            try
            {
                response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            }
            catch (HttpRequestException ex) when (attempt < MaxRetries && (safe || NothingWasSent(ex)))
            {
                await Delay(RetryInterval, cancellationToken).ConfigureAwait(false);
                continue;
            }
            if (response.StatusCode != HttpStatusCode.ServiceUnavailable || attempt >= MaxRetries || !safe)
            {
                return response;
            }
            response.Dispose();
            await Delay(RetryInterval, cancellationToken).ConfigureAwait(false);
        }
    }

    private static bool IsIdempotent(HttpMethod method) =>
        method == HttpMethod.Get || method == HttpMethod.Head || method == HttpMethod.Options;

    private static bool NothingWasSent(HttpRequestException ex) =>
        ex.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError;
}
