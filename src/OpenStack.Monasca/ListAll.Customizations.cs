using System.Runtime.CompilerServices;

namespace OpenStack.Monasca;

/// <summary>The operations of <see cref="MetricsClient"/>, for mocking.</summary>
public partial interface IMetricsClient
{
    /// <summary>All metric definitions, page after page (the offset is the last metric's id).</summary>
    /// <param name="tenantId">Project to read (delegate role).</param>
    /// <param name="name">Metric name.</param>
    /// <param name="dimensions">Dimension filter, for example a <see cref="DimensionFilter"/>.</param>
    /// <param name="startTime">Only metrics with measurements after this time.</param>
    /// <param name="endTime">Only metrics with measurements before this time.</param>
    /// <param name="limit">Page size (server default and maximum 10000).</param>
    /// <param name="cancellationToken">Cancels the walk.</param>
    IAsyncEnumerable<Metric> ListAllAsync(string? tenantId = null, string? name = null, string? dimensions = null, DateTimeOffset? startTime = null, DateTimeOffset? endTime = null, int? limit = null, CancellationToken cancellationToken = default);

    /// <summary>All metric names, page after page (the offset is the last name).</summary>
    /// <param name="tenantId">Project to read (delegate role).</param>
    /// <param name="dimensions">Dimension filter.</param>
    /// <param name="limit">Page size.</param>
    /// <param name="cancellationToken">Cancels the walk.</param>
    IAsyncEnumerable<MetricName> ListAllNamesAsync(string? tenantId = null, string? dimensions = null, int? limit = null, CancellationToken cancellationToken = default);

    /// <summary>All dimension names, page after page (the offset is the last name).</summary>
    /// <param name="tenantId">Project to read (delegate role).</param>
    /// <param name="metricName">Only dimensions of this metric.</param>
    /// <param name="startTime">Start of the time window.</param>
    /// <param name="endTime">End of the time window.</param>
    /// <param name="limit">Page size.</param>
    /// <param name="cancellationToken">Cancels the walk.</param>
    IAsyncEnumerable<DimensionName> ListAllDimensionNamesAsync(string? tenantId = null, string? metricName = null, DateTimeOffset? startTime = null, DateTimeOffset? endTime = null, int? limit = null, CancellationToken cancellationToken = default);

