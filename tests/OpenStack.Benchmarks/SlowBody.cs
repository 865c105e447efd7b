using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using Newtonsoft.Json;
using OpenStack.Monasca;

namespace OpenStack.Benchmarks;

/// <summary>
/// Slow bodies: 64 calls in flight through one client to a server that sends the headers and half the body at once,
/// then the rest in drips (or after a stall); meanwhile a 20 ms heartbeat and a healthy call to a second server measure
/// how late the rest of the process runs. Rows: ours, the raw baseline reading asynchronously, the raw baseline reading
/// synchronously (the old shape of the library's read).
/// </summary>
internal static class SlowBody
{
    private const string Token = "gAAAAABbenchmark-token-0123456789abcdef";
    private const int InFlight = 64;
    private static readonly TimeSpan Slow = TimeSpan.FromSeconds(2);

    private static readonly JsonSerializer Serializer = JsonSerializer.Create(new JsonSerializerSettings { DateParseHandling = DateParseHandling.DateTimeOffset });

    public static async Task<int> RunAsync(string[] args)
    {
        var rounds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 3;
        var slowPort = Loopback.FreePort();
        var healthyPort = Loopback.FreePort();
        using var server = Loopback.StartSelf($"slowserve {slowPort} {healthyPort}");
        var slowUrl = $"http://127.0.0.1:{slowPort}/";
        var healthyUrl = $"http://127.0.0.1:{healthyPort}/";
        await Loopback.WaitForAsync(healthyUrl);

        Console.WriteLine($"Slow-body benchmark, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, .NET {Environment.Version}, " +
            $"{InFlight} calls in flight, body {Bodies.Measurements(1_000).Length / 1024} KB, rest after {Slow.TotalSeconds} s, load {Load()}");
        Console.WriteLine();
        foreach (var client in new[] { "ours", "raw async", "raw sync" })
        {
            await RoundAsync(client, slowUrl + "drip/", healthyUrl); // warm-up: code loaded and compiled, not printed
        }
        Console.WriteLine("| mode | client | 64 calls s | heartbeat late max ms | healthy call max ms | healthy call median ms |");
        Console.WriteLine("| --- | --- | ---: | ---: | ---: | ---: |");
        foreach (var mode in new[] { "drip", "stall" })
        {
            foreach (var client in new[] { "ours", "raw async", "raw sync" })
            {
                for (var round = 0; round < rounds; round++)
                {
                    var (total, late, healthyMax, healthyMedian) = await RoundAsync(client, slowUrl + mode + "/", healthyUrl);
                    Console.WriteLine($"| {mode} | {client} | {total:F2} | {late:F0} | {healthyMax:F0} | {healthyMedian:F0} |");
                }
            }
        }
        server.Kill(entireProcessTree: true);
        return 0;
    }

    private static string Load() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a";

