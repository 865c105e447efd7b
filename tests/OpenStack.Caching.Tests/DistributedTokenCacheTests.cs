using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace OpenStack.Caching.Tests;

[Collection(RedisCollection.Name)]
public sealed class DistributedTokenCacheTests(RedisFixture fixture) : IAsyncLifetime
{
    private readonly string _keyRing = Directory.CreateTempSubdirectory("openstack-keyring-").FullName;
    private FakeCloud _cloud = null!;

    private RedisServer Redis => fixture.Redis;

    public async Task InitializeAsync()
    {
        _cloud = await FakeCloud.StartAsync();
        // Each test its own keys: a Redis shared by the collection, emptied between tests.
        await using var redis = await ConnectionMultiplexer.ConnectAsync(Redis.Configuration + ",allowAdmin=true");
        await redis.GetServer(redis.GetEndPoints()[0]).FlushAllDatabasesAsync();
    }

    public async Task DisposeAsync()
    {
        await _cloud.DisposeAsync();
        Directory.Delete(_keyRing, recursive: true);
    }

    [Fact]
    public async Task Eight_processes_of_200_cold_calls_make_one_token_request()
    {
        WarmKeyRing();
        var reports = await FleetWorker.RunFleetAsync(typeof(FleetWorker).Assembly.Location, 8,
            FleetWorker.Arguments(_cloud.Server.BaseAddress, _cloud.Server.BaseAddress, Redis.Configuration, _keyRing, 200), TimeSpan.FromSeconds(90));

        Assert.Equal(8, reports.Count);
        Assert.All(reports, r => Assert.Equal(200, r.Succeeded));
        Assert.All(reports, r => Assert.True(r.Warnings == 0, r.FirstWarning));
        Assert.All(reports, r => Assert.Equal(0, r.Errors));
        Assert.Equal(1, _cloud.TokenRequests);
        Assert.Equal(1, reports.Sum(r => r.TokenRequests));
        Assert.Single(_cloud.Issued);
    }

    [Fact]
    public async Task A_lock_holder_paused_past_its_lease_loses_the_lock_to_one_successor_and_no_call_fails()
    {
        WarmKeyRing();
        // The first Keystone request's sender (the Redis lock's holder) is paused for three leases before it is answered,
        // as a long GC pause or a frozen VM stalls it: its lease runs out, exactly one other process takes the lock.
        var lease = TimeSpan.FromSeconds(1);
        _cloud.BeforeToken = (request, number) =>
        {
            if (number == 1)
            {
                var pid = int.Parse(request.Header("X-Fleet-Pid")!, System.Globalization.CultureInfo.InvariantCulture);
                FleetWorker.Signal(pid, resume: false);
                Thread.Sleep(lease * 3);
                FleetWorker.Signal(pid, resume: true);
            }
        };

        var reports = await FleetWorker.RunFleetAsync(typeof(FleetWorker).Assembly.Location, 6,
            FleetWorker.Arguments(_cloud.Server.BaseAddress, _cloud.Server.BaseAddress, Redis.Configuration, _keyRing, 20, FleetCache.RedisLock, lease, TimeSpan.FromSeconds(20)),
            TimeSpan.FromSeconds(120));

        Assert.All(reports, r => Assert.Equal(20, r.Succeeded));
        Assert.All(reports, r => Assert.Equal(0, r.Errors));
        Assert.Equal(2, _cloud.TokenRequests); // the paused holder's and its successor's
        Assert.Equal(2, reports.Sum(r => r.TokenRequests));
        var log = _cloud.TokenRequestLog;
        Assert.NotEqual(log[0].Pid, log[1].Pid);
        Assert.True(log[1].At - log[0].At >= lease * 0.9, $"the successor asked {log[1].At - log[0].At} after the holder: before its lease ran out");
    }

    [Fact]
    public async Task A_slow_Keystone_answer_does_not_let_a_second_process_ask_the_holder_renews_its_lease()
    {
        WarmKeyRing();
        // Keystone answers after more than three leases, so the lease must be renewed while the holder waits. The lease is
        // long enough (renewed about every third of it) that a loaded machine's pauses do not let it lapse by themselves.
        _cloud.BeforeToken = (_, number) => Thread.Sleep(number == 1 ? TimeSpan.FromSeconds(5) : TimeSpan.Zero);
        await using var a = _cloud.CreateMember(Redis.Configuration, _keyRing, o => o.LockLease = TimeSpan.FromSeconds(1.5));
        await using var b = _cloud.CreateMember(Redis.Configuration, _keyRing, o => o.LockLease = TimeSpan.FromSeconds(1.5));

        var first = a.Session.GetTokenAsync();
        while (_cloud.TokenRequests == 0)
        {
            await Task.Delay(10);
        }
        var second = await b.Session.GetTokenAsync(); // waits over three leases for the holder's token, the lock renewed meanwhile

        Assert.Equal((await first).Value, second.Value);
        Assert.Equal(1, _cloud.TokenRequests);
        Assert.Empty(a.Warnings);
        Assert.Empty(b.Warnings);
    }

