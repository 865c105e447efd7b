using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json.Linq;
using OpenStack.Testing;

namespace OpenStack.Core.Tests;

/// <summary>A clock the test moves by hand.</summary>
internal sealed class ManualTimeProvider(DateTimeOffset start) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = start;

    public override DateTimeOffset GetUtcNow() => Now;

    public void Advance(TimeSpan by) => Now += by;
}

internal sealed record Ep(string Type, string Name, string Interface, string Region, string Url);

/// <summary>Token responses shaped like the captured Keystone 22 answers.</summary>
internal static class FakeKeystone
{
    public static readonly DateTimeOffset T0 = new(2026, 11, 24, 0, 0, 0, TimeSpan.Zero);

    public static FakeResponse Token(string token, DateTimeOffset expiresAt, params Ep[] endpoints) =>
        new(201, TokenBody(expiresAt, endpoints)) { Headers = { ["X-Subject-Token"] = token } };

    public static string TokenBody(DateTimeOffset expiresAt, params Ep[] endpoints)
    {
        var catalog = new JArray(endpoints.GroupBy(e => (e.Type, e.Name)).Select(g => new JObject
        {
            ["type"] = g.Key.Type,
            ["name"] = g.Key.Name,
            ["id"] = Guid.NewGuid().ToString("N"),
            ["endpoints"] = new JArray(g.Select(e => new JObject
            {
                ["id"] = Guid.NewGuid().ToString("N"),
                ["interface"] = e.Interface,
                ["region_id"] = e.Region,
                ["region"] = e.Region,
                ["url"] = e.Url,
            })),
        }));
        return new JObject
        {
            ["token"] = new JObject
            {
                ["methods"] = new JArray("password"),
                ["user"] = new JObject { ["id"] = "u1", ["name"] = "admin", ["domain"] = new JObject { ["id"] = "default", ["name"] = "Default" } },
                ["expires_at"] = expiresAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'"),
                ["issued_at"] = expiresAt.AddHours(-2).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'"),
                ["project"] = new JObject { ["id"] = "p1", ["name"] = "admin", ["domain"] = new JObject { ["id"] = "default", ["name"] = "Default" } },
                ["roles"] = new JArray(new JObject { ["id"] = "r1", ["name"] = "admin" }),
                ["catalog"] = catalog,
            },
        }.ToString();
    }

    public static FakeResponse Unauthorized() =>
        new(401, """{"error":{"code":401,"message":"The request you have made requires authentication.","title":"Unauthorized"}}""");

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<FakeServer, string> Projects = new();
    private static int _projects;

    /// <summary>
    /// Password options for <paramref name="keystone"/>. The project name is unique per server, so that a process-wide
    /// shared session of an earlier test (whose server had the same port) is never reused.
    /// </summary>
    public static OpenStackClientOptions Password(FakeServer keystone, string password = "s3cret-pa55") => new()
    {
        AuthUrl = new Uri(keystone.BaseAddress, "v3").ToString(),
        Username = "admin",
        Password = password,
        UserDomainName = "Default",
        ProjectName = Projects.GetValue(keystone, _ => $"project-{Interlocked.Increment(ref _projects)}"),
        ProjectDomainName = "Default",
    };

    /// <summary>Keystone requests among the recorded requests.</summary>
    public static int TokenRequests(FakeServer server) => server.Requests.Count(r => r.Method == "POST" && r.Path.EndsWith("/auth/tokens", StringComparison.Ordinal));
}
