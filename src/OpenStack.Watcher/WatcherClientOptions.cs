namespace OpenStack.Watcher;

/// <summary>
/// The settings of a Watcher client (<see cref="WatcherClient(KeystoneSession, WatcherClientOptions?)"/>,
/// <see cref="WatcherClientFactory.GetClient(OpenStackClientOptions, WatcherClientOptions?)"/>, <c>AddWatcher</c>): the
/// microversion, and what every service client has (<see cref="OpenStackServiceClientOptions"/>: endpoint selection, timeout,
/// response limit, retries, logging). No credentials: those are the cloud's. <see cref="OpenStackServiceClientOptions.Retries"/>
/// defaults to python-watcherclient's <c>max_retries</c> 5 and <c>retry_interval</c> 2 s.
/// </summary>
public sealed class WatcherClientOptions : OpenStackServiceClientOptions
{
    /// <summary>Settings with the defaults: the cloud's endpoint selection, a negotiated microversion, 5 retries 2 s apart.</summary>
    public WatcherClientOptions()
        : base(WatcherClientFactory.Service)
    {
        Retries = new RetryOptions();
    }

    /// <summary>
    /// The microversion to pin (python's <c>os_infra_optim_api_version</c>), for example <c>new(1, 2)</c>; <c>null</c>
    /// (the default) negotiates the highest one both this client and the server support. In configuration it is text:
    /// <c>"1.N"</c> pins, <c>"1"</c> or <c>"1.latest"</c> negotiate.
    /// </summary>
    public WatcherApiVersion? ApiVersion { get; set; }

    /// <inheritdoc />
    /// <remarks>Watcher adds: <see cref="ApiVersion"/> must be 1, 1.latest or 1.N.</remarks>
    public override IEnumerable<string> Validate()
    {
        foreach (var error in base.Validate())
        {
            yield return error;
        }
        if (ApiVersion is { Major: not 1 } version)
        {
            yield return $"ApiVersion must be 1, 1.latest or 1.N (was {version}).";
        }
    }

    /// <inheritdoc />
    public override string ToString() =>
        $"WatcherClientOptions {{ ApiVersion = {(ApiVersion is { } v ? v.ToString() : "negotiated")}, {DescribeSettings()} }}";
}
