using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Newtonsoft.Json;

namespace OpenStack.Caching;

/// <summary>
/// Tokens shared by every process that uses the same cache and key ring: kept in <see cref="HybridCache"/> (its
/// in-memory level switched off: the token provider is the in-process level, and a token another process revoked must
/// not linger in a local copy) over the <see cref="IDistributedCache"/>, protected with Data Protection (encrypted and
/// authenticated; an entry that does not unprotect is ignored and replaced). One process per fleet asks Keystone: it
/// claims a lock entry (written, then read back after <see cref="DistributedTokenCacheOptions.LockSettleTime"/>: the last
/// writer holds it), marks itself as the owner, reads the cache once more, asks Keystone, writes the token and drops the
/// lock; the others read the
/// cache every <see cref="DistributedTokenCacheOptions.PollInterval"/> until the token is there. An entry expires when
/// the token is due for refresh. A token a service refused (401) is removed from the cache before a new one is fetched.
/// Any cache failure or timeout is logged as a warning and the token comes straight from Keystone.
/// </summary>
internal sealed partial class DistributedTokenStore : ITokenStore
{
    private const string Purpose = "OpenStack.Keystone.TokenCache.v1";

    private static readonly HybridCacheEntryOptions ReadOnly = new()
    {
        Flags = HybridCacheEntryFlags.DisableLocalCache | HybridCacheEntryFlags.DisableDistributedCacheWrite | HybridCacheEntryFlags.DisableUnderlyingData,
    };

    private readonly HybridCache _cache;
    private readonly IDistributedCache _distributed;
    private readonly IDataProtectionProvider _protection;
    private readonly DistributedTokenCacheOptions _options;
    private readonly ILogger _logger;
    private long _skipUntilTicks;

    public DistributedTokenStore(HybridCache cache, IDistributedCache distributed, IDataProtectionProvider protection, DistributedTokenCacheOptions options, ILogger? logger)
    {
        _cache = cache;
        _distributed = distributed;
        _protection = protection;
        _options = options;
        _logger = logger ?? NullLogger.Instance;
    }

    private TimeProvider Time => _options.TimeProvider;

    /// <summary>The cache key of <paramref name="credential"/>'s tokens (no secret in it).</summary>
    public string KeyOf(KeystoneCredential credential) => _options.KeyPrefix + "token:" + credential.SharedKey();

    public async Task<KeystoneToken> GetOrFetchAsync(KeystoneCredential credential, Func<KeystoneToken, DateTimeOffset?> refreshAt, KeystoneToken? rejected, Func<Task<KeystoneToken>> fetch)
    {
        var key = KeyOf(credential);
        var lockKey = _options.KeyPrefix + "lock:" + credential.SharedKey();
        var ownerKey = _options.KeyPrefix + "owner:" + credential.SharedKey();
        var protector = _protection.CreateProtector(Purpose, key);
        var waitUntil = Time.GetUtcNow() + _options.LockTimeout;
        if (Time.GetUtcNow() < new DateTimeOffset(Interlocked.Read(ref _skipUntilTicks), TimeSpan.Zero))
        {
            return await fetch().ConfigureAwait(false); // the cache failed a moment ago: do not wait for it on every refresh
        }
        try
        {
            if (rejected is not null)
            {
                await RemoveIfAsync(key, protector, rejected).ConfigureAwait(false);
            }
            while (true)
            {
                if (await ReadAsync(key, protector, refreshAt, rejected).ConfigureAwait(false) is { } shared)
                {
                    return shared;
                }
                var claim = RandomNumberGenerator.GetBytes(16);
                if (await TryLockAsync(lockKey, ownerKey, claim).ConfigureAwait(false))
                {
                    return await FetchAsOwnerAsync(key, lockKey, ownerKey, claim, protector, refreshAt, rejected, fetch).ConfigureAwait(false);
                }
                // Another process is asking Keystone: read the cache until its token is there or its lock is gone.
                while (true)
                {
                    if (Time.GetUtcNow() >= waitUntil)
                    {
                        LogLockExpired(_logger, _options.LockTimeout.TotalSeconds);
                        return await fetch().ConfigureAwait(false);
                    }
                    await Task.Delay(_options.PollInterval, Time).ConfigureAwait(false);
                    if (await ReadAsync(key, protector, refreshAt, rejected).ConfigureAwait(false) is { } awaited)
                    {
                        return awaited;
                    }
                    if (await GetAsync(ownerKey).ConfigureAwait(false) is null && await GetAsync(lockKey).ConfigureAwait(false) is null)
                    {
                        break; // the holder gave up (its request failed): claim it
                    }
                }
            }
        }
        catch (CacheUnavailableException e)
        {
            Interlocked.Exchange(ref _skipUntilTicks, (Time.GetUtcNow() + _options.OutageBackoff).UtcTicks);
            LogCacheUnavailable(_logger, e.Message);
            return await fetch().ConfigureAwait(false);
        }
    }

