using System.Security.Cryptography;
using Medallion.Threading.Redis;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace OpenStack.Caching;

/// <summary>The fleet-wide lock of one token refresh: at most one process asks Keystone for an identity and scope.</summary>
internal interface ITokenLock
{
    /// <summary>The lock's name in logs.</summary>
    string Name { get; }

    /// <summary>Takes the lock without waiting: a handle to dispose once the token is written, or null when another process holds it.</summary>
    /// <exception cref="CacheUnavailableException">The store did not answer (in time).</exception>
    Task<IAsyncDisposable?> TryAcquireAsync(string lockKey);
}

/// <summary>The cache or its lock failed or did not answer in time: the caller falls back to Keystone with a warning.</summary>
internal sealed class CacheUnavailableException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// The lock on Redis: DistributedLock.Redis's <see cref="RedisDistributedLock"/>, an atomic <c>SET key value NX PX lease</c>
/// renewed every third of <see cref="DistributedTokenCacheOptions.LockLease"/> while the holder runs and released with a
/// compare-and-delete script, so that a holder that dies or stalls past the lease loses it to exactly one successor.
/// </summary>
internal sealed partial class RedisTokenLock(Func<Task<IConnectionMultiplexer>> connect, DistributedTokenCacheOptions options, ILogger logger) : ITokenLock
{
    private readonly Lazy<Task<IConnectionMultiplexer>> _connection = new(connect);

    public string Name => "Redis (DistributedLock.Redis)";

    /// <summary>Starts connecting now (the container is being built), so that the first refresh does not pay for it.</summary>
    public RedisTokenLock Connect()
    {
        _ = _connection.Value;
        return this;
    }

    public async Task<IAsyncDisposable?> TryAcquireAsync(string lockKey)
    {
        using var timeout = new CancellationTokenSource(options.OperationTimeout, options.TimeProvider);
        try
        {
            var redis = await _connection.Value.WaitAsync(timeout.Token).ConfigureAwait(false);
            var redisLock = new RedisDistributedLock(lockKey, redis.GetDatabase(), o => o
                .Expiry(options.LockLease)
                .MinValidityTime(options.LockLease * 0.9)
                .ExtensionCadence(options.LockLease / 3));
            var handle = await redisLock.TryAcquireAsync(TimeSpan.Zero, timeout.Token).ConfigureAwait(false);
            return handle is null ? null : new Handle(handle, logger);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new CacheUnavailableException(timeout.IsCancellationRequested
                ? $"taking the Redis lock: no answer within {options.OperationTimeout.TotalSeconds:0.###} s"
                : $"taking the Redis lock failed: {e.GetType().Name}: {e.Message}", e);
        }
    }

    private sealed class Handle(RedisDistributedLockHandle handle, ILogger logger) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                await handle.DisposeAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                LogReleaseFailed(logger, e);
            }
        }
    }

    [LoggerMessage(EventId = 24, Level = LogLevel.Debug, Message = "Releasing the Redis lock failed; its lease runs out by itself")]
    private static partial void LogReleaseFailed(ILogger logger, Exception error);
}

/// <summary>
/// The best-effort lock over any <see cref="IDistributedCache"/>, which has no atomic set-if-absent: when neither a
/// claim nor an owner is there, write a claim, wait <see cref="DistributedTokenCacheOptions.LockSettleTime"/> and read it
/// back (the last writer holds it); then, unless an owner appeared meanwhile, write itself as the owner. Two processes
/// both ask Keystone only when one stalls longer than the settle time between reading and writing its claim and the other
/// stalls as long between reading its claim back and writing itself as the owner. The entries live
/// <see cref="DistributedTokenCacheOptions.LockTimeout"/>.
/// </summary>
internal sealed partial class CacheTokenLock(IDistributedCache cache, DistributedTokenCacheOptions options, ILogger logger) : ITokenLock
{
    public string Name => "best-effort (IDistributedCache has no atomic set-if-absent)";

    public async Task<IAsyncDisposable?> TryAcquireAsync(string lockKey)
    {
        var ownerKey = lockKey + ":owner";
        if (await GetAsync(ownerKey).ConfigureAwait(false) is not null || await GetAsync(lockKey).ConfigureAwait(false) is not null)
        {
            return null;
        }
        var claim = RandomNumberGenerator.GetBytes(16);
        await SetAsync(lockKey, claim).ConfigureAwait(false);
        await Task.Delay(options.LockSettleTime, options.TimeProvider).ConfigureAwait(false);
        if (await GetAsync(lockKey).ConfigureAwait(false) is not { } holder || !holder.AsSpan().SequenceEqual(claim))
        {
            return null;
        }
        if (await GetAsync(ownerKey).ConfigureAwait(false) is not null)
        {
            await ReleaseAsync(lockKey, claim).ConfigureAwait(false); // a process that verified before us is asking Keystone
            return null;
        }
        await SetAsync(ownerKey, claim).ConfigureAwait(false);
        return new Handle(this, lockKey, ownerKey, claim);
    }

    private sealed class Handle(CacheTokenLock owner, string lockKey, string ownerKey, byte[] claim) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await owner.ReleaseAsync(ownerKey, claim).ConfigureAwait(false);
            await owner.ReleaseAsync(lockKey, claim).ConfigureAwait(false);
        }
    }

    private async Task SetAsync(string key, byte[] value)
    {
        using var timeout = Timeout();
        try
        {
            await cache.SetAsync(key, value, new DistributedCacheEntryOptions { AbsoluteExpirationRelativeToNow = options.LockTimeout }, timeout.Token)
                .WaitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new CacheUnavailableException($"writing the token cache's lock failed: {Describe(e, timeout)}", e);
        }
    }

    private async Task ReleaseAsync(string key, byte[] claim)
    {
        try
        {
            if (await GetAsync(key).ConfigureAwait(false) is { } holder && holder.AsSpan().SequenceEqual(claim))
            {
                using var timeout = Timeout();
                await cache.RemoveAsync(key, timeout.Token).WaitAsync(timeout.Token).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LogReleaseFailed(logger, $"releasing the token cache's lock failed (it expires by itself): {e.Message}");
        }
    }

    private async Task<byte[]?> GetAsync(string key)
    {
        using var timeout = Timeout();
        try
        {
            return await cache.GetAsync(key, timeout.Token).WaitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new CacheUnavailableException($"reading the token cache's lock failed: {Describe(e, timeout)}", e);
        }
    }

    private CancellationTokenSource Timeout() => new(options.OperationTimeout, options.TimeProvider);

    private string Describe(Exception e, CancellationTokenSource timeout) => timeout.IsCancellationRequested
        ? $"no answer within {options.OperationTimeout.TotalSeconds:0.###} s"
        : $"{e.GetType().Name}: {e.Message}";

    [LoggerMessage(EventId = 20, Level = LogLevel.Warning, Message = "The shared token cache is not available ({Reason}); the token comes from Keystone into this process's cache")]
    private static partial void LogReleaseFailed(ILogger logger, string reason);
}
