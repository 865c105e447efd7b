using Microsoft.Extensions.Time.Testing;

namespace OpenStack.Monasca.Publishing.Tests;

public sealed class MetricPublisherTests
{
    private static readonly RetryOptions FastRetry = new() { MaxRetries = 3, Interval = TimeSpan.FromMilliseconds(5), MaxRetryAfter = TimeSpan.FromMilliseconds(50) };

    private static MetricCreate Metric(int i, string name = "app.requests") => new()
    {
        Name = name,
        Dimensions = new Dictionary<string, string> { ["service"] = "orders", ["hostname"] = "web-1", ["i"] = i.ToString(System.Globalization.CultureInfo.InvariantCulture) },
        Timestamp = 1_765_000_000_000 + i,
        Value = i * 0.5,
    };

    [Fact]
    public async Task Metrics_are_sent_in_batches_of_at_most_MaxBatchSize()
    {
        await using var monasca = await RecordingMonasca.StartAsync();
        using var client = monasca.CreateClient();
        await using var publisher = new MonascaMetricPublisher(client.Metrics, new() { MaxBatchSize = 10, FlushInterval = TimeSpan.FromHours(1), Retry = FastRetry });
        for (var i = 0; i < 25; i++)
        {
            await publisher.PublishAsync(Metric(i));
        }
        await publisher.FlushAsync();

        Assert.Equal([10, 10, 5], monasca.Accepted.Select(b => b.Count));
        var metrics = monasca.AcceptedMetrics();
        Assert.Equal(Enumerable.Range(0, 25).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)), metrics.Select(m => (string)m["dimensions"]!["i"]!));
        Assert.Equal("app.requests", (string)metrics[3]["name"]!);
        Assert.Equal(1_765_000_000_003L, (long)metrics[3]["timestamp"]!);
        Assert.Equal(1.5, (double)metrics[3]["value"]!);
        Assert.Equal(25, publisher.Sent);
        Assert.Equal(0, publisher.Pending);
    }

    [Fact]
    public async Task A_partial_batch_is_sent_when_the_flush_interval_has_passed()
    {
        await using var monasca = await RecordingMonasca.StartAsync();
        using var client = monasca.CreateClient();
        var time = new TimerSignallingTimeProvider();
        await using var publisher = new MonascaMetricPublisher(client.Metrics, new() { MaxBatchSize = 100, FlushInterval = TimeSpan.FromSeconds(10), TimeProvider = time, Retry = FastRetry });
        await publisher.PublishAsync(Metric(0));
        await time.TimerCreated; // the batch has started: its timer runs from now
        await publisher.PublishAsync(Metric(1));
        await publisher.PublishAsync(Metric(2));
        time.Advance(TimeSpan.FromSeconds(10));

        var post = await monasca.NextAsync();
        Assert.Equal(3, post.Body.Count);
        await publisher.FlushAsync();
        Assert.Equal(3, publisher.Sent);
    }

    [Fact]
    public async Task Nothing_is_lost_when_the_server_answers_503_twice()
    {
        await using var monasca = await RecordingMonasca.StartAsync();
        monasca.Script = n => n <= 2 ? 503 : 204;
        using var client = monasca.CreateClient();
        await using var publisher = new MonascaMetricPublisher(client.Metrics, new() { MaxBatchSize = 40, FlushInterval = TimeSpan.FromHours(1), Retry = FastRetry });
        for (var i = 0; i < 40; i++)
        {
            await publisher.PublishAsync(Metric(i));
        }
        await publisher.FlushAsync();

        var statuses = new List<int>();
        for (var i = 0; i < 3; i++)
        {
            statuses.Add((await monasca.NextAsync()).Status);
        }
        Assert.Equal(new[] { 503, 503, 204 }, statuses);
        Assert.Equal(40, monasca.AcceptedMetrics().Count);
        Assert.Equal(40, monasca.AcceptedMetrics().Select(m => (string)m["dimensions"]!["i"]!).Distinct().Count());
        Assert.Equal(40, publisher.Sent);
        Assert.Equal(80, publisher.Retried);
        Assert.Equal(0, publisher.Dropped);
    }

    [Fact]
    public async Task A_connection_failure_is_retried_until_the_server_is_there()
    {
        var failures = 0;
        var stub = new StubMetrics(_ => Interlocked.Increment(ref failures) <= 2 ? throw new HttpRequestException("Connection refused") : Task.CompletedTask);
        await using var publisher = new MonascaMetricPublisher(stub.Client, new() { FlushInterval = TimeSpan.FromHours(1), Retry = FastRetry });
        await publisher.PublishAsync(Metric(1));
        await publisher.FlushAsync();
        Assert.Equal(1, publisher.Sent);
        Assert.Equal(2, publisher.Retried);
        Assert.Equal(3, stub.Calls);
    }

    [Fact]
    public async Task A_refused_batch_is_dropped_and_counted_without_retrying()
    {
        await using var monasca = await RecordingMonasca.StartAsync();
        monasca.Script = n => n == 1 ? 422 : 204;
        using var client = monasca.CreateClient();
        await using var publisher = new MonascaMetricPublisher(client.Metrics, new() { MaxBatchSize = 5, FlushInterval = TimeSpan.FromHours(1), Retry = FastRetry });
        for (var i = 0; i < 7; i++)
        {
            await publisher.PublishAsync(Metric(i));
        }
        await publisher.FlushAsync();
        Assert.Equal(5, publisher.Dropped);
        Assert.Equal(2, publisher.Sent);
        Assert.Equal(0, publisher.Retried);
    }

    [Fact]
    public async Task Bodies_stay_under_MaxBatchBytes()
    {
        await using var monasca = await RecordingMonasca.StartAsync();
        using var client = monasca.CreateClient();
        await using var publisher = new MonascaMetricPublisher(client.Metrics, new() { MaxBatchBytes = 2_000, FlushInterval = TimeSpan.FromHours(1), Retry = FastRetry });
        for (var i = 0; i < 60; i++)
        {
            var m = Metric(i);
            m.ValueMeta = new Dictionary<string, string> { ["detail"] = new string('x', 100) + "\"é" };
            await publisher.PublishAsync(m);
        }
        await publisher.FlushAsync();
        var posts = new List<(int Status, Newtonsoft.Json.Linq.JArray Body, int Bytes)>();
        while (posts.Sum(p => p.Body.Count) < 60)
        {
            posts.Add(await monasca.NextAsync());
        }
        Assert.True(posts.Count > 1);
        Assert.All(posts, p => Assert.True(p.Bytes <= 2_000, $"a body of {p.Bytes} bytes"));
        Assert.Equal(60, monasca.AcceptedMetrics().Count);
    }

    [Fact]
    public async Task A_full_queue_drops_the_oldest_metrics_in_DropOldest_mode()
    {
        var stub = new StubMetrics(_ => Task.CompletedTask) { Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously) };
        await using var publisher = new MonascaMetricPublisher(stub.Client, new() { QueueCapacity = 5, MaxBatchSize = 1, FlushInterval = TimeSpan.Zero, Retry = FastRetry });
        await publisher.PublishAsync(Metric(0));
        await stub.Entered; // the sender holds metric 0
        for (var i = 1; i <= 10; i++)
        {
            await publisher.PublishAsync(Metric(i)); // never waits
        }
        Assert.Equal(5, publisher.Dropped);
        stub.Gate.SetResult();
        await publisher.FlushAsync();
        Assert.Equal(["0", "6", "7", "8", "9", "10"], stub.Received.Select(m => m.Dimensions!["i"]));
        Assert.Equal(6, publisher.Sent);
    }

    [Fact]
    public async Task A_full_queue_makes_the_producer_wait_in_Wait_mode()
    {
        var stub = new StubMetrics(_ => Task.CompletedTask) { Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously) };
        await using var publisher = new MonascaMetricPublisher(stub.Client, new() { QueueCapacity = 2, MaxBatchSize = 1, FullMode = MetricQueueFullMode.Wait, FlushInterval = TimeSpan.Zero, Retry = FastRetry });
        await publisher.PublishAsync(Metric(0));
        await stub.Entered;
        await publisher.PublishAsync(Metric(1));
        await publisher.PublishAsync(Metric(2));
        var third = publisher.PublishAsync(Metric(3)).AsTask();
        Assert.False(third.IsCompleted);
        Assert.False(publisher.TryPublish(Metric(4)));
        using (var cancel = new CancellationTokenSource())
        {
            var cancelled = publisher.PublishAsync(Metric(5), cancel.Token).AsTask();
            cancel.Cancel();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        }
        stub.Gate.SetResult();
        await third;
        await publisher.FlushAsync();
        Assert.Equal(["0", "1", "2", "3"], stub.Received.Select(m => m.Dimensions!["i"]));
        Assert.Equal(0, publisher.Dropped);
    }

    [Fact]
    public async Task Stop_and_dispose_send_what_is_queued()
    {
        await using var monasca = await RecordingMonasca.StartAsync();
        using var client = monasca.CreateClient();
        var publisher = new MonascaMetricPublisher(client.Metrics, new() { FlushInterval = TimeSpan.FromHours(1), Retry = FastRetry });
        for (var i = 0; i < 7; i++)
        {
            await publisher.PublishAsync(Metric(i));
        }
        await publisher.StopAsync();
        Assert.Equal(7, monasca.AcceptedMetrics().Count);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => publisher.PublishAsync(Metric(8)).AsTask());
    }

    [Fact]
    public async Task A_metric_Monasca_would_refuse_is_rejected_when_published()
    {
        var stub = new StubMetrics(_ => Task.CompletedTask);
        await using var publisher = new MonascaMetricPublisher(stub.Client);
        var nan = Metric(1);
        nan.Value = double.NaN;
        var e = await Assert.ThrowsAsync<ArgumentException>(() => publisher.PublishAsync(nan).AsTask());
        Assert.Contains("app.requests", e.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ArgumentException>(() => publisher.PublishAsync(new MetricCreate { Name = "" }).AsTask());
    }

    /// <summary>A FakeTimeProvider that says when a timer is created (the batch's linger timer).</summary>
    private sealed class TimerSignallingTimeProvider : FakeTimeProvider
    {
        private readonly TaskCompletionSource _created = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task TimerCreated => _created.Task;

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            var timer = base.CreateTimer(callback, state, dueTime, period);
            _created.TrySetResult();
            return timer;
        }
    }
}