    private async Task<KeystoneToken> FetchAsOwnerAsync(string key, string lockKey, string ownerKey, byte[] claim, IDataProtector protector,
        Func<KeystoneToken, DateTimeOffset?> refreshAt, KeystoneToken? rejected, Func<Task<KeystoneToken>> fetch)
    {
        try
        {
            if (await ReadAsync(key, protector, refreshAt, rejected).ConfigureAwait(false) is { } written)
            {
                return written; // the previous holder finished between our read and our claim
            }
            var token = await fetch().ConfigureAwait(false);
            await WriteAsync(key, protector, token, refreshAt).ConfigureAwait(false);
            return token;
        }
        finally
        {
            await ReleaseAsync(ownerKey, claim).ConfigureAwait(false);
            await ReleaseAsync(lockKey, claim).ConfigureAwait(false);
        }
    }

    private async Task<KeystoneToken?> ReadAsync(string key, IDataProtector protector, Func<KeystoneToken, DateTimeOffset?> refreshAt, KeystoneToken? rejected)
    {
        byte[]? bytes;
        using (var timeout = Timeout())
        {
            try
            {
                bytes = await _cache.GetOrCreateAsync<byte[]?>(key, static _ => ValueTask.FromResult<byte[]?>(null), ReadOnly, null, timeout.Token)
                    .AsTask().WaitAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                throw new CacheUnavailableException($"reading the token cache failed: {Describe(e, timeout)}", e);
            }
        }
        if (bytes is null)
        {
            return null;
        }
        KeystoneToken token;
        try
        {
            token = TokenCacheSerializer.Deserialize(protector.Unprotect(bytes));
        }
        catch (Exception e) when (e is CryptographicException or JsonException or FormatException or ArgumentException)
        {
            LogUnreadable(_logger, key, e.GetType().Name);
            return null; // tampered, another key ring, or another format: ask Keystone (and overwrite it)
        }
        if (rejected is not null && token.Value == rejected.Value)
        {
            return null;
        }
        return refreshAt(token) is { } due && due <= Time.GetUtcNow() ? null : token;
    }

    private async Task WriteAsync(string key, IDataProtector protector, KeystoneToken token, Func<KeystoneToken, DateTimeOffset?> refreshAt)
    {
        if (refreshAt(token) is not { } due || due - Time.GetUtcNow() is not { Ticks: > 0 } lifetime)
        {
            return; // no expiry (never shared) or already due
        }
        var bytes = protector.Protect(TokenCacheSerializer.Serialize(token));
        using var timeout = Timeout();
        try
        {
            await _cache.SetAsync(key, bytes, new HybridCacheEntryOptions { Expiration = lifetime, Flags = HybridCacheEntryFlags.DisableLocalCache }, null, timeout.Token)
                .AsTask().WaitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LogCacheUnavailable(_logger, $"writing the token cache failed: {Describe(e, timeout)}");
        }
    }

    /// <summary>Removes the entry when it still holds <paramref name="rejected"/> (a newer token another process wrote stays).</summary>
    private async Task RemoveIfAsync(string key, IDataProtector protector, KeystoneToken rejected)
    {
        var held = await ReadAsync(key, protector, _ => null, null).ConfigureAwait(false);
        if (held is not null && held.Value == rejected.Value)
        {
            using var timeout = Timeout();
            try
            {
                await _distributed.RemoveAsync(key, timeout.Token).WaitAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                throw new CacheUnavailableException($"removing a refused token from the cache failed: {Describe(e, timeout)}", e);
            }
            LogRemoved(_logger, key);
        }
    }