    [Fact]
    public async Task The_lock_is_Redis_s_on_a_Redis_cache_and_the_best_effort_one_on_any_other_cache()
    {
        await using var onRedis = _cloud.CreateMember(Redis.Configuration, _keyRing);
        Assert.IsType<RedisTokenLock>(Assert.IsType<DistributedTokenStore>(onRedis.Provider.GetRequiredService<IKeystoneTokenStore>()).Lock);

        // Two processes' worth of containers over one in-memory IDistributedCache: the best-effort lock, one request.
        WarmKeyRing();
        var shared = new ForwardingCache(new MemoryDistributedCache(Options.Create(new MemoryDistributedCacheOptions())));
        await using var a = _cloud.CreateMember(null, _keyRing, cache: shared);
        await using var b = _cloud.CreateMember(null, _keyRing, cache: shared);
        Assert.IsType<CacheTokenLock>(Assert.IsType<DistributedTokenStore>(a.Provider.GetRequiredService<IKeystoneTokenStore>()).Lock);
        var tokens = await Task.WhenAll(a.Session.GetTokenAsync(), b.Session.GetTokenAsync());
        Assert.Equal(tokens[0].Value, tokens[1].Value);
        Assert.Equal(1, _cloud.TokenRequests);
        Assert.Empty(a.Warnings);
        Assert.Empty(b.Warnings);
    }

    [Fact]
    public async Task A_container_disposed_synchronously_closes_the_lock_s_connection_without_throwing()
    {
        var member = _cloud.CreateMember(Redis.Configuration, _keyRing);
        Assert.True(await member.PingAsync()); // the lock's connection is open
        member.Provider.Dispose();
        Assert.Equal(1, _cloud.TokenRequests);
    }

    [Fact]
    public async Task Settings_out_of_range_fail_the_host_at_start_naming_each()
    {
        var services = new ServiceCollection();
        services.AddDataProtection();
        services.AddDistributedMemoryCache();
        services.AddKeystoneDistributedTokenCache(o =>
        {
            o.LockLease = TimeSpan.FromMilliseconds(10);
            o.PollInterval = TimeSpan.Zero;
            o.KeyPrefix = "";
        });
        await using var sp = services.BuildServiceProvider();
        var e = Assert.Throws<OptionsValidationException>(() => sp.GetRequiredService<IOptions<DistributedTokenCacheOptions>>().Value);
        Assert.Contains("LockLease must be at least 100 ms", e.Message, StringComparison.Ordinal);
        Assert.Contains("PollInterval must be positive", e.Message, StringComparison.Ordinal);
        Assert.Contains("KeyPrefix must not be empty", e.Message, StringComparison.Ordinal);
    }

    /// <summary>The key ring exists before the fleet starts, as a deployed key ring does.</summary>
    private void WarmKeyRing()
    {
        var services = new ServiceCollection();
        services.AddDataProtection().PersistKeysToFileSystem(new DirectoryInfo(_keyRing)).SetApplicationName("openstack-fleet");
        using var sp = services.BuildServiceProvider();
        sp.GetRequiredService<IDataProtectionProvider>().CreateProtector("warm-up").Protect([1]);
    }

    [Fact]
    public async Task A_cached_token_is_encrypted_and_its_key_holds_no_secret()
    {
        await using var member = _cloud.CreateMember(Redis.Configuration, _keyRing);
        Assert.True(await member.PingAsync());
        var token = Assert.Single(_cloud.Issued);

        var (keys, dump) = await DumpAsync();
        Assert.Contains(keys, k => k.StartsWith("openstack:keystone:token:", StringComparison.Ordinal));
        Assert.NotEmpty(dump);
        foreach (var form in Encodings(token).Concat(Encodings(FakeCloud.Password)))
        {
            Assert.DoesNotContain(form, dump, StringComparison.Ordinal);
            Assert.DoesNotContain(keys, k => k.Contains(form, StringComparison.Ordinal));
        }
        Assert.Empty(member.Warnings);
    }

