using System.Diagnostics;
using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenStack;
using OpenStack.Diagnostics;
using OpenStack.Http;
using MsOptions = Microsoft.Extensions.Options.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Registers Keystone authentication for one or more clouds: the options (bound from configuration, code or clouds.yaml and
/// validated when the host starts), one <see cref="KeystoneSession"/> per cloud (one token cache shared by every service
/// client of that cloud) and Keystone's own back-channel HttpClient. Every registration uses <c>TryAdd</c>, so each service
/// can be replaced.
/// </summary>
public static class KeystoneServiceCollectionExtensions
{
    /// <summary>The name of the back-channel HttpClient of the default cloud; other clouds use <c>OpenStack.Keystone.&lt;cloud&gt;</c>.</summary>
    public const string BackChannelClientName = "OpenStack.Keystone";

    /// <summary>The back-channel HttpClient name of <paramref name="cloudName"/>.</summary>
    public static string BackChannelClientNameFor(string? cloudName) =>
        string.IsNullOrEmpty(cloudName) ? BackChannelClientName : BackChannelClientName + "." + cloudName;

    /// <summary>
    /// Registers the default cloud from a configuration section such as <c>"OpenStack": { "AuthUrl": ..., "Username": ... }</c>
    /// (property names or Python-style names, an <c>auth</c> block, or <c>"Cloud": "name"</c> to load that cloud from clouds.yaml).
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">The section.</param>
    /// <returns>The builder of Keystone's back-channel HttpClient (to add handlers to token requests).</returns>
    public static IHttpClientBuilder AddKeystone(this IServiceCollection services, IConfiguration configuration) =>
        services.AddKeystone(MsOptions.DefaultName, configuration);

    /// <summary>Registers the cloud <paramref name="cloudName"/> from a configuration section (see <see cref="AddKeystone(IServiceCollection, IConfiguration)"/>).</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="cloudName">The name service clients refer to (also the key of keyed services); empty for the default cloud.</param>
    /// <param name="configuration">The section.</param>
    /// <returns>The builder of Keystone's back-channel HttpClient.</returns>
    public static IHttpClientBuilder AddKeystone(this IServiceCollection services, string cloudName, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return services.AddKeystoneCore(cloudName, options =>
        {
            OpenStackClientOptions read;
            try
            {
                read = OpenStackConfiguration.FromConfiguration(configuration);
            }
            catch (Exception e) when (e is ArgumentException or FormatException)
            {
                throw new OptionsValidationException(cloudName, typeof(OpenStackClientOptions),
                    [$"OpenStack cloud {Describe(cloudName)}: configuration section '{PathOf(configuration)}': {e.Message}"]);
            }
            CopyTo(read, options);
        });
    }

    /// <summary>Registers the default cloud from code.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the credentials, scope, region, interfaces and TLS settings.</param>
    /// <returns>The builder of Keystone's back-channel HttpClient.</returns>
    public static IHttpClientBuilder AddKeystone(this IServiceCollection services, Action<OpenStackClientOptions> configure) =>
        services.AddKeystone(MsOptions.DefaultName, configure);

    /// <summary>Registers the cloud <paramref name="cloudName"/> from code.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="cloudName">The name service clients refer to; empty for the default cloud.</param>
    /// <param name="configure">Sets the credentials, scope, region, interfaces and TLS settings.</param>
    /// <returns>The builder of Keystone's back-channel HttpClient.</returns>
    public static IHttpClientBuilder AddKeystone(this IServiceCollection services, string cloudName, Action<OpenStackClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        return services.AddKeystoneCore(cloudName, configure);
    }

    /// <summary>
    /// Registers a cloud from clouds.yaml (+ secure.yaml) and <c>OS_*</c> variables, as openstacksdk finds them
    /// (<see cref="CloudConfigLoader"/>): <paramref name="cloud"/>, else <c>$OS_CLOUD</c>, else <c>envvars</c>, else the only cloud.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="cloud">The cloud in clouds.yaml; null follows openstacksdk's choice.</param>
    /// <param name="cloudName">The name service clients refer to; null or empty for the default cloud.</param>
    /// <param name="loader">Where to look (default: the process environment and directories).</param>
    /// <returns>The builder of Keystone's back-channel HttpClient.</returns>
    public static IHttpClientBuilder AddKeystoneFromCloudsYaml(this IServiceCollection services, string? cloud = null, string? cloudName = null, CloudConfigLoader? loader = null)
    {
        var name = cloudName ?? MsOptions.DefaultName;
        return services.AddKeystoneCore(name, options =>
        {
            OpenStackClientOptions read;
            try
            {
                read = (loader ?? new CloudConfigLoader()).Load(cloud);
            }
            catch (Exception e) when (e is ArgumentException or FormatException)
            {
                throw new OptionsValidationException(name, typeof(OpenStackClientOptions),
                    [$"OpenStack cloud {Describe(name)}: clouds.yaml: {e.Message}"]);
            }
            CopyTo(read, options);
        });
    }

    private static IHttpClientBuilder AddKeystoneCore(this IServiceCollection services, string? cloudName, Action<OpenStackClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        var name = cloudName ?? MsOptions.DefaultName;
        services.AddHttpClient();
        services.AddLogging();
        services.AddOptions();
        services.TryAddSingleton<IKeystoneSessionProvider, KeystoneSessionProvider>();
        if (!services.Any(d => d.ServiceType == typeof(KeystoneCloud) && d.ImplementationInstance is KeystoneCloud c && c.Name == name))
        {
            services.AddSingleton(new KeystoneCloud(name));
            services.AddSingleton<IValidateOptions<OpenStackClientOptions>>(new KeystoneOptionsValidator(name));
            services.TryAddKeyedSingleton(name, static (sp, key) => sp.GetRequiredService<IKeystoneSessionProvider>().GetSession((string)key!));
            if (name == MsOptions.DefaultName)
            {
                services.TryAddSingleton(static sp => sp.GetRequiredService<IKeystoneSessionProvider>().GetSession(MsOptions.DefaultName));
            }
        }
        services.AddOptions<OpenStackClientOptions>(name).Configure(configure).ValidateOnStart();

        // Keystone is called through its own client (never through the auth handler), with the cloud's TLS settings.
        // The token provider keeps this client for the session's lifetime; its pooled connections are renewed every 5 minutes.
        return services.AddHttpClient(BackChannelClientNameFor(name))
            .ConfigurePrimaryHttpMessageHandler(BackChannelHandler(name))
            .ConfigureHttpClient(client =>
            {
                client.Timeout = Timeout.InfiniteTimeSpan; // the token provider applies the configured timeout itself
                client.DefaultRequestHeaders.UserAgent.ParseAdd("openstack-dotnet/1.0");
            })
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan);
    }

    private static Func<IServiceProvider, HttpMessageHandler> BackChannelHandler(string name) =>
        sp => OpenStackTransport.Create(sp.GetRequiredService<IOptionsMonitor<OpenStackClientOptions>>().Get(name));

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
        Func<IServiceProvider, IReadOnlyList<DelegatingHandler>>? serviceHandlers = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrEmpty(httpClientName);
        ArgumentNullException.ThrowIfNull(service);
        var cloud = cloudName ?? MsOptions.DefaultName;
        var source = activitySource ?? OpenStackDiagnostics.Source;
        var category = loggerCategory ?? source.Name;
        services.AddLogging();
        services.TryAddSingleton<IKeystoneSessionProvider, KeystoneSessionProvider>();
        if (services.Any(d => d.ServiceType == typeof(OpenStackHttpClientRegistration) && d.ImplementationInstance is OpenStackHttpClientRegistration r && r.Name == httpClientName))
        {
            // Registered before (AddMonasca() called twice, say): the first registration stands, no handler is added twice.
            return services.AddHttpClient(httpClientName);
        }
        services.AddSingleton(new OpenStackHttpClientRegistration(httpClientName));

        OpenStackClientOptions EndpointOptions(IServiceProvider sp)
        {
            var session = sp.GetRequiredService<IKeystoneSessionProvider>().GetSession(cloud);
            var options = sp.GetRequiredService<IOptionsMonitor<OpenStackClientOptions>>().Get(cloud).Clone();
            configureEndpoint?.Invoke(options);
            options.Session = session;
            options.LoggerFactory ??= sp.GetService<ILoggerFactory>();
            return options;
        }

        return services.AddHttpClient(httpClientName)
            .ConfigureHttpClient((sp, client) =>
            {
                var options = EndpointOptions(sp);
                using var probe = new KeystoneAuthHandler(options.Session!, Describe(service, options), options);
                client.BaseAddress = probe.BaseAddress;
                if (options.Timeout is { } timeout)
                {
                    client.Timeout = timeout;
                }
            })
            .ConfigurePrimaryHttpMessageHandler(HttpMessageHandler (sp) =>
            {
                var options = EndpointOptions(sp);
                HttpMessageHandler handler = new KeystoneAuthHandler(options.Session!, Describe(service, options), options)
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

    private static OpenStackService Describe(OpenStackService service, OpenStackClientOptions options) =>
        options.ServiceType is { Length: > 0 } type && type != service.ServiceType ? service with { ServiceType = type } : service;

    private static string Describe(string name) => string.IsNullOrEmpty(name) ? "(default)" : $"'{name}'";

    private static string PathOf(IConfiguration configuration) => configuration is IConfigurationSection s ? s.Path : "(root)";

    private static readonly PropertyInfo[] Settable = typeof(OpenStackClientOptions)
        .GetProperties(BindingFlags.Public | BindingFlags.Instance)
        .Where(p => p.CanRead && p.CanWrite && p.GetIndexParameters().Length == 0)
        .ToArray();

    /// <summary>Copies every setting of <paramref name="from"/> onto <paramref name="to"/> (the interface list is copied).</summary>
    internal static void CopyTo(OpenStackClientOptions from, OpenStackClientOptions to)
    {
        foreach (var p in Settable)
        {
            p.SetValue(to, p.GetValue(from));
        }
        to.Interfaces = new List<string>(from.Interfaces);
    }

    /// <summary>Marks a registered cloud.</summary>
    internal sealed record KeystoneCloud(string Name);

    /// <summary>Marks an HttpClient name registered by <see cref="AddOpenStackHttpClient"/>.</summary>
    internal sealed record OpenStackHttpClientRegistration(string Name);
}
