using System.Diagnostics.Metrics;
using System.Net.Http;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;
using Polly.Retry;

namespace OpenStack.Monasca.Publishing;

/// <summary>
/// Sends metrics to Monasca in batches, in the background, as monasca-agent's forwarder does: a bounded queue
/// (<see cref="MonascaMetricPublisherOptions.QueueCapacity"/>; when full, drop the oldest or wait), batches of at most
/// <see cref="MonascaMetricPublisherOptions.MaxBatchSize"/> metrics and <see cref="MonascaMetricPublisherOptions.MaxBatchBytes"/>
/// bytes, sent when full or <see cref="MonascaMetricPublisherOptions.FlushInterval"/> after their first metric, through
/// <see cref="IMetricsClient.CreateAsync(IEnumerable{MetricCreate}, string?, CancellationToken)"/> (<c>POST /v2.0/metrics</c> with an array body). A batch that fails with a 5xx,
/// a 429, a connection failure or a timeout is sent again with exponential backoff (a Polly retry strategy on Core's
/// <see cref="RetryOptions"/>); Monasca stores a measurement by name, dimensions and timestamp, so a repeated batch does not
/// double it. <see cref="StopAsync"/> (and <c>await using</c>) sends what is queued. Counters: <see cref="Sent"/>, <see cref="Retried"/>,
/// <see cref="Dropped"/>, and the same as instruments of the <see cref="MeterName"/> meter.
/// </summary>
public sealed partial class MonascaMetricPublisher : IAsyncDisposable
{
    /// <summary>The <see cref="Meter"/> of the publisher's counters: <c>OpenStack.Monasca.Publishing</c>.</summary>
    public const string MeterName = "OpenStack.Monasca.Publishing";

    private static readonly Meter Meter = new(MeterName, typeof(MonascaMetricPublisher).Assembly.GetName().Version?.ToString());
    private static readonly Counter<long> SentCounter = Meter.CreateCounter<long>("openstack.monasca.publisher.sent", "{metric}", "Metrics Monasca accepted.");
    private static readonly Counter<long> RetriedCounter = Meter.CreateCounter<long>("openstack.monasca.publisher.retried", "{metric}", "Metrics sent again after a failed batch.");
    private static readonly Counter<long> DroppedCounter = Meter.CreateCounter<long>("openstack.monasca.publisher.dropped", "{metric}", "Metrics dropped: queue full, refused, or retries exhausted.");

    private readonly IMetricsClient _client;
    private readonly MonascaMetricPublisherOptions _options;
    private readonly ILogger _logger;
    private readonly Channel<Queued> _queue;
    private readonly ResiliencePipeline _retry;
    private readonly Task _sender;
    private long _sent;
    private long _retried;
    private long _dropped;
    private long _enqueued;
    private long _done;
    private int _sending;
    private int _disposed;
    private readonly object _flushLock = new();
    private readonly List<(long Target, TaskCompletionSource Done)> _flushWaiters = [];
    private bool _flushRequested;
    private CancellationTokenSource? _linger;

