using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OpenStack;
using OpenStack.Caching;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the token cache a fleet of processes shares (the <c>OpenStack.Caching</c> package).</summary>
public static class KeystoneDistributedTokenCacheExtensions
{
    /// <summary>
    /// Keeps the tokens of every cloud registered with <c>AddKeystone</c> in a cache shared by all the processes of a fleet:
    /// <c>HybridCache</c> over the registered <c>IDistributedCache</c> (Redis through <c>AddStackExchangeRedisCache</c>,
    /// or any other), so that a fleet asks Keystone once per identity and scope instead of once per process. The key is a
    /// SHA-256 of the auth URL, identity and scope (no secret); the value is encrypted and authenticated with the Data
    /// Protection key ring the application configures (<c>AddDataProtection()</c>, shared by the fleet), so a dump of the
    /// cache holds no usable token and an altered entry is ignored. An entry expires when its token is due for refresh.
    /// One process asks Keystone while the others wait for its token: on Redis under an atomic lock with a lease
    /// (DistributedLock.Redis, on a connection configured as the cache's), on any other cache under a best-effort lock
    /// (a claim read back after <see cref="DistributedTokenCacheOptions.LockSettleTime"/>; two stalls that meet can let two
    /// processes ask). A token a service refuses (401) is removed for every process. When the cache fails or is slow,
    /// each process falls back to its own cache with a warning; no call fails because of the cache. Processes that share
    /// the cache and the key ring share tokens: they form one trust domain.
    /// </summary>
    /// <param name="services">The service collection (with an <c>IDistributedCache</c> and Data Protection registered).</param>
    /// <param name="configure">Adjusts the key prefix, the lock and the timeouts.</param>
    /// <returns>The service collection.</returns>
    public static IServiceCollection AddKeystoneDistributedTokenCache(this IServiceCollection services, Action<DistributedTokenCacheOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddHybridCache();
        var options = services.AddOptions<DistributedTokenCacheOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }
        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DistributedTokenCacheOptions>, TokenCacheValidator>());
        services.TryAddSingleton<DistributedTokenStoreFactory>();
        services.TryAddSingleton<IKeystoneTokenStore>(static sp => sp.GetRequiredService<DistributedTokenStoreFactory>().Create());
        return services;
    }
}
