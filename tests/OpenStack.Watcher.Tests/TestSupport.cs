using OpenStack.Testing;

namespace OpenStack.Watcher.Tests;

/// <summary>A recorded HTTP answer of the real Watcher 9.0.0 (Captures/*.http).</summary>
internal sealed record Capture(int Status, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public static Capture Load(string name)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Captures", name + ".http");
        var lines = File.ReadAllText(path).Replace("\r\n", "\n").Split('\n');
        var i = 0;
        while (!lines[i].StartsWith("HTTP/", StringComparison.Ordinal))
        {
            i++;
        }
        var status = int.Parse(lines[i].Split(' ')[1]);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (i++; i < lines.Length && lines[i].Length > 0; i++)
        {
            var colon = lines[i].IndexOf(':');
            headers[lines[i][..colon]] = lines[i][(colon + 1)..].Trim();
        }
        var body = string.Join("\n", lines.Skip(i + 1)).Trim();
        return new Capture(status, headers, body);
    }

    /// <summary>The answer for the fake server (without the length/date/type headers Kestrel sets itself).</summary>
    public FakeResponse ToResponse()
    {
        var response = new FakeResponse(Status, Body);
        foreach (var (k, v) in Headers)
        {
            if (k is not ("Content-Length" or "Date" or "Content-Type"))
            {
                response.Headers[k] = v;
            }
        }
        return response;
    }

    public static FakeResponse Response(string name) => Load(name).ToResponse();
}

internal static class Fake
{
    public const string RootBody = """
        {"name": "OpenStack Watcher API", "description": "d", "versions": [{"id": "v1", "status": "CURRENT", "max_version": "1.4", "min_version": "1.0", "links": [{"href": "http://127.0.0.1:9322/v1/", "rel": "self"}]}], "default_version": {"id": "v1", "status": "CURRENT", "max_version": "1.4", "min_version": "1.0", "links": [{"href": "http://127.0.0.1:9322/v1/", "rel": "self"}]}}
        """;

    public static FakeResponse Json(string body, int status = 200) => new(status, body);

    /// <summary>A client over the fake server with the microversion handler; <paramref name="version"/> null negotiates.</summary>
    public static WatcherClient Client(FakeServer server, string? version = "1.4", string pathPrefix = "")
    {
        var micro = WatcherMicroversionHandler.FromSetting(version);
        micro.InnerHandler = new SocketsHttpHandler();
        var http = new HttpClient(micro) { BaseAddress = new Uri(server.BaseAddress, pathPrefix) };
        return new WatcherClient(http, micro, disposeHttpClient: true);
    }

    /// <summary>The requests the test made, without the negotiation's GET /.</summary>
    public static IReadOnlyList<RecordedRequest> ApiRequests(this FakeServer server) =>
        server.Requests.Where(r => r.Path.Contains("/v1", StringComparison.Ordinal)).ToList();
}
