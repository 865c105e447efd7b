using System.Collections.Concurrent;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace OpenStack;

/// <summary>
/// Keystone version discovery for an auth URL without a version, as keystoneauth1 does it: <c>GET</c> the URL, read the
/// versions document (<c>300 Multiple Choices</c> with <c>versions.values[]</c>, or <c>200</c> with a single
/// <c>version</c>) and take the <c>links[rel=self].href</c> of the stable v3 version. Results are cached per auth URL
/// for the process. When the document cannot be read, the caller falls back to <c>{auth_url}/v3</c>.
/// </summary>
internal static class VersionDiscovery
{
    private static readonly ConcurrentDictionary<string, Uri> Cache = new(StringComparer.Ordinal);

    /// <summary>The outcome: the v3 base URL (no trailing slash) and, for a fallback, why discovery failed.</summary>
    internal readonly record struct Result(Uri V3Url, string? Problem)
    {
        public bool IsFallback => Problem is not null;
    }

    /// <summary>The normalised form of an unversioned auth URL (no trailing slash, no query): the cache key.</summary>
    internal static string Key(Uri authUrl) =>
        new UriBuilder(authUrl) { Path = authUrl.AbsolutePath.TrimEnd('/'), Query = "", Fragment = "" }.Uri.AbsoluteUri.TrimEnd('/');

    /// <summary><c>{auth_url}/v3</c>: the URL used when discovery fails.</summary>
    internal static Uri Fallback(Uri authUrl) => new(Key(authUrl) + "/v3");

    /// <summary>Remembers a fallback URL that worked, so that it is not discovered again.</summary>
    internal static void Remember(Uri authUrl, Uri v3Url) => Cache[Key(authUrl)] = v3Url;

    /// <summary>Forgets every cached result (tests).</summary>
    internal static void ClearCache() => Cache.Clear();

    /// <summary>The v3 URL for <paramref name="authUrl"/>: cached, discovered, or the fallback with the reason.</summary>
    public static async Task<Result> ResolveAsync(HttpClient client, Uri authUrl, CancellationToken cancellationToken)
    {
        var key = Key(authUrl);
        if (Cache.TryGetValue(key, out var cached))
        {
            return new Result(cached, null);
        }
        string problem;
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, authUrl);
            request.Headers.Accept.ParseAdd("application/json");
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode && (int)response.StatusCode != 300)
            {
                problem = $"GET {authUrl} answered {(int)response.StatusCode} {response.ReasonPhrase}";
            }
            else if (Parse(body, authUrl) is { } found)
            {
                Cache[key] = found;
                return new Result(found, null);
            }
            else
            {
                problem = $"GET {authUrl} answered {(int)response.StatusCode} without a stable v3 version in a versions document";
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException or IOException)
        {
            problem = $"GET {authUrl} failed: {e.Message}";
        }
        return new Result(Fallback(authUrl), problem);
    }

    /// <summary>
    /// The self link of the best v3 version of a versions document (<c>versions.values[]</c>, <c>versions[]</c> or
    /// <c>version</c>): status stable, current or supported; a relative link is resolved against
    /// <paramref name="documentUrl"/>. Null when there is none or the body is not such a document.
    /// </summary>
    internal static Uri? Parse(string body, Uri documentUrl)
    {
        JToken json;
        try
        {
            using var reader = new JsonTextReader(new StringReader(body)) { DateParseHandling = DateParseHandling.None };
            json = JToken.Load(reader);
        }
        catch (JsonException)
        {
            return null;
        }
        if (json is not JObject root)
        {
            return null;
        }
        IEnumerable<JToken> versions = root["versions"] switch
        {
            JObject o when o["values"] is JArray values => values,
            JArray a => a,
            _ => root["version"] is JObject single ? [single] : [],
        };
        var best = versions.OfType<JObject>()
            .Where(v => ((string?)(v["id"] as JValue))?.StartsWith("v3", StringComparison.OrdinalIgnoreCase) == true)
            .Select(v => (Rank: Rank((string?)(v["status"] as JValue)), Href: SelfHref(v)))
            .Where(v => v.Rank > 0 && v.Href is not null)
            .OrderByDescending(v => v.Rank)
            .FirstOrDefault();
        if (best.Href is null || !Uri.TryCreate(documentUrl, best.Href, out var href)
            || (href.Scheme != Uri.UriSchemeHttp && href.Scheme != Uri.UriSchemeHttps))
        {
            return null;
        }
        return new UriBuilder(href) { Path = href.AbsolutePath.TrimEnd('/'), Query = "", Fragment = "" }.Uri;
    }

    private static int Rank(string? status) => status?.ToLowerInvariant() switch
    {
        "stable" or "current" => 2,
        "supported" => 1,
        _ => 0,
    };

    private static string? SelfHref(JObject version) =>
        (version["links"] as JArray)?.OfType<JObject>()
            .Where(l => string.Equals((string?)(l["rel"] as JValue), "self", StringComparison.OrdinalIgnoreCase))
            .Select(l => (string?)(l["href"] as JValue))
            .FirstOrDefault(h => !string.IsNullOrWhiteSpace(h));
}
