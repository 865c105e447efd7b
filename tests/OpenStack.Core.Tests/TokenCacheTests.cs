using OpenStack.Testing;

namespace OpenStack.Core.Tests;

public sealed class TokenCacheTests
{
    [Fact]
    public async Task Token_is_reused_while_at_least_120_seconds_remain()
    {
        var clock = new ManualTimeProvider(FakeKeystone.T0);
        var n = 0;
        await using var keystone = await FakeServer.StartAsync(_ => FakeKeystone.Token($"tok-{Interlocked.Increment(ref n)}", FakeKeystone.T0.AddHours(1)));
        using var session = new KeystoneSession(FakeKeystone.Password(keystone), clock);

        var first = await session.GetTokenAsync();
        clock.Now = FakeKeystone.T0.AddHours(1).AddSeconds(-120);
        var second = await session.GetTokenAsync();

        Assert.Equal("tok-1", first.Value);
        Assert.Same(first, second);
        Assert.Equal(1, FakeKeystone.TokenRequests(keystone));
    }

    [Fact]
    public async Task Token_is_refreshed_when_less_than_120_seconds_remain()
    {
        var clock = new ManualTimeProvider(FakeKeystone.T0);
        var n = 0;
        await using var keystone = await FakeServer.StartAsync(_ =>
        {
            var i = Interlocked.Increment(ref n);
            return FakeKeystone.Token($"tok-{i}", FakeKeystone.T0.AddHours(i));
        });
        using var session = new KeystoneSession(FakeKeystone.Password(keystone), clock);

        await session.GetTokenAsync();
        clock.Now = FakeKeystone.T0.AddHours(1).AddSeconds(-119);
        var refreshed = await session.GetTokenAsync();

        Assert.Equal("tok-2", refreshed.Value);
        Assert.Equal(FakeKeystone.T0.AddHours(2), refreshed.ExpiresAt);
        Assert.Equal(2, FakeKeystone.TokenRequests(keystone));
    }

    [Fact]
    public async Task Expired_token_is_refreshed_once_for_concurrent_callers()
    {
        var clock = new ManualTimeProvider(FakeKeystone.T0);
        var n = 0;
        using var release = new ManualResetEventSlim(false);
        await using var keystone = await FakeServer.StartAsync(_ =>
        {
            var i = Interlocked.Increment(ref n);
            if (i == 2)
            {
                release.Wait(TimeSpan.FromSeconds(30));
            }
            return FakeKeystone.Token($"tok-{i}", FakeKeystone.T0.AddHours(i));
        });
        using var session = new KeystoneSession(FakeKeystone.Password(keystone), clock);
        await session.GetTokenAsync();
        clock.Now = FakeKeystone.T0.AddHours(1);

        var callers = Enumerable.Range(0, 50).Select(_ => session.GetTokenAsync()).ToList();
        release.Set();
        var tokens = await Task.WhenAll(callers);

        Assert.All(tokens, t => Assert.Equal("tok-2", t.Value));
        Assert.Equal(2, FakeKeystone.TokenRequests(keystone));
    }

