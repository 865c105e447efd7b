using OpenStack.Testing;

namespace OpenStack.Monasca.Tests;

/// <summary>A FakeServer plus a MonascaClient over it that also records the exact request URIs sent.</summary>
internal sealed class Fake : IAsyncDisposable
{
    private readonly Queue<FakeResponse> _queued = new();

    private Fake(FakeServer server, UriRecorder recorder, HttpClient http)
    {
        Server = server;
        Recorder = recorder;
        Http = http;
        Client = new MonascaClient(http);
    }

    public FakeServer Server { get; }

    public UriRecorder Recorder { get; }

    public HttpClient Http { get; }

    public MonascaClient Client { get; }

    public IReadOnlyList<RecordedRequest> Requests => Server.Requests;

    public RecordedRequest Request => Assert.Single(Server.Requests);

    /// <summary>The request URIs exactly as HttpClient sent them (escaping preserved).</summary>
    public IReadOnlyList<Uri> SentUris => Recorder.Uris;

    public static async Task<Fake> StartAsync(params FakeResponse[] responses)
    {
        var server = await FakeServer.StartAsync();
        var recorder = new UriRecorder { InnerHandler = new SocketsHttpHandler() };
        var http = new HttpClient(recorder) { BaseAddress = server.BaseAddress };
        var fake = new Fake(server, recorder, http);
        foreach (var r in responses)
        {
            fake._queued.Enqueue(r);
        }
        server.Handler = _ => fake._queued.Count > 0 ? fake._queued.Dequeue() : new FakeResponse(500, "{\"title\":\"no canned response left\"}");
        return fake;
    }

    public static Task<Fake> JsonAsync(string body, int status = 200) => StartAsync(new FakeResponse(status, body));

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Server.DisposeAsync();
    }
}

internal sealed class UriRecorder : DelegatingHandler
{
    private readonly List<Uri> _uris = new();

    public IReadOnlyList<Uri> Uris
    {
        get
        {
            lock (_uris)
            {
                return _uris.ToList();
            }
        }
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        lock (_uris)
        {
            _uris.Add(request.RequestUri!);
        }
        return base.SendAsync(request, cancellationToken);
    }
}

internal static class Query
{
    /// <summary>
    /// Decodes a raw query string the way the server does (Falcon): pairs on '&amp;', name and value on
    /// the first '=', '+' as space, percent-decoding once. Repeated keys keep their order.
    /// </summary>
    public static List<KeyValuePair<string, string>> Decode(string queryString)
    {
        var q = queryString.StartsWith('?') ? queryString[1..] : queryString;
        var result = new List<KeyValuePair<string, string>>();
        foreach (var part in q.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = part.IndexOf('=');
            var name = eq < 0 ? part : part[..eq];
            var value = eq < 0 ? "" : part[(eq + 1)..];
            result.Add(new(Unescape(name), Unescape(value)));
        }
        return result;
    }

    /// <summary>The decoded query as "k=v" strings, for readable assertions.</summary>
    public static string[] Pairs(string queryString) => Decode(queryString).Select(p => $"{p.Key}={p.Value}").ToArray();

    private static string Unescape(string s) => Uri.UnescapeDataString(s.Replace('+', ' '));
}
