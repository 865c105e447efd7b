namespace OpenStack.Monasca;

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

public partial class AlarmUpdate
{
    // The real server answers 500 to a state that is not ALARM, OK or UNDETERMINED in upper case, and 422 "Field 'link' is
    // required" to an empty lifecycle_state or link in a PUT (real-server notes 4 and 21): refused before sending.
    [System.Runtime.Serialization.OnSerializing]
    internal void CheckState(System.Runtime.Serialization.StreamingContext context)
    {
        AlarmBodies.RequireState(State);
        AlarmBodies.RequireNotEmpty("lifecycle_state", LifecycleState);
        AlarmBodies.RequireNotEmpty("link", Link);
    }
}

public partial class AlarmPatch
{
    // As for AlarmUpdate. A null typed field is left out of the body; an explicit null among the additional properties
    // would be sent, and the server answers 500 to it (real-server note 4): refused before sending.
    [System.Runtime.Serialization.OnSerializing]
    internal void CheckState(System.Runtime.Serialization.StreamingContext context)
    {
        AlarmBodies.RequireState(State);
        foreach (var (name, value) in AdditionalProperties)
        {
            if (value is null || value is Newtonsoft.Json.Linq.JValue { Type: Newtonsoft.Json.Linq.JTokenType.Null })
            {
                throw new ArgumentException(
                    $"The alarm field '{name}' cannot be sent as null: Monasca answers 500 to a null field in a PATCH; leave the field out to keep its value.",
                    "body");
            }
        }
    }
}

internal static class AlarmBodies
{
    public static void RequireNotEmpty(string field, string? value)
    {
        if (value is { Length: 0 })
        {
            throw new ArgumentException(
                $"The alarm field '{field}' cannot be sent empty in a PUT: Monasca counts an empty value as missing (422 \"Field '{field}' is required\"); give a value, or PATCH the other fields.",
                "body");
        }
    }

    public static void RequireState(string? state)
    {
        if (state is not (null or AlarmState.Alarm or AlarmState.Ok or AlarmState.Undetermined))
        {
            throw new ArgumentException(
                $"The alarm state '{state}' cannot be sent: Monasca takes ALARM, OK or UNDETERMINED, in upper case, in alarm bodies (it answers 500 to anything else).",
                "body");
        }
    }
}
