using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenStack;
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

    internal static string Describe(string name) => string.IsNullOrEmpty(name) ? "(default)" : $"'{name}'";

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

}
