using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace OpenStack.Caching;

/// <summary>The shared token store of <c>AddKeystoneDistributedTokenCache</c>, given to every session the container creates.</summary>
internal sealed class DistributedTokenStoreFactory(IServiceProvider services, IOptions<DistributedTokenCacheOptions> options)
{
    private readonly Lazy<DistributedTokenStore> _store = new(() => new DistributedTokenStore(
        services.GetRequiredService<HybridCache>(),
        services.GetService<IDistributedCache>() ?? throw new InvalidOperationException(TokenCacheValidator.NoCache),
        services.GetService<IDataProtectionProvider>() ?? throw new InvalidOperationException(TokenCacheValidator.NoKeyRing),
        options.Value,
        services.GetService<ILoggerFactory>()?.CreateLogger("OpenStack.Keystone.TokenCache")));

    public ITokenStore Store => _store.Value;
}

/// <summary>Says at start, not at the first call, what the shared token cache is missing.</summary>
internal sealed class TokenCacheValidator(IServiceProvider services) : IValidateOptions<DistributedTokenCacheOptions>
{
    internal const string NoCache = "AddKeystoneDistributedTokenCache needs an IDistributedCache to share tokens through: register one first " +
        "(for example services.AddStackExchangeRedisCache(o => o.Configuration = \"redis:6379\")).";

    internal const string NoKeyRing = "AddKeystoneDistributedTokenCache protects the cached tokens with ASP.NET Core Data Protection: call " +
        "services.AddDataProtection() with a key ring every process of the fleet shares (for example .PersistKeysToStackExchangeRedis(...) " +
        "or .PersistKeysToFileSystem(...), and .SetApplicationName(...)).";

    public ValidateOptionsResult Validate(string? name, DistributedTokenCacheOptions options)
    {
        var problems = new List<string>();
        if (services.GetService<IDistributedCache>() is null)
        {
            problems.Add(NoCache);
        }
        if (services.GetService<IDataProtectionProvider>() is null)
        {
            problems.Add(NoKeyRing);
        }
        if (string.IsNullOrEmpty(options.KeyPrefix))
        {
            problems.Add("DistributedTokenCacheOptions.KeyPrefix must not be empty.");
        }
        foreach (var (what, value) in new[] { ("LockTimeout", options.LockTimeout), ("PollInterval", options.PollInterval), ("OperationTimeout", options.OperationTimeout) })
        {
            if (value <= TimeSpan.Zero)
            {
                problems.Add($"DistributedTokenCacheOptions.{what} must be positive (it is {value}).");
            }
        }
        if (options.LockSettleTime < TimeSpan.Zero)
        {
            problems.Add($"DistributedTokenCacheOptions.LockSettleTime must not be negative (it is {options.LockSettleTime}).");
        }
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