    [Fact]
    public async Task The_entry_expires_when_the_token_is_due_for_refresh()
    {
        await using var member = _cloud.CreateMember(Redis.Configuration, _keyRing);
        var token = await member.Session.GetTokenAsync();
        var lifetime = token.ExpiresAt!.Value - DateTimeOffset.UtcNow; // the fake Keystone issues one-hour tokens

        await using var redis = await ConnectionMultiplexer.ConnectAsync(Redis.Configuration);
        var key = (await KeysAsync(redis)).Single(k => k.StartsWith("openstack:keystone:token:", StringComparison.Ordinal));
        var ttl = await redis.GetDatabase().KeyTimeToLiveAsync(key);
        Assert.NotNull(ttl);
        Assert.InRange(ttl.Value, lifetime / 2, lifetime - TokenRefreshMargin);
        // The lock entries are gone once the token is written.
        Assert.DoesNotContain(await KeysAsync(redis), k => k.Contains(":lock:", StringComparison.Ordinal));
    }

    /// <summary>keystoneauth1's 120 s: no entry outlives the point where a process would refresh its token.</summary>
    private static readonly TimeSpan TokenRefreshMargin = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task A_second_process_takes_the_token_from_the_cache()
    {
        await using var first = _cloud.CreateMember(Redis.Configuration, _keyRing);
        await using var second = _cloud.CreateMember(Redis.Configuration, _keyRing);
        Assert.True(await first.PingAsync());
        Assert.True(await second.PingAsync());
        Assert.Equal(1, _cloud.TokenRequests);
        Assert.Equal(0, second.Session.TokenRequestCount);
        var token = await second.Session.GetTokenAsync();
        Assert.Equal(_cloud.Issued.Single(), token.Value);
        Assert.Equal("fleet", token.ProjectName);
        Assert.Equal(new Uri(_cloud.Server.BaseAddress, "svc/"), token.Catalog.GetEndpoint("fake"));
    }

    [Fact]
    public async Task A_tampered_entry_is_ignored_and_replaced()
    {
        await using (var writer = _cloud.CreateMember(Redis.Configuration, _keyRing))
        {
            Assert.True(await writer.PingAsync());
        }
        var original = _cloud.Issued.Single();

        // Flip one bit of the protected payload (its authentication tag, a little before HybridCache's own trailer).
        await using (var redis = await ConnectionMultiplexer.ConnectAsync(Redis.Configuration))
        {
            var db = redis.GetDatabase();
            var key = (await KeysAsync(redis)).Single(k => k.StartsWith("openstack:keystone:token:", StringComparison.Ordinal));
            var data = (byte[])(await db.HashGetAsync(key, "data"))!;
            data[^20] ^= 0x01;
            await db.HashSetAsync(key, "data", data);
        }

        await using var reader = _cloud.CreateMember(Redis.Configuration, _keyRing);
        Assert.True(await reader.PingAsync());
        Assert.Equal(2, _cloud.TokenRequests);
        var fresh = await reader.Session.GetTokenAsync();
        Assert.NotEqual(original, fresh.Value);
        Assert.Contains(reader.Warnings, w => w.Contains("does not unprotect", StringComparison.Ordinal));

        // The entry was replaced: the next process uses the fresh token without asking Keystone.
        await using var third = _cloud.CreateMember(Redis.Configuration, _keyRing);
        Assert.Equal(fresh.Value, (await third.Session.GetTokenAsync()).Value);
        Assert.Equal(2, _cloud.TokenRequests);
    }

    [Fact]
    public async Task A_token_refused_with_401_is_removed_for_every_process()
    {
        await using var a = _cloud.CreateMember(Redis.Configuration, _keyRing);
        await using var b = _cloud.CreateMember(Redis.Configuration, _keyRing);
        Assert.True(await a.PingAsync());
        Assert.True(await b.PingAsync());
        var revoked = _cloud.Issued.Single();
        _cloud.Revoke(revoked);

        Assert.True(await a.PingAsync()); // 401, the shared entry removed, a new token from Keystone, the call resent
        Assert.Equal(2, _cloud.TokenRequests);
        Assert.True(await b.PingAsync()); // 401, and the new token from the cache: no Keystone request, the new entry kept
        Assert.Equal(2, _cloud.TokenRequests);
        await using var c = _cloud.CreateMember(Redis.Configuration, _keyRing);
        var token = await c.Session.GetTokenAsync();
        Assert.NotEqual(revoked, token.Value);
        Assert.Equal(2, _cloud.TokenRequests);
    }

