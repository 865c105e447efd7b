// The snippets of docs/library.md, compiled twice: by tests/OpenStack.PackageTests against the projects (every build), and by its
// test against the packages `dotnet pack` produces (restored from a local folder). The README's first program is
// Program.cs beside this file, which the test also runs against the local cloud; the README holds both verbatim.
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenStack;
using OpenStack.Monasca;
using OpenStack.Watcher;

namespace Quickstart;

/// <summary>The README's snippets, one method per section.</summary>
public static class Snippets
{
    /// <summary>Authenticate from clouds.yaml (+ secure.yaml) and OS_* variables, as openstacksdk does.</summary>
    public static async Task FromCloudsYamlAsync(CancellationToken cancellationToken = default)
    {
        #region from-clouds-yaml
        // clouds.yaml in ., ~/.config/openstack or /etc/openstack (or $OS_CLIENT_CONFIG_FILE); null uses $OS_CLOUD
        var options = CloudConfigLoader.LoadCloud("openstack-admin");
        using var watcher = WatcherClientFactory.GetClient(options);
        var audits = await watcher.Audits.ListAsync(cancellationToken: cancellationToken);
        Console.WriteLine($"{audits.Audits.Count} audits");
        #endregion
    }

    /// <summary>Authenticate from an IConfiguration section (appsettings.json).</summary>
    public static async Task FromConfigurationAsync(IConfiguration configuration, CancellationToken cancellationToken = default)
    {
        #region from-configuration
        // "OpenStack": { "AuthUrl": "...", "Username": "...", "Password": "...", "ProjectName": "...", ... }
        // or "OpenStack": { "Cloud": "openstack-admin" } to read that cloud from clouds.yaml
        var options = OpenStackConfiguration.FromConfiguration(configuration.GetSection("OpenStack"));
        using var monasca = MonascaClientFactory.Create("2_0", options);
        var metrics = await monasca.Metrics.ListAsync(name: "cpu.idle_perc", cancellationToken: cancellationToken);
        Console.WriteLine($"{metrics.Elements.Count} metrics");
        #endregion
    }

    /// <summary>The Python-style factories, with python-watcherclient's keyword arguments.</summary>
    public static async Task PythonStyleAsync(string token, CancellationToken cancellationToken = default)
    {
        #region python-style
        // watcherclient.client.get_client(1, os_auth_token=token, watcher_url=...)
        using var watcher = WatcherClientFactory.GetClient(1, new Dictionary<string, object?>
        {
            ["os_auth_token"] = token,
            ["watcher_url"] = "http://watcher.example.org:9322/",
        });
        var plans = await watcher.ActionPlans.ListAsync(cancellationToken: cancellationToken);
        Console.WriteLine($"{plans.ActionPlans.Count} action plans");
        #endregion
    }

    /// <summary>Register the clients with dependency injection in a host (ASP.NET Core or worker).</summary>
    public static IHost DependencyInjection(string[] args)
    {
        #region dependency-injection
        var builder = Host.CreateApplicationBuilder(args);
        builder.Services.AddKeystone(builder.Configuration.GetSection("OpenStack")); // one token cache for every service
        builder.Services.AddMonasca();                                               // IMonascaClient, via IHttpClientFactory
        builder.Services.AddWatcher();                                               // IWatcherClient; retries: Core's RetryPolicy
        // Several clouds side by side: name them, and inject [FromKeyedServices("east")] IWatcherClient.
        builder.Services.AddKeystoneFromCloudsYaml("east-cloud", cloudName: "east");
        builder.Services.AddWatcher("east");
        var host = builder.Build();
        #endregion
        return host;
    }

    /// <summary>Use a registered client.</summary>
    public static async Task UseFromDependencyInjectionAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        #region use-from-di
        var watcher = services.GetRequiredService<IWatcherClient>();
        await foreach (var audit in watcher.Audits.ListAllAsync(cancellationToken: cancellationToken))
        {
            Console.WriteLine($"{audit.Uuid} {audit.State}");
        }
        var east = services.GetRequiredKeyedService<IWatcherClient>("east");
        Console.WriteLine(await east.GetApiVersionAsync(cancellationToken));
        #endregion
    }
}
