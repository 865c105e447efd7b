using System.Net;
using Polly;
using Polly.Retry;

namespace OpenStack;

/// <summary>
/// When and how a service call is repeated. The defaults are python-watcherclient's (<c>max_retries</c> 5,
/// <c>retry_interval</c> 2 s, fixed). See <see cref="RetryPolicy"/>.
/// </summary>
public sealed record RetryOptions
{
    /// <summary>Retries after the first attempt; 0 disables retrying.</summary>
    public int MaxRetries { get; init; } = 5;

    /// <summary>The fixed pause between attempts when the server gives no <c>Retry-After</c>.</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>The longest <c>Retry-After</c> honoured; a server asking for more gets this pause.</summary>
    public TimeSpan MaxRetryAfter { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Also repeat POST, PATCH, PUT and DELETE after a 503/429 or a failure once the request may have reached the
    /// server (off by default: a repeated create or state change may act twice).
    /// </summary>
    public bool RetryNonIdempotentRequests { get; init; }

    /// <summary>The clock the pauses run on (a <c>FakeTimeProvider</c> in tests).</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}

/// <summary>
/// The one retry policy of the library, a Polly retry strategy (Polly.Core, the engine of
/// <c>Microsoft.Extensions.Http.Resilience</c>): a 503 Service
/// Unavailable, a 429 Too Many Requests or a connection failure is retried, at most <see cref="RetryOptions.MaxRetries"/>
/// times, after the server's <c>Retry-After</c> (bounded by <see cref="RetryOptions.MaxRetryAfter"/>) or the fixed
/// <see cref="RetryOptions.Interval"/>. A request that may have had an effect is never repeated unless asked: GET, HEAD
/// and OPTIONS are retried on every such answer or failure, other methods only when the connection could not be
/// established (nothing was sent). A 409 is never retried (python-watcherclient dropped that in 2017, bug 1725088);
/// timeouts and cancellations are not retried.
/// </summary>
public static class RetryPolicy
{
    /// <summary>A handler that applies the policy (its place: under authentication and the service's own handlers).</summary>
    /// <exception cref="ArgumentOutOfRangeException">A negative count or pause.</exception>
    public static DelegatingHandler CreateHandler(RetryOptions options) => new Handler(CreatePipeline(options));

    /// <summary>The policy as a Polly pipeline, for callers who compose their own handlers.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A negative count or pause.</exception>
    public static ResiliencePipeline<HttpResponseMessage> CreatePipeline(RetryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegative(options.MaxRetries, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Interval, TimeSpan.Zero, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxRetryAfter, TimeSpan.Zero, nameof(options));
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
            ShouldHandle = args => new ValueTask<bool>(ShouldRetry(args.Outcome, args.Context, options.RetryNonIdempotentRequests)),
            DelayGenerator = args => new ValueTask<TimeSpan?>(RetryAfter(args.Outcome.Result, options)),
        }).Build();
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

    private static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, ResilienceContext context, bool nonIdempotent)
    {
        var sent = context.Properties.TryGetValue(RequestKey, out var r) ? r : outcome.Result?.RequestMessage;
        if (sent is not null && sent.Options.TryGetValue(SendOnceKey, out var once) && once)
        {
            return false;
        }
        var method = context.Properties.TryGetValue(RequestKey, out var request) ? request.Method : outcome.Result?.RequestMessage?.Method;
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

    /// <summary>Sends each attempt through the pipeline (the same request: its content is bytes, re-readable).</summary>
    private sealed class Handler(ResiliencePipeline<HttpResponseMessage> pipeline) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(request);
            if (request.Content is { } content and not ByteArrayContent)
            {
                await content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false); // so that a retry can send it again
            }
            var context = ResilienceContextPool.Shared.Get(cancellationToken);
            context.Properties.Set(RequestKey, request);
            try
            {
                var outcome = await pipeline.ExecuteOutcomeAsync(
                    static async (ctx, state) =>
                    {
                        try
                        {
                            return Outcome.FromResult(await state.Handler.BaseSend(state.Request, ctx.CancellationToken).ConfigureAwait(false));
                        }
                        catch (Exception e)
                        {
                            return Outcome.FromException<HttpResponseMessage>(e);
                        }
                    },
                    context, (Handler: this, Request: request)).ConfigureAwait(false);
                outcome.ThrowIfException();
                return outcome.Result!;
            }
            finally
            {
                ResilienceContextPool.Shared.Return(context);
            }
        }

        private Task<HttpResponseMessage> BaseSend(HttpRequestMessage request, CancellationToken cancellationToken) => base.SendAsync(request, cancellationToken);
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
