using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenStack.Monasca;
using OpenStack.Monasca.OpenTelemetry;
using OpenStack.Monasca.Publishing;

namespace OpenTelemetry.Metrics;

/// <summary>Registers the Monasca exporter on a <see cref="MeterProviderBuilder"/>.</summary>
public static class MonascaExporterExtensions
{
    /// <summary>
    /// Exports the provider's metrics to Monasca every <see cref="MonascaExporterOptions.ExportInterval"/> (cumulative
    /// temporality) through a batching, retrying <see cref="MonascaMetricPublisher"/>. The Monasca client is
    /// <see cref="MonascaExporterOptions.MetricsClient"/>, else one made from <see cref="MonascaExporterOptions.Connection"/>,
    /// else the container's <see cref="IMonascaClient"/> (<c>services.AddMonasca()</c>). A collection (periodic, or
    /// <c>MeterProvider.ForceFlush</c>) queues the points; the publisher sends them within
    /// <c>Publisher.FlushInterval</c>; disposing the meter provider sends everything queued.
    /// </summary>
    /// <param name="builder">The meter provider builder.</param>
    /// <param name="configure">Names, dimensions, interval and the publisher's settings.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="InvalidOperationException">(When the provider is built) no Monasca client can be found.</exception>
    public static MeterProviderBuilder AddMonascaExporter(this MeterProviderBuilder builder, Action<MonascaExporterOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddReader(sp =>
        {
            var options = new MonascaExporterOptions();
            configure?.Invoke(options);
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.ExportInterval, TimeSpan.Zero, nameof(configure));
            IDisposable? owned = null;
            var metrics = options.MetricsClient;
            if (metrics is null && options.Connection is { } connection)
            {
                var client = MonascaClientFactory.Create("2_0", connection);
                owned = client;
                metrics = client.Metrics;
            }
            metrics ??= sp.GetService<IMonascaClient>()?.Metrics ?? throw new InvalidOperationException(
                "AddMonascaExporter needs a Monasca client: set MonascaExporterOptions.MetricsClient or .Connection, or call services.AddKeystone(...) and services.AddMonasca().");
            var logger = sp.GetService<ILoggerFactory>()?.CreateLogger<MonascaMetricPublisher>();
            var publisher = new MonascaMetricPublisher(metrics, options.Publisher, logger);
            var exporter = new MonascaMetricExporter(publisher, options, ownsPublisher: true, ownedClient: owned);
            return new PeriodicExportingMetricReader(exporter, (int)Math.Min(int.MaxValue, options.ExportInterval.TotalMilliseconds))
            {
                TemporalityPreference = MetricReaderTemporalityPreference.Cumulative,
            };
        });
    }
}
