using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using OpenStack.Monasca;
using OpenStack.Watcher;

namespace OpenStack.Benchmarks;

/// <summary>
/// Every client on the same bytes, side by side in one run: the library, a tight raw HttpClient baseline, and the
/// Python clients; sequential calls (time and allocations per call) and 64 calls in flight (throughput).
/// </summary>
internal static class Loopback
{
    private const string Token = "gAAAAABbenchmark-token-0123456789abcdef";
    private static readonly DateTimeOffset Start = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private sealed record Case(string Name, int Sequential, int Concurrent, Func<Task> Ours, Func<Task> Raw, string Python);

    public static async Task<int> RunAsync(string[] args)
    {
        var scale = args.Length > 0 ? double.Parse(args[0], CultureInfo.InvariantCulture) : 1.0;
        var port = FreePort();
        using var server = StartSelf($"serve {port}");
        var url = $"http://127.0.0.1:{port}/";
        await WaitForAsync(url);

        using var raw = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64 }) { BaseAddress = new Uri(url) };
        raw.DefaultRequestHeaders.Add("X-Auth-Token", Token);
        var rc = new RawClient(raw);
        using var monasca = MonascaClientFactory.Create("2_0", new OpenStackClientOptions { Token = Token, Endpoint = url + "v2.0" });
        using var watcher = WatcherClientFactory.GetClient(1, new Dictionary<string, object?>
        {
            ["os_auth_token"] = Token, ["watcher_url"] = url, ["os_infra_optim_api_version"] = "1.0", ["max_retries"] = 0,
        });
        var (metrics, rawMetrics) = Bodies.Metrics(1000);
        string[] stats = ["avg", "min", "max", "count", "sum"];
        const string start = "2024-01-01T00:00:00Z";

        int N(int n) => Math.Max(3, (int)(n * scale));
        var cases = new List<Case>
        {
            new("measurements 100k rows", N(20), N(64), () => monasca.Metrics.ListMeasurementsAsync(name: "m100k", startTime: Start),
                () => rc.GetAsync<RawMeasurements>($"v2.0/metrics/measurements?name=m100k&start_time={start}"), "m100k"),
            new("measurements 10k rows", N(100), N(256), () => monasca.Metrics.ListMeasurementsAsync(name: "m10k", startTime: Start),
                () => rc.GetAsync<RawMeasurements>($"v2.0/metrics/measurements?name=m10k&start_time={start}"), "m10k"),
            new("measurements 10k rich rows", N(100), N(256), () => monasca.Metrics.ListMeasurementsAsync(name: "m10krich", startTime: Start),
                () => rc.GetAsync<RawMeasurements>($"v2.0/metrics/measurements?name=m10krich&start_time={start}"), "m10krich"),
            new("alarms 100", N(300), N(1024), () => monasca.Alarms.ListAsync(),
                () => rc.GetAsync<RawAlarms>("v2.0/alarms"), "alarms"),
            new("statistics 1000 rows", N(300), N(1024), () => monasca.Metrics.ListStatisticsAsync(name: "s1000", statistics: stats, startTime: Start),
                () => rc.GetAsync<RawMeasurements>($"v2.0/metrics/statistics?name=s1000&statistics=avg,min,max,count,sum&start_time={start}"), "s1000"),
            new("create 1000 metrics", N(200), N(512), () => monasca.Metrics.CreateAsync(body: metrics),
                () => rc.PostAsync("v2.0/metrics", rawMetrics), "create"),
            new("audits detail 1000 (1.0)", N(100), N(256), () => watcher.Audits.ListDetailAsync(),
                () => rc.GetAsync<RawAudits>("v1/audits/detail", "1.0"), "audits"),
            new("one action plan", N(1000), N(4096), () => watcher.ActionPlans.GetAsync(actionPlan: Bodies.ActionPlanId),
                () => rc.GetAsync<RawActionPlan>("v1/action_plans/" + Bodies.ActionPlanId, "1.0"), "plan"),
            new("10 goals", N(1000), N(4096), () => watcher.Goals.ListAsync(),
                () => rc.GetAsync<RawGoals>("v1/goals", "1.0"), "goals"),
        };

        Console.WriteLine($"Loopback benchmark, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, .NET {Environment.Version}, scale {scale}");
        Console.WriteLine();
        Console.WriteLine("| case | calls | raw ms | ours ms | ours/raw time | raw KB/call | ours KB/call | ours/raw alloc | python ms | python/ours | raw calls/s @64 | ours calls/s @64 | ours/raw @64 | python calls/s @64 | python/ours @64 |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        var only = Environment.GetEnvironmentVariable("BENCH_CASES")?.Split(',', StringSplitOptions.RemoveEmptyEntries);
        foreach (var c in cases.Where(c => only is null || only.Any(o => c.Name.StartsWith(o, StringComparison.OrdinalIgnoreCase))))
        {
            // Interleave raw and ours twice and keep each one's better run, so that neither pays for the other's GC state.
            var raw1 = await SequentialAsync(c.Raw, c.Sequential);
            var ours1 = await SequentialAsync(c.Ours, c.Sequential);
            var raw2 = await SequentialAsync(c.Raw, c.Sequential);
            var ours2 = await SequentialAsync(c.Ours, c.Sequential);
            var rawSeq = raw1.Ms <= raw2.Ms ? raw1 : raw2;
            var oursSeq = ours1.Ms <= ours2.Ms ? ours1 : ours2;
            var rawPar = Math.Max(await ConcurrentAsync(c.Raw, c.Concurrent), await ConcurrentAsync(c.Raw, c.Concurrent));
            var oursPar = Math.Max(await ConcurrentAsync(c.Ours, c.Concurrent), await ConcurrentAsync(c.Ours, c.Concurrent));
            var py = Environment.GetEnvironmentVariable("BENCH_NO_PYTHON") == "1" ? null : Python(url, c.Python, c.Sequential, c.Concurrent);
            Console.WriteLine(string.Join(" | ", [
                $"| {c.Name}", c.Sequential.ToString(CultureInfo.InvariantCulture),
                F(rawSeq.Ms), F(oursSeq.Ms), R(oursSeq.Ms / rawSeq.Ms),
                F(rawSeq.Bytes / 1024.0), F(oursSeq.Bytes / 1024.0), R(oursSeq.Bytes / rawSeq.Bytes),
                py is null ? "n/a" : F(py.Value.Ms), py is null ? "n/a" : R(py.Value.Ms / oursSeq.Ms),
                F(rawPar), F(oursPar), R(oursPar / rawPar),
                py is null ? "n/a" : F(py.Value.PerSecond), py is null ? "n/a" : R(oursPar / py.Value.PerSecond) + " |"]));
        }
        server.Kill(entireProcessTree: true);
        return 0;
    }

    /// <summary>Peak working set while streaming every page of a long measurement series (its own process).</summary>
    public static async Task<int> StreamAsync(string[] args)
    {
        long total = long.Parse(args[0], CultureInfo.InvariantCulture);
        var port = FreePort();
        using var server = StartSelf($"serve {port}");
        var url = $"http://127.0.0.1:{port}/";
        await WaitForAsync(url);
        using var monasca = MonascaClientFactory.Create("2_0", new OpenStackClientOptions { Token = Token, Endpoint = url + "v2.0" });
        await monasca.Metrics.ListMeasurementsAsync(name: "m10k", startTime: Start); // warm: code loaded, pool open
        GC.Collect();
        using var self = Process.GetCurrentProcess();
        self.Refresh();
        var before = self.WorkingSet64;
        long rows = 0;
        var trace = Environment.GetEnvironmentVariable("BENCH_TRACE") == "1";
        var sw = Stopwatch.StartNew();
        var rawStream = args.Length > 1 && args[1] == "raw";
        await foreach (var series in rawStream ? RawRowStream(url, "mstream" + total) : monasca.Metrics.ListAllMeasurementsAsync(name: "mstream" + total, startTime: Start))
        {
            rows += series.Measurements?.Count ?? 0;
            if (trace)
            {
                // BENCH_TRACE=1: where the memory is after each item (what the GC holds, what it has collected).
                self.Refresh();
                var info = GC.GetGCMemoryInfo();
                Console.Error.WriteLine(FormattableString.Invariant(
                    $"rows {rows:N0}: ws {self.WorkingSet64 / 1048576.0:F1} MB, heap {info.HeapSizeBytes / 1048576.0:F1} MB, committed {info.TotalCommittedBytes / 1048576.0:F1} MB, fragmented {info.FragmentedBytes / 1048576.0:F1} MB, gen0/1/2 {GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)}, gen2 {info.GenerationInfo[2].SizeAfterBytes / 1048576.0:F1} MB, loh {info.GenerationInfo[3].SizeAfterBytes / 1048576.0:F1} MB"));
            }
        }
        sw.Stop();
        self.Refresh();
        Console.WriteLine($"| {total:N0} | {rows:N0} | {before / 1048576.0:F1} | {self.PeakWorkingSet64 / 1048576.0:F1} | {(self.PeakWorkingSet64 - before) / 1048576.0:F1} | {sw.Elapsed.TotalSeconds:F1} |");
        server.Kill(entireProcessTree: true);
        return rows == total ? 0 : 1;
    }

    /// <summary>
    /// The floor of a row stream (<c>stream ROWS raw</c>): a raw HttpClient reads each page's bytes asynchronously and
    /// hands rows on in parts of 1,000 as Json.NET reads them from memory (no typed page, no checks).
    /// </summary>
    private static async IAsyncEnumerable<MeasurementSeries> RawRowStream(string url, string name)
    {
        using var http = new HttpClient { BaseAddress = new Uri(url) };
        http.DefaultRequestHeaders.Add("X-Auth-Token", Token);
        string? offset = null;
        while (true)
        {
            var query = $"v2.0/metrics/measurements?name={name}&start_time=2024-01-01T00:00:00Z" + (offset is null ? "" : "&offset=" + Uri.EscapeDataString(offset));
            using var response = await http.GetAsync(query, HttpCompletionOption.ResponseHeadersRead);
            var bytes = new MemoryStream();
            await (await response.Content.ReadAsStreamAsync()).CopyToAsync(bytes);
            bytes.Position = 0;
            using var reader = new Newtonsoft.Json.JsonTextReader(new StreamReader(bytes)) { DateParseHandling = Newtonsoft.Json.DateParseHandling.None };
            string? next = null;
            var part = new List<MeasurementRow>();
            var count = 0;
            while (reader.Read())
            {
                if (reader.TokenType == Newtonsoft.Json.JsonToken.String && reader.Path.EndsWith("].href", StringComparison.Ordinal) && ((string)reader.Value!).Contains("offset=", StringComparison.Ordinal))
                {
                    next = Uri.UnescapeDataString(((string)reader.Value!)[(((string)reader.Value!).IndexOf("offset=", StringComparison.Ordinal) + 7)..]);
                }
                if (reader.TokenType == Newtonsoft.Json.JsonToken.StartArray && reader.Path.EndsWith("measurements", StringComparison.Ordinal))
                {
                    while (reader.Read() && reader.TokenType == Newtonsoft.Json.JsonToken.StartArray)
                    {
                        reader.Read();
                        reader.Read();
                        reader.Skip();
                        reader.Read();
                        reader.Skip();
                        reader.Read();
                        part.Add(null!);
                        count++;
                        if (part.Count == 1000)
                        {
                            yield return new MeasurementSeries { Name = name, Measurements = part };
                            part = new List<MeasurementRow>();
                        }
                    }
                }
            }
            if (part.Count > 0)
            {
                yield return new MeasurementSeries { Name = name, Measurements = part };
            }
            if (next is null || count == 0)
            {
                yield break;
            }
            offset = next;
        }
    }

    private static async Task<(double Ms, double Bytes)> SequentialAsync(Func<Task> call, int n)
    {
        for (var i = 0; i < Math.Max(3, n / 10); i++)
        {
            await call();
        }
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var bytes = GC.GetTotalAllocatedBytes(precise: true);
        var sw = Stopwatch.StartNew();
        for (var i = 0; i < n; i++)
        {
            await call();
        }
        sw.Stop();
        return (sw.Elapsed.TotalMilliseconds / n, (GC.GetTotalAllocatedBytes(precise: true) - bytes) / (double)n);
    }

    private static async Task<double> ConcurrentAsync(Func<Task> call, int total)
    {
        var next = 0;
        async Task Worker()
        {
            while (Interlocked.Increment(ref next) <= total)
            {
                await call();
            }
        }
        await Task.WhenAll(Enumerable.Range(0, 64).Select(_ => Task.Run(Worker)));
        next = 0;
        var sw = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, 64).Select(_ => Task.Run(Worker)));
        return total / sw.Elapsed.TotalSeconds;
    }

    private static (double Ms, double PerSecond)? Python(string url, string name, int sequential, int concurrent)
    {
        var script = Path.Combine(AppContext.BaseDirectory, "python_bench.py");
        var psi = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { script, url, Token, name, sequential.ToString(CultureInfo.InvariantCulture), concurrent.ToString(CultureInfo.InvariantCulture) })
        {
            psi.ArgumentList.Add(a);
        }
        try
        {
            using var p = Process.Start(psi)!;
            var output = p.StandardOutput.ReadToEnd();
            var error = p.StandardError.ReadToEnd();
            p.WaitForExit();
            if (p.ExitCode != 0)
            {
                Console.Error.WriteLine($"python {name}: {error}");
                return null;
            }
            var parts = output.Trim().Split(' ');
            return (double.Parse(parts[0], CultureInfo.InvariantCulture), double.Parse(parts[1], CultureInfo.InvariantCulture));
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    internal static Process StartSelf(string arguments)
    {
        var psi = new ProcessStartInfo(Environment.ProcessPath!) { UseShellExecute = false };
        var dll = typeof(Loopback).Assembly.Location;
        if (!Environment.ProcessPath!.EndsWith("OpenStack.Benchmarks", StringComparison.Ordinal))
        {
            psi.ArgumentList.Add(dll);
        }
        foreach (var a in arguments.Split(' '))
        {
            psi.ArgumentList.Add(a);
        }
        return Process.Start(psi)!;
    }

    internal static async Task WaitForAsync(string url)
    {
        using var probe = new HttpClient();
        for (var i = 0; i < 200; i++)
        {
            try
            {
                using var r = await probe.GetAsync(url);
                return;
            }
            catch (HttpRequestException)
            {
                await Task.Delay(100);
            }
        }
        throw new InvalidOperationException("the loopback server did not start");
    }

    internal static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }

    private static string F(double v) => v >= 100 ? v.ToString("F0", CultureInfo.InvariantCulture) : v.ToString("0.###", CultureInfo.InvariantCulture);

    private static string R(double v) => v.ToString("0.00", CultureInfo.InvariantCulture) + "x";
}
