using System.Net;
using System.Net.Http.Headers;
using System.Text;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using OpenStack.Monasca;
using OpenStack.Watcher;

namespace OpenStack.Benchmarks;

/// <summary>
/// BenchmarkDotNet (MemoryDiagnoser) on the read path alone: the same bodies as the loopback harness, answered by an
/// in-memory handler, read by the generated clients and by the raw baseline. CI runs it as a dry job
/// (<c>bdn --dry</c>) so that the benchmarks keep building and running.
/// </summary>
[MemoryDiagnoser]
public class ReadPath : IDisposable
{
    private RawClient _raw = null!;
    private MonascaClient _monasca = null!;
    private AuditsClient _audits = null!;

    /// <summary>Serves the bodies from memory.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var bodies = new Dictionary<string, byte[]>
        {
            ["/v2.0/alarms"] = Encoding.UTF8.GetBytes(Bodies.Alarms(100)),
            ["/v2.0/metrics/measurements"] = Encoding.UTF8.GetBytes(Bodies.Measurements(10_000)),
            ["/v1/audits/detail"] = Encoding.UTF8.GetBytes(Bodies.Audits(1000)),
        };
        var http = new HttpClient(new MemoryHandler(bodies)) { BaseAddress = new Uri("http://bench.invalid/") };
        _raw = new RawClient(http);
        _monasca = new MonascaClient(http);
        _audits = new AuditsClient(http);
    }

    /// <summary>Tears the clients down.</summary>
    [GlobalCleanup]
    public void Dispose()
    {
        _monasca?.Dispose();
        GC.SuppressFinalize(this);
    }

    [Benchmark] public Task RawAlarms100() => _raw.GetAsync<RawAlarms>("v2.0/alarms");
    [Benchmark] public Task OursAlarms100() => _monasca.Alarms.ListAsync();
    [Benchmark] public Task RawMeasurements10k() => _raw.GetAsync<RawMeasurements>("v2.0/metrics/measurements?name=m&start_time=2024-01-01T00:00:00Z");
    [Benchmark] public Task OursMeasurements10k() => _monasca.Metrics.ListMeasurementsAsync(name: "m", startTime: new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero));
    [Benchmark] public Task RawAudits1000() => _raw.GetAsync<RawAudits>("v1/audits/detail", "1.0");
    [Benchmark] public Task OursAudits1000() => _audits.ListDetailAsync();

    private sealed class MemoryHandler(Dictionary<string, byte[]> bodies) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = bodies.TryGetValue(request.RequestUri!.AbsolutePath, out var body)
                ? new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(body) }
                : new HttpResponseMessage(HttpStatusCode.NotFound) { Content = new ByteArrayContent("{}"u8.ToArray()) };
            response.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            response.RequestMessage = request;
            return Task.FromResult(response);
        }
    }

    /// <summary>
    /// Runs the benchmarks: <c>bdn [BenchmarkDotNet arguments]</c>; <c>bdn --dry</c> is one in-process iteration of
    /// each (CI's check that they still run), which fails when any benchmark throws.
    /// </summary>
    public static int Run(string[] args)
    {
        var dry = args.Contains("--dry");
        IConfig config = DefaultConfig.Instance;
        if (dry)
        {
            config = ManualConfig.Create(DefaultConfig.Instance)
                .AddJob(Job.Dry.WithToolchain(InProcessEmitToolchain.Instance))
                .WithOptions(ConfigOptions.DisableOptimizationsValidator | ConfigOptions.JoinSummary);
            args = [.. args.Where(a => a != "--dry")];
        }
        var summaries = BenchmarkSwitcher.FromTypes([typeof(ReadPath)]).Run(args.Length == 0 ? ["--filter", "*"] : args, config);
        var failed = summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success));
        var ran = summaries.Sum(s => s.Reports.Length);
        Console.WriteLine($"bdn: {ran} benchmarks, {(failed ? "some failed" : "all ran")}");
        return failed || ran == 0 ? 1 : 0;
    }
}
