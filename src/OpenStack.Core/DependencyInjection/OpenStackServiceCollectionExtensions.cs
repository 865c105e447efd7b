using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenStack;
using OpenStack.Diagnostics;
using OpenStack.Http;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Registers the HttpClients and service clients of OpenStack services for the clouds registered with <c>AddKeystone</c>:
/// <see cref="AddOpenStackHttpClient"/> for any OpenStack API, <see cref="AddOpenStackServiceClient"/> for a service client
/// with its options (what <c>AddMonasca</c> and <c>AddWatcher</c> are made of).
/// </summary>
public static class OpenStackServiceCollectionExtensions
{
    /// <summary>
    /// Registers the client of one service for the cloud <paramref name="cloudName"/>: its options (named like the
    /// HttpClient, <see cref="HttpClientNameFor"/>, set by <paramref name="configure"/>, validated by
    /// <see cref="OpenStackServiceClientOptions.Validate"/> when the host starts), an HttpClient from
    /// <see cref="AddOpenStackHttpClient"/> whose endpoint selection, timeout and response limit are the options' laid over
    /// the cloud's, with the options' <see cref="OpenStackServiceClientOptions.Retries"/> (Core's <see cref="RetryPolicy"/>)
    /// right outside authentication, and the client as a transient service, keyed by the cloud name and, for the first
    /// cloud registered, also unkeyed. A second registration of the same name changes nothing.
    /// </summary>
    /// <typeparam name="TService">The client's interface, for example <c>IWatcherClient</c>.</typeparam>
    /// <typeparam name="TImplementation">The client's class (also registered; the logger category of its calls).</typeparam>
    /// <typeparam name="TOptions">The client's options.</typeparam>
    /// <param name="services">The service collection.</param>
    /// <param name="baseName">The name of the default cloud's HttpClient and options, for example <c>OpenStack.Watcher</c>;
    /// another cloud's are <see cref="HttpClientNameFor"/> (<c>OpenStack.Watcher.east</c>).</param>
    /// <param name="cloudName">The cloud as given to <c>AddKeystone</c>; empty for the default cloud.</param>
    /// <param name="configure">Sets the options (they start with the service's defaults).</param>
    /// <param name="createClient">Creates the client over the registered HttpClient.</param>
    /// <param name="activitySource">The source of the per-call spans.</param>
    /// <param name="serviceHandlers">The service's own handlers, created per pipeline from the options, placed outside the retries.</param>
    /// <returns>The HttpClient's builder, to chain <c>AddStandardResilienceHandler()</c> or other handlers (they run outside authentication).</returns>
    public static IHttpClientBuilder AddOpenStackServiceClient<TService, TImplementation, TOptions>(
        this IServiceCollection services,
        string baseName,
        string cloudName,
        Action<TOptions>? configure,
        Func<IServiceProvider, HttpClient, TImplementation> createClient,
        ActivitySource? activitySource = null,
        Func<IServiceProvider, TOptions, IEnumerable<DelegatingHandler>>? serviceHandlers = null)
        where TService : class
        where TImplementation : class, TService
        where TOptions : OpenStackServiceClientOptions, new()
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrEmpty(baseName);
        ArgumentNullException.ThrowIfNull(cloudName);
        ArgumentNullException.ThrowIfNull(createClient);
        var httpClientName = HttpClientNameFor(baseName, cloudName);
        if (IsRegistered(services, httpClientName))
        {
            return services.AddHttpClient(httpClientName); // the first registration stands
        }
        var service = new TOptions().Service;
        services.AddOptions<TOptions>(httpClientName).Configure(o => configure?.Invoke(o)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<TOptions>>(new ServiceOptionsValidator<TOptions>(httpClientName,
            $"{typeof(TImplementation).Name} of cloud {KeystoneServiceCollectionExtensions.Describe(cloudName)}"));

        TOptions Options(IServiceProvider sp) => sp.GetRequiredService<IOptionsMonitor<TOptions>>().Get(httpClientName);

        var builder = services.AddOpenStackHttpClientCore(httpClientName, service, cloudName,
            (sp, cloud) => Options(sp).ApplyTo(cloud),
            activitySource, typeof(TImplementation).FullName,
            sp =>
            {
                var options = Options(sp);
                var handlers = new List<DelegatingHandler>(serviceHandlers?.Invoke(sp, options) ?? []);
                if (options.Retries is { MaxRetries: > 0 } retries)
                {
                    handlers.Add(RetryPolicy.CreateHandler(retries));
                }
                return handlers;
            });

        TImplementation Create(IServiceProvider sp) => createClient(sp, sp.GetRequiredService<IHttpClientFactory>().CreateClient(httpClientName));
        services.TryAddKeyedTransient(cloudName, (sp, _) => Create(sp));
        services.TryAddKeyedTransient<TService>(cloudName, (sp, key) => sp.GetRequiredKeyedService<TImplementation>(key));
        services.TryAddTransient(Create);
        services.TryAddTransient<TService>(sp => sp.GetRequiredService<TImplementation>());
        return builder;
    }

