namespace OpenStack.Monasca;

/// <summary>
/// The settings of a <see cref="MonascaClient"/> (<see cref="MonascaClient(KeystoneSession, MonascaClientOptions?)"/>,
/// <see cref="MonascaClientFactory.Create(string, OpenStackClientOptions, MonascaClientOptions?)"/>, <c>AddMonasca</c>):
/// endpoint selection, timeout, response limit, retries and logging (<see cref="OpenStackServiceClientOptions"/>). No
/// credentials: those are the cloud's. <see cref="OpenStackServiceClientOptions.Retries"/> is <see langword="null"/> by
/// default: python-monascaclient does not retry.
/// </summary>
public sealed class MonascaClientOptions : OpenStackServiceClientOptions
{
    /// <summary>Settings with the defaults: the cloud's endpoint selection, no retries.</summary>
    public MonascaClientOptions()
        : base(MonascaClient.Service)
    {
    }

    /// <inheritdoc />
    public override string ToString() => $"MonascaClientOptions {{ {DescribeSettings()} }}";
}
