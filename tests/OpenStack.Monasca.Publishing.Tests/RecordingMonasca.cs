using System.Threading.Channels;
using Newtonsoft.Json.Linq;
using OpenStack.Testing;

namespace OpenStack.Monasca.Publishing.Tests;

/// <summary>
/// A loopback Monasca that records every <c>POST /v2.0/metrics</c> body and answers from a script (by POST number, from 1):
/// 204 unless the script says otherwise. Tests await arrivals through <see cref="NextAsync"/>.
/// </summary>
public sealed class RecordingMonasca : IAsyncDisposable
{
    private readonly Channel<(int Status, JArray Body, int Bytes)> _posts = Channel.CreateUnbounded<(int, JArray, int)>();
    private int _count;

    private RecordingMonasca(FakeServer server) => Server = server;

    public FakeServer Server { get; }

    /// <summary>The status of POST number n (1-based); default 204.</summary>
    public Func<int, int> Script { get; set; } = _ => 204;

    /// <summary>Bodies answered 2xx, in order.</summary>
    public List<JArray> Accepted { get; } = [];

    public static async Task<RecordingMonasca> StartAsync()
    {
        RecordingMonasca? monasca = null;
        var server = await FakeServer.StartAsync(r => monasca!.Answer(r));
        monasca = new RecordingMonasca(server);
        return monasca;
    }

    public MonascaClient CreateClient() =>
        MonascaClientFactory.Create("2_0", new OpenStackClientOptions { Token = "publisher-test-token", Endpoint = Server.BaseAddress + "v2.0" });

    private FakeResponse Answer(RecordedRequest r)
    {
        if (r.Method == "POST" && r.Path == "/v3/auth/tokens")
        {
            // Keystone too, for the hosting tests: a token whose catalog names this server as Monasca ("monitoring").
            var expires = DateTimeOffset.UtcNow.AddHours(1).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", System.Globalization.CultureInfo.InvariantCulture);
            var token = new JObject
            {
                ["token"] = new JObject
                {
                    ["methods"] = new JArray("password"),
                    ["expires_at"] = expires,
                    ["user"] = new JObject { ["id"] = "u1", ["name"] = "agent" },
                    ["project"] = new JObject { ["id"] = "p1", ["name"] = "ops" },
                    ["catalog"] = new JArray(new JObject
                    {
                        ["type"] = "monitoring",
                        ["name"] = "monasca",
                        ["endpoints"] = new JArray(new JObject { ["interface"] = "public", ["region"] = "RegionOne", ["url"] = Server.BaseAddress + "v2.0" }),
                    }),
                },
            };
            return new FakeResponse(201, token.ToString()) { Headers = { ["X-Subject-Token"] = "gAAAAAB-recording-monasca-token" } };
        }
        if (r.Method != "POST" || r.Path != "/v2.0/metrics")
        {
            return new FakeResponse(404, """{"title":"Not Found","description":"no such path"}""");
        }
        var n = Interlocked.Increment(ref _count);
        var status = Script(n);
        var body = JArray.Parse(r.Body);
        if (status is >= 200 and < 300)
        {
            lock (Accepted)
            {
                Accepted.Add(body);
            }
        }
        _posts.Writer.TryWrite((status, body, System.Text.Encoding.UTF8.GetByteCount(r.Body)));
        return status == 204 ? new FakeResponse(204) : new FakeResponse(status, $$"""{"title":"Status {{status}}","description":"scripted"}""");
    }

    /// <summary>The next POST received (its status, body and size in bytes).</summary>
    public async Task<(int Status, JArray Body, int Bytes)> NextAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        return await _posts.Reader.ReadAsync(timeout.Token);
    }

    /// <summary>Every metric accepted, in order.</summary>
    public List<JObject> AcceptedMetrics()
    {
        lock (Accepted)
        {
            return Accepted.SelectMany(b => b.Cast<JObject>()).ToList();
        }
    }

    public ValueTask DisposeAsync() => Server.DisposeAsync();
}
