namespace OpenStack.Monasca;

/// <summary>
/// The settings of a <see cref="MonascaClient"/> created over a <see cref="KeystoneSession"/>
/// (<see cref="MonascaClient(KeystoneSession, MonascaClientOptions?)"/>), the twin of <c>WatcherClientOptions</c>.
/// </summary>
public sealed class MonascaClientOptions
{
    /// <summary>
    /// Endpoint, region, interface, timeout and logging for this client, laid over the session's
    /// (<see cref="KeystoneSession.CreateClientOptions"/>); its credentials are ignored: tokens come from the session.
    /// </summary>
    public OpenStackClientOptions? Connection { get; set; }

    /// <summary>
    /// Retries through Core's one <see cref="Http.RetryPolicy"/> (503, 429 and connection failures; idempotent methods only
    /// unless <see cref="RetryOptions.RetryNonIdempotentRequests"/>; <c>Retry-After</c> honoured). <see langword="null"/>,
    /// the default, does not retry, as python-monascaclient does not.
    /// </summary>
    public RetryOptions? Retries { get; set; }

    /// <inheritdoc />
    public override string ToString() =>
        $"MonascaClientOptions {{ Retries = {Retries?.MaxRetries.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}, Connection = {Connection?.ToString() ?? "(the session's)"} }}";
}
