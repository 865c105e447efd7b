using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenStack.Testing;

namespace OpenStack.Caching.Tests;

/// <summary>
/// A fake Keystone and a fake service on one loopback server: <c>POST /v3/auth/tokens</c> issues a new fernet-like token
/// (valid one hour) and counts; <c>GET /svc/ping</c> answers 200 to an issued, unrevoked token and 401 otherwise.
/// </summary>
public sealed class FakeCloud : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, bool> _issued = new();
    private readonly ConcurrentDictionary<string, bool> _revoked = new();
    private readonly ConcurrentQueue<(DateTimeOffset At, string? Pid)> _tokenRequestLog = new();
    private int _tokenRequests;

    private FakeCloud(FakeServer server) => Server = server;

    public FakeServer Server { get; }

    public int TokenRequests => Volatile.Read(ref _tokenRequests);

    public IReadOnlyCollection<string> Issued => _issued.Keys.ToList();

    /// <summary>When each token request arrived, and the process id its sender gave (<c>X-Fleet-Pid</c>), in order.</summary>
    public IReadOnlyList<(DateTimeOffset At, string? Pid)> TokenRequestLog => _tokenRequestLog.ToList();

    /// <summary>
    /// Runs before a token request is answered, with the request and its number (1 for the first): a test can hold the
    /// answer back (the fake's thread blocks) or pause the process that sent it.
    /// </summary>
    public Action<RecordedRequest, int>? BeforeToken { get; set; }

    public static async Task<FakeCloud> StartAsync()
    {
        FakeCloud? cloud = null;
        var server = await FakeServer.StartAsync(r => cloud!.Answer(r));
        cloud = new FakeCloud(server);
        return cloud;
    }

    public void Revoke(string token) => _revoked[token] = true;

    private FakeResponse Answer(RecordedRequest r)
    {
        if (r.Method == "POST" && r.Path.EndsWith("/v3/auth/tokens", StringComparison.Ordinal))
        {
            var number = Interlocked.Increment(ref _tokenRequests);
            _tokenRequestLog.Enqueue((DateTimeOffset.UtcNow, r.Header("X-Fleet-Pid")));
            BeforeToken?.Invoke(r, number);
            var token = "gAAAAAB" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(150)).Replace('+', '-').Replace('/', '_').TrimEnd('=');
            _issued[token] = true;
            var expires = DateTimeOffset.UtcNow.AddHours(1).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", System.Globalization.CultureInfo.InvariantCulture);
            var body = $$$"""
                {"token":{"methods":["password"],"user":{"id":"u1","name":"fleet","domain":{"id":"default","name":"Default"}},
                "expires_at":"{{{expires}}}","project":{"id":"p1","name":"fleet","domain":{"id":"default","name":"Default"}},
                "roles":[{"id":"r1","name":"member"}],"catalog":[{"type":"fake","name":"fake","id":"s1","endpoints":[{"id":"e1","interface":"public","region":"RegionOne","region_id":"RegionOne","url":"{{{Server.BaseAddress}}}svc/"}]}]}}
                """;
            return new FakeResponse(201, body) { Headers = { ["X-Subject-Token"] = token } };
        }
        if (r.Method == "GET" && r.Path == "/svc/ping")
        {
            var token = r.Header("X-Auth-Token");
            return token is not null && _issued.ContainsKey(token) && !_revoked.ContainsKey(token)
                ? new FakeResponse(200, """{"pong":true}""")
                : new FakeResponse(401, """{"error":{"code":401,"message":"The request you have made requires authentication.","title":"Unauthorized"}}""");
        }
        return new FakeResponse(404, "{}");
    }

    /// <summary>The services of one process of the fleet (a separate container: its own token provider and connections).</summary>
    public Member CreateMember(string? redis, string keyRing, Action<DistributedTokenCacheOptions>? configure = null, string project = "fleet",
        Microsoft.Extensions.Caching.Distributed.IDistributedCache? cache = null)
    {
        var logs = new CapturingLoggerProvider();
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Debug));
        services.AddDataProtection().PersistKeysToFileSystem(new DirectoryInfo(keyRing)).SetApplicationName("openstack-fleet");
        if (redis is not null)
        {
            services.AddStackExchangeRedisCache(o => o.Configuration = redis);
        }
        if (cache is not null)
        {
            services.AddSingleton(cache);
        }
        services.AddKeystoneDistributedTokenCache(configure);
        services.AddKeystone(o =>
        {
            o.AuthUrl = new Uri(Server.BaseAddress, "v3").ToString();
            o.Username = "fleet";
            o.Password = Password;
            o.UserDomainName = "Default";
            o.ProjectName = project;
            o.ProjectDomainName = "Default";
        });
        services.AddOpenStackHttpClient("svc", new OpenStackService("fake", "v1"));
        return new Member(services.BuildServiceProvider(), logs);
    }

    public const string Password = "fleet-pa55word-!x";

    public ValueTask DisposeAsync() => Server.DisposeAsync();

    public sealed class Member(ServiceProvider provider, CapturingLoggerProvider logs) : IAsyncDisposable
    {
        public ServiceProvider Provider { get; } = provider;

        public CapturingLoggerProvider Logs { get; } = logs;

        public KeystoneSession Session => Provider.GetRequiredService<IKeystoneSessionProvider>().GetSession();

        public async Task<bool> PingAsync()
        {
            var http = Provider.GetRequiredService<IHttpClientFactory>().CreateClient("svc");
            using var response = await http.GetAsync("ping");
            return response.IsSuccessStatusCode;
        }

        /// <summary>The library's warnings (not Data Protection's own about an unencrypted test key ring).</summary>
        public IEnumerable<string> Warnings => Logs.Entries.Where(m => m.Level == LogLevel.Warning && m.Category.StartsWith("OpenStack", StringComparison.Ordinal)).Select(m => m.Message);

        public ValueTask DisposeAsync() => Provider.DisposeAsync();
    }
}
