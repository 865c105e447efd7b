using System.Diagnostics;
using System.Text;
using Newtonsoft.Json.Linq;
using OpenStack.Watcher;

// Usage: dotnet run -c Release --project tests/OpenStack.Benchmarks -- [iterations]
//        (the local real Watcher; needs scripts/openstack-up.sh)
//    or: ... -- loopback [scale]      (every client on the same bytes from a loopback server; docs/benchmarks.md)
//    or: ... -- slow [rounds]         (slow and stalled bodies, 64 in flight: how late the rest of the process runs)
//    or: ... -- cpu [scale]           (the client's own cost from memory, raw and ours interleaved: CPU time, allocations)
//    or: ... -- stream ROWS           (peak working set of an all-pages stream of ROWS measurement rows)
//    or: ... -- bdn [--dry] [args]    (BenchmarkDotNet, MemoryDiagnoser, on the in-memory read path; --dry: CI's check)
//    or: ... -- fleet [calls]         (token requests of fleets of processes, with and without the shared token cache; a local redis-server)
//    or: ... -- publisher [metrics]   (MonascaMetricPublisher throughput and allocations per metric on loopback)
// Prints a Markdown table.
switch (args)
{
    case ["serve", var port]:
        await OpenStack.Benchmarks.Serve.RunAsync(int.Parse(port, System.Globalization.CultureInfo.InvariantCulture));
        return 0;
    case ["loopback", .. var rest]:
        return await OpenStack.Benchmarks.Loopback.RunAsync(rest);
    case ["slowserve", var slowPort, var healthyPort]:
        await OpenStack.Benchmarks.SlowBody.ServeAsync(int.Parse(slowPort, System.Globalization.CultureInfo.InvariantCulture), int.Parse(healthyPort, System.Globalization.CultureInfo.InvariantCulture));
        return 0;
    case ["slow", .. var rest]:
        return await OpenStack.Benchmarks.SlowBody.RunAsync(rest);
    case ["cpu", .. var rest]:
        return await OpenStack.Benchmarks.Cpu.RunAsync(rest);
    case ["stream", .. var rest]:
        return await OpenStack.Benchmarks.Loopback.StreamAsync(rest);
    case ["bdn", .. var rest]:
        return OpenStack.Benchmarks.ReadPath.Run(rest);
    case ["fleet-worker", .. var rest]:
        return await OpenStack.Caching.Tests.FleetWorker.RunAsync(rest);
    case ["fleet", .. var rest]:
        return await OpenStack.Benchmarks.Fleet.RunAsync(rest);
    case ["publisher", .. var rest]:
        return await OpenStack.Benchmarks.Fleet.PublisherAsync(rest);
}
var iterations = args.Length > 0 ? int.Parse(args[0]) : 500;
var authUrl = Environment.GetEnvironmentVariable("OS_AUTH_URL") ?? "http://127.0.0.1:5000/v3";
var watcherUrl = Environment.GetEnvironmentVariable("WATCHER_URL") ?? "http://127.0.0.1:9322/";
var password = Environment.GetEnvironmentVariable("OS_PASSWORD") ?? "admin-secret";

using var http = new HttpClient();
var token = await IssueTokenAsync(http, authUrl, password);

var results = new List<(string Name, double[] Ms)>();

// 1. Baseline: raw HttpClient + JObject parse.
using (var raw = new HttpClient { BaseAddress = new Uri(watcherUrl) })
{
    raw.DefaultRequestHeaders.Add("X-Auth-Token", token);
    results.Add(("raw HttpClient + JObject.Parse", await TimeAsync(iterations, async () =>
    {
        var body = await raw.GetStringAsync("v1/goals");
        return JObject.Parse(body)["goals"]!.Count();
    })));
}

// 2. The generated, typed client.
using (var typed = new HttpClient { BaseAddress = new Uri(watcherUrl) })
{
    typed.DefaultRequestHeaders.Add("X-Auth-Token", token);
    var goals = new GoalsClient(typed);
    results.Add(("OpenStack.Watcher GoalsClient.ListAsync", await TimeAsync(iterations, async () => (await goals.ListAsync()).Goals.Count)));
}

