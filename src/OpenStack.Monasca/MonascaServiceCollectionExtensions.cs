using Microsoft.Extensions.DependencyInjection.Extensions;
using OpenStack;
using OpenStack.Monasca;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the Monasca client with <see cref="IServiceCollection"/> and IHttpClientFactory.</summary>
public static class MonascaServiceCollectionExtensions
{
    /// <summary>The name of the HttpClient of the default cloud's Monasca client; other clouds use <c>OpenStack.Monasca.&lt;cloud&gt;</c>.</summary>
    public const string HttpClientName = "OpenStack.Monasca";

    /// <summary>
    /// Registers <see cref="IMonascaClient"/> (and <see cref="MonascaClient"/>) for the default cloud registered with
    /// <c>AddKeystone</c>: a transient client over an HttpClient from IHttpClientFactory whose requests carry the cloud's
    /// token (shared with the cloud's other clients), go to the <c>monitoring</c> endpoint of the catalog (or the endpoint
    /// override), and are logged and traced (<see cref="MonascaDiagnostics.ActivitySourceName"/>).
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configureEndpoint">Adjusts the endpoint selection on a copy of the cloud's options (for example
    /// <c>o => o.Endpoint = "http://monasca:8070/"</c>, <c>o.RegionName</c>, <c>o.Interfaces</c>).</param>
    /// <returns>The HttpClient's builder, to chain <c>AddStandardResilienceHandler()</c> or other handlers (they run outside authentication).</returns>
    public static IHttpClientBuilder AddMonasca(this IServiceCollection services, Action<OpenStackClientOptions>? configureEndpoint = null) =>
        services.AddMonasca(Options.Options.DefaultName, configureEndpoint);

    /// <summary>
    /// Registers the Monasca client of the cloud <paramref name="cloudName"/>: as a keyed service (key: the cloud name, for
    /// example <c>[FromKeyedServices("east")] IMonascaClient</c>) and, for the first cloud registered, also unkeyed.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="cloudName">The cloud as given to <c>AddKeystone</c>; empty for the default cloud.</param>
    /// <param name="configureEndpoint">Adjusts the endpoint selection on a copy of the cloud's options.</param>
    /// <returns>The HttpClient's builder.</returns>
    public static IHttpClientBuilder AddMonasca(this IServiceCollection services, string cloudName, Action<OpenStackClientOptions>? configureEndpoint = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(cloudName);
        var httpClientName = HttpClientNameFor(cloudName);
        var builder = services.AddOpenStackHttpClient(httpClientName, MonascaClient.Service, cloudName, configureEndpoint,
            MonascaDiagnostics.Source, typeof(MonascaClient).FullName);
        services.TryAddKeyedTransient(cloudName, (sp, _) => new MonascaClient(sp.GetRequiredService<IHttpClientFactory>().CreateClient(httpClientName)));
        services.TryAddKeyedTransient<IMonascaClient>(cloudName, (sp, key) => sp.GetRequiredKeyedService<MonascaClient>(key));
        services.TryAddTransient(sp => new MonascaClient(sp.GetRequiredService<IHttpClientFactory>().CreateClient(httpClientName)));
        services.TryAddTransient<IMonascaClient>(sp => sp.GetRequiredService<MonascaClient>());
        return builder;
    }

    /// <summary>The HttpClient name of the Monasca client of <paramref name="cloudName"/>.</summary>
    public static string HttpClientNameFor(string? cloudName) =>
        string.IsNullOrEmpty(cloudName) ? HttpClientName : HttpClientName + "." + cloudName;
}
