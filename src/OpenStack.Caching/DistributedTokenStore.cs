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
/// authenticated; an entry that does not unprotect is ignored and replaced). One process per fleet asks Keystone: the
/// one that takes the lock (<see cref="ITokenLock"/>: Redis's atomic lock, or the best-effort one over any other cache)
/// reads the cache once more, asks Keystone, writes the token and drops the lock; the others read the cache and try the
/// lock every <see cref="DistributedTokenCacheOptions.PollInterval"/> until the token is there, at most
/// <see cref="DistributedTokenCacheOptions.LockTimeout"/>. An entry expires when the token is due for refresh. A token a
/// service refused (401) is removed from the cache before a new one is fetched. Any cache failure or timeout is logged
/// as a warning and the token comes straight from Keystone.
/// </summary>
internal sealed partial class DistributedTokenStore : IKeystoneTokenStore
{
    private const string Purpose = "OpenStack.Keystone.TokenCache.v1";

    private static readonly HybridCacheEntryOptions ReadOnly = new()
    {
        Flags = HybridCacheEntryFlags.DisableLocalCache | HybridCacheEntryFlags.DisableDistributedCacheWrite | HybridCacheEntryFlags.DisableUnderlyingData,
    };

    private readonly HybridCache _cache;
    private readonly IDistributedCache _distributed;
    private readonly IDataProtectionProvider _protection;
    private readonly ITokenLock _lock;
    private readonly DistributedTokenCacheOptions _options;
    private readonly ILogger _logger;
    private long _skipUntilTicks;

    public DistributedTokenStore(HybridCache cache, IDistributedCache distributed, IDataProtectionProvider protection, ITokenLock tokenLock, DistributedTokenCacheOptions options, ILogger? logger)
    {
        _cache = cache;
        _distributed = distributed;
        _protection = protection;
        _lock = tokenLock;
        _options = options;
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>The lock in use (tests, logs).</summary>
    public ITokenLock Lock => _lock;

    private TimeProvider Time => _options.TimeProvider;

    public async Task<KeystoneToken> GetOrFetchAsync(KeystoneTokenRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (Time.GetUtcNow() < new DateTimeOffset(Interlocked.Read(ref _skipUntilTicks), TimeSpan.Zero))
        {
            return await request.FetchAsync(cancellationToken).ConfigureAwait(false); // the cache failed a moment ago: do not wait for it on every refresh
        }
        var key = _options.KeyPrefix + "token:" + request.Key;
        var lockKey = _options.KeyPrefix + "lock:" + request.Key;
        var protector = _protection.CreateProtector(Purpose, key);
        var waitUntil = Time.GetUtcNow() + _options.LockTimeout;
        try
        {
            if (request.Rejected is { } rejected)
            {
                await RemoveIfAsync(key, protector, rejected).ConfigureAwait(false);
            }
            while (true)
            {
                if (await ReadAsync(key, protector, request).ConfigureAwait(false) is { } shared)
                {
                    return shared;
                }
                var handle = await _lock.TryAcquireAsync(lockKey).ConfigureAwait(false);
                if (handle is not null)
                {
                    await using (handle.ConfigureAwait(false))
                    {
                        if (await ReadAsync(key, protector, request).ConfigureAwait(false) is { } written)
                        {
                            return written; // the previous holder finished between our read and our lock
                        }
                        var token = await request.FetchAsync(cancellationToken).ConfigureAwait(false);
                        await WriteAsync(key, protector, token, request).ConfigureAwait(false);
                        return token;
                    }
                }
                // Another process is asking Keystone: read the cache (and try the lock) until its token is there.
                if (Time.GetUtcNow() >= waitUntil)
                {
                    LogLockExpired(_logger, _options.LockTimeout.TotalSeconds);
                    return await request.FetchAsync(cancellationToken).ConfigureAwait(false);
                }
                await Task.Delay(_options.PollInterval, Time, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (CacheUnavailableException e)
        {
            Interlocked.Exchange(ref _skipUntilTicks, (Time.GetUtcNow() + _options.OutageBackoff).UtcTicks);
            LogCacheUnavailable(_logger, e.Message);
            return await request.FetchAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<KeystoneToken?> ReadAsync(string key, IDataProtector protector, KeystoneTokenRequest? request)
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
        if (request is null)
        {
            return token;
        }
        if (request.Rejected is { } rejected && token.Value == rejected.Value)
        {
            return null;
        }
        return request.RefreshAt(token) is { } due && due <= Time.GetUtcNow() ? null : token;
    }

    private async Task WriteAsync(string key, IDataProtector protector, KeystoneToken token, KeystoneTokenRequest request)
    {
        if (request.RefreshAt(token) is not { } due || due - Time.GetUtcNow() is not { Ticks: > 0 } lifetime)
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
        var held = await ReadAsync(key, protector, null).ConfigureAwait(false);
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

    private CancellationTokenSource Timeout() => new(_options.OperationTimeout, Time);

    private string Describe(Exception e, CancellationTokenSource timeout) => timeout.IsCancellationRequested
        ? $"no answer within {_options.OperationTimeout.TotalSeconds:0.###} s"
        : $"{e.GetType().Name}: {e.Message}";

    [LoggerMessage(EventId = 20, Level = LogLevel.Warning, Message = "The shared token cache is not available ({Reason}); the token comes from Keystone into this process's cache")]
    private static partial void LogCacheUnavailable(ILogger logger, string reason);

    [LoggerMessage(EventId = 21, Level = LogLevel.Warning, Message = "The shared token cache entry {Key} does not unprotect ({Error}: tampered, or written with another key ring); it is replaced")]
    private static partial void LogUnreadable(ILogger logger, string key, string error);

    [LoggerMessage(EventId = 22, Level = LogLevel.Warning, Message = "Waited {Seconds} s for another process's Keystone request; asking Keystone from this process")]
    private static partial void LogLockExpired(ILogger logger, double seconds);

    [LoggerMessage(EventId = 23, Level = LogLevel.Debug, Message = "Removed the refused token from the shared token cache entry {Key}")]
    private static partial void LogRemoved(ILogger logger, string key);
}
