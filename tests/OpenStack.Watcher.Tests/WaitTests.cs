using OpenStack.Operations;
using OpenStack.Testing;

namespace OpenStack.Watcher.Tests;

/// <summary><c>WaitForCompletionAsync</c> on audits and action plans, on a fake clock against a fake Watcher.</summary>
public sealed class WaitTests
{
    private const string Uuid = "699ecb7f-1da9-4022-9c64-2941335b6c62";

    private static string AuditBody(string state) => $$"""{"uuid": "{{Uuid}}", "audit_type": "ONESHOT", "state": "{{state}}"}""";

    private static string PlanBody(string state) => $$"""{"uuid": "{{Uuid}}", "state": "{{state}}"}""";

    /// <summary>Answers each GET with the next state of <paramref name="states"/> (the last one from then on).</summary>
    private static Func<RecordedRequest, FakeResponse> Sequence(Func<string, string> body, params string[] states)
    {
        var i = 0;
        return _ => new FakeResponse(200, body(states[Math.Min(Interlocked.Increment(ref i) - 1, states.Length - 1)]));
    }

    [Fact]
    public async Task An_audit_is_read_until_it_is_terminal_with_a_growing_bounded_interval_and_progress_on_each_change()
    {
        await using var server = await FakeServer.StartAsync(Sequence(AuditBody, "PENDING", "ONGOING", "ONGOING", "ONGOING", "ONGOING", "ONGOING", "SUCCEEDED"));
        using var client = Fake.Client(server);
        var clock = new RecordingClock();
        var seen = new List<string?>();
        var progress = new SyncProgress<Audit>(a => seen.Add(a.State));
        var options = new WaitOptions { InitialInterval = TimeSpan.FromSeconds(2), MaxInterval = TimeSpan.FromSeconds(4), TimeProvider = clock };

        var done = await clock.DriveAsync(client.Audits.WaitForCompletionAsync(Uuid, options, progress), TimeSpan.FromSeconds(1));

        Assert.Equal(AuditState.Succeeded, done.State);
        Assert.Equal(["PENDING", "ONGOING", "SUCCEEDED"], seen);
        Assert.Equal(7, server.Requests.Count);
        Assert.All(server.Requests, r => Assert.Equal($"/v1/audits/{Uuid}", r.Path));
        // The pauses between the seven reads: from 2 s, growing by half, capped at 4 s.
        Assert.Equal([2, 3, 4, 4, 4, 4], clock.Delays.Select(d => d.TotalSeconds));
    }

    [Fact]
    public async Task A_failed_action_plan_is_returned_or_thrown_as_asked()
    {
        await using var server = await FakeServer.StartAsync(Sequence(PlanBody, "ONGOING", "FAILED"));
        using var client = Fake.Client(server);
        var clock = new RecordingClock();

        var returned = await clock.DriveAsync(client.ActionPlans.WaitForCompletionAsync(Uuid, new WaitOptions { TimeProvider = clock }), TimeSpan.FromSeconds(1));
        Assert.Equal(ActionPlanState.Failed, returned.State);

        var e = await Assert.ThrowsAsync<OperationFailedException>(() => clock.DriveAsync(
            client.ActionPlans.WaitForCompletionAsync(Uuid, new WaitOptions { TimeProvider = clock, ThrowOnFailure = true }), TimeSpan.FromSeconds(1)));
        Assert.Equal("FAILED", e.State);
        Assert.Equal($"action plan {Uuid}", e.Operation);
        Assert.Equal(Uuid, Assert.IsType<ActionPlan>(e.Resource).Uuid.ToString());
    }

    [Fact]
    public async Task The_time_limit_ends_the_wait_with_a_TimeoutException_naming_the_state()
    {
        await using var server = await FakeServer.StartAsync(Sequence(AuditBody, "ONGOING"));
        using var client = Fake.Client(server);
        var clock = new RecordingClock();
        var options = new WaitOptions { TimeProvider = clock, Timeout = TimeSpan.FromSeconds(30) };

        var e = await Assert.ThrowsAsync<TimeoutException>(() =>
            clock.DriveAsync(client.Audits.WaitForCompletionAsync(Uuid, options), TimeSpan.FromSeconds(1)));

        Assert.Contains("ONGOING", e.Message);
        Assert.Contains("30 s", e.Message);
        Assert.True(server.Requests.Count >= 2);
        Assert.All(clock.Delays, d => Assert.InRange(d.TotalSeconds, 0, 10)); // 1, 1.5, 2.25, ... never past 10 s, cut to the limit
    }

    [Fact]
    public async Task Cancellation_ends_the_wait_promptly()
    {
        await using var server = await FakeServer.StartAsync(Sequence(AuditBody, "ONGOING"));
        using var client = Fake.Client(server);
        using var cts = new CancellationTokenSource();

        var wait = client.Audits.WaitForCompletionAsync(Uuid, new WaitOptions { InitialInterval = TimeSpan.FromMinutes(5), MaxInterval = TimeSpan.FromMinutes(5) },
            cancellationToken: cts.Token);
        await Task.Delay(200);
        cts.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wait);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task An_error_while_reading_is_the_WatcherApiException()
    {
        await using var server = await FakeServer.StartAsync(_ => Capture.Response("watcher-get-goal-404"));
        using var client = Fake.Client(server);

        var e = await Assert.ThrowsAnyAsync<WatcherApiException>(() => client.Audits.WaitForCompletionAsync(Uuid));

        Assert.True(e.IsNotFound);
    }

    private sealed class SyncProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
