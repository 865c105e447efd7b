using OpenStack.Testing;

namespace OpenStack.Core.Tests;

/// <summary>Keystone version discovery for unversioned auth URLs (keystoneauth1 semantics).</summary>
public sealed class VersionDiscoveryTests
{
    // The bodies of /work/shared/reference/captures/keystone-get-root.http and keystone-get-v3.http (Keystone 22),
    // with the host replaced by {BASE}.
    private const string RootDocument = """
        {"versions": {"values": [{"id": "v3.14", "status": "stable", "updated": "2020-04-07T00:00:00Z", "links": [{"rel": "self", "href": "{BASE}v3/"}], "media-types": [{"base": "application/json", "type": "application/vnd.openstack.identity-v3+json"}]}]}}
        """;

    private const string V3Document = """
        {"version": {"id": "v3.14", "status": "stable", "updated": "2020-04-07T00:00:00Z", "links": [{"rel": "self", "href": "{BASE}v3/"}], "media-types": [{"base": "application/json", "type": "application/vnd.openstack.identity-v3+json"}]}}
        """;

    private static int _unique;

    private static string UniquePrefix() => $"identity{Interlocked.Increment(ref _unique)}-{Guid.NewGuid():N}"[..20] + "/";

    /// <summary>A Keystone that serves <paramref name="document"/> (with {BASE} = its base + prefix) at the prefix and tokens under it.</summary>
    private static async Task<FakeServer> Keystone(string prefix, int discoveryStatus, string document, string tokenPath = "v3/auth/tokens")
    {
        var server = await FakeServer.StartAsync();
        var @base = server.BaseAddress + prefix;
        server.Handler = r =>
        {
            if (r.Method == "GET" && ("/" + prefix).TrimEnd('/') == r.Path.TrimEnd('/'))
            {
                return new FakeResponse(discoveryStatus, document.Replace("{BASE}", @base));
            }
            if (r.Method == "POST" && r.Path == "/" + prefix + tokenPath)
            {
                return FakeKeystone.Token("tok-d", DateTimeOffset.UtcNow.AddHours(1));
            }
            return new FakeResponse(404, """{"error":{"code":404,"message":"not here"}}""");
        };
        return server;
    }

    private static OpenStackClientOptions Options(string authUrl) => new()
    {
        AuthUrl = authUrl, Username = "admin", Password = "pw", UserDomainName = "Default", ProjectId = "p-" + Guid.NewGuid().ToString("N"),
    };

    [Theory]
    [InlineData("", false)]
    [InlineData("", true)]
    [InlineData("prefix", false)]
    [InlineData("prefix", true)]
    public async Task An_unversioned_auth_url_is_discovered_from_the_300_versions_document(string prefixKind, bool trailingSlash)
    {
        var prefix = prefixKind.Length == 0 ? "" : UniquePrefix();
        if (prefix.Length == 0)
        {
            VersionDiscovery.ClearCache(); // the root of a reused port may be cached by an earlier test
        }
        await using var keystone = await Keystone(prefix, 300, RootDocument);
        var authUrl = (keystone.BaseAddress + prefix).TrimEnd('/') + (trailingSlash ? "/" : "");
        using var session = new KeystoneSession(Options(authUrl));

        var token = await session.GetTokenAsync();

        Assert.Equal("tok-d", token.Value);
        Assert.Equal(
            [$"GET /{prefix}".TrimEnd('/'), $"POST /{prefix}v3/auth/tokens"],
            keystone.Requests.Select(r => $"{r.Method} {r.Path}".TrimEnd('/')));
        Assert.Equal("application/json", keystone.Requests[0].Header("Accept"));
        Assert.Equal(authUrl, session.AuthUrl);
    }

