using System.Diagnostics.Metrics;
using Newtonsoft.Json.Linq;
using OpenStack.Monasca.OpenTelemetry;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace OpenStack.Monasca.Publishing.Tests;

public sealed class MonascaExporterTests
{
    private static readonly RetryOptions FastRetry = new() { MaxRetries = 3, Interval = TimeSpan.FromMilliseconds(5), MaxRetryAfter = TimeSpan.FromMilliseconds(50) };

    [Fact]
    public async Task A_counter_a_histogram_and_a_gauge_arrive_in_Monascas_wire_format_in_batches_with_nothing_lost_after_two_503s()
    {
        await using var monasca = await RecordingMonasca.StartAsync();
        monasca.Script = n => n <= 2 ? 503 : 204;
        using var client = monasca.CreateClient();
        using var meter = new Meter("test.exporter." + Guid.NewGuid().ToString("N"));
        var requests = meter.CreateCounter<long>("http.server.requests", "{request}");
        var duration = meter.CreateHistogram<double>("http.server.request.duration", "s");
        meter.CreateObservableGauge("Process/Memory-Usage", () => 42.5, "By");
        meter.CreateObservableGauge("queue.depth", () => new Measurement<long>(7, new KeyValuePair<string, object?>("queue", "orders")), "m");
        using (var provider = Sdk.CreateMeterProviderBuilder()
            .SetResourceBuilder(ResourceBuilder.CreateEmpty().AddService("orders-api").AddAttributes([new("host.name", "web-1")]))
            .AddMeter(meter.Name)
            .AddMonascaExporter(o =>
            {
                o.MetricsClient = client.Metrics;
                o.ExportInterval = TimeSpan.FromHours(1);
                o.Publisher = new() { MaxBatchSize = 3, FlushInterval = TimeSpan.FromMilliseconds(50), Retry = FastRetry };
            })
            .Build())
        {
            requests.Add(3, new("http.request.method", "GET"), new("http.response.status_code", 200));
            requests.Add(2, new("http.request.method", "GET"), new("http.response.status_code", 200));
            requests.Add(1, new("http.request.method", "POST"), new("http.response.status_code", 503));
            duration.Record(0.5, new KeyValuePair<string, object?>("http.route", "/orders/{id}"));
            duration.Record(1.5, new KeyValuePair<string, object?>("http.route", "/orders/{id}"));
            Assert.True(provider.ForceFlush(30_000)); // collects and queues; the publisher sends within its FlushInterval
            var accepted = 0;
            while (accepted < 8)
            {
                var post = await monasca.NextAsync();
                accepted += post.Status == 204 ? post.Body.Count : 0;
            }
        }
        // Disposing the provider exports once more (cumulative values again): only the first export is looked at.
        var first = monasca.Accepted.TakeWhile((_, i) => monasca.Accepted.Take(i).Sum(b => b.Count) < 8).ToList();
        var metrics = first.SelectMany(b => b.Cast<JObject>()).ToList();
        Assert.All(first, body => Assert.InRange(body.Count, 1, 3));
        Assert.True(first.Count >= 3);
        Assert.Equal(8, metrics.Count); // 2 counter series, count/sum/min/max, 2 gauges: once each despite the two 503s
        Assert.Equal(metrics.Count, metrics.Select(m => m.ToString(Newtonsoft.Json.Formatting.None)).Distinct().Count());

        var get = Single(metrics, "http.server.requests", "http.request.method", "GET");
        Assert.Equal(5.0, (double)get["value"]!);
        Assert.Equal(Dims(("service", "orders-api"), ("hostname", "web-1"), ("http.request.method", "GET"), ("http.response.status_code", "200")), Dimensions(get));
        Assert.Null(get["value_meta"]);
        Assert.InRange((long)get["timestamp"]!, DateTimeOffset.UtcNow.AddMinutes(-5).ToUnixTimeMilliseconds(), DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        Assert.Equal(1.0, (double)Single(metrics, "http.server.requests", "http.request.method", "POST")["value"]!);

        Assert.Equal(2.0, (double)Single(metrics, "http.server.request.duration_sec.count")["value"]!);
        Assert.Equal(2.0, (double)Single(metrics, "http.server.request.duration_sec.sum")["value"]!);
        Assert.Equal(0.5, (double)Single(metrics, "http.server.request.duration_sec.min")["value"]!);
        Assert.Equal(1.5, (double)Single(metrics, "http.server.request.duration_sec.max")["value"]!);
        // Monasca refuses { } in dimension values: they become _
        Assert.Equal("/orders/_id_", Dimensions(Single(metrics, "http.server.request.duration_sec.sum"))["http.route"]);

        var memory = Single(metrics, "process.memory.usage_bytes");
        Assert.Equal(42.5, (double)memory["value"]!);
        Assert.Equal(Dims(("service", "orders-api"), ("hostname", "web-1")), Dimensions(memory));
        var depth = Single(metrics, "queue.depth");
        Assert.Equal(7.0, (double)depth["value"]!);
        Assert.Equal("orders", Dimensions(depth)["queue"]);
        Assert.Equal("m", (string)depth["value_meta"]!["unit"]!); // a unit the name does not say
    }

    [Fact]
    public async Task Histogram_buckets_are_sent_with_an_le_dimension_when_asked()
    {
        await using var monasca = await RecordingMonasca.StartAsync();
        using var client = monasca.CreateClient();
        using var meter = new Meter("test.buckets." + Guid.NewGuid().ToString("N"));
        var latency = meter.CreateHistogram<double>("rpc.latency", "ms");
        using (var provider = Sdk.CreateMeterProviderBuilder()
            .AddMeter(meter.Name)
            .AddView(latency.Name, new ExplicitBucketHistogramConfiguration { Boundaries = [10, 100] })
            .AddMonascaExporter(o =>
            {
                o.MetricsClient = client.Metrics;
                o.HistogramBuckets = true;
                o.ExportInterval = TimeSpan.FromHours(1);
                o.Publisher = new() { FlushInterval = TimeSpan.FromHours(1), Retry = FastRetry }; // sent when the provider is disposed
            })
            .Build())
        {
            latency.Record(5);
            latency.Record(50);
            latency.Record(500);
            Assert.True(provider.ForceFlush(30_000));
        }
        var buckets = monasca.AcceptedMetrics().Take(7).Where(m => (string)m["name"]! == "rpc.latency_ms.bucket")
            .ToDictionary(m => Dimensions(m)["le"], m => (double)m["value"]!);
        Assert.Equal(new Dictionary<string, double> { ["10"] = 1, ["100"] = 2, ["+Inf"] = 3 }, buckets);
    }

    [Theory]
    [InlineData("http.server.request.duration", "s", "http.server.request.duration_sec")]
    [InlineData("Process/Memory-Usage", "By", "process.memory.usage_bytes")]
    [InlineData("cpu.idle_perc", "%", "cpu.idle_perc")]
    [InlineData("db.client.connections.usage", "{connection}", "db.client.connections.usage")]
    [InlineData("jobs(done)", "1", "jobs_done_")]
    [InlineData("latency", "ms", "latency_ms")]
    public void Names_follow_the_documented_rule(string instrument, string unit, string expected) =>
        Assert.Equal(expected, MonascaMetricNaming.MetricName(instrument, unit));

    [Fact]
    public void Dimension_keys_and_values_lose_what_Monasca_refuses()
    {
        Assert.Equal("key", MonascaMetricNaming.DimensionKey("__key"));
        Assert.Null(MonascaMetricNaming.DimensionKey("_"));
        Assert.Equal("a_b_", MonascaMetricNaming.DimensionValue("a=b;"));
        Assert.Null(MonascaMetricNaming.DimensionValue(""));
        Assert.Equal("1.5", MonascaMetricNaming.DimensionValue(1.5));
        Assert.Equal(255, MonascaMetricNaming.DimensionValue(new string('v', 300))!.Length);
    }

    private static JObject Single(List<JObject> metrics, string name, string? dimension = null, string? value = null) =>
        Assert.Single(metrics, m => (string)m["name"]! == name && (dimension is null || (string?)m["dimensions"]?[dimension] == value));

    private static Dictionary<string, string> Dimensions(JObject metric) =>
        ((JObject)metric["dimensions"]!).Properties().ToDictionary(p => p.Name, p => (string)p.Value!);

    private static Dictionary<string, string> Dims(params (string Key, string Value)[] pairs) => pairs.ToDictionary(p => p.Key, p => p.Value);
}
