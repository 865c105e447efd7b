namespace OpenStack;

/// <summary>
/// Where a <see cref="TokenProvider"/> gets a token when its own in-process copy is missing, rejected or due for refresh:
/// the seam between the provider (in-process cache, single-flight, refresh margin, 401 invalidation) and a cache shared by
/// several processes. The default (<see cref="InProcessTokenStore"/>) asks Keystone every time the provider asks.
/// </summary>
internal interface ITokenStore
{
    /// <summary>
    /// A token for <paramref name="credential"/>: one still fresh in the store (not <paramref name="rejected"/>), else the
    /// result of <paramref name="fetch"/> (the Keystone request), which the store keeps for the others.
    /// </summary>
    /// <param name="credential">Whose token (the store derives its key from it; never from a secret).</param>
    /// <param name="refreshAt">When a token is due for refresh (its expiry less the provider's refresh margin).</param>
    /// <param name="rejected">A token a service answered 401 to: dropped from the store, never handed back.</param>
    /// <param name="fetch">Asks Keystone; called at most once per call.</param>
    Task<KeystoneToken> GetOrFetchAsync(KeystoneCredential credential, Func<KeystoneToken, DateTimeOffset?> refreshAt, KeystoneToken? rejected, Func<Task<KeystoneToken>> fetch);
}

/// <summary>No store beyond the provider's own copy: every refresh asks Keystone.</summary>
internal sealed class InProcessTokenStore : ITokenStore
{
    public static InProcessTokenStore Instance { get; } = new();

    public Task<KeystoneToken> GetOrFetchAsync(KeystoneCredential credential, Func<KeystoneToken, DateTimeOffset?> refreshAt, KeystoneToken? rejected, Func<Task<KeystoneToken>> fetch) =>
        fetch();
}
