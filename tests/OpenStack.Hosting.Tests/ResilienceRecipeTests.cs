using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Http.Resilience;
using OpenStack.Testing;
using OpenStack.Watcher;

namespace OpenStack.Hosting.Tests;

/// <summary>
/// docs/library.md's recipe for your own resilience handler: <c>AddWatcher(o =&gt; o.Retries = null)</c> and
/// <c>AddStandardResilienceHandler(o =&gt; o.Retry.DisableForUnsafeHttpMethods())</c> sends a POST once on a 503 (the
/// fault harness saw the recipe without it send an audit's POST 4 times) and still retries a GET.
/// </summary>
public sealed class ResilienceRecipeTests
{
    private static async Task<(IHost Host, FakeServer Server)> StartAsync(bool disableForUnsafeMethods)
    {
        var server = await FakeServer.StartAsync(_ => new FakeResponse(503, "busy", "text/plain"));
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.Sources.Clear();
        builder.Services.AddKeystone(o =>
        {
            o.Token = "pre-issued-token-value";
            o.Endpoint = server.BaseAddress + "v1";
        });
        builder.Services.AddWatcher(o =>
        {
            o.Retries = null; // one layer retries: yours
            o.ApiVersion = new(1, 4);
        })
        .AddStandardResilienceHandler(o =>
        {
            o.Retry.Delay = TimeSpan.FromMilliseconds(1);
            o.Retry.BackoffType = Polly.DelayBackoffType.Constant;
            if (disableForUnsafeMethods)
            {
                o.Retry.DisableForUnsafeHttpMethods();
            }
        });
        var host = builder.Build();
        await host.StartAsync();
        return (host, server);
    }

    [Fact]
    public async Task With_the_recipe_a_post_is_sent_once_on_a_503_and_a_get_is_retried()
    {
        var (host, server) = await StartAsync(disableForUnsafeMethods: true);
        await using var _ = server;
        using var __ = host;
        var watcher = host.Services.GetRequiredService<IWatcherClient>();

        var post = await Assert.ThrowsAnyAsync<WatcherApiException>(() => watcher.Audits.CreateAsync(new AuditCreate { AuditType = AuditType.Oneshot, Goal = "dummy" }));
        var posts = server.Requests.Count(r => r.Method == "POST");
        await Assert.ThrowsAnyAsync<WatcherApiException>(() => watcher.Goals.ListAsync());

        Assert.Equal(503, post.StatusCode);
        Assert.Equal(1, posts);
        Assert.True(server.Requests.Count(r => r.Method == "GET") > 1, "the standard handler still retries a GET");
    }

    [Fact]
    public async Task Without_it_the_standard_handler_repeats_the_post()
    {
        var (host, server) = await StartAsync(disableForUnsafeMethods: false);
        await using var _ = server;
        using var __ = host;
        var watcher = host.Services.GetRequiredService<IWatcherClient>();

        await Assert.ThrowsAnyAsync<WatcherApiException>(() => watcher.Audits.CreateAsync(new AuditCreate { AuditType = AuditType.Oneshot, Goal = "dummy" }));

        Assert.True(server.Requests.Count(r => r.Method == "POST") > 1); // why the README shows DisableForUnsafeHttpMethods()
    }
}
