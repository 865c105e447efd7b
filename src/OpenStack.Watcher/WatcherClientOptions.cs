namespace OpenStack.Watcher;

/// <summary>
/// Everything <see cref="WatcherClientFactory.GetClient(WatcherClientOptions)"/> needs: how to reach and authenticate
/// (<see cref="Connection"/>), the microversion, and python-watcherclient's retry settings.
/// </summary>
public sealed class WatcherClientOptions
{
    /// <summary>
    /// Credentials, endpoint and TLS settings. A pre-issued <see cref="OpenStackClientOptions.Token"/> with an
    /// <see cref="OpenStackClientOptions.Endpoint"/> (python's <c>os_auth_token</c> + <c>watcher_url</c>) needs no Keystone.
    /// </summary>
    public OpenStackClientOptions Connection { get; set; } = new();

    /// <summary>
    /// The microversion to pin (python's <c>os_infra_optim_api_version</c>), for example <c>new(1, 2)</c>; <c>null</c>
    /// (the default) negotiates the highest one both this client and the server support. In configuration it is text:
    /// <c>"1.N"</c> pins, <c>"1"</c> or <c>"1.latest"</c> negotiate.
    /// </summary>
    public WatcherApiVersion? ApiVersion { get; set; }

    /// <summary>
    /// Retries after a 503, a 429 or a connection failure (python's <c>max_retries</c>, default 5); 0 disables them.
    /// Core's <see cref="Http.RetryPolicy"/> applies them (idempotent methods only unless
    /// <see cref="RetryNonIdempotentRequests"/>; <c>Retry-After</c> honoured).
    /// </summary>
    public int MaxRetries { get; set; } = 5;

    /// <summary>Pause between retries (python's <c>retry_interval</c>, default 2 s).</summary>
    public TimeSpan RetryInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Also retry requests that may have had an effect (POST, PATCH, DELETE) after a 503 or a broken connection.</summary>
    public bool RetryNonIdempotentRequests { get; set; }

    /// <summary>The retry settings as Core's policy takes them.</summary>
    internal RetryOptions Retries => new()
    {
        MaxRetries = MaxRetries, Interval = RetryInterval, RetryNonIdempotentRequests = RetryNonIdempotentRequests,
    };

    /// <inheritdoc />
    public override string ToString() =>
        $"WatcherClientOptions {{ ApiVersion = {(ApiVersion is { } v ? v.ToString() : "negotiated")}, MaxRetries = {MaxRetries}, RetryInterval = {RetryInterval}, Connection = {Connection} }}";
}
