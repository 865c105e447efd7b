using OpenStack.Monasca;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the Monasca client with <see cref="IServiceCollection"/> and IHttpClientFactory.</summary>
public static class MonascaServiceCollectionExtensions
{
    /// <summary>
    /// The name of the HttpClient (and options) of the default cloud's Monasca client; other clouds use <c>OpenStack.Monasca.&lt;cloud&gt;</c>
    /// (<see cref="OpenStackServiceCollectionExtensions.HttpClientNameFor"/>).
    /// </summary>
    public const string HttpClientName = "OpenStack.Monasca";

    /// <summary>
    /// Registers the Monasca client of the cloud <paramref name="cloudName"/>: as a keyed service (key: the cloud name, for
    /// example <c>[FromKeyedServices("east")] IMonascaClient</c>) and, for the first cloud registered, also unkeyed.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="cloudName">The cloud as given to <c>AddKeystone</c>; empty for the default cloud.</param>
    /// <param name="configure">Sets this client's settings (see <see cref="AddMonasca(IServiceCollection, Action{MonascaClientOptions}?)"/>).</param>
    /// <returns>The HttpClient's builder.</returns>
    public static IHttpClientBuilder AddMonasca(this IServiceCollection services, string cloudName, Action<MonascaClientOptions>? configure = null) =>
        services.AddOpenStackServiceClient<IMonascaClient, MonascaClient, MonascaClientOptions>(
            HttpClientName, cloudName, configure, (_, http) => new MonascaClient(http), MonascaDiagnostics.Source);

    /// <summary>
    /// Registers <see cref="IMonascaClient"/> (and <see cref="MonascaClient"/>) for the default cloud registered with
    /// <c>AddKeystone</c>: a transient client whose requests carry the cloud's token, go to the <c>monitoring</c> endpoint
    /// (the catalog's, or <see cref="OpenStack.OpenStackServiceClientOptions.Endpoint"/>) and are logged and traced
    /// (<see cref="MonascaDiagnostics.ActivitySourceName"/>). Options are validated when the host starts.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets this client's endpoint selection, timeout, limits and retries (none by default, as
    /// python-monascaclient); values left null are the cloud's.</param>
    /// <returns>The HttpClient's builder, to chain <c>AddStandardResilienceHandler()</c> or other handlers (they run outside authentication).</returns>
    public static IHttpClientBuilder AddMonasca(this IServiceCollection services, Action<MonascaClientOptions>? configure = null) =>
        services.AddMonasca(Options.Options.DefaultName, configure);
}