    /// <summary>The name of the HttpClient and options of a service client of <paramref name="cloudName"/>: <paramref name="baseName"/>
    /// for the default cloud, <c>&lt;baseName&gt;.&lt;cloudName&gt;</c> for another (<c>OpenStack.Monasca.west</c>).</summary>
    /// <param name="baseName">The default cloud's name, for example <c>MonascaServiceCollectionExtensions.HttpClientName</c>.</param>
    /// <param name="cloudName">The cloud; null or empty for the default cloud.</param>
    public static string HttpClientNameFor(string baseName, string? cloudName) =>
        string.IsNullOrEmpty(cloudName) ? baseName : baseName + "." + cloudName;

    /// <summary>
    /// Registers a named HttpClient for an OpenStack service of a cloud registered with <c>AddKeystone</c>: its base address is
    /// the service root (the endpoint override, or the catalog's endpoint chosen by type, interfaces and region), its requests
    /// carry the cloud's token (only to that endpoint's host) and are resent once with a fresh token after a 401, and each
    /// call is logged and traced (<see cref="OpenStackTelemetryHandler"/>). Handlers the caller adds to the returned builder
    /// (for example <c>AddStandardResilienceHandler()</c>) run outside authentication, so every attempt gets a valid token.
    /// IHttpClientFactory's default request logging is removed for these clients (it would show the catalog placeholder
    /// address); call <c>AddDefaultLogger()</c> on the builder to have it back.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="httpClientName">The HttpClient's name.</param>
    /// <param name="service">The service's catalog type and version segment, for example <c>new("compute", "v2.1")</c>.</param>
    /// <param name="cloudName">The cloud (as given to <c>AddKeystone</c>); null or empty for the default cloud.</param>
    /// <param name="configureEndpoint">Adjusts the endpoint selection (<see cref="OpenStackClientOptions.Endpoint"/>,
    /// <see cref="OpenStackClientOptions.RegionName"/>, <see cref="OpenStackClientOptions.Interfaces"/>,
    /// <see cref="OpenStackClientOptions.ServiceType"/>, <see cref="OpenStackClientOptions.ServiceName"/>,
    /// <see cref="OpenStackClientOptions.Timeout"/>) on a copy of the cloud's options; credentials set here are ignored.</param>
    /// <param name="activitySource">The source of the per-call spans (default: <see cref="OpenStackDiagnostics.ActivitySourceName"/>).</param>
    /// <param name="loggerCategory">The category of the per-call logs (default: the activity source's name).</param>
    /// <param name="serviceHandlers">Handlers placed right outside authentication (for example a microversion header), created per pipeline.</param>
    /// <returns>The HttpClient's builder.</returns>
    public static IHttpClientBuilder AddOpenStackHttpClient(
        this IServiceCollection services,
        string httpClientName,
        OpenStackService service,
        string? cloudName = null,
        Action<OpenStackClientOptions>? configureEndpoint = null,
        ActivitySource? activitySource = null,
        string? loggerCategory = null,
        Func<IServiceProvider, IReadOnlyList<DelegatingHandler>>? serviceHandlers = null) =>
        services.AddOpenStackHttpClientCore(httpClientName, service, cloudName,
            (_, options) =>
            {
                configureEndpoint?.Invoke(options);
                return options;
            },
            activitySource, loggerCategory, serviceHandlers);

