using System.Diagnostics.Metrics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace OpenStack.Monasca.Publishing.Tests;

/// <summary>docs/library.md's "Publish metrics to Monasca" snippets, as written there (addresses replaced).</summary>
public sealed class ReadmeSetupTests
{
    [Fact]
    public async Task The_README_exporter_setup_sends_the_apps_instruments_through_Keystone_and_the_catalog()
    {
        await using var monasca = await RecordingMonasca.StartAsync();
        using var meter = new Meter("MyCompany.Orders." + Guid.NewGuid().ToString("N"));
        var placed = meter.CreateCounter<long>("orders.placed", "{order}");

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["OpenStack:AuthUrl"] = monasca.Server.BaseAddress + "v3",
            ["OpenStack:Username"] = "agent",
            ["OpenStack:Password"] = "agent-secret",
            ["OpenStack:UserDomainName"] = "Default",
            ["OpenStack:ProjectName"] = "ops",
            ["OpenStack:ProjectDomainName"] = "Default",
        });
        builder.Services.AddKeystone(builder.Configuration.GetSection("OpenStack"));
        builder.Services.AddMonasca();
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("orders-api"))
            .WithMetrics(m => m.AddMeter(meter.Name).AddMonascaExporter(o =>
            {
                o.ExportInterval = TimeSpan.FromSeconds(30);
                o.Publisher.FlushInterval = TimeSpan.FromMilliseconds(20);
            }));
        using var host = builder.Build();
        await host.StartAsync();

        placed.Add(2, new KeyValuePair<string, object?>("channel", "web"));
        Assert.True(host.Services.GetRequiredService<MeterProvider>().ForceFlush(30_000));
        var post = await monasca.NextAsync();
        var metric = Assert.Single(post.Body);
        Assert.Equal("orders.placed", (string)metric["name"]!);
        Assert.Equal(2.0, (double)metric["value"]!);
        Assert.Equal("orders-api", (string)metric["dimensions"]!["service"]!);
        Assert.Equal("web", (string)metric["dimensions"]!["channel"]!);
        await host.StopAsync();
    }

    [Fact]
    public async Task The_README_publisher_snippet_sends_one_metric()
    {
        await using var server = await RecordingMonasca.StartAsync();
        using var monasca = server.CreateClient();
        await using (var publisher = new MonascaMetricPublisher(monasca.Metrics, new MonascaMetricPublisherOptions
        {
            MaxBatchSize = 1000, FlushInterval = TimeSpan.FromSeconds(5), FullMode = MetricQueueFullMode.DropOldest,
        }))
        {
            await publisher.PublishAsync(new MetricCreate
            {
                Name = "orders.queue_depth", Dimensions = new Dictionary<string, string> { ["hostname"] = "web-1" },
                Timestamp = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), Value = 17,
            });
        }
        var metric = Assert.Single(server.AcceptedMetrics());
        Assert.Equal("orders.queue_depth", (string)metric["name"]!);
        Assert.Equal("web-1", (string)metric["dimensions"]!["hostname"]!);
    }
}