    /// <summary>All values of a dimension, page after page (the offset is the last value).</summary>
    /// <param name="dimensionName">The dimension.</param>
    /// <param name="tenantId">Project to read (delegate role).</param>
    /// <param name="metricName">Only values of this metric.</param>
    /// <param name="startTime">Start of the time window.</param>
    /// <param name="endTime">End of the time window.</param>
    /// <param name="limit">Page size.</param>
    /// <param name="cancellationToken">Cancels the walk.</param>
    IAsyncEnumerable<DimensionValue> ListAllDimensionValuesAsync(string dimensionName, string? tenantId = null, string? metricName = null, DateTimeOffset? startTime = null, DateTimeOffset? endTime = null, int? limit = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// All measurements, page after page. A series cut by a page boundary continues on the next page, so
    /// consecutive items with the same <see cref="MeasurementSeries.Id"/> are parts of one series.
    /// </summary>
    /// <param name="name">Metric name.</param>
    /// <param name="startTime">Start of the time window.</param>
    /// <param name="tenantId">Project to read (delegate role).</param>
    /// <param name="dimensions">Dimension filter.</param>
    /// <param name="endTime">End of the time window.</param>
    /// <param name="limit">Rows per page (across series).</param>
    /// <param name="mergeMetrics">Merge every matching metric into one series.</param>
    /// <param name="groupBy">Dimension keys to group by, or <c>*</c>.</param>
    /// <param name="cancellationToken">Cancels the walk.</param>
    IAsyncEnumerable<MeasurementSeries> ListAllMeasurementsAsync(string name, DateTimeOffset startTime, string? tenantId = null, string? dimensions = null, DateTimeOffset? endTime = null, int? limit = null, bool? mergeMetrics = null, IEnumerable<string>? groupBy = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// All statistics, page after page. A series cut by a page boundary continues on the next page under the same id.
    /// </summary>
    /// <param name="name">Metric name.</param>
    /// <param name="statistics">Statistics to compute (see <see cref="Statistic"/>).</param>
    /// <param name="startTime">Start of the time window.</param>
    /// <param name="tenantId">Project to read (delegate role).</param>
    /// <param name="dimensions">Dimension filter.</param>
    /// <param name="endTime">End of the time window.</param>
    /// <param name="period">Period in seconds (default 300).</param>
    /// <param name="limit">Rows per page (across series).</param>
    /// <param name="mergeMetrics">Merge every matching metric into one series.</param>
    /// <param name="groupBy">Dimension keys to group by, or <c>*</c>.</param>
    /// <param name="cancellationToken">Cancels the walk.</param>
    IAsyncEnumerable<StatisticsSeries> ListAllStatisticsAsync(string name, IEnumerable<string> statistics, DateTimeOffset startTime, string? tenantId = null, string? dimensions = null, DateTimeOffset? endTime = null, int? period = null, int? limit = null, bool? mergeMetrics = null, IEnumerable<string>? groupBy = null, CancellationToken cancellationToken = default);
}

/// <summary>Client for metrics, measurements and statistics (python-monascaclient <c>metrics</c>).</summary>
public partial class MetricsClient
{
    /// <inheritdoc />
    public virtual IAsyncEnumerable<Metric> ListAllAsync(string? tenantId = null, string? name = null, string? dimensions = null, DateTimeOffset? startTime = null, DateTimeOffset? endTime = null, int? limit = null, CancellationToken cancellationToken = default) =>
        MonascaPaging.WalkByMarker(
            (offset, ct) => ListAsync(tenantId, name, dimensions, startTime, endTime, offset, limit, ct),
            p => p.Elements,
            (p, items) => items[^1].Id ?? p.NextOffset,
            cancellationToken);

    /// <inheritdoc />
    public virtual IAsyncEnumerable<MetricName> ListAllNamesAsync(string? tenantId = null, string? dimensions = null, int? limit = null, CancellationToken cancellationToken = default) =>
        MonascaPaging.WalkByMarker(
            (offset, ct) => ListNamesAsync(tenantId, dimensions, offset, limit, ct),
            p => p.Elements,
            (_, items) => items[^1].Name,
            cancellationToken);

    /// <inheritdoc />
    public virtual IAsyncEnumerable<DimensionName> ListAllDimensionNamesAsync(string? tenantId = null, string? metricName = null, DateTimeOffset? startTime = null, DateTimeOffset? endTime = null, int? limit = null, CancellationToken cancellationToken = default) =>
        MonascaPaging.WalkByMarker(
            (offset, ct) => ListDimensionNamesAsync(tenantId, metricName, startTime, endTime, offset, limit, ct),
            p => p.Elements,
            (_, items) => items[^1].Name,
            cancellationToken);

    /// <inheritdoc />
    public virtual IAsyncEnumerable<DimensionValue> ListAllDimensionValuesAsync(string dimensionName, string? tenantId = null, string? metricName = null, DateTimeOffset? startTime = null, DateTimeOffset? endTime = null, int? limit = null, CancellationToken cancellationToken = default) =>
        MonascaPaging.WalkByMarker(
            (offset, ct) => ListDimensionValuesAsync(dimensionName, tenantId, metricName, startTime, endTime, offset, limit, ct),
            p => p.Elements,
            (_, items) => items[^1].Value,
            cancellationToken);

    /// <inheritdoc />
    public virtual IAsyncEnumerable<MeasurementSeries> ListAllMeasurementsAsync(string name, DateTimeOffset startTime, string? tenantId = null, string? dimensions = null, DateTimeOffset? endTime = null, int? limit = null, bool? mergeMetrics = null, IEnumerable<string>? groupBy = null, CancellationToken cancellationToken = default)
    {
        var groups = groupBy?.ToList();
        return MonascaPaging.WalkByMarker(
            (offset, ct) => ListMeasurementsAsync(name, startTime, tenantId, dimensions, endTime, offset, limit, mergeMetrics, groups, ct),
            p => p.Elements,
            (p, items) => p.NextOffset ?? LastRowOffset(items[^1].Id, items[^1].Measurements, withId: true),
            cancellationToken);
    }

    /// <inheritdoc />
    public virtual IAsyncEnumerable<StatisticsSeries> ListAllStatisticsAsync(string name, IEnumerable<string> statistics, DateTimeOffset startTime, string? tenantId = null, string? dimensions = null, DateTimeOffset? endTime = null, int? period = null, int? limit = null, bool? mergeMetrics = null, IEnumerable<string>? groupBy = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(statistics);
        var stats = statistics.ToList();
        var groups = groupBy?.ToList();
        return MonascaPaging.WalkByMarker(
            (offset, ct) => ListStatisticsAsync(name, stats, startTime, tenantId, dimensions, endTime, period, offset, limit, mergeMetrics, groups, ct),
            p => p.Elements,
            (p, items) => p.NextOffset ?? LastRowOffset(items[^1].Id, items[^1].Statistics, withId: false),
            cancellationToken);
    }

    // The server's own offsets: measurements `<id>_<timestamp of the last row>`, statistics the last timestamp.
    private static string? LastRowOffset(string? id, IEnumerable<SeriesRow>? rows, bool withId)
    {
        var ts = rows?.LastOrDefault()?.RawTimestamp;
        return string.IsNullOrEmpty(ts) ? null : withId && id is not null ? id + "_" + ts : ts;
    }
}

/// <summary>The operations of <see cref="NotificationMethodsClient"/>, for mocking.</summary>
public partial interface INotificationMethodsClient
{
    /// <summary>
    /// All notification methods, page after page. The offset is an integer row count (the server's own
    /// <c>next</c> link carries a UUID that the server then rejects).
    /// </summary>
    /// <param name="sortBy">Sort fields, each optionally followed by <c>asc</c> or <c>desc</c>.</param>
    /// <param name="limit">Page size.</param>
    /// <param name="cancellationToken">Cancels the walk.</param>
    IAsyncEnumerable<NotificationMethod> ListAllAsync(IEnumerable<string>? sortBy = null, int? limit = null, CancellationToken cancellationToken = default);
}

/// <summary>Client for notification methods (python-monascaclient <c>notifications</c>).</summary>
public partial class NotificationMethodsClient
{
    /// <inheritdoc />
    public virtual IAsyncEnumerable<NotificationMethod> ListAllAsync(IEnumerable<string>? sortBy = null, int? limit = null, CancellationToken cancellationToken = default)
    {
        var sort = sortBy?.ToList();
        return MonascaPaging.WalkByCount((offset, ct) => ListAsync(sort, offset, limit, ct), p => p.Elements, cancellationToken);
    }
}

/// <summary>The operations of <see cref="NotificationTypesClient"/>, for mocking.</summary>
public partial interface INotificationTypesClient
{
    /// <summary>All notification types (the server does not page this list).</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    IAsyncEnumerable<NotificationType> ListAllAsync(CancellationToken cancellationToken = default);
}

/// <summary>Client for notification method types (python-monascaclient <c>notificationtypes</c>).</summary>
public partial class NotificationTypesClient
{
    /// <inheritdoc />
    public virtual IAsyncEnumerable<NotificationType> ListAllAsync(CancellationToken cancellationToken = default) =>
        MonascaPaging.Single(ListAsync, p => p.Elements, cancellationToken);
}

/// <summary>The operations of <see cref="VersionsClient"/>, for mocking.</summary>
public partial interface IVersionsClient
{
    /// <summary>All API versions (the server does not page this list).</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    IAsyncEnumerable<ApiVersion> ListAllAsync(CancellationToken cancellationToken = default);
}

/// <summary>Client for the API versions (<c>/</c> and <c>/{version_id}</c>).</summary>
public partial class VersionsClient
{
    /// <inheritdoc />
    public virtual IAsyncEnumerable<ApiVersion> ListAllAsync(CancellationToken cancellationToken = default) =>
        MonascaPaging.Single(ListAsync, p => p.Elements, cancellationToken);
}

/// <summary>The operations of <see cref="AlarmDefinitionsClient"/>, for mocking.</summary>
public partial interface IAlarmDefinitionsClient
{
    /// <summary>All alarm definitions, page after page (integer offsets).</summary>
    /// <param name="name">Alarm definition name.</param>
    /// <param name="dimensions">Dimension filter.</param>
    /// <param name="severity">Severities, OR-ed with <c>|</c>.</param>
    /// <param name="sortBy">Sort fields, each optionally followed by <c>asc</c> or <c>desc</c>.</param>
    /// <param name="limit">Page size.</param>
    /// <param name="cancellationToken">Cancels the walk.</param>
    IAsyncEnumerable<AlarmDefinition> ListAllAsync(string? name = null, string? dimensions = null, string? severity = null, IEnumerable<string>? sortBy = null, int? limit = null, CancellationToken cancellationToken = default);
}

/// <summary>Client for alarm definitions (python-monascaclient <c>alarm_definitions</c>).</summary>
public partial class AlarmDefinitionsClient
{
    /// <inheritdoc />
    public virtual IAsyncEnumerable<AlarmDefinition> ListAllAsync(string? name = null, string? dimensions = null, string? severity = null, IEnumerable<string>? sortBy = null, int? limit = null, CancellationToken cancellationToken = default)
    {
        var sort = sortBy?.ToList();
        return MonascaPaging.WalkByCount((offset, ct) => ListAsync(name, dimensions, severity, sort, offset, limit, ct), p => p.Elements, cancellationToken);
    }
}

/// <summary>The operations of <see cref="AlarmsClient"/>, for mocking.</summary>
public partial interface IAlarmsClient
{
    /// <summary>All alarms, page after page (integer offsets).</summary>
    /// <param name="alarmDefinitionId">Only alarms of this definition.</param>
    /// <param name="metricName">Metric name.</param>
    /// <param name="metricDimensions">Dimension filter on the alarm metrics.</param>
    /// <param name="state">An alarm state (see <see cref="AlarmState"/>).</param>
    /// <param name="severity">Severities, OR-ed with <c>|</c>.</param>
    /// <param name="lifecycleState">Lifecycle state.</param>
    /// <param name="link">Link.</param>
    /// <param name="stateUpdatedStartTime">Only alarms whose state changed since.</param>
    /// <param name="sortBy">Sort fields, each optionally followed by <c>asc</c> or <c>desc</c>.</param>
    /// <param name="limit">Page size.</param>
    /// <param name="cancellationToken">Cancels the walk.</param>
    IAsyncEnumerable<Alarm> ListAllAsync(string? alarmDefinitionId = null, string? metricName = null, string? metricDimensions = null, string? state = null, string? severity = null, string? lifecycleState = null, string? link = null, DateTimeOffset? stateUpdatedStartTime = null, IEnumerable<string>? sortBy = null, int? limit = null, CancellationToken cancellationToken = default);

    /// <summary>The state transitions of all alarms, page after page (the offset is the last transition's id).</summary>
    /// <param name="dimensions">Dimension filter.</param>
    /// <param name="startTime">Start of the time window.</param>
    /// <param name="endTime">End of the time window.</param>
    /// <param name="limit">Page size.</param>
    /// <param name="cancellationToken">Cancels the walk.</param>
    IAsyncEnumerable<AlarmTransition> HistoryListAllAsync(string? dimensions = null, DateTimeOffset? startTime = null, DateTimeOffset? endTime = null, int? limit = null, CancellationToken cancellationToken = default);

    /// <summary>The state transitions of one alarm, page after page.</summary>
    /// <param name="alarmId">The alarm.</param>
    /// <param name="limit">Page size.</param>
    /// <param name="cancellationToken">Cancels the walk.</param>
    IAsyncEnumerable<AlarmTransition> HistoryAllAsync(string alarmId, int? limit = null, CancellationToken cancellationToken = default);
}

/// <summary>Client for alarms, alarm counts and state history (python-monascaclient <c>alarms</c>).</summary>
public partial class AlarmsClient
{
    /// <inheritdoc />
    public virtual IAsyncEnumerable<Alarm> ListAllAsync(string? alarmDefinitionId = null, string? metricName = null, string? metricDimensions = null, string? state = null, string? severity = null, string? lifecycleState = null, string? link = null, DateTimeOffset? stateUpdatedStartTime = null, IEnumerable<string>? sortBy = null, int? limit = null, CancellationToken cancellationToken = default)
    {
        var sort = sortBy?.ToList();
        return MonascaPaging.WalkByCount(
            (offset, ct) => ListAsync(alarmDefinitionId, metricName, metricDimensions, state, severity, lifecycleState, link, stateUpdatedStartTime, sort, offset, limit, ct),
            p => p.Elements,
            cancellationToken);
    }

    /// <inheritdoc />
    public virtual IAsyncEnumerable<AlarmTransition> HistoryListAllAsync(string? dimensions = null, DateTimeOffset? startTime = null, DateTimeOffset? endTime = null, int? limit = null, CancellationToken cancellationToken = default) =>
        MonascaPaging.WalkByMarker(
            (offset, ct) => HistoryListAsync(dimensions, startTime, endTime, offset, limit, ct),
            p => p.Elements,
            (p, items) => items[^1].Id ?? p.NextOffset,
            cancellationToken);

    /// <inheritdoc />
    public virtual IAsyncEnumerable<AlarmTransition> HistoryAllAsync(string alarmId, int? limit = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(alarmId);
        return MonascaPaging.WalkByMarker(
            (offset, ct) => HistoryAsync(alarmId, offset, limit, ct),
            p => p.Elements,
            (p, items) => items[^1].Id ?? p.NextOffset,
            cancellationToken);
    }
}

/// <summary>The outcome of <see cref="IHealthcheckClient.CheckAsync"/>.</summary>
/// <param name="IsHealthy">Whether the server answered 200.</param>
/// <param name="StatusCode">The HTTP status (200 or 503).</param>
/// <param name="Status">The status of each back end, as the server reported it.</param>
public sealed record HealthCheckResult(bool IsHealthy, int StatusCode, HealthStatus Status);

/// <summary>The operations of <see cref="HealthcheckClient"/>, for mocking.</summary>
public partial interface IHealthcheckClient
{
    /// <summary>
    /// Checks health and returns the back ends' status whether healthy (200) or not (503); other errors throw
    /// <see cref="MonascaApiException"/>.
    /// </summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<HealthCheckResult> CheckAsync(CancellationToken cancellationToken = default);
}

/// <summary>Client for <c>/healthcheck</c>.</summary>
public partial class HealthcheckClient
{
    /// <inheritdoc />
    public virtual async Task<HealthCheckResult> CheckAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            return new HealthCheckResult(true, 200, await GetAsync(cancellationToken).ConfigureAwait(false));
        }
        catch (MonascaApiException e) when (e.StatusCode == 503)
        {
            HealthStatus? status = null;
            try
            {
                status = Deserialize<HealthStatus>(e.Response ?? "");
            }
            catch (Newtonsoft.Json.JsonException)
            {
                // not the health body (a proxy page): report what we know
            }
            return new HealthCheckResult(false, 503, status ?? new HealthStatus());
        }
    }
}

public partial interface IMetricsClient
{
    /// <summary>Creates one metric (python <c>metrics.create(name=..., ...)</c>); it is sent as a one-element array.</summary>
    /// <param name="metric">The metric.</param>
    /// <param name="tenantId">Project to write for (delegate role; silently ignored without it).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task CreateAsync(MetricCreate metric, string? tenantId = null, CancellationToken cancellationToken = default);
}

public partial class MetricsClient
{
    /// <inheritdoc />
    public virtual Task CreateAsync(MetricCreate metric, string? tenantId = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(metric);
        return CreateAsync(new[] { metric }, tenantId, cancellationToken);
    }
}

/// <summary>A metric to create.</summary>
public partial class MetricCreate
{
    /// <summary><see cref="Timestamp"/> (milliseconds since the Unix epoch) as a time.</summary>
    [Newtonsoft.Json.JsonIgnore]
    public DateTimeOffset Time
    {
        get => MonascaTime.FromEpochMilliseconds(Timestamp);
        set => Timestamp = MonascaTime.ToEpochMilliseconds(value);
    }
}
