using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Caching.StackExchangeRedis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace OpenStack.Caching;

/// <summary>
/// The shared token store of <c>AddKeystoneDistributedTokenCache</c>, given to every session the container creates, with
/// its lock: Redis's when the registered <see cref="IDistributedCache"/> is <c>AddStackExchangeRedisCache</c>'s (on a
/// connection of its own, made from the same <see cref="RedisCacheOptions"/>), the best-effort one otherwise.
/// </summary>
internal sealed partial class DistributedTokenStoreFactory(IServiceProvider services, IOptions<DistributedTokenCacheOptions> options) : IAsyncDisposable, IDisposable
{
    private const string Category = "OpenStack.Keystone.TokenCache";
    private IConnectionMultiplexer? _connection;

    public DistributedTokenStore Create()
    {
        var distributed = services.GetService<IDistributedCache>() ?? throw new InvalidOperationException(TokenCacheValidator.NoCache);
        var logger = services.GetService<ILoggerFactory>()?.CreateLogger(Category) ?? NullLogger.Instance;
        ITokenLock tokenLock = distributed is RedisCache && services.GetService<IOptions<RedisCacheOptions>>()?.Value is { } redis
            ? new RedisTokenLock(() => ConnectAsync(redis), options.Value, logger).Connect()
            : new CacheTokenLock(distributed, options.Value, logger);
        LogLock(logger, tokenLock.Name);
        return new DistributedTokenStore(
            services.GetRequiredService<HybridCache>(),
            distributed,
            services.GetService<IDataProtectionProvider>() ?? throw new InvalidOperationException(TokenCacheValidator.NoKeyRing),
            tokenLock,
            options.Value,
            logger);
    }

    /// <summary>A connection of the lock's own, configured as the cache's (its factory, its options or its configuration string).</summary>
    private async Task<IConnectionMultiplexer> ConnectAsync(RedisCacheOptions redis)
    {
        if (redis.ConnectionMultiplexerFactory is { } factory)
        {
            return await factory().ConfigureAwait(false); // the application's connection: the application disposes it
        }
        var configuration = redis.ConfigurationOptions?.Clone() ?? ConfigurationOptions.Parse(redis.Configuration ?? "");
        configuration.AbortOnConnectFail = false; // a Redis down at start is an outage like any other: fall back, reconnect later
        var connection = await ConnectionMultiplexer.ConnectAsync(configuration).ConfigureAwait(false);
        _connection = connection;
        return connection;
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _connection, null) is { } connection)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Also for a container disposed synchronously (a singleton that is only IAsyncDisposable would make that throw).</summary>
    public void Dispose() => Interlocked.Exchange(ref _connection, null)?.Dispose();

    [LoggerMessage(EventId = 25, Level = LogLevel.Debug, Message = "The shared token cache's lock: {Lock}")]
    private static partial void LogLock(ILogger logger, string @lock);
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
        foreach (var (what, value) in new[] { ("LockTimeout", options.LockTimeout), ("LockLease", options.LockLease), ("PollInterval", options.PollInterval), ("OperationTimeout", options.OperationTimeout) })
        {
            if (value <= TimeSpan.Zero)
            {
                problems.Add($"DistributedTokenCacheOptions.{what} must be positive (it is {value}).");
            }
        }
        if (options.LockLease > TimeSpan.Zero && options.LockLease < TimeSpan.FromMilliseconds(100))
        {
            problems.Add($"DistributedTokenCacheOptions.LockLease must be at least 100 ms (it is {options.LockLease}).");
        }
        if (options.LockSettleTime < TimeSpan.Zero)
        {
            problems.Add($"DistributedTokenCacheOptions.LockSettleTime must not be negative (it is {options.LockSettleTime}).");
        }
        if (options.OutageBackoff < TimeSpan.Zero)
        {
            problems.Add($"DistributedTokenCacheOptions.OutageBackoff must not be negative (it is {options.OutageBackoff}).");
        }
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
