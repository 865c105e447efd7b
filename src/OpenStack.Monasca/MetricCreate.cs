namespace OpenStack.Monasca;

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