    [Fact]
    public async Task A_200_single_version_document_is_read_too()
    {
        var prefix = UniquePrefix();
        await using var keystone = await Keystone(prefix, 200, V3Document);
        using var session = new KeystoneSession(Options(keystone.BaseAddress + prefix));

        await session.GetTokenAsync();

        Assert.Equal(["GET", "POST"], keystone.Requests.Select(r => r.Method));
        Assert.Equal($"/{prefix}v3/auth/tokens", keystone.Requests[1].Path);
    }

    [Fact]
    public async Task The_discovered_url_is_cached_per_auth_url()
    {
        var prefix = UniquePrefix();
        await using var keystone = await Keystone(prefix, 300, RootDocument);
        var authUrl = keystone.BaseAddress + prefix;

        using (var first = new KeystoneSession(Options(authUrl)))
        {
            await first.GetTokenAsync();
        }
        using var second = new KeystoneSession(Options(authUrl.TrimEnd('/'))); // same auth URL without the slash
        await second.GetTokenAsync();
        second.InvalidateToken();
        await second.GetTokenAsync();

        Assert.Equal(["GET", "POST", "POST", "POST"], keystone.Requests.Select(r => r.Method));
    }

    [Fact]
    public async Task The_self_link_may_point_elsewhere_than_auth_url_plus_v3()
    {
        var prefix = UniquePrefix();
        const string doc = """
            {"versions": {"values": [
              {"id": "v2.0", "status": "deprecated", "links": [{"rel": "self", "href": "{BASE}v2.0/"}]},
              {"id": "v3.14", "status": "stable", "links": [{"rel": "describedby", "href": "https://docs.openstack.org/"}, {"rel": "self", "href": "{BASE}keystone/api/v3/"}]}]}}
            """;
        await using var keystone = await Keystone(prefix, 300, doc, tokenPath: "keystone/api/v3/auth/tokens");
        using var session = new KeystoneSession(Options(keystone.BaseAddress + prefix));

        Assert.Equal("tok-d", (await session.GetTokenAsync()).Value);
        Assert.Equal($"/{prefix}keystone/api/v3/auth/tokens", keystone.Requests[1].Path);
    }

    [Theory]
    [InlineData("v3")]
    [InlineData("v3/")]
    public async Task A_v3_auth_url_is_used_as_is_without_discovery(string suffix)
    {
        await using var keystone = await Keystone("", 300, RootDocument);
        using var session = new KeystoneSession(Options(keystone.BaseAddress + suffix));

        await session.GetTokenAsync();

        var request = Assert.Single(keystone.Requests);
        Assert.Equal("POST /v3/auth/tokens", $"{request.Method} {request.Path}");
    }