    private static IHttpClientBuilder AddOpenStackHttpClientCore(
        this IServiceCollection services,
        string httpClientName,
        OpenStackService service,
        string? cloudName,
        Func<IServiceProvider, OpenStackClientOptions, OpenStackClientOptions> endpointOptions,
        ActivitySource? activitySource,
        string? loggerCategory,
        Func<IServiceProvider, IReadOnlyList<DelegatingHandler>>? serviceHandlers)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrEmpty(httpClientName);
        ArgumentNullException.ThrowIfNull(service);
        var cloud = cloudName ?? Options.Options.DefaultName;
        var source = activitySource ?? OpenStackDiagnostics.Source;
        var category = loggerCategory ?? source.Name;
        services.AddLogging();
        services.TryAddSingleton<IKeystoneSessionProvider, KeystoneSessionProvider>();
        if (IsRegistered(services, httpClientName))
        {
            // Registered before (AddMonasca() called twice, say): the first registration stands, no handler is added twice.
            return services.AddHttpClient(httpClientName);
        }
        services.AddSingleton(new OpenStackHttpClientRegistration(httpClientName));

        OpenStackClientOptions EndpointOptions(IServiceProvider sp)
        {
            var session = sp.GetRequiredService<IKeystoneSessionProvider>().GetSession(cloud);
            var options = endpointOptions(sp, sp.GetRequiredService<IOptionsMonitor<OpenStackClientOptions>>().Get(cloud).Clone());
            options.Session = session;
            options.LoggerFactory ??= sp.GetService<ILoggerFactory>();
            return options;
        }

        return services.AddHttpClient(httpClientName)
            .ConfigureHttpClient((sp, client) =>
            {
                var options = EndpointOptions(sp);
                using var probe = new KeystoneAuthHandler(options.Session!, ForService(service, options), options);
                client.BaseAddress = probe.BaseAddress;
                if (options.Timeout is { } timeout)
                {
                    client.Timeout = timeout;
                }
            })
            .ConfigurePrimaryHttpMessageHandler(HttpMessageHandler (sp) =>
            {
                var options = EndpointOptions(sp);
                HttpMessageHandler handler = new KeystoneAuthHandler(options.Session!, ForService(service, options), options)
                {
                    InnerHandler = OpenStackHttpClient.CreatePrimaryHandler(options),
                };
                if (serviceHandlers?.Invoke(sp) is { } outer)
                {
                    for (var i = outer.Count - 1; i >= 0; i--)
                    {
                        outer[i].InnerHandler = handler;
                        handler = outer[i];
                    }
                }
                return handler;
            })
            // Outermost: a transport failure that the handlers inside (a resilience handler added later, say) did not
            // overcome becomes OpenStackConnectionException.
            .AddHttpMessageHandler(sp => new ConnectionFailureHandler(service.ServiceType, EndpointOptions(sp).Timeout))
            .AddHttpMessageHandler(sp =>
            {
                var options = EndpointOptions(sp);
                var logger = sp.GetRequiredService<ILoggerFactory>().CreateLogger(category);
                return new OpenStackTelemetryHandler(source, options.ServiceType ?? service.ServiceType, options.RegionName, logger);
            })
            // The primary handler sends through the session's pool (connections renewed every 5 minutes), so the pipeline
            // needs no rotation; rotating would only repeat the catalog lookup and any negotiation a service handler does.
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan)
            // IHttpClientFactory's own request logs would show the catalog placeholder URL (the endpoint is chosen inside
            // the pipeline); OpenStackTelemetryHandler logs the real URL instead. AddDefaultLogger() brings them back.
            .RemoveAllLoggers();
    }

    private static OpenStackService ForService(OpenStackService service, OpenStackClientOptions options) =>
        options.ServiceType is { Length: > 0 } type && type != service.ServiceType ? service with { ServiceType = type } : service;

    private static bool IsRegistered(IServiceCollection services, string httpClientName) =>
        services.Any(d => d.ServiceType == typeof(OpenStackHttpClientRegistration) && d.ImplementationInstance is OpenStackHttpClientRegistration r && r.Name == httpClientName);

    /// <summary>Marks an HttpClient name registered by <see cref="AddOpenStackHttpClient"/>.</summary>
    private sealed record OpenStackHttpClientRegistration(string Name);

    /// <summary>Validates a service client's named options with <see cref="OpenStackServiceClientOptions.Validate"/>.</summary>
    private sealed class ServiceOptionsValidator<TOptions>(string name, string what) : IValidateOptions<TOptions>
        where TOptions : OpenStackServiceClientOptions
    {
        public ValidateOptionsResult Validate(string? optionsName, TOptions options)
        {
            if (optionsName != name)
            {
                return ValidateOptionsResult.Skip;
            }
            var errors = options.Validate().Select(e => $"{what}: {e}").ToList();
            return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
        }
    }
}
