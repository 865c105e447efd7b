namespace OpenStack.Caching;

/// <summary>
/// Settings of the token cache shared by processes (<c>services.AddKeystoneDistributedTokenCache()</c>): tokens kept in
/// <c>HybridCache</c> over the registered <c>IDistributedCache</c> (Redis, SQL Server, ...), encrypted and authenticated
/// with the application's Data Protection key ring, one Keystone request per identity and scope for the whole fleet.
/// </summary>
public sealed class DistributedTokenCacheOptions
{
    /// <summary>The prefix of every cache key (default <c>openstack:keystone:</c>); the rest is a SHA-256 of auth URL, identity and scope.</summary>
    public string KeyPrefix { get; set; } = "openstack:keystone:";

    /// <summary>
    /// The longest a process waits for another process's Keystone request (default 30 s); past it, it asks Keystone itself
    /// with a warning. With the best-effort lock (a cache that is not Redis) it is also the lifetime of the lock entries.
    /// With the Redis lock keep it longer than <see cref="LockLease"/>, so that the successor of a holder that died or
    /// stalled gets the lock before the others give up.
    /// </summary>
    public TimeSpan LockTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The lease of the Redis lock (default 10 s): renewed every third of it while its holder runs, so it runs out only
    /// when the holder died or stalled that long; then the next process takes the lock and asks Keystone. Not used by the
    /// best-effort lock.
    /// </summary>
    public TimeSpan LockLease { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Best-effort lock only (a cache that is not Redis): how long a process waits after writing its claim on the lock
    /// before reading it back (default 100 ms); the claim holds when no other process wrote one meanwhile. Paid once per
    /// token refresh of the fleet, not per call.
    /// </summary>
    public TimeSpan LockSettleTime { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>How often a process waiting for another's Keystone request reads the cache and tries the lock again (default 25 ms).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(25);

    /// <summary>
    /// The longest a single cache or lock operation may take (default 2 s); a slower or failing cache is skipped with a
    /// warning and the token comes from Keystone into the process's own cache, so a cache outage never fails a call.
    /// </summary>
    public TimeSpan OperationTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// After a cache failure, how long the process leaves the cache alone and takes its tokens straight from Keystone
    /// (default 30 s), so that an outage costs one <see cref="OperationTimeout"/> per period, not one per refresh.
    /// </summary>
    public TimeSpan OutageBackoff { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The clock of the pauses (tests).</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}