    /// <summary>Starts a publisher that posts through <paramref name="metrics"/> (for example <c>monascaClient.Metrics</c>).</summary>
    /// <param name="metrics">The Metrics client of a <see cref="MonascaClient"/>.</param>
    /// <param name="options">Queue, batching and retry settings (null: the defaults).</param>
    /// <param name="logger">Warnings about dropped batches, information about retries.</param>
    /// <exception cref="ArgumentOutOfRangeException">A capacity, size or interval that is not positive.</exception>
    public MonascaMetricPublisher(IMetricsClient metrics, MonascaMetricPublisherOptions? options = null, ILogger<MonascaMetricPublisher>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        _client = metrics;
        _options = options ?? new MonascaMetricPublisherOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.QueueCapacity, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.MaxBatchSize, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.MaxBatchBytes, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.FlushInterval, TimeSpan.Zero, nameof(options));
        ArgumentNullException.ThrowIfNull(_options.Retry, nameof(options));
        ArgumentNullException.ThrowIfNull(_options.TimeProvider, nameof(options));
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _queue = Channel.CreateBounded<Queued>(
            new BoundedChannelOptions(_options.QueueCapacity)
            {
                FullMode = _options.FullMode == MetricQueueFullMode.Wait ? BoundedChannelFullMode.Wait : BoundedChannelFullMode.DropOldest,
                SingleReader = true,
            },
            _ =>
            {
                CountDropped(1);
                Completed(1);
            });
        _retry = CreateRetry(_options.Retry);
        _sender = Task.Run(SendLoopAsync);
    }

    /// <summary>Metrics Monasca accepted.</summary>
    public long Sent => Interlocked.Read(ref _sent);

    /// <summary>Metrics sent again after their batch failed (a batch of 100 retried twice counts 200).</summary>
    public long Retried => Interlocked.Read(ref _retried);

    /// <summary>Metrics dropped: the queue was full (<see cref="MetricQueueFullMode.DropOldest"/>), Monasca refused the batch (4xx), or the retries ran out.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Metrics waiting in the queue or in the batch being sent.</summary>
    public long Pending => Interlocked.Read(ref _enqueued) - Interlocked.Read(ref _done);

    /// <summary>
    /// Queues <paramref name="metric"/>. With <see cref="MetricQueueFullMode.Wait"/> it waits while the queue is full; with
    /// <see cref="MetricQueueFullMode.DropOldest"/> it never waits.
    /// </summary>
    /// <param name="metric">The metric (name, dimensions, timestamp in ms since the epoch, value, value_meta).</param>
    /// <param name="cancellationToken">Stops waiting for room.</param>
    /// <exception cref="ObjectDisposedException">The publisher is disposed.</exception>
    /// <exception cref="ArgumentException">A metric without a name, or a value that is NaN or infinite (Monasca refuses the whole batch).</exception>
    public async ValueTask PublishAsync(MetricCreate metric, CancellationToken cancellationToken = default)
    {
        var item = Validate(metric);
        Interlocked.Increment(ref _enqueued);
        try
        {
            await _queue.Writer.WriteAsync(item, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is ChannelClosedException or OperationCanceledException)
        {
            Interlocked.Decrement(ref _enqueued);
            if (e is ChannelClosedException)
            {
                throw new ObjectDisposedException(nameof(MonascaMetricPublisher), "The publisher is disposed.");
            }
            throw;
        }
    }

    /// <summary>Queues <paramref name="metric"/> without waiting; false when the queue is full in <see cref="MetricQueueFullMode.Wait"/> mode or the publisher is disposed.</summary>
    /// <param name="metric">The metric.</param>
    /// <exception cref="ArgumentException">A metric without a name, or a value that is NaN or infinite.</exception>
    public bool TryPublish(MetricCreate metric)
    {
        var item = Validate(metric);
        Interlocked.Increment(ref _enqueued);
        if (_queue.Writer.TryWrite(item))
        {
            return true;
        }
        Interlocked.Decrement(ref _enqueued);
        return false;
    }

    /// <summary>
    /// Sends every metric queued before this call now (without waiting for <see cref="MonascaMetricPublisherOptions.FlushInterval"/>)
    /// and waits until each is sent or dropped.
    /// </summary>
    /// <param name="cancellationToken">Stops waiting (the metrics stay queued).</param>
    public Task FlushAsync(CancellationToken cancellationToken = default)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        CancellationTokenSource? linger;
        lock (_flushLock)
        {
            var target = Interlocked.Read(ref _enqueued);
            if (Interlocked.Read(ref _done) >= target)
            {
                return Task.CompletedTask;
            }
            _flushWaiters.Add((target, done));
            _flushRequested = true;
            linger = _linger;
        }
        CancelQuietly(linger); // stop waiting for more metrics: send the batch now
        return done.Task.WaitAsync(cancellationToken);
    }

    /// <summary>
    /// Stops taking metrics (<see cref="PublishAsync"/> then throws <see cref="ObjectDisposedException"/>) and waits until what
    /// is queued is sent (retrying as configured) or dropped. <c>await using</c> (<see cref="IAsyncDisposable.DisposeAsync"/>) does the same.
    /// </summary>
    /// <param name="cancellationToken">Stops waiting; the queued metrics are still sent in the background.</param>
    public Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _queue.Writer.TryComplete();
        }
        return _sender.WaitAsync(cancellationToken);
    }

    /// <summary>Stops taking metrics and sends what is queued (<see cref="StopAsync"/>).</summary>
    async ValueTask IAsyncDisposable.DisposeAsync() => await StopAsync().ConfigureAwait(false);

    private async Task SendLoopAsync()
    {
        var reader = _queue.Reader;
        var batch = new List<MetricCreate>(Math.Min(_options.MaxBatchSize, 1024));
        Queued? carried = null;
        while (carried is not null || await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            // The first metric of a batch is here: gather until the batch is full, FlushInterval has passed, a flush, or the end.
            var bytes = 2;
            var linger = new CancellationTokenSource(_options.FlushInterval, _options.TimeProvider);
            bool flushing;
            lock (_flushLock)
            {
                _linger = linger;
                flushing = _flushRequested;
            }
            if (flushing)
            {
                linger.Cancel();
            }
            try
            {
                while (true)
                {
                    Queued next;
                    if (carried is { } c)
                    {
                        next = c;
                        carried = null;
                    }
                    else if (!reader.TryRead(out next))
                    {
                        try
                        {
                            if (!await reader.WaitToReadAsync(linger.Token).ConfigureAwait(false))
                            {
                                break; // completed: send what we have
                            }
                        }
                        catch (OperationCanceledException) when (linger.IsCancellationRequested)
                        {
                            break; // FlushInterval has passed
                        }
                        continue;
                    }
                    if (batch.Count > 0 && bytes + next.Bytes + 1 > _options.MaxBatchBytes)
                    {
                        carried = next; // it starts the next batch
                        break;
                    }
                    batch.Add(next.Metric);
                    bytes += next.Bytes + 1;
                    if (batch.Count >= _options.MaxBatchSize)
                    {
                        break;
                    }
                }
            }
            finally
            {
                lock (_flushLock)
                {
                    _linger = null;
                }
                linger.Dispose();
            }
            if (batch.Count > 0)
            {
                await SendAsync(batch).ConfigureAwait(false);
                var count = batch.Count;
                batch.Clear();
                Completed(count);
            }
        }
        Completed(0, ended: true);
    }

    /// <summary>Counts <paramref name="count"/> metrics as sent or dropped and releases the flushes they complete.</summary>
    private void Completed(int count, bool ended = false)
    {
        List<TaskCompletionSource>? release = null;
        lock (_flushLock)
        {
            var done = Interlocked.Add(ref _done, count);
            for (var i = _flushWaiters.Count - 1; i >= 0; i--)
            {
                if (ended || _flushWaiters[i].Target <= done)
                {
                    (release ??= []).Add(_flushWaiters[i].Done);
                    _flushWaiters.RemoveAt(i);
                }
            }
            if (_flushWaiters.Count == 0)
            {
                _flushRequested = false;
            }
        }
        release?.ForEach(w => w.TrySetResult());
    }

    private static void CancelQuietly(CancellationTokenSource? cts)
    {
        try
        {
            cts?.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // the batch was sent meanwhile
        }
    }

    private async Task SendAsync(List<MetricCreate> batch)
    {
        Volatile.Write(ref _sending, batch.Count);
        try
        {
            await _retry.ExecuteAsync(
                static async (state, ct) => await state.Client.CreateAsync(state.Batch, state.Tenant, ct).ConfigureAwait(false),
                (Client: _client, Batch: batch, Tenant: _options.TenantId),
                CancellationToken.None).ConfigureAwait(false);
            Interlocked.Add(ref _sent, batch.Count);
            SentCounter.Add(batch.Count);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            CountDropped(batch.Count);
            LogDropped(_logger, batch.Count, e.Message);
        }
    }

    private ResiliencePipeline CreateRetry(RetryOptions retry)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(retry.MaxRetries, nameof(retry));
        ArgumentOutOfRangeException.ThrowIfLessThan(retry.Interval, TimeSpan.Zero, nameof(retry));
        var builder = new ResiliencePipelineBuilder { TimeProvider = retry.TimeProvider };
        if (retry.MaxRetries == 0)
        {
            return builder.Build();
        }
        return builder.AddRetry(new RetryStrategyOptions
        {
            MaxRetryAttempts = retry.MaxRetries,
            Delay = retry.Interval,
            MaxDelay = retry.MaxRetryAfter > TimeSpan.Zero ? retry.MaxRetryAfter : null,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            ShouldHandle = args => new ValueTask<bool>(IsTransient(args.Outcome.Exception)),
            OnRetry = args =>
            {
                var count = Volatile.Read(ref _sending);
                Interlocked.Add(ref _retried, count);
                RetriedCounter.Add(count);
                LogRetrying(_logger, count, args.AttemptNumber + 2, args.RetryDelay.TotalSeconds, args.Outcome.Exception?.Message ?? "");
                return default;
            },
        }).Build();
    }

    private static bool IsTransient(Exception? e) => e switch
    {
        OpenStackApiException api => api.StatusCode >= 500 || api.StatusCode == 429,
        HttpRequestException or OpenStackConnectionException => true,
        TaskCanceledException or TimeoutException => true, // the HttpClient's timeout: the publisher never cancels a send
        _ => false,
    };

    private void CountDropped(int count)
    {
        Interlocked.Add(ref _dropped, count);
        DroppedCounter.Add(count);
    }

    private static Queued Validate(MetricCreate metric)
    {
        ArgumentNullException.ThrowIfNull(metric);
        if (string.IsNullOrEmpty(metric.Name))
        {
            throw new ArgumentException("A Monasca metric needs a name.", nameof(metric));
        }
        if (!double.IsFinite(metric.Value))
        {
            throw new ArgumentException($"Monasca refuses the value {metric.Value} of metric '{metric.Name}' (NaN and infinities are not allowed).", nameof(metric));
        }
        return new Queued(metric, EstimateBytes(metric));
    }

    /// <summary>The metric's JSON length in bytes, estimated: UTF-8 lengths, a character that JSON escapes counted as 6, the punctuation.</summary>
    internal static int EstimateBytes(MetricCreate metric)
    {
        var n = 70 + Len(metric.Name); // {"name":"","dimensions":{},"timestamp":1700000000000,"value":-1.2345678901234567E+300}
        n += Pairs(metric.Dimensions);
        if (metric.ValueMeta is { Count: > 0 } meta)
        {
            n += 15 + Pairs(meta);
        }
        return n;

        static int Pairs(IDictionary<string, string>? pairs)
        {
            var n = 0;
            if (pairs is Dictionary<string, string> d)
            {
                foreach (var (k, v) in d) // the struct enumerator: no allocation per metric
                {
                    n += Len(k) + Len(v) + 6;
                }
            }
            else if (pairs is not null)
            {
                foreach (var (k, v) in pairs)
                {
                    n += Len(k) + Len(v) + 6;
                }
            }
            return n;
        }

        static int Len(string? s)
        {
            if (s is null)
            {
                return 4;
            }
            var n = 0;
            foreach (var ch in s)
            {
                n += ch < 0x20 || ch == '"' || ch == '\\' ? 6 : ch < 0x80 ? 1 : ch < 0x800 ? 2 : 3;
            }
            return n;
        }
    }

    private readonly record struct Queued(MetricCreate Metric, int Bytes);

    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "Dropped a batch of {Count} metrics: {Reason}")]
    private static partial void LogDropped(ILogger logger, int count, string reason);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Sending a batch of {Count} metrics again (attempt {Attempt}) in {Seconds:0.###} s: {Reason}")]
    private static partial void LogRetrying(ILogger logger, int count, int attempt, double seconds, string reason);
}