    [Fact]
    public async Task Redis_stopped_mid_run_falls_back_to_the_process_cache_with_a_warning()
    {
        await using var own = await RedisServer.StartAsync();
        await using var a = _cloud.CreateMember(own.Configuration, _keyRing, o => o.OperationTimeout = TimeSpan.FromMilliseconds(500));
        Assert.True(await a.PingAsync());
        await own.StopAsync();

        await using var b = _cloud.CreateMember(own.Configuration, _keyRing, o => o.OperationTimeout = TimeSpan.FromMilliseconds(500));
        Assert.True(await b.PingAsync());
        Assert.Contains(b.Warnings, w => w.Contains("shared token cache is not available", StringComparison.Ordinal));
        Assert.Equal(2, _cloud.TokenRequests);

        // The process that had the token keeps working, and a 401 still renews it.
        _cloud.Revoke(_cloud.Issued.First(t => t != (b.Session.GetTokenAsync().Result.Value)));
        Assert.True(await a.PingAsync());
        Assert.True(await a.PingAsync());
        Assert.Contains(a.Warnings, w => w.Contains("shared token cache is not available", StringComparison.Ordinal));
        Assert.Equal(3, _cloud.TokenRequests);
    }

    [Fact]
    public async Task Redis_not_listening_falls_back_with_a_warning_and_the_calls_succeed()
    {
        var closed = $"127.0.0.1:{RedisServer.FreePort()},abortConnect=false,connectTimeout=500";
        await using var member = _cloud.CreateMember(closed, _keyRing, o => o.OperationTimeout = TimeSpan.FromMilliseconds(500));
        var calls = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => member.PingAsync()));
        Assert.All(calls, Assert.True);
        Assert.Equal(1, _cloud.TokenRequests);
        var warning = Assert.Single(member.Warnings, w => w.Contains("shared token cache is not available", StringComparison.Ordinal));
        Assert.DoesNotContain(FakeCloud.Password, warning, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_key_ring_the_host_fails_at_start_saying_what_is_missing()
    {
        var services = new ServiceCollection();
        services.AddKeystoneDistributedTokenCache();
        await using var sp = services.BuildServiceProvider();
        var e = Assert.Throws<OptionsValidationException>(() => sp.GetRequiredService<IOptions<DistributedTokenCacheOptions>>().Value);
        Assert.Contains("IDistributedCache", e.Message, StringComparison.Ordinal);
        Assert.Contains("AddDataProtection()", e.Message, StringComparison.Ordinal);
    }

    private async Task<(List<string> Keys, string Dump)> DumpAsync()
    {
        await using var redis = await ConnectionMultiplexer.ConnectAsync(Redis.Configuration);
        var db = redis.GetDatabase();
        var keys = await KeysAsync(redis);
        var dump = new StringBuilder();
        foreach (var key in keys)
        {
            foreach (var entry in await db.HashGetAllAsync(key))
            {
                var bytes = (byte[])entry.Value!;
                dump.Append(Encoding.Latin1.GetString(bytes)).Append('\n').Append(Convert.ToBase64String(bytes)).Append('\n');
            }
            var raw = (byte[]?)await db.KeyDumpAsync(key);
            if (raw is not null)
            {
                dump.Append(Encoding.Latin1.GetString(raw)).Append('\n');
            }
        }
        return (keys, dump.ToString());
    }

    private static async Task<List<string>> KeysAsync(ConnectionMultiplexer redis)
    {
        var keys = new List<string>();
        await foreach (var key in redis.GetServer(redis.GetEndPoints()[0]).KeysAsync(pattern: "*"))
        {
            keys.Add(key!);
        }
        return keys;
    }

    /// <summary>The value as UTF-8 text, Base64, Base64url, hex, URL-encoded and UTF-16 (as Latin-1 text of its bytes).</summary>
    private static IEnumerable<string> Encodings(string secret)
    {
        var bytes = Encoding.UTF8.GetBytes(secret);
        yield return secret;
        yield return Convert.ToBase64String(bytes);
        yield return Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        yield return Convert.ToHexStringLower(bytes);
        yield return Convert.ToHexString(bytes);
        yield return Uri.EscapeDataString(secret);
        yield return Encoding.Latin1.GetString(Encoding.Unicode.GetBytes(secret));
        yield return secret[..Math.Min(24, secret.Length)]; // a fragment is a leak too
    }
}
