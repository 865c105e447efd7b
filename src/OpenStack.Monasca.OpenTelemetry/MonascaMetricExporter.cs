using Microsoft.Extensions.Logging;
using OpenStack.Monasca.Publishing;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OtelMetric = OpenTelemetry.Metrics.Metric;

namespace OpenStack.Monasca.OpenTelemetry;

/// <summary>
/// Exports OpenTelemetry metrics to Monasca through a <see cref="MonascaMetricPublisher"/> (batches, retries, a bounded
/// queue). Each metric point becomes Monasca metrics named by <see cref="MonascaMetricNaming"/>, timestamped with the
/// point's end time, with the point's attributes and the configured resource attributes as dimensions:
/// <list type="bullet">
/// <item>counters and up-down counters: one metric, the cumulative sum since the start (use cumulative temporality, the
/// default of <c>AddMonascaExporter</c>);</item>
/// <item>gauges and observable gauges: one metric, the last value;</item>
/// <item>histograms: <c>name.count</c>, <c>name.sum</c>, and <c>name.min</c>/<c>name.max</c> when recorded (cumulative), and
/// with <see cref="MonascaExporterOptions.HistogramBuckets"/> <c>name.bucket</c> per bucket with an <c>le</c> dimension
/// (the bucket's upper bound, <c>+Inf</c> for the last) and the cumulative count; exponential histograms: count, sum, min, max.</item>
/// </list>
/// A unit that the name does not say travels as <c>value_meta</c> <c>{"unit": ...}</c>. NaN and infinite values are skipped
/// (Monasca refuses them).
/// </summary>
public sealed class MonascaMetricExporter : BaseExporter<OtelMetric>
{
    private readonly MonascaMetricPublisher _publisher;
    private readonly bool _ownsPublisher;
    private readonly IDisposable? _ownedClient;
    private readonly MonascaExporterOptions _options;
    private KeyValuePair<string, string>[]? _resourceDimensions;

    /// <summary>An exporter with a publisher of its own over <paramref name="metrics"/> (disposed with the exporter).</summary>
    /// <param name="metrics">The Metrics client of a <see cref="MonascaClient"/>.</param>
    /// <param name="options">Names, dimensions and the publisher's settings (null: the defaults).</param>
    /// <param name="logger">The publisher's warnings.</param>
    public MonascaMetricExporter(IMetricsClient metrics, MonascaExporterOptions? options = null, ILogger<MonascaMetricPublisher>? logger = null)
        : this(new MonascaMetricPublisher(metrics, (options ?? new()).Publisher, logger), options, ownsPublisher: true, ownedClient: null)
    {
    }

    /// <summary>An exporter that queues into <paramref name="publisher"/> (which the caller keeps and disposes).</summary>
    /// <param name="publisher">The publisher.</param>
    /// <param name="options">Names and dimensions (the publisher settings in it are not used).</param>
    public MonascaMetricExporter(MonascaMetricPublisher publisher, MonascaExporterOptions? options = null)
        : this(publisher, options, ownsPublisher: false, ownedClient: null)
    {
    }

    internal MonascaMetricExporter(MonascaMetricPublisher publisher, MonascaExporterOptions? options, bool ownsPublisher, IDisposable? ownedClient)
    {
        ArgumentNullException.ThrowIfNull(publisher);
        _publisher = publisher;
        _options = options ?? new MonascaExporterOptions();
        _ownsPublisher = ownsPublisher;
        _ownedClient = ownedClient;
    }

    /// <summary>The publisher the metrics go through (its counters: sent, retried, dropped).</summary>
    public MonascaMetricPublisher Publisher => _publisher;

