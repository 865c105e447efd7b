using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using StackExchange.Redis;

namespace OpenStack.Caching.Tests;

/// <summary>docs/library.md's "One token for a fleet" setup, as written there (paths and addresses replaced), in two hosts.</summary>
[Collection(RedisCollection.Name)]
public sealed class ReadmeSetupTests(RedisFixture fixture) : IAsyncLifetime
{
    private readonly string _keyRing = Directory.CreateTempSubdirectory("openstack-keyring-").FullName;
    private FakeCloud _cloud = null!;

    public async Task InitializeAsync()
    {
        _cloud = await FakeCloud.StartAsync();
        await using var redis = await ConnectionMultiplexer.ConnectAsync(fixture.Redis.Configuration + ",allowAdmin=true");
        await redis.GetServer(redis.GetEndPoints()[0]).FlushAllDatabasesAsync();
    }

    public async Task DisposeAsync()
    {
        await _cloud.DisposeAsync();
        Directory.Delete(_keyRing, recursive: true);
    }

    private IHost Build()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["OpenStack:AuthUrl"] = new Uri(_cloud.Server.BaseAddress, "v3").ToString(),
            ["OpenStack:Username"] = "fleet",
            ["OpenStack:Password"] = FakeCloud.Password,
            ["OpenStack:UserDomainName"] = "Default",
            ["OpenStack:ProjectName"] = "fleet",
            ["OpenStack:ProjectDomainName"] = "Default",
        });
        builder.Services.AddDataProtection()
            .PersistKeysToFileSystem(new DirectoryInfo(_keyRing))
            .SetApplicationName("myapp");
        builder.Services.AddStackExchangeRedisCache(o => o.Configuration = fixture.Redis.Configuration);
        builder.Services.AddKeystone(builder.Configuration.GetSection("OpenStack"));
        builder.Services.AddKeystoneDistributedTokenCache();
        return builder.Build();
    }

    [Fact]
    public async Task The_README_setup_starts_and_two_hosts_share_one_token()
    {
        using var first = Build();
        using var second = Build();
        await first.StartAsync();
        await second.StartAsync();
        var a = await first.Services.GetRequiredService<KeystoneSession>().GetTokenAsync();
        var b = await second.Services.GetRequiredService<KeystoneSession>().GetTokenAsync();
        Assert.Equal(a.Value, b.Value);
        Assert.Equal(1, _cloud.TokenRequests);
        await first.StopAsync();
        await second.StopAsync();
    }
}
