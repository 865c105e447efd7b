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
/// through AddKeystone against a fake Keystone and service on loopback, without and with the shared token cache (a
/// local redis-server); counts Keystone token requests. <c>publisher</c>: MonascaMetricPublisher's throughput and
/// allocations per metric against the loopback Monasca of <c>serve</c> (its own process).
/// </summary>
internal static class Fleet
{
    public static async Task<int> RunAsync(string[] args)
    {
        var calls = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 200;
        Console.WriteLine($"Fleet benchmark, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, .NET {Environment.Version}, {calls} cold calls per process");
        Console.WriteLine();
        Console.WriteLine("| processes | calls | token requests, per-process cache | token requests, shared cache | slowest process, per-process (s) | slowest process, shared (s) |");
        Console.WriteLine("| ---: | ---: | ---: | ---: | ---: | ---: |");
        await using var redis = await RedisServer.StartAsync();
        foreach (var processes in new[] { 1, 4, 8, 16 })
        {
            var (aloneRequests, aloneSeconds) = await FleetAsync(processes, calls, null);
            var (sharedRequests, sharedSeconds) = await FleetAsync(processes, calls, redis.Configuration);
            Console.WriteLine($"| {processes} | {processes * calls} | {aloneRequests} | {sharedRequests} | {aloneSeconds:0.###} | {sharedSeconds:0.###} |");
        }
        return 0;
    }

    private static async Task<(int Requests, double Seconds)> FleetAsync(int processes, int calls, string? redis)
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
            var reports = await FleetWorker.RunFleetAsync(typeof(Fleet).Assembly.Location, processes,
                FleetWorker.Arguments(cloud.Server.BaseAddress, cloud.Server.BaseAddress, redis, keyRing, calls), TimeSpan.FromMinutes(5));
            if (reports.Any(r => r.Succeeded != calls))
            {
                throw new InvalidOperationException("a call failed");
            }
            return (cloud.TokenRequests, reports.Max(r => r.Seconds));
        }
        finally
        {
            Directory.Delete(keyRing, recursive: true);
        }
    }

    public static async Task<int> PublisherAsync(string[] args)
    {
        var total = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 500_000;
        var port = Loopback.FreePort();
        using var server = StartSelf("serve", port.ToString(CultureInfo.InvariantCulture));
        var url = $"http://127.0.0.1:{port}/";
        await Loopback.WaitForAsync(url);
        using var monasca = new MonascaClient(new OpenStackClientOptions { Token = "bench-token", Endpoint = url + "v2.0" });
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