    /// <inheritdoc />
    public override ExportResult Export(in Batch<OtelMetric> batch)
    {
        var resource = _resourceDimensions ??= ResourceDimensions();
        var result = ExportResult.Success;
        foreach (var metric in batch)
        {
            var name = MonascaMetricNaming.MetricName(metric.Name, metric.Unit, _options.NamePrefix);
            var valueMeta = MonascaMetricNaming.UnitInValueMeta(metric.Unit) ? new Dictionary<string, string> { ["unit"] = metric.Unit } : null;
            foreach (ref readonly var point in metric.GetMetricPoints())
            {
                var dimensions = Dimensions(point, resource);
                var timestamp = point.EndTime.ToUnixTimeMilliseconds();
                switch (metric.MetricType)
                {
                    case MetricType.LongSum or MetricType.LongSumNonMonotonic:
                        Publish(ref result, name, dimensions, timestamp, point.GetSumLong(), valueMeta);
                        break;
                    case MetricType.DoubleSum or MetricType.DoubleSumNonMonotonic:
                        Publish(ref result, name, dimensions, timestamp, point.GetSumDouble(), valueMeta);
                        break;
                    case MetricType.LongGauge:
                        Publish(ref result, name, dimensions, timestamp, point.GetGaugeLastValueLong(), valueMeta);
                        break;
                    case MetricType.DoubleGauge:
                        Publish(ref result, name, dimensions, timestamp, point.GetGaugeLastValueDouble(), valueMeta);
                        break;
                    case MetricType.Histogram or MetricType.ExponentialHistogram:
                        Publish(ref result, name + ".count", dimensions, timestamp, point.GetHistogramCount(), null);
                        Publish(ref result, name + ".sum", dimensions, timestamp, point.GetHistogramSum(), valueMeta);
                        if (point.TryGetHistogramMinMaxValues(out var min, out var max))
                        {
                            Publish(ref result, name + ".min", dimensions, timestamp, min, valueMeta);
                            Publish(ref result, name + ".max", dimensions, timestamp, max, valueMeta);
                        }
                        if (_options.HistogramBuckets && metric.MetricType == MetricType.Histogram)
                        {
                            long cumulative = 0;
                            foreach (var bucket in point.GetHistogramBuckets())
                            {
                                cumulative += bucket.BucketCount;
                                var withBound = new Dictionary<string, string>(dimensions, StringComparer.Ordinal)
                                {
                                    ["le"] = double.IsPositiveInfinity(bucket.ExplicitBound) ? "+Inf" : bucket.ExplicitBound.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
                                };
                                Publish(ref result, name + ".bucket", withBound, timestamp, cumulative, null);
                            }
                        }
                        break;
                }
            }
        }
        return result;
    }

    private void Publish(ref ExportResult result, string name, Dictionary<string, string> dimensions, long timestamp, double value, Dictionary<string, string>? valueMeta)
    {
        if (!double.IsFinite(value))
        {
            return;
        }
        var metric = new MetricCreate { Name = name, Dimensions = dimensions, Timestamp = timestamp, Value = value, ValueMeta = valueMeta };
        try
        {
            if (!_publisher.TryPublish(metric))
            {
                result = ExportResult.Failure; // a full queue in Wait mode, or a disposed publisher
            }
        }
        catch (ObjectDisposedException)
        {
            result = ExportResult.Failure;
        }
    }

    private static Dictionary<string, string> Dimensions(in MetricPoint point, KeyValuePair<string, string>[] resource)
    {
        var dimensions = new Dictionary<string, string>(resource.Length + point.Tags.Count, StringComparer.Ordinal);
        foreach (var (k, v) in resource)
        {
            dimensions[k] = v;
        }
        foreach (var tag in point.Tags)
        {
            if (MonascaMetricNaming.DimensionKey(tag.Key) is { } key && MonascaMetricNaming.DimensionValue(tag.Value) is { } value)
            {
                dimensions[key] = value;
            }
        }
        return dimensions;
    }

    private KeyValuePair<string, string>[] ResourceDimensions()
    {
        var attributes = ParentProvider?.GetResource().Attributes ?? [];
        var result = new List<KeyValuePair<string, string>>();
        foreach (var (attribute, value) in attributes)
        {
            if (_options.ResourceDimensions.TryGetValue(attribute, out var dimension)
                && MonascaMetricNaming.DimensionKey(dimension) is { } key && MonascaMetricNaming.DimensionValue(value) is { } text)
            {
                result.Add(new(key, text));
            }
        }
        return [.. result];
    }

    /// <inheritdoc />
    protected override bool OnForceFlush(int timeoutMilliseconds) => Wait(_publisher.FlushAsync(), timeoutMilliseconds);

    /// <inheritdoc />
    protected override bool OnShutdown(int timeoutMilliseconds) =>
        Wait(_ownsPublisher ? _publisher.StopAsync() : _publisher.FlushAsync(), timeoutMilliseconds);

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            if (_ownsPublisher)
            {
                _publisher.StopAsync().GetAwaiter().GetResult();
            }
            _ownedClient?.Dispose();
        }
        base.Dispose(disposing);
    }

    private static bool Wait(Task task, int timeoutMilliseconds)
    {
        try
        {
            return task.Wait(timeoutMilliseconds == Timeout.Infinite ? Timeout.InfiniteTimeSpan : TimeSpan.FromMilliseconds(timeoutMilliseconds));
        }
        catch (AggregateException)
        {
            return false;
        }
    }
}
