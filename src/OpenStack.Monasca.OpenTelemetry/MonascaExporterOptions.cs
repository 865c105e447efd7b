using OpenStack.Monasca.Publishing;

namespace OpenStack.Monasca.OpenTelemetry;

/// <summary>Settings of <see cref="MonascaMetricExporter"/> and <c>AddMonascaExporter</c>.</summary>
public sealed class MonascaExporterOptions
{
    /// <summary>
    /// The Metrics client to post through (for example <c>monascaClient.Metrics</c>). When null, <see cref="Connection"/> is used,
    /// else the container's <see cref="IMonascaClient"/> (<c>services.AddMonasca()</c>).
    /// </summary>
    public IMetricsClient? MetricsClient { get; set; }

    /// <summary>Connection settings for a Monasca client of the exporter's own (used when <see cref="MetricsClient"/> is null).</summary>
    public OpenStackClientOptions? Connection { get; set; }

    /// <summary>Queue, batching and retries of the publisher under the exporter.</summary>
    public MonascaMetricPublisherOptions Publisher { get; set; } = new();

    /// <summary>How often the metrics are collected and queued (default 60 s, OpenTelemetry's).</summary>
    public TimeSpan ExportInterval { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Put before every metric name (for example <c>myapp.</c>); mapped like the names.</summary>
    public string? NamePrefix { get; set; }

    /// <summary>
    /// Resource attributes sent as dimensions of every metric, by attribute: default <c>service.name</c> → <c>service</c> and
    /// <c>host.name</c> → <c>hostname</c> (the dimension names monasca-agent uses). A measurement's own attribute of the same
    /// dimension name wins.
    /// </summary>
    public IDictionary<string, string> ResourceDimensions { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["service.name"] = "service",
        ["host.name"] = "hostname",
    };

    /// <summary>Also send a histogram's buckets as <c>name.bucket</c> with an <c>le</c> dimension (cumulative counts; default off: one series per bucket).</summary>
    public bool HistogramBuckets { get; set; }
}
