using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OpenStack.Watcher;
using OpenStack.Http;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the Watcher client with <see cref="IServiceCollection"/> and IHttpClientFactory.</summary>
public static class WatcherServiceCollectionExtensions
{
    /// <summary>The name of the HttpClient of the default cloud's Watcher client; other clouds use <c>OpenStack.Watcher.&lt;cloud&gt;</c>.</summary>
    public const string HttpClientName = "OpenStack.Watcher";

    /// <summary>
    /// Registers <see cref="IWatcherClient"/> (and <see cref="WatcherClient"/>) for the default cloud registered with
    /// <c>AddKeystone</c>: a transient client over an HttpClient from IHttpClientFactory whose requests carry the cloud's
    /// token (shared with the cloud's other clients), go to the <c>infra-optim</c> endpoint of the catalog (or
    /// <see cref="WatcherClientOptions.Connection"/>'s endpoint override), carry the microversion header and are logged and
    /// traced (<see cref="WatcherDiagnostics.ActivitySourceName"/>).
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the microversion, python-watcherclient's retries (<see cref="WatcherClientOptions.MaxRetries"/>:
    /// set it to 0 when you add <c>AddStandardResilienceHandler()</c>, so that one layer retries) and, on
    /// <see cref="WatcherClientOptions.Connection"/> (a copy of the cloud's options), the endpoint selection.</param>
    /// <returns>The HttpClient's builder, to chain <c>AddStandardResilienceHandler()</c> or other handlers (they run outside authentication).</returns>
    public static IHttpClientBuilder AddWatcher(this IServiceCollection services, Action<WatcherClientOptions>? configure = null) =>
        services.AddWatcher(Options.Options.DefaultName, configure);

    /// <summary>
    /// Registers the Watcher client of the cloud <paramref name="cloudName"/>: as a keyed service (key: the cloud name, for
    /// example <c>[FromKeyedServices("east")] IWatcherClient</c>) and, for the first cloud registered, also unkeyed.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="cloudName">The cloud as given to <c>AddKeystone</c>; empty for the default cloud.</param>
    /// <param name="configure">Sets the microversion, retries and endpoint selection (see <see cref="AddWatcher(IServiceCollection, Action{WatcherClientOptions}?)"/>).</param>
    /// <returns>The HttpClient's builder.</returns>
    public static IHttpClientBuilder AddWatcher(this IServiceCollection services, string cloudName, Action<WatcherClientOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(cloudName);
        var httpClientName = HttpClientNameFor(cloudName);
        var optionsName = httpClientName;
        var validated = services.AddOptions<WatcherClientOptions>(optionsName).Configure(o =>
        {
            o.Connection = new OpenStack.OpenStackClientOptions();
            configure?.Invoke(o);
        });
        validated.Validate(o => o.MaxRetries >= 0, $"Watcher client of cloud {(cloudName.Length == 0 ? "(default)" : $"'{cloudName}'")}: MaxRetries must not be negative.")
            .Validate(o => o.RetryInterval >= TimeSpan.Zero, $"Watcher client of cloud {(cloudName.Length == 0 ? "(default)" : $"'{cloudName}'")}: RetryInterval must not be negative.")
            .Validate(o => o.ApiVersion is null or { Major: 1 }, $"Watcher client of cloud {(cloudName.Length == 0 ? "(default)" : $"'{cloudName}'")}: ApiVersion must be 1, 1.latest or 1.N.")
            .ValidateOnStart();
        services.TryAddKeyedSingleton<MicroversionHandlers>(httpClientName);

        var builder = services.AddOpenStackHttpClient(
            httpClientName,
            WatcherClientFactory.Service,
            cloudName,
            connection =>
            {
                // The endpoint selection a caller set on WatcherClientOptions.Connection wins over the cloud's.
                var probe = new WatcherClientOptions { Connection = connection };
                configure?.Invoke(probe);
                var chosen = probe.Connection;
                if (!ReferenceEquals(chosen, connection))
                {
                    connection.Endpoint = chosen.Endpoint ?? connection.Endpoint;
                    connection.RegionName = chosen.RegionName ?? connection.RegionName;
                    connection.ServiceName = chosen.ServiceName ?? connection.ServiceName;
                    connection.ServiceType = chosen.ServiceType ?? connection.ServiceType;
                    connection.Timeout = chosen.Timeout ?? connection.Timeout;
                    if (chosen.MaxResponseBytes != OpenStack.OpenStackClientOptions.DefaultMaxResponseBytes)
                    {
                        connection.MaxResponseBytes = chosen.MaxResponseBytes;
                    }
                    connection.Interfaces = new List<string>(chosen.Interfaces);
                }
            },
            WatcherDiagnostics.Source,
            typeof(WatcherClient).FullName,
            sp =>
            {
                var o = sp.GetRequiredService<IOptionsMonitor<WatcherClientOptions>>().Get(optionsName);
                var microversions = new WatcherMicroversionHandler(o.ApiVersion);
                sp.GetRequiredKeyedService<MicroversionHandlers>(httpClientName).Current = microversions;
                var handlers = new List<DelegatingHandler> { microversions };
                if (o.MaxRetries > 0)
                {
                    handlers.Add(OpenStack.Http.RetryPolicy.CreateHandler(o.Retries));
                }
                return handlers;
            });

        services.TryAddKeyedTransient(cloudName, (sp, _) => Create(sp, httpClientName));
        services.TryAddKeyedTransient<IWatcherClient>(cloudName, (sp, key) => sp.GetRequiredKeyedService<WatcherClient>(key));
        services.TryAddTransient(sp => Create(sp, httpClientName));
        services.TryAddTransient<IWatcherClient>(sp => sp.GetRequiredService<WatcherClient>());
        return builder;
    }

    /// <summary>The HttpClient name of the Watcher client of <paramref name="cloudName"/>.</summary>
    public static string HttpClientNameFor(string? cloudName) =>
        string.IsNullOrEmpty(cloudName) ? HttpClientName : HttpClientName + "." + cloudName;

    private static WatcherClient Create(IServiceProvider sp, string httpClientName)
    {
        // Creating the HttpClient builds (once) the pipeline, whose microversion handler the client reports ApiVersion from.
        var http = sp.GetRequiredService<IHttpClientFactory>().CreateClient(httpClientName);
        return new WatcherClient(http, sp.GetRequiredKeyedService<MicroversionHandlers>(httpClientName).Current);
    }

    /// <summary>The microversion handler of the current pipeline of one HttpClient name.</summary>
    private sealed class MicroversionHandlers
    {
        public WatcherMicroversionHandler? Current { get; set; }
    }
}
