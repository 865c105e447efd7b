using Microsoft.Extensions.Time.Testing;
using Newtonsoft.Json.Linq;
using OpenStack.Testing;

namespace OpenStack.Core.Tests;

/// <summary>
/// The refresh margin is <c>min(120 s, lifetime / 2)</c>: a token living 120 s or less is reused for half its life
/// instead of being replaced on nearly every call (the fault harness saw 25 calls make 26 token requests).
/// </summary>
public sealed class RefreshMarginTests
{
    /// <summary>A Keystone whose tokens live <paramref name="lifetime"/> from the fake clock's now.</summary>
    private static Task<FakeServer> KeystoneAsync(FakeTimeProvider clock, TimeSpan lifetime)
    {
        var n = 0;
        return FakeServer.StartAsync(_ =>
        {
            var now = clock.GetUtcNow();
            var body = JObject.Parse(FakeKeystone.TokenBody(now + lifetime));
            body["token"]!["issued_at"] = now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", System.Globalization.CultureInfo.InvariantCulture);
            return new FakeResponse(201, body.ToString()) { Headers = { ["X-Subject-Token"] = $"tok-{Interlocked.Increment(ref n)}" } };
        });
    }

    [Theory]
    [InlineData(2, 5, 7)]     // a 2-s token is refreshed once a second: 25 calls over 5 s, 5 to 7 requests (was 25)
    [InlineData(20, 1, 1)]    // a 20-s token (margin 10 s) serves every call of 5 s
    [InlineData(120, 1, 1)]   // a 120-s token (margin 60 s) too (was: one request per call)
    [InlineData(3600, 1, 1)]  // a 1-h token keeps keystoneauth1's 120 s
    public async Task Calls_over_five_seconds_make_few_token_requests(int lifetimeSeconds, int atLeast, int atMost)
    {
        var clock = new FakeTimeProvider(FakeKeystone.T0);
        await using var keystone = await KeystoneAsync(clock, TimeSpan.FromSeconds(lifetimeSeconds));
        using var session = new KeystoneSession(FakeKeystone.Password(keystone), clock);

        for (var call = 0; call < 25; call++)
        {
            var token = await session.GetTokenAsync();
            Assert.True(token.ExpiresAt > clock.GetUtcNow(), "a token is never used after it expired");
            clock.Advance(TimeSpan.FromMilliseconds(200));
        }

        var requests = FakeKeystone.TokenRequests(keystone);
        Assert.InRange(requests, atLeast, atMost);
        Assert.Equal(requests, session.TokenRequestCount);
    }

    [Fact]
    public async Task A_three_minute_soak_with_two_minute_tokens_makes_a_handful_of_requests()
    {
        var clock = new FakeTimeProvider(FakeKeystone.T0);
        await using var keystone = await KeystoneAsync(clock, TimeSpan.FromSeconds(120));
        using var session = new KeystoneSession(FakeKeystone.Password(keystone), clock);

        for (var call = 0; call < 1800; call++)
        {
            await session.GetTokenAsync();
            clock.Advance(TimeSpan.FromMilliseconds(100));
        }

        Assert.InRange(FakeKeystone.TokenRequests(keystone), 3, 4); // 180 s / 60 s of use each (was 1,800)
    }

    [Theory]
    [InlineData(3600, 120)]
    [InlineData(240, 120)]
    [InlineData(120, 60)]
    [InlineData(2, 1)]
    [InlineData(-5, 0)]
    public void The_margin_is_the_smaller_of_120_seconds_and_half_the_lifetime(int lifetimeSeconds, int marginSeconds)
    {
        var token = new KeystoneToken("t", FakeKeystone.T0.AddSeconds(lifetimeSeconds)) { IssuedAt = FakeKeystone.T0 };

        Assert.Equal(TimeSpan.FromSeconds(marginSeconds), TokenProvider.MarginFor(token));
    }

    [Fact]
    public void Without_issued_at_the_time_received_is_the_start_of_the_lifetime()
    {
        var t = JObject.Parse(FakeKeystone.TokenBody(FakeKeystone.T0.AddSeconds(30)))["token"]!;
        ((JObject)t).Remove("issued_at");

        var token = TokenProvider.ParseToken("t", (JObject)t, FakeKeystone.T0);

        Assert.Equal(TimeSpan.FromSeconds(15), TokenProvider.MarginFor(token));
    }
}