    [Fact]
    public async Task Two_hundred_concurrent_first_callers_cause_one_keystone_request()
    {
        await using var keystone = await FakeServer.StartAsync(_ => FakeKeystone.Token("tok", DateTimeOffset.UtcNow.AddHours(1)));
        using var session = new KeystoneSession(FakeKeystone.Password(keystone));

        var tokens = await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => Task.Run(() => session.GetTokenAsync())));

        Assert.All(tokens, t => Assert.Equal("tok", t.Value));
        Assert.Equal(1, FakeKeystone.TokenRequests(keystone));
        Assert.Equal(1, session.TokenRequestCount);
    }

    [Fact]
    public async Task Cancelling_one_waiter_does_not_fail_the_others()
    {
        using var release = new ManualResetEventSlim(false);
        var arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var keystone = await FakeServer.StartAsync(_ =>
        {
            arrived.TrySetResult();
            release.Wait(TimeSpan.FromSeconds(30));
            return FakeKeystone.Token("tok", DateTimeOffset.UtcNow.AddHours(1));
        });
        using var session = new KeystoneSession(FakeKeystone.Password(keystone));
        using var cts = new CancellationTokenSource();

        var first = session.GetTokenAsync(cts.Token);
        var second = session.GetTokenAsync();
        await arrived.Task.WaitAsync(TimeSpan.FromSeconds(30));
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first);
        Assert.False(second.IsCompleted);
        release.Set();

        Assert.Equal("tok", (await second).Value);
        Assert.Equal(1, FakeKeystone.TokenRequests(keystone));
    }

    [Fact]
    public async Task Failed_request_gives_every_waiter_the_same_error()
    {
        using var release = new ManualResetEventSlim(false);
        var arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var keystone = await FakeServer.StartAsync(_ =>
        {
            arrived.TrySetResult();
            release.Wait(TimeSpan.FromSeconds(30));
            return FakeKeystone.Unauthorized();
        });
        using var session = new KeystoneSession(FakeKeystone.Password(keystone));

        var callers = Enumerable.Range(0, 10).Select(_ => session.GetTokenAsync()).ToList();
        await arrived.Task.WaitAsync(TimeSpan.FromSeconds(30));
        release.Set();
        var errors = new List<Exception>();
        foreach (var c in callers)
        {
            errors.Add(await Assert.ThrowsAsync<KeystoneAuthenticationException>(() => c));
        }

        Assert.All(errors, e => Assert.Same(errors[0], e));
        Assert.Equal(1, FakeKeystone.TokenRequests(keystone));
    }

    [Fact]
    public async Task After_a_failure_keystone_is_not_asked_again_until_the_backoff_has_passed()
    {
        var clock = new ManualTimeProvider(FakeKeystone.T0);
        var fail = true;
        await using var keystone = await FakeServer.StartAsync(_ => Volatile.Read(ref fail) ? new FakeResponse(503, "busy", "text/plain") : FakeKeystone.Token("tok", FakeKeystone.T0.AddHours(1)));
        using var session = new KeystoneSession(FakeKeystone.Password(keystone), clock);

        var e1 = await Assert.ThrowsAsync<KeystoneAuthenticationException>(() => session.GetTokenAsync());
        Volatile.Write(ref fail, false);
        for (var i = 0; i < 20; i++)
        {
            Assert.Same(e1, await Assert.ThrowsAsync<KeystoneAuthenticationException>(() => session.GetTokenAsync()));
        }
        Assert.Equal(1, FakeKeystone.TokenRequests(keystone));

        clock.Advance(TimeSpan.FromSeconds(3));
        Assert.Equal("tok", (await session.GetTokenAsync()).Value);
        Assert.Equal(2, FakeKeystone.TokenRequests(keystone));
    }

    [Fact]
    public async Task Invalidating_a_stale_token_twice_causes_one_refresh()
    {
        var n = 0;
        await using var keystone = await FakeServer.StartAsync(_ => FakeKeystone.Token($"tok-{Interlocked.Increment(ref n)}", DateTimeOffset.UtcNow.AddHours(1)));
        using var session = new KeystoneSession(FakeKeystone.Password(keystone));
        var stale = await session.GetTokenAsync();

        Assert.True(session.Provider.Invalidate(stale));
        var fresh = await session.GetTokenAsync();
        session.Provider.Invalidate(stale); // a late 401 for the old token must not drop the new one

        Assert.Same(fresh, await session.GetTokenAsync());
        Assert.Equal(2, FakeKeystone.TokenRequests(keystone));
    }

    [Fact]
    public async Task Token_response_is_parsed_into_user_scope_roles_and_catalog()
    {
        await using var keystone = await FakeServer.StartAsync(_ => new FakeResponse(201, CapturedKeystone.TokenBody) { Headers = { ["X-Subject-Token"] = "gAAAAAB-captured" } });
        using var session = new KeystoneSession(FakeKeystone.Password(keystone));

        var token = await session.GetTokenAsync();

        Assert.Equal(new DateTimeOffset(2026, 11, 24, 2, 6, 54, TimeSpan.Zero), token.ExpiresAt);
        Assert.Equal(new DateTimeOffset(2026, 11, 24, 0, 6, 54, TimeSpan.Zero), token.IssuedAt);
        Assert.Equal("admin", token.UserName);
        Assert.Equal("4ca322e9016245a2b99ad44a9aee718c", token.ProjectId);
        Assert.Equal(["reader", "admin", "member"], token.Roles);
        Assert.Equal(["identity", "infra-optim", "monitoring"], token.Catalog.Services.Select(s => s.Type));
        Assert.Equal(new Uri("http://127.0.0.1:8070/v2.0"), token.Catalog.GetEndpoint("monitoring"));
    }

    [Fact]
    public async Task Session_for_a_pre_issued_token_calls_no_keystone_and_cannot_reauthenticate()
    {
        using var session = new KeystoneSession(new OpenStackClientOptions { Token = "pre-issued", Endpoint = "http://127.0.0.1:9/" });

        var token = await session.GetTokenAsync();

        Assert.Equal("pre-issued", token.Value);
        Assert.Null(token.ExpiresAt);
        Assert.False(session.CanReauthenticate);
        Assert.False(session.InvalidateToken());
        Assert.Equal(0, session.TokenRequestCount);
    }

    [Fact]
    public void Shared_sessions_are_one_per_credential_and_scope()
    {
        var a = new OpenStackClientOptions { AuthUrl = "http://keystone.example:5000/v3", Username = "u", Password = "p", UserDomainName = "Default", ProjectName = "x", ProjectDomainName = "Default" };
        var sameAgain = a.Clone();
        var otherProject = a.Clone();
        otherProject.ProjectName = "y";
        var otherPassword = a.Clone();
        otherPassword.Password = "q";

        Assert.Same(KeystoneSession.GetShared(a), KeystoneSession.GetShared(sameAgain));
        Assert.NotSame(KeystoneSession.GetShared(a), KeystoneSession.GetShared(otherProject));
        Assert.NotSame(KeystoneSession.GetShared(a), KeystoneSession.GetShared(otherPassword));
    }
}