// 3. The full client: WatcherClientFactory.GetClient(1, ...) with Keystone password auth through the
//    catalog, the shared token cache and microversion negotiation.
var full = WatcherClientFactory.GetClient(1, new Dictionary<string, object?>
{
    ["os_auth_url"] = authUrl, ["os_username"] = "admin", ["os_password"] = password,
    ["os_project_name"] = "admin", ["os_user_domain_name"] = "Default", ["os_project_domain_name"] = "Default",
});
results.Add(("OpenStack.Watcher WatcherClient (GetClient(1, kwargs): Keystone + catalog + microversion)",
    await TimeAsync(iterations, async () => (await full.Goals.ListAsync()).Goals.Count)));

// 4. python-watcherclient (the reference), same server, same token, timed inside Python.
var python = RunPython(iterations, token, watcherUrl);
if (python is not null)
{
    results.Add(("python-watcherclient goal.list()", python));
}

// Client-side cost alone: the same 10-goal page served from memory, no socket, no server.
var page = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "goals-page.json"));
using (var memory = new HttpClient(new MemoryHandler(page)) { BaseAddress = new Uri("http://in-memory/") })
{
    var goals = new GoalsClient(memory);
    results.Add(("in-memory: GoalsClient.ListAsync (client cost only)", await TimeAsync(iterations * 10, async () => (await goals.ListAsync()).Goals.Count)));
    results.Add(("in-memory: raw HttpClient + JObject.Parse (client cost only)", await TimeAsync(iterations * 10, async () =>
        JObject.Parse(await memory.GetStringAsync("v1/goals"))["goals"]!.Count())));
}

Console.WriteLine($"| client | calls | mean ms | p50 ms | p95 ms | p99 ms |");
Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: |");
foreach (var (name, ms) in results)
{
    Array.Sort(ms);
    Console.WriteLine($"| {name} | {ms.Length} | {ms.Average():F3} | {Pct(ms, 0.50):F3} | {Pct(ms, 0.95):F3} | {Pct(ms, 0.99):F3} |");
}
return 0;

static double Pct(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)(p * sorted.Length))];

static async Task<double[]> TimeAsync(int n, Func<Task<int>> call)
{
    for (var i = 0; i < Math.Min(50, n); i++)
    {
        await call();
    }
    var ms = new double[n];
    for (var i = 0; i < n; i++)
    {
        var start = Stopwatch.GetTimestamp();
        if (await call() <= 0)
        {
            throw new InvalidOperationException("no goals returned");
        }
        ms[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
    }
    return ms;
}

static async Task<string> IssueTokenAsync(HttpClient http, string authUrl, string password)
{
    var body = """{"auth":{"identity":{"methods":["password"],"password":{"user":{"name":"admin","domain":{"name":"Default"},"password":"PW"}}},"scope":{"project":{"name":"admin","domain":{"name":"Default"}}}}}""".Replace("PW", password);
    using var response = await http.PostAsync(authUrl.TrimEnd('/') + "/auth/tokens", new StringContent(body, Encoding.UTF8, "application/json"));
    response.EnsureSuccessStatusCode();
    return response.Headers.GetValues("X-Subject-Token").Single();
}

static double[]? RunPython(int n, string token, string url)
{
    const string script = """
        import sys, time
        from watcherclient import client
        n, token, url = int(sys.argv[1]), sys.argv[2], sys.argv[3]
        c = client.get_client(1, os_auth_token=token, watcher_url=url)
        for _ in range(min(50, n)): c.goal.list()
        for _ in range(n):
            t = time.perf_counter(); c.goal.list(); print((time.perf_counter() - t) * 1000)
        """;
    var psi = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardOutput = true, RedirectStandardError = true };
    foreach (var a in new[] { "-c", script, n.ToString(), token, url })
    {
        psi.ArgumentList.Add(a);
    }
    try
    {
        using var p = Process.Start(psi)!;
        var output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0)
        {
            Console.Error.WriteLine("python-watcherclient run failed: " + p.StandardError.ReadToEnd());
            return null;
        }
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(s => double.Parse(s, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
    }
    catch (System.ComponentModel.Win32Exception)
    {
        Console.Error.WriteLine("/usr/bin/python3 not found: python-watcherclient not measured");
        return null;
    }
}

/// <summary>Answers every request with the same JSON page, from memory.</summary>
internal sealed class MemoryHandler(string body) : HttpMessageHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        Task.FromResult(new HttpResponseMessage(System.Net.HttpStatusCode.OK)
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        });
}