    [Theory]
    [InlineData(404, """{"error":{"code":404}}""")]
    [InlineData(200, "<html><body>It works!</body></html>")]
    [InlineData(300, """{"versions": {"values": [{"id": "v2.0", "status": "stable", "links": [{"rel": "self", "href": "http://x/v2.0/"}]}]}}""")]
    [InlineData(200, """{"versions": "nonsense"}""")]
    public async Task An_unreadable_document_falls_back_to_appending_v3(int status, string body)
    {
        var prefix = UniquePrefix();
        await using var keystone = await Keystone(prefix, status, body);
        var logs = new CapturingLoggerProvider();
        var options = Options(keystone.BaseAddress + prefix);
        options.LoggerFactory = logs;
        using var session = new KeystoneSession(options);

        Assert.Equal("tok-d", (await session.GetTokenAsync()).Value);
        session.InvalidateToken();
        await session.GetTokenAsync();

        // The fallback that worked is remembered: no second discovery.
        Assert.Equal(["GET", "POST", "POST"], keystone.Requests.Select(r => r.Method));
        Assert.Equal($"/{prefix}v3/auth/tokens", keystone.Requests[1].Path);
        Assert.Contains(logs.Messages, m => m.Contains("version discovery", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task When_discovery_and_the_fallback_both_fail_the_error_says_so_without_the_password()
    {
        var prefix = UniquePrefix();
        await using var keystone = await Keystone(prefix, 404, "{}", tokenPath: "nowhere");
        var options = Options(keystone.BaseAddress + prefix);
        options.Password = "very-secret-password";
        using var session = new KeystoneSession(options);

        var e = await Assert.ThrowsAsync<KeystoneAuthenticationException>(() => session.GetTokenAsync());

        Assert.Contains("Version discovery failed", e.Message);
        Assert.Contains($"GET {keystone.BaseAddress}{prefix} answered 404", e.Message);
        Assert.Contains($"{keystone.BaseAddress}{prefix}v3 was tried instead", e.Message);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, e.StatusCode);
        Assert.DoesNotContain("very-secret-password", e.ToString());
    }

    [Fact]
    public async Task An_unreachable_keystone_says_discovery_failed_too()
    {
        int port;
        await using (var gone = await FakeServer.StartAsync())
        {
            port = gone.BaseAddress.Port;
        }
        using var session = new KeystoneSession(Options($"http://127.0.0.1:{port}/{UniquePrefix()}"));

        var e = await Assert.ThrowsAsync<KeystoneAuthenticationException>(() => session.GetTokenAsync());

        Assert.Contains("Could not reach Keystone", e.Message);
        Assert.Contains("Version discovery failed", e.Message);
    }

    [Theory]
    [InlineData("http://h:5000", "http://h:5000/", true)]
    [InlineData("http://h:5000/identity", "http://h:5000/identity/", true)]
    [InlineData("http://h:5000/v3", "http://h:5000/v3/", true)]
    [InlineData("http://h:5000", "http://h:5000/v3", false)]
    [InlineData("http://h:5000/identity", "http://h:5000", false)]
    [InlineData("http://h:5000", "http://h:5001", false)]
    public void The_shared_session_key_follows_the_auth_url(string a, string b, bool same)
    {
        static string Key(string url)
        {
            var o = Options(url);
            o.ProjectId = "p";
            return KeystoneCredential.From(o).CacheKey();
        }

        Assert.Equal(same, Key(a) == Key(b));
    }

    [Fact]
    public void Shared_sessions_for_one_unversioned_url_are_one_and_differ_from_the_v3_url()
    {
        var o1 = Options("http://keystone.example:5000");
        var o2 = Options("http://keystone.example:5000/");
        o2.ProjectId = o1.ProjectId;
        var o3 = Options("http://keystone.example:5000/v3");
        o3.ProjectId = o1.ProjectId;

        Assert.Same(KeystoneSession.GetShared(o1), KeystoneSession.GetShared(o2));
        Assert.NotSame(KeystoneSession.GetShared(o1), KeystoneSession.GetShared(o3));
    }

    [Theory]
    [InlineData("http://h:5000/v2.0")]
    [InlineData("ftp://h/")]
    [InlineData("not a url")]
    public void Bad_auth_urls_are_rejected_when_the_session_is_created(string url) =>
        Assert.Throws<ArgumentException>(() => new KeystoneSession(Options(url)));

    [Fact]
    public void Parse_resolves_a_relative_self_link_and_prefers_stable_v3()
    {
        const string doc = """
            {"versions": [
              {"id": "v3.0", "status": "deprecated", "links": [{"rel": "self", "href": "/old/v3/"}]},
              {"id": "v3.14", "status": "CURRENT", "links": [{"rel": "self", "href": "/identity/v3/"}]}]}
            """;

        Assert.Equal("https://k.example/identity/v3", VersionDiscovery.Parse(doc, new Uri("https://k.example/identity"))!.AbsoluteUri);
        Assert.Null(VersionDiscovery.Parse("[]", new Uri("https://k.example/")));
        Assert.Null(VersionDiscovery.Parse("""{"version": {"id": "v3.14", "status": "stable", "links": []}}""", new Uri("https://k.example/")));
    }
}
