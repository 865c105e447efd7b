using System.Net;
using Polly;
using Polly.Retry;

namespace OpenStack.Http;

/// <summary>
/// The one retry policy of the library, a Polly retry strategy (Polly.Core, the engine of
/// <c>Microsoft.Extensions.Http.Resilience</c>): a 503 Service
/// Unavailable, a 429 Too Many Requests or a connection failure is retried, at most <see cref="RetryOptions.MaxRetries"/>
/// times, after the server's <c>Retry-After</c> (bounded by <see cref="RetryOptions.MaxRetryAfter"/>) or the fixed
/// <see cref="RetryOptions.Interval"/>. A pause that would end after the call's timeout (the HttpClient's, known to the
/// clients <see cref="OpenStackHttpClient.Create"/> and dependency injection build) is not taken: the server's answer
/// (a 503 or 429 with its <c>Retry-After</c>, as the service's exception) or the failure goes to the caller at once,
/// instead of a sleep that ends in the timeout. A request that may have had an effect is never repeated unless asked: GET, HEAD
/// and OPTIONS are retried on every such answer or failure, other methods only when the connection could not be
/// established (nothing was sent). A 409 is never retried (python-watcherclient dropped that in 2017, bug 1725088);
/// timeouts and cancellations are not retried.
/// </summary>
public static class RetryPolicy
{
    /// <summary>
    /// A handler that applies the policy (its place: under authentication and the service's own handlers). The first
    /// attempt is sent directly; the Polly pipeline is built when an answer or failure is one to retry (building it
    /// costs a short-lived command about 15 ms, and most calls never need it), and then sees that first outcome as its
    /// own first attempt: the retries, their pauses and their count are the pipeline's, exactly as if it had sent it.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A negative count or pause.</exception>
    public static DelegatingHandler CreateHandler(RetryOptions options)
    {
        Validate(options);
        return new Handler(options);
    }

