using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using OpenStack.Monasca;
using OpenStack.Watcher;

namespace OpenStack.Benchmarks;

/// <summary>
/// The client's own cost, load-robust: the loopback cases answered from memory (no socket, no server), raw and ours
/// interleaved in short blocks, each measured by the process's CPU time and allocations per call (what other work on
/// the machine changes least) and by the fastest block's wall time. For work in progress on a shared machine; the
/// loopback table stays the published measure.
/// </summary>
internal static class Cpu
{
    public static async Task<int> RunAsync(string[] args)
    {
        var scale = args.Length > 0 ? double.Parse(args[0], CultureInfo.InvariantCulture) : 1.0;
        var bodies = new Dictionary<string, byte[]>
        {
            ["m100k"] = Encoding.UTF8.GetBytes(Bodies.Measurements(100_000)),
            ["m10k"] = Encoding.UTF8.GetBytes(Bodies.Measurements(10_000)),
            ["s1000"] = Encoding.UTF8.GetBytes(Bodies.Statistics(1_000)),
            ["/v2.0/alarms"] = Encoding.UTF8.GetBytes(Bodies.Alarms(100)),
            ["/v1/audits/detail"] = Encoding.UTF8.GetBytes(Bodies.Audits(1_000)),
            ["/v1/action_plans/" + Bodies.ActionPlanId] = Encoding.UTF8.GetBytes(Bodies.ActionPlan()),
            ["/v1/goals"] = Encoding.UTF8.GetBytes(Bodies.Goals()),
            ["/"] = Encoding.UTF8.GetBytes(Bodies.WatcherRoot),
        };
        const string token = "gAAAAABbenchmark-token-0123456789abcdef";
        var start = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
        using var raw = new HttpClient(new MemoryHandler(bodies)) { BaseAddress = new Uri("http://bench.invalid/") };
        raw.DefaultRequestHeaders.Add("X-Auth-Token", token);
        var rc = new RawClient(raw);
        // The library's handlers that matter per call (Keystone auth with a fixed token) over the in-memory answers.
        var options = new OpenStackClientOptions { Token = token, Endpoint = "http://bench.invalid/v2.0" };
        var auth = OpenStackHttpClient.CreateAuthHandler(options, MonascaClient.Service);
        auth.InnerHandler = new MemoryHandler(bodies);
        using var ours = new HttpClient(auth) { BaseAddress = new Uri("http://bench.invalid/") };
        using var monasca = new MonascaClient(ours);
        ours.DefaultRequestHeaders.TryAddWithoutValidation("OpenStack-API-Version", "infra-optim 1.0");
        using var bareHttp = new HttpClient(new MemoryHandler(bodies)) { BaseAddress = new Uri("http://bench.invalid/") };
        bareHttp.DefaultRequestHeaders.Add("X-Auth-Token", token);
        bareHttp.DefaultRequestHeaders.TryAddWithoutValidation("OpenStack-API-Version", "infra-optim 1.0");
        var bare = new GoalsClient(bareHttp);
        var watcher = (Audits: new AuditsClient(ours), ActionPlans: new ActionPlansClient(ours), Goals: new GoalsClient(ours));
        var (metrics, rawMetrics) = Bodies.Metrics(1000);
        string[] stats = ["avg", "min", "max", "count", "sum"];
        int N(int n) => Math.Max(2, (int)(n * scale));
        var cases = new (string Name, int Calls, Func<Task> Ours, Func<Task> Raw)[]
        {
            ("measurements 100k rows", N(4), () => monasca.Metrics.ListMeasurementsAsync(name: "m100k", startTime: start),
                () => rc.GetAsync<RawMeasurements>("v2.0/metrics/measurements?name=m100k")),
            ("measurements 10k rows", N(20), () => monasca.Metrics.ListMeasurementsAsync(name: "m10k", startTime: start),
                () => rc.GetAsync<RawMeasurements>("v2.0/metrics/measurements?name=m10k")),
            ("alarms 100", N(100), () => monasca.Alarms.ListAsync(), () => rc.GetAsync<RawAlarms>("v2.0/alarms")),
            ("statistics 1000 rows", N(100), () => monasca.Metrics.ListStatisticsAsync(name: "s1000", statistics: stats, startTime: start),
                () => rc.GetAsync<RawMeasurements>("v2.0/metrics/statistics?name=s1000")),
            ("create 1000 metrics", N(50), () => monasca.Metrics.CreateAsync(body: metrics), () => rc.PostAsync("v2.0/metrics", rawMetrics)),
            ("audits detail 1000 (1.0)", N(10), () => watcher.Audits.ListDetailAsync(), () => rc.GetAsync<RawAudits>("v1/audits/detail", "1.0")),
            ("one action plan", N(1000), () => watcher.ActionPlans.GetAsync(actionPlan: Bodies.ActionPlanId),
                () => rc.GetAsync<RawActionPlan>("v1/action_plans/" + Bodies.ActionPlanId, "1.0")),
            ("10 goals", N(1000), () => watcher.Goals.ListAsync(), () => rc.GetAsync<RawGoals>("v1/goals", "1.0")),
            // The generated client alone (no auth handler): what the handlers cost per call.
            ("10 goals, no handlers", N(1000), () => bare.ListAsync(), () => rc.GetAsync<RawGoals>("v1/goals", "1.0")),
        };
        Console.WriteLine($"In-memory client cost, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, load average {LoadAverage()}, scale {scale}");
        Console.WriteLine();
        Console.WriteLine("| case | calls x blocks | raw CPU ms | ours CPU ms | ours/raw CPU | raw best ms | ours best ms | ours/raw best | raw KB/call | ours KB/call | ours/raw alloc |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        var only = Environment.GetEnvironmentVariable("BENCH_CASES")?.Split(',', StringSplitOptions.RemoveEmptyEntries);
        const int blocks = 7;
        foreach (var c in cases.Where(c => only is null || only.Any(o => c.Name.StartsWith(o, StringComparison.OrdinalIgnoreCase))))
        {
            await Block(c.Raw, c.Calls);
            await Block(c.Ours, c.Calls);
            var r = new List<(double Cpu, double Wall, double Bytes)>();
            var o = new List<(double Cpu, double Wall, double Bytes)>();
            for (var b = 0; b < blocks; b++)
            {
                r.Add(await Block(c.Raw, c.Calls));
                o.Add(await Block(c.Ours, c.Calls));
            }
            double Med(List<(double Cpu, double Wall, double Bytes)> l) => l.Select(x => x.Cpu).Order().ElementAt(l.Count / 2);
            var (rc1, oc1) = (Med(r), Med(o));
            var (rw, ow) = (r.Min(x => x.Wall), o.Min(x => x.Wall));
            var (rb, ob) = (r.Min(x => x.Bytes), o.Min(x => x.Bytes));
            Console.WriteLine(FormattableString.Invariant(
                $"| {c.Name} | {c.Calls} x {blocks} | {rc1:0.###} | {oc1:0.###} | {oc1 / rc1:F2}x | {rw:0.###} | {ow:0.###} | {ow / rw:F2}x | {rb / 1024:0.#} | {ob / 1024:0.#} | {ob / rb:F2}x |"));
        }
        return 0;
    }

    private static async Task<(double Cpu, double Wall, double Bytes)> Block(Func<Task> call, int n)
    {
        using var self = Process.GetCurrentProcess();
        var bytes = GC.GetTotalAllocatedBytes(precise: true);
        var cpu = self.TotalProcessorTime;
        var sw = Stopwatch.StartNew();
        for (var i = 0; i < n; i++)
        {
            await call();
        }
        sw.Stop();
        self.Refresh();
        return ((self.TotalProcessorTime - cpu).TotalMilliseconds / n, sw.Elapsed.TotalMilliseconds / n,
            (GC.GetTotalAllocatedBytes(precise: true) - bytes) / (double)n);
    }

    internal static string LoadAverage()
    {
        try
        {
            return File.ReadAllText("/proc/loadavg").Split(' ')[0];
        }
        catch (IOException)
        {
            return "n/a";
        }
    }

    /// <summary>Answers from memory: a body by the query's <c>name</c> or by path; 204 to a POST (its body read).</summary>
    private sealed class MemoryHandler(Dictionary<string, byte[]> bodies) : HttpMessageHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.Content is { } content)
            {
                await content.CopyToAsync(Stream.Null, cancellationToken);
                return new HttpResponseMessage(HttpStatusCode.NoContent) { RequestMessage = request };
            }
            var uri = request.RequestUri!;
            var name = System.Web.HttpUtility.ParseQueryString(uri.Query)["name"];
            var body = name is not null && bodies.TryGetValue(name, out var b) ? b : bodies[uri.AbsolutePath];
            var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(body), RequestMessage = request };
            response.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            response.Content.Headers.ContentLength = body.Length;
            return response;
        }
    }
}
