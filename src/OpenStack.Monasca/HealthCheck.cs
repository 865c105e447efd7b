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
