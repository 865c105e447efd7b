namespace OpenStack.Monasca.Publishing;

/// <summary>What <see cref="MonascaMetricPublisher.PublishAsync"/> does when the queue is full.</summary>
public enum MetricQueueFullMode
{
    /// <summary>Drop the oldest queued metric to make room (counted in <see cref="MonascaMetricPublisher.Dropped"/>); never waits.</summary>
    DropOldest,

    /// <summary>Wait until the sender makes room (back-pressure on the producer).</summary>
    Wait,
}

/// <summary>Settings of a <see cref="MonascaMetricPublisher"/>.</summary>
public sealed class MonascaMetricPublisherOptions
{
    /// <summary>How many metrics the queue holds (default 10 000).</summary>
    public int QueueCapacity { get; set; } = 10_000;

    /// <summary>What a full queue does (default <see cref="MetricQueueFullMode.DropOldest"/>: a slow Monasca never blocks the application).</summary>
    public MetricQueueFullMode FullMode { get; set; } = MetricQueueFullMode.DropOldest;

    /// <summary>The most metrics in one <c>POST /v2.0/metrics</c> (default 1 000).</summary>
    public int MaxBatchSize { get; set; } = 1_000;

    /// <summary>
    /// The largest body of one POST, in bytes of JSON as estimated from the metrics' UTF-8 lengths (default 512 KiB; monasca-api
    /// refuses bodies above its own limit with 413). A single metric above the cap is sent alone.
    /// </summary>
    public int MaxBatchBytes { get; set; } = 512 * 1024;

    /// <summary>How long the first metric of a batch waits for more before the batch is sent (default 5 s).</summary>
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How failed batches are repeated (Core's <see cref="RetryOptions"/>: <see cref="RetryOptions.MaxRetries"/>,
    /// <see cref="RetryOptions.Interval"/> as the first pause, doubled each time with jitter, <see cref="RetryOptions.MaxRetryAfter"/>
    /// as the longest pause). A 5xx, a 429, a connection failure or a timeout is retried; any other error drops the batch.
    /// Default: 5 retries from 1 s.
    /// </summary>
    public RetryOptions Retry { get; set; } = new() { MaxRetries = 5, Interval = TimeSpan.FromSeconds(1), MaxRetryAfter = TimeSpan.FromSeconds(30) };

    /// <summary>The project the metrics are posted for (<c>tenant_id</c>, needs the delegate role); null: the token's project.</summary>
    public string? TenantId { get; set; }

    /// <summary>The clock of the batching timer and of the retry pauses (a <c>FakeTimeProvider</c> in tests).</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}