    /// <summary>The policy as a Polly pipeline, for callers who compose their own handlers.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A negative count or pause.</exception>
    public static ResiliencePipeline<HttpResponseMessage> CreatePipeline(RetryOptions options)
    {
        Validate(options);
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = options.TimeProvider };
        if (options.MaxRetries == 0)
        {
            return builder.Build();
        }
        return builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
        {
            MaxRetryAttempts = options.MaxRetries,
            Delay = options.Interval,
            BackoffType = DelayBackoffType.Constant,
            UseJitter = false,
            ShouldHandle = args => new ValueTask<bool>(ShouldRetry(
                args.Outcome, args.Context.Properties.TryGetValue(RequestKey, out var request) ? request : args.Outcome.Result?.RequestMessage,
                options)),
            DelayGenerator = args => new ValueTask<TimeSpan?>(RetryAfter(args.Outcome.Result, options)),
        }).Build();
    }

    private static void Validate(RetryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegative(options.MaxRetries, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Interval, TimeSpan.Zero, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxRetryAfter, TimeSpan.Zero, nameof(options));
    }

    private static readonly HttpRequestOptionsKey<bool> SendOnceKey = new("OpenStack.SendOnce");

    /// <summary>
    /// Marks <paramref name="request"/> as one the policy never repeats: a probe whose failure its sender handles (a
    /// version discovery, for example), so that it does not spend a retry budget of its own before the call it serves
    /// spends the call's.
    /// </summary>
    public static void SendOnce(HttpRequestMessage request)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Options.Set(SendOnceKey, true);
    }

    /// <summary>
    /// When the call's timeout (its HttpClient's) ends, as a <see cref="System.Diagnostics.Stopwatch"/> timestamp: set by
    /// the outermost handler of the clients <see cref="OpenStackHttpClient.Create"/> and dependency injection build.
    /// </summary>
    internal static readonly HttpRequestOptionsKey<long> DeadlineKey = new("OpenStack.Deadline");

    /// <summary>Marks <paramref name="request"/> with the end of its call's timeout (none for an infinite one).</summary>
    internal static void SetDeadline(HttpRequestMessage request, TimeSpan timeout)
    {
        if (timeout != Timeout.InfiniteTimeSpan && timeout > TimeSpan.Zero && !request.Options.TryGetValue(DeadlineKey, out _))
        {
            request.Options.Set(DeadlineKey, System.Diagnostics.Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * System.Diagnostics.Stopwatch.Frequency));
        }
    }

    private static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, HttpRequestMessage? sent, RetryOptions options)
    {
        if (!ShouldRetry(outcome, sent, options.RetryNonIdempotentRequests))
        {
            return false;
        }
        if (sent is not null && sent.Options.TryGetValue(DeadlineKey, out var deadline))
        {
            // A pause the call's timeout would cut short: the server's answer (or the failure) goes to the caller now,
            // instead of a sleep that ends in the timeout. The server's own Retry-After counts, not its capped value.
            var header = outcome.Result?.Headers.RetryAfter;
            var pause = header?.Delta ?? (header?.Date is { } date ? date - options.TimeProvider.GetUtcNow() : options.Interval);
            var left = System.Diagnostics.Stopwatch.GetElapsedTime(System.Diagnostics.Stopwatch.GetTimestamp(), deadline);
            if (pause >= left)
            {
                return false;
            }
        }
        return true;
    }

    private static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, HttpRequestMessage? sent, bool nonIdempotent)
    {
        if (sent is not null && sent.Options.TryGetValue(SendOnceKey, out var once) && once)
        {
            return false;
        }
        var method = sent?.Method;
        var safe = nonIdempotent || method is null || method == HttpMethod.Get || method == HttpMethod.Head || method == HttpMethod.Options;
        return outcome switch
        {
            { Exception: HttpRequestException http } => safe || http.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError,
            { Exception: not null } => false,
            { Result.StatusCode: HttpStatusCode.ServiceUnavailable or HttpStatusCode.TooManyRequests } => safe,
            _ => false,
        };
    }

    private static readonly ResiliencePropertyKey<HttpRequestMessage> RequestKey = new("OpenStack.Request");

    /// <summary>
    /// Sends the first attempt itself and, when its outcome is one to retry, hands it to the pipeline (built then, once)
    /// as the pipeline's first attempt; each further attempt is the same request again (its content is bytes, re-readable).
    /// </summary>
    private sealed class Handler(RetryOptions options) : DelegatingHandler
    {
        private ResiliencePipeline<HttpResponseMessage>? _pipeline;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(request);
            if (options.MaxRetries > 0 && request.Content is { } content and not ByteArrayContent)
            {
                await content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false); // so that a retry can send it again
            }
            var first = await AttemptAsync(request, cancellationToken).ConfigureAwait(false);
            if (options.MaxRetries == 0 || !ShouldRetry(first, request, options))
            {
                first.ThrowIfException();
                return first.Result!;
            }
            var pipeline = _pipeline ??= CreatePipeline(options);
            var context = ResilienceContextPool.Shared.Get(cancellationToken);
            context.Properties.Set(RequestKey, request);
            try
            {
                var state = new Attempts(this, request, first);
                var outcome = await pipeline.ExecuteOutcomeAsync(
                    static (ctx, state) => state.NextAsync(ctx.CancellationToken), context, state).ConfigureAwait(false);
                outcome.ThrowIfException();
                return outcome.Result!;
            }
            finally
            {
                ResilienceContextPool.Shared.Return(context);
            }
        }

        private async ValueTask<Outcome<HttpResponseMessage>> AttemptAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            try
            {
                return Outcome.FromResult(await base.SendAsync(request, cancellationToken).ConfigureAwait(false));
            }
            catch (Exception e)
            {
                return Outcome.FromException<HttpResponseMessage>(e);
            }
        }

        /// <summary>The attempts the pipeline makes: the one already made, then new ones.</summary>
        private sealed class Attempts(Handler handler, HttpRequestMessage request, Outcome<HttpResponseMessage> first)
        {
            private bool _firstTaken;

            public ValueTask<Outcome<HttpResponseMessage>> NextAsync(CancellationToken cancellationToken)
            {
                if (!_firstTaken)
                {
                    _firstTaken = true;
                    return ValueTask.FromResult(first);
                }
                return handler.AttemptAsync(request, cancellationToken);
            }
        }
    }

    private static TimeSpan? RetryAfter(HttpResponseMessage? response, RetryOptions options)
    {
        var header = response?.Headers.RetryAfter;
        TimeSpan? wait = header?.Delta ?? (header?.Date is { } date ? date - options.TimeProvider.GetUtcNow() : null);
        if (wait is not { } value)
        {
            return null; // the fixed interval
        }
        return value < TimeSpan.Zero ? TimeSpan.Zero : value > options.MaxRetryAfter ? options.MaxRetryAfter : value;
    }
}