/// <summary>An IMetricsClient (a DispatchProxy) whose batch create call the test controls; every other call throws.</summary>
internal sealed class StubMetrics(Func<IReadOnlyList<MetricCreate>, Task> create)
{
    private readonly TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _calls;

    public TaskCompletionSource? Gate { get; init; }

    public Task Entered => _entered.Task;

    public int Calls => Volatile.Read(ref _calls);

    public List<MetricCreate> Received { get; } = [];

        public IMetricsClient Client
    {
        get
        {
            var proxy = System.Reflection.DispatchProxy.Create<IMetricsClient, MetricsClientProxy>();
            ((MetricsClientProxy)(object)proxy).Stub = this;
            return proxy;
        }
    }

    internal async Task CreateAsync(IEnumerable<MetricCreate> body)
    {
        Interlocked.Increment(ref _calls);
        _entered.TrySetResult();
        if (Gate is { } gate)
        {
            await gate.Task;
        }
        var batch = body.ToList();
        await create(batch);
        lock (Received)
        {
            Received.AddRange(batch);
        }
    }
}

public class MetricsClientProxy : System.Reflection.DispatchProxy
{
    internal StubMetrics Stub { get; set; } = null!;

    protected override object? Invoke(System.Reflection.MethodInfo? targetMethod, object?[]? args) =>
        targetMethod?.Name == nameof(IMetricsClient.CreateAsync) && args?[0] is IEnumerable<MetricCreate> batch
            ? Stub.CreateAsync(batch)
            : throw new NotSupportedException(targetMethod?.Name);
}