    private static async Task<(double Total, double Late, double HealthyMax, double HealthyMedian)> RoundAsync(string client, string url, string healthyUrl)
    {
        using var raw = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = InFlight }) { BaseAddress = new Uri(url) };
        raw.DefaultRequestHeaders.Add("X-Auth-Token", Token);
        using var ours = MonascaClientFactory.Create("2_0", new OpenStackClientOptions { Token = Token, Endpoint = url + "v2.0", MaxConnectionsPerServer = InFlight });
        using var healthy = new HttpClient { BaseAddress = new Uri(healthyUrl) };
        await healthy.GetStringAsync("");
        Func<Task<int>> call = client switch
        {
            "ours" => async () => (await ours.Metrics.ListMeasurementsAsync(name: "m", startTime: DateTimeOffset.UnixEpoch)).Elements.Single().Measurements!.Count,
            "raw async" => () => RawAsync(raw),
            _ => () => RawSync(raw),
        };

        using var stop = new CancellationTokenSource();
        var heartbeat = Task.Run(async () =>
        {
            var worst = 0.0;
            while (!stop.IsCancellationRequested)
            {
                var t = Stopwatch.GetTimestamp();
                await Task.Delay(20);
                worst = Math.Max(worst, Stopwatch.GetElapsedTime(t).TotalMilliseconds - 20);
            }
            return worst;
        });
        var sw = Stopwatch.StartNew();
        var calls = Task.WhenAll(Enumerable.Range(0, InFlight).Select(_ => Task.Run(call)));
        await Task.Delay(300);
        var healthyMs = new List<double>();
        while (!calls.IsCompleted)
        {
            var t = Stopwatch.GetTimestamp();
            await healthy.GetStringAsync("");
            healthyMs.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
            await Task.Delay(50);
        }
        var rows = await calls;
        var total = sw.Elapsed.TotalSeconds;
        await stop.CancelAsync();
        var late = await heartbeat;
        if (rows.Any(r => r != 1_000))
        {
            throw new InvalidOperationException("a call read the wrong number of rows");
        }
        healthyMs.Sort();
        return (total, late, healthyMs.Count == 0 ? 0 : healthyMs[^1], healthyMs.Count == 0 ? 0 : healthyMs[healthyMs.Count / 2]);
    }

    /// <summary>The raw baseline reading asynchronously: the bytes by ReadAsync, then Json.NET on memory.</summary>
    private static async Task<int> RawAsync(HttpClient http)
    {
        using var request = Request();
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        var bytes = await response.Content.ReadAsByteArrayAsync();
        using var reader = new JsonTextReader(new StreamReader(new MemoryStream(bytes), Encoding.UTF8));
        return Serializer.Deserialize<RawMeasurements>(reader)!.Elements.Single().Measurements!.Count;
    }

    /// <summary>The raw baseline reading synchronously: Json.NET straight from the network stream (the old shape).</summary>
    private static async Task<int> RawSync(HttpClient http)
    {
        using var request = Request();
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        using var stream = await response.Content.ReadAsStreamAsync();
        using var reader = new JsonTextReader(new StreamReader(stream, Encoding.UTF8));
        return Serializer.Deserialize<RawMeasurements>(reader)!.Elements.Single().Measurements!.Count;
    }

    private static HttpRequestMessage Request()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "v2.0/metrics/measurements?name=m&start_time=1970-01-01T00:00:00Z");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return request;
    }

    /// <summary>
    /// The servers (a process of their own): on the slow port, paths under <c>/drip/</c> send the rest of the body in
    /// 20 drips over <see cref="Slow"/>, under <c>/stall/</c> all at once after it; the healthy port answers at once.
    /// </summary>
    public static async Task ServeAsync(int slowPort, int healthyPort)
    {
        var body = Encoding.UTF8.GetBytes(Bodies.Measurements(1_000));
        var small = "{\"ok\": true}"u8.ToArray();
        var slow = new TcpListener(IPAddress.Loopback, slowPort);
        var fine = new TcpListener(IPAddress.Loopback, healthyPort);
        slow.Start(1024);
        fine.Start(1024);
        await Task.WhenAll(AcceptAsync(slow, body, slowly: true), AcceptAsync(fine, small, slowly: false));
    }

    private static async Task AcceptAsync(TcpListener listener, byte[] body, bool slowly)
    {
        while (true)
        {
            var socket = await listener.AcceptSocketAsync();
            _ = Task.Run(() => ConnectionAsync(socket, body, slowly));
        }
    }

    private static async Task ConnectionAsync(Socket socket, byte[] body, bool slowly)
    {
        using (socket)
        {
            var buffer = new byte[16384];
            var have = 0;
            try
            {
                while (true)
                {
                    var end = -1;
                    while ((end = buffer.AsSpan(0, have).IndexOf("\r\n\r\n"u8)) < 0)
                    {
                        var n = await socket.ReceiveAsync(buffer.AsMemory(have), SocketFlags.None);
                        if (n == 0)
                        {
                            return;
                        }
                        have += n;
                    }
                    var head = Encoding.ASCII.GetString(buffer, 0, end);
                    buffer.AsSpan(end + 4, have - end - 4).CopyTo(buffer);
                    have -= end + 4;
                    var drip = head.Contains(" /drip/", StringComparison.Ordinal);
                    var headers = Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {body.Length}\r\n\r\n");
                    await socket.SendAsync(headers, SocketFlags.None);
                    if (!slowly)
                    {
                        await socket.SendAsync(body, SocketFlags.None);
                        continue;
                    }
                    var half = body.Length / 2;
                    await socket.SendAsync(body.AsMemory(0, half), SocketFlags.None);
                    if (drip)
                    {
                        const int drips = 20;
                        var size = (body.Length - half + drips - 1) / drips;
                        for (var at = half; at < body.Length; at += size)
                        {
                            await Task.Delay(Slow / drips);
                            await socket.SendAsync(body.AsMemory(at, Math.Min(size, body.Length - at)), SocketFlags.None);
                        }
                    }
                    else
                    {
                        await Task.Delay(Slow);
                        await socket.SendAsync(body.AsMemory(half), SocketFlags.None);
                    }
                }
            }
            catch (SocketException)
            {
            }
        }
    }
}
