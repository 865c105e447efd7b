using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using OpenStack.Caching.Tests;
using OpenStack.Monasca;
using OpenStack.Monasca.Publishing;

namespace OpenStack.Benchmarks;

/// <summary>
/// <c>fleet</c>: fleets of real processes (this program as <c>fleet-worker</c>), each sending N concurrent cold calls
/// through AddKeystone against a fake Keystone and service on loopback, with the shared token cache over a local
/// redis-server: cold; with the Redis lock's holder paused (SIGSTOP) past its lease; the same stall under the best-effort
/// lock; Redis restarted while the holder asks Keystone. Counts Keystone token requests, failed calls, warnings and each
/// process's time to its first successful call. <c>publisher</c>: MonascaMetricPublisher's throughput and allocations
/// per metric against the loopback Monasca of <c>serve</c> (its own process).
/// </summary>
internal static class Fleet
{
    /// <summary>The Redis lock's lease in the stall runs (short, to keep the runs short); the other runs use the default, 10 s.</summary>
    private static TimeSpan _stallLease = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The best-effort lock's entry lifetime and wait in the stall run (short, to keep the runs short); the Redis runs
    /// use the default wait, 30 s.
    /// </summary>
    private static readonly TimeSpan BestEffortLockTimeout = TimeSpan.FromSeconds(5);

    /// <summary>How long the first holder is paused: past the Redis lease and past the best-effort lock's lifetime.</summary>
    private static TimeSpan _stall = TimeSpan.FromSeconds(6);

    /// <summary>The longest one cache or lock operation may take: 2 s by default; longer here by the second argument.</summary>
    private static TimeSpan _operationTimeout = TimeSpan.FromSeconds(2);

    private enum Scenario
    {
        Cold,
        StalledHolder,
        StalledHolderBestEffort,
        RedisRestart,
    }