    /// <summary>
    /// Takes the fleet-wide refresh lock, with no atomic operation (IDistributedCache has none): when neither a claim nor an
    /// owner is there, write our claim, wait <see cref="DistributedTokenCacheOptions.LockSettleTime"/>, and read it back (the
    /// last writer holds it); then, unless an owner appeared meanwhile, write ourselves as the owner. Two processes both ask
    /// Keystone only when one stalls longer than the settle time between reading and writing its claim and the other
    /// stalls as long between reading its claim back and writing itself as the owner.
    /// </summary>
    private async Task<bool> TryLockAsync(string lockKey, string ownerKey, byte[] claim)
    {
        if (await GetAsync(ownerKey).ConfigureAwait(false) is not null || await GetAsync(lockKey).ConfigureAwait(false) is not null)
        {
            return false;
        }
        await SetAsync(lockKey, claim).ConfigureAwait(false);
        await Task.Delay(_options.LockSettleTime, Time).ConfigureAwait(false);
        if (await GetAsync(lockKey).ConfigureAwait(false) is not { } holder || !holder.AsSpan().SequenceEqual(claim))
        {
            return false;
        }
        if (await GetAsync(ownerKey).ConfigureAwait(false) is not null)
        {
            await ReleaseAsync(lockKey, claim).ConfigureAwait(false); // a process that verified before us is asking Keystone
            return false;
        }
        await SetAsync(ownerKey, claim).ConfigureAwait(false);
        return true;
    }

    private async Task SetAsync(string key, byte[] value)
    {
        using var timeout = Timeout();
        try
        {
            await _distributed.SetAsync(key, value, new DistributedCacheEntryOptions { AbsoluteExpirationRelativeToNow = _options.LockTimeout }, timeout.Token)
                .WaitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new CacheUnavailableException($"writing the token cache's lock failed: {Describe(e, timeout)}", e);
        }
    }

    private async Task ReleaseAsync(string lockKey, byte[] claim)
    {
        try
        {
            if (await GetAsync(lockKey).ConfigureAwait(false) is { } holder && holder.AsSpan().SequenceEqual(claim))
            {
                using var timeout = Timeout();
                await _distributed.RemoveAsync(lockKey, timeout.Token).WaitAsync(timeout.Token).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LogCacheUnavailable(_logger, $"releasing the token cache's lock failed (it expires by itself): {e.Message}");
        }
    }

    private async Task<byte[]?> GetAsync(string key)
    {
        using var timeout = Timeout();
        try
        {
            return await _distributed.GetAsync(key, timeout.Token).WaitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new CacheUnavailableException($"reading the token cache's lock failed: {Describe(e, timeout)}", e);
        }
    }

    private CancellationTokenSource Timeout() => new(_options.OperationTimeout, Time);

    private string Describe(Exception e, CancellationTokenSource timeout) => timeout.IsCancellationRequested
        ? $"no answer within {_options.OperationTimeout.TotalSeconds:0.###} s"
        : $"{e.GetType().Name}: {e.Message}";

    private sealed class CacheUnavailableException(string message, Exception inner) : Exception(message, inner);

    [LoggerMessage(EventId = 20, Level = LogLevel.Warning, Message = "The shared token cache is not available ({Reason}); the token comes from Keystone into this process's cache")]
    private static partial void LogCacheUnavailable(ILogger logger, string reason);

    [LoggerMessage(EventId = 21, Level = LogLevel.Warning, Message = "The shared token cache entry {Key} does not unprotect ({Error}: tampered, or written with another key ring); it is replaced")]
    private static partial void LogUnreadable(ILogger logger, string key, string error);

    [LoggerMessage(EventId = 22, Level = LogLevel.Warning, Message = "Waited {Seconds} s for another process's Keystone request; asking Keystone from this process")]
    private static partial void LogLockExpired(ILogger logger, double seconds);

    [LoggerMessage(EventId = 23, Level = LogLevel.Debug, Message = "Removed the refused token from the shared token cache entry {Key}")]
    private static partial void LogRemoved(ILogger logger, string key);
}
