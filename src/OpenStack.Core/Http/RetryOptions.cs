namespace OpenStack;

/// <summary>
/// When and how a service call is repeated. The defaults are python-watcherclient's (<c>max_retries</c> 5,
/// <c>retry_interval</c> 2 s, fixed). See <see cref="Http.RetryPolicy"/>.
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
