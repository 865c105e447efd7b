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

    /// <inheritdoc />
    public override string ToString() => $"MonascaClientOptions {{ Connection = {Connection?.ToString() ?? "(the session's)"} }}";
}
