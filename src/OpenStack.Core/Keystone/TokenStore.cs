namespace OpenStack;

/// <summary>
/// Where the sessions that <c>AddKeystone</c> registers get a token when their own in-process copy is missing, refused or
/// due for refresh: the seam between a session's token provider (in-process cache, single-flight, refresh margin, 401
/// invalidation) and a cache shared by several processes. Without one registered in the container every refresh asks
/// Keystone; the <c>OpenStack.Caching</c> package registers one (<c>AddKeystoneDistributedTokenCache</c>).
/// </summary>
public interface IKeystoneTokenStore
{
    /// <summary>
    /// A token for <paramref name="request"/>'s identity and scope: one still fresh in the store (not
    /// <see cref="KeystoneTokenRequest.Rejected"/>), else the result of <see cref="KeystoneTokenRequest.FetchAsync"/> (the
    /// Keystone request), which the store keeps for the others. A store that cannot be reached must fall back to
    /// <see cref="KeystoneTokenRequest.FetchAsync"/> rather than fail: the call needs a token, not the store.
    /// </summary>
    /// <param name="request">Whose token, when it is due, which one was refused, and how to ask Keystone.</param>
    /// <param name="cancellationToken">Cancels the wait (the request itself is shared by the session's callers).</param>
    /// <returns>A token that is not due for refresh.</returns>
    Task<KeystoneToken> GetOrFetchAsync(KeystoneTokenRequest request, CancellationToken cancellationToken = default);
}

/// <summary>One token refresh of a session, as handed to an <see cref="IKeystoneTokenStore"/>.</summary>
public sealed class KeystoneTokenRequest
{
    private readonly Lazy<string> _key;
    private readonly Func<KeystoneToken, DateTimeOffset?> _refreshAt;
    private readonly Func<CancellationToken, Task<KeystoneToken>> _fetch;

    /// <summary>Describes one refresh.</summary>
    /// <param name="key">The key of the identity's and scope's tokens (a SHA-256, hex; no secret in it).</param>
    /// <param name="refreshAt">When a token is due for refresh (its expiry less the session's refresh margin); null: never shared.</param>
    /// <param name="rejected">A token a service answered 401 to, or null.</param>
    /// <param name="fetch">Asks Keystone.</param>
    public KeystoneTokenRequest(string key, Func<KeystoneToken, DateTimeOffset?> refreshAt, KeystoneToken? rejected, Func<CancellationToken, Task<KeystoneToken>> fetch)
        : this(new Lazy<string>(key), refreshAt, rejected, fetch)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
    }

    /// <summary>The key computed only when a store reads it (the in-process store never does: no hash at a tool's start).</summary>
    internal KeystoneTokenRequest(Lazy<string> key, Func<KeystoneToken, DateTimeOffset?> refreshAt, KeystoneToken? rejected, Func<CancellationToken, Task<KeystoneToken>> fetch)
    {
        ArgumentNullException.ThrowIfNull(refreshAt);
        ArgumentNullException.ThrowIfNull(fetch);
        _key = key;
        _refreshAt = refreshAt;
        Rejected = rejected;
        _fetch = fetch;
    }

    /// <summary>
    /// The key of this identity's and scope's tokens: a SHA-256 (hex) of the auth URL, method, identity and scope. No
    /// password or application-credential secret goes into it, not even hashed.
    /// </summary>
    public string Key => _key.Value;

    /// <summary>A token a service answered 401 to: to drop from the store, never to hand back.</summary>
    public KeystoneToken? Rejected { get; }

    /// <summary>When <paramref name="token"/> is due for refresh (its expiry less the refresh margin); null for a token without expiry.</summary>
    /// <param name="token">A token from the store or from Keystone.</param>
    /// <returns>The moment, or null.</returns>
    public DateTimeOffset? RefreshAt(KeystoneToken token) => _refreshAt(token);

    /// <summary>Asks Keystone for a new token (the session's own request: its timeout, retries and logging).</summary>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The new token.</returns>
    public Task<KeystoneToken> FetchAsync(CancellationToken cancellationToken = default) => _fetch(cancellationToken);
}

/// <summary>No store beyond the provider's own copy: every refresh asks Keystone.</summary>
internal sealed class InProcessTokenStore : IKeystoneTokenStore
{
    public static InProcessTokenStore Instance { get; } = new();

    public Task<KeystoneToken> GetOrFetchAsync(KeystoneTokenRequest request, CancellationToken cancellationToken = default) =>
        request.FetchAsync(cancellationToken);
}