    public static async Task<int> RunAsync(string[] args)
    {
        var calls = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 20;
        var sizes = args.Length > 1 ? args[1].Split(',').Select(n => int.Parse(n, CultureInfo.InvariantCulture)).ToArray() : [1, 4, 8, 16, 32];
        _operationTimeout = TimeSpan.FromSeconds(args.Length > 2 ? double.Parse(args[2], CultureInfo.InvariantCulture) : 2);
        var scenarios = args.Length > 3 ? args[3].Split(',').Select(Enum.Parse<Scenario>).ToArray() : Enum.GetValues<Scenario>();
        _stallLease = TimeSpan.FromSeconds(args.Length > 4 ? double.Parse(args[4], CultureInfo.InvariantCulture) : 1);
        _stall = TimeSpan.FromSeconds(args.Length > 5 ? double.Parse(args[5], CultureInfo.InvariantCulture) : 6);
        Console.WriteLine($"Fleet benchmark, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, .NET {Environment.Version}, {calls} cold calls per process, " +
            $"stall {_stall.TotalSeconds} s (Redis lease {_stallLease.TotalSeconds} s, best-effort lock timeout {BestEffortLockTimeout.TotalSeconds} s), " +
            $"operation timeout {_operationTimeout.TotalSeconds} s, load average {LoadAverage()}");
        Console.WriteLine();
        Console.WriteLine("| scenario | lock | processes | Keystone token requests | failed calls | warnings | first success, min / median / max (s) | load average (1 min) |");
        Console.WriteLine("| --- | --- | ---: | ---: | ---: | ---: | --- | ---: |");
        await using var redis = await RedisServer.StartAsync();
        var warnings = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var scenario in scenarios)
        {
            foreach (var processes in sizes)
            {
                var (requests, reports) = await FleetAsync(processes, calls, redis, scenario);
                var firsts = reports.Select(r => r.FirstSuccessSeconds).Order().ToList();
                warnings.UnionWith(reports.Select(r => r.FirstWarning).OfType<string>().Select(w => $"{scenario}, {processes}: {w}"));
                var (name, lockName) = scenario switch
                {
                    Scenario.Cold => ("cold start", "Redis"),
                    Scenario.StalledHolder => ($"first holder paused {_stall.TotalSeconds:0} s", "Redis"),
                    Scenario.StalledHolderBestEffort => ($"first holder paused {_stall.TotalSeconds:0} s", "best-effort"),
                    _ => ("Redis restarted during the first Keystone request", "Redis"),
                };
                Console.WriteLine($"| {name} | {lockName} | {processes} | {requests} | {reports.Sum(r => r.Errors)} | {reports.Sum(r => r.Warnings)} | " +
                    $"{firsts[0]:0.00} / {firsts[firsts.Count / 2]:0.00} / {firsts[^1]:0.00} | {LoadAverage()} |");
            }
        }
        Console.WriteLine();
        foreach (var w in warnings)
        {
            Console.WriteLine($"- {w}");
        }
        return 0;
    }

    private static async Task<(int Requests, IReadOnlyList<FleetReport> Reports)> FleetAsync(int processes, int calls, RedisServer redis, Scenario scenario)
    {
        await using var cloud = await FakeCloud.StartAsync();
        var keyRing = Directory.CreateTempSubdirectory("openstack-bench-keyring-").FullName;
        try
        {
            var services = new ServiceCollection();
            services.AddDataProtection().PersistKeysToFileSystem(new DirectoryInfo(keyRing)).SetApplicationName("openstack-fleet");
            await using (var sp = services.BuildServiceProvider())
            {
                sp.GetRequiredService<IDataProtectionProvider>().CreateProtector("warm-up").Protect([1]);
            }
            await redis.RestartAsync(); // an empty Redis: every fleet starts cold
            cloud.BeforeToken = (request, number) =>
            {
                if (number != 1)
                {
                    return;
                }
                if (scenario is Scenario.StalledHolder or Scenario.StalledHolderBestEffort)
                {
                    var pid = int.Parse(request.Header("X-Fleet-Pid")!, CultureInfo.InvariantCulture);
                    FleetWorker.Signal(pid, resume: false);
                    Thread.Sleep(_stall);
                    FleetWorker.Signal(pid, resume: true);
                }
                else if (scenario == Scenario.RedisRestart)
                {
                    redis.RestartAsync().GetAwaiter().GetResult(); // the lock and any entry are gone; the holder's write and the others' reads fail
                }
            };
            var cache = scenario == Scenario.StalledHolderBestEffort ? FleetCache.BestEffortLock : FleetCache.RedisLock;
            var lease = scenario == Scenario.StalledHolder ? _stallLease : TimeSpan.FromSeconds(10);
            var lockTimeout = scenario == Scenario.StalledHolderBestEffort ? BestEffortLockTimeout : TimeSpan.FromSeconds(30);
            var reports = await FleetWorker.RunFleetAsync(typeof(Fleet).Assembly.Location, processes,
                FleetWorker.Arguments(cloud.Server.BaseAddress, cloud.Server.BaseAddress, redis.Configuration, keyRing, calls, cache, lease, lockTimeout, _operationTimeout),
                TimeSpan.FromMinutes(5));
            return (cloud.TokenRequests, reports);
        }
        finally
        {
            Directory.Delete(keyRing, recursive: true);
        }
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";

    public static async Task<int> PublisherAsync(string[] args)
    {
        var total = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 500_000;
        var port = Loopback.FreePort();
        using var server = StartSelf("serve", port.ToString(CultureInfo.InvariantCulture));
        var url = $"http://127.0.0.1:{port}/";
        await Loopback.WaitForAsync(url);
        using var monasca = MonascaClientFactory.Create("2_0", new OpenStackClientOptions { Token = "bench-token", Endpoint = url + "v2.0" });
        // Built before timing: what the application owns (name, dimensions, value) is not the publisher's cost.
        var metrics = Enumerable.Range(0, total).Select(i => new MetricCreate
        {
            Name = "app.requests",
            Dimensions = new Dictionary<string, string> { ["service"] = "orders", ["hostname"] = "web-1", ["route"] = "/orders/" + (i % 50).ToString(CultureInfo.InvariantCulture) },
            Timestamp = 1_765_000_000_000 + i,
            Value = i,
        }).ToArray();
        Console.WriteLine($"Publisher benchmark, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, .NET {Environment.Version}, {total} metrics");
        Console.WriteLine();
        Console.WriteLine("| batch size | queue mode | metrics | seconds | metrics/s | POSTs | allocated bytes/metric | sent | dropped |");
        Console.WriteLine("| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var batch in new[] { 100, 1000 })
        {
            foreach (var mode in new[] { MetricQueueFullMode.Wait, MetricQueueFullMode.DropOldest })
            {
                // warm-up: code loaded, connections open
                await using (var warm = new MonascaMetricPublisher(monasca.Metrics, new() { MaxBatchSize = batch }))
                {
                    for (var i = 0; i < 5_000; i++)
                    {
                        await warm.PublishAsync(metrics[i]);
                    }
                }
                GC.Collect();
                GC.WaitForPendingFinalizers();
                var before = GC.GetTotalAllocatedBytes(precise: true);
                var sw = Stopwatch.StartNew();
                var publisher = new MonascaMetricPublisher(monasca.Metrics, new() { MaxBatchSize = batch, QueueCapacity = 100_000, FullMode = mode });
                foreach (var m in metrics)
                {
                    await publisher.PublishAsync(m);
                }
                await publisher.StopAsync();
                sw.Stop();
                var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
                var posts = (publisher.Sent + batch - 1) / batch;
                Console.WriteLine($"| {batch} | {mode} | {total} | {sw.Elapsed.TotalSeconds:0.###} | {publisher.Sent / sw.Elapsed.TotalSeconds:F0} | ~{posts} | {allocated / (double)total:F0} | {publisher.Sent} | {publisher.Dropped} |");
            }
        }
        server.Kill(entireProcessTree: true);
        return 0;
    }

    private static Process StartSelf(params string[] arguments)
    {
        var psi = new ProcessStartInfo(Environment.ProcessPath!) { UseShellExecute = false };
        if (!Environment.ProcessPath!.EndsWith("OpenStack.Benchmarks", StringComparison.Ordinal))
        {
            psi.ArgumentList.Add(typeof(Fleet).Assembly.Location);
        }
        foreach (var a in arguments)
        {
            psi.ArgumentList.Add(a);
        }
        return Process.Start(psi)!;
    }
}
