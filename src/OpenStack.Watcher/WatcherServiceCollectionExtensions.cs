using Microsoft.Extensions.DependencyInjection.Extensions;
using OpenStack.Watcher;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the Watcher client with <see cref="IServiceCollection"/> and IHttpClientFactory.</summary>
public static class WatcherServiceCollectionExtensions
{
    /// <summary>
    /// The name of the HttpClient (and options) of the default cloud's Watcher client; other clouds use <c>OpenStack.Watcher.&lt;cloud&gt;</c>
    /// (<see cref="OpenStackServiceCollectionExtensions.HttpClientNameFor"/>).
    /// </summary>
    public const string HttpClientName = "OpenStack.Watcher";

    /// <summary>
    /// Registers <see cref="IWatcherClient"/> (and <see cref="WatcherClient"/>) for the default cloud registered with
    /// <c>AddKeystone</c>: a transient client whose requests carry the cloud's token, go to the <c>infra-optim</c> endpoint
    /// (the catalog's, or <see cref="OpenStack.OpenStackServiceClientOptions.Endpoint"/>), carry the microversion header and
    /// are logged and traced (<see cref="WatcherDiagnostics.ActivitySourceName"/>). Options are validated when the host starts.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the microversion, this client's endpoint selection, timeout, limits and retries
    /// (python-watcherclient's 5 by default: set <c>o.Retries = null</c> when you add <c>AddStandardResilienceHandler()</c>,
    /// so that one layer retries); values left null are the cloud's.</param>
    /// <returns>The HttpClient's builder, to chain <c>AddStandardResilienceHandler()</c> or other handlers (they run outside authentication).</returns>
    public static IHttpClientBuilder AddWatcher(this IServiceCollection services, Action<WatcherClientOptions>? configure = null) =>
        services.AddWatcher(Options.Options.DefaultName, configure);

    /// <summary>
    /// Registers the Watcher client of the cloud <paramref name="cloudName"/>: as a keyed service (key: the cloud name, for
    /// example <c>[FromKeyedServices("east")] IWatcherClient</c>) and, for the first cloud registered, also unkeyed.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="cloudName">The cloud as given to <c>AddKeystone</c>; empty for the default cloud.</param>
    /// <param name="configure">Sets this client's settings (see <see cref="AddWatcher(IServiceCollection, Action{WatcherClientOptions}?)"/>).</param>
    /// <returns>The HttpClient's builder.</returns>
    public static IHttpClientBuilder AddWatcher(this IServiceCollection services, string cloudName, Action<WatcherClientOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var httpClientName = OpenStackServiceCollectionExtensions.HttpClientNameFor(HttpClientName, cloudName);
        services.TryAddKeyedSingleton<MicroversionHandlers>(httpClientName);
        return services.AddOpenStackServiceClient<IWatcherClient, WatcherClient, WatcherClientOptions>(
            HttpClientName, cloudName, configure,
            // Creating the HttpClient builds (once) the pipeline, whose microversion handler the client reports ApiVersion from.
            (sp, http) => new WatcherClient(http, sp.GetRequiredKeyedService<MicroversionHandlers>(httpClientName).Current),
            WatcherDiagnostics.Source,
            (sp, options) =>
            {
                var microversions = new WatcherMicroversionHandler(options.ApiVersion);
                sp.GetRequiredKeyedService<MicroversionHandlers>(httpClientName).Current = microversions;
                return [microversions];
            });
    }

    /// <summary>The microversion handler of the current pipeline of one HttpClient name.</summary>
    private sealed class MicroversionHandlers
    {
        public WatcherMicroversionHandler? Current { get; set; }
    }
}
