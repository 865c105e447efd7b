using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace OpenStack.Caching.Tests;

/// <summary>
/// A real Redis (Debian's <c>redis-server</c>, installed by scripts/prerequisites.sh) on 127.0.0.1 and a free port,
/// without persistence (<c>--save '' --appendonly no</c>), started in the foreground and stopped on dispose.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    private Process? _process;

    private RedisServer(int port) => Port = port;

    public int Port { get; }

    /// <summary>The StackExchange.Redis configuration string.</summary>
    public string Configuration => $"127.0.0.1:{Port},abortConnect=false,connectTimeout=2000,syncTimeout=2000,asyncTimeout=2000";

    public static async Task<RedisServer> StartAsync()
    {
        var server = new RedisServer(FreePort());
        await server.StartProcessAsync();
        return server;
    }

    /// <summary>A port nobody listens on (for "Redis down from the start").</summary>
    public static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private async Task StartProcessAsync()
    {
        var path = new[] { "/usr/bin/redis-server", "/usr/local/bin/redis-server" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("redis-server is not installed: run scripts/prerequisites.sh (apt-get install redis-server).");
        var start = new ProcessStartInfo(path) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
            "--daemonize", "no", "--protected-mode", "yes", "--dir", Path.GetTempPath() })
        {
            start.ArgumentList.Add(a);
        }
        var process = Process.Start(start)!;
        _process = process;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var seen = new System.Text.StringBuilder();
        _ = process.StandardError.ReadToEndAsync(timeout.Token);
        while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            seen.AppendLine(line);
            if (line.Contains("Ready to accept connections", StringComparison.Ordinal))
            {
                _ = DrainAsync(process.StandardOutput); // keep the pipe from filling up
                return;
            }
        }
        throw new InvalidOperationException($"redis-server on port {Port} did not start: {seen}");
    }

    private static async Task DrainAsync(StreamReader reader)
    {
        try
        {
            while (await reader.ReadLineAsync() is not null)
            {
            }
        }
        catch (ObjectDisposedException)
        {
        }
    }

    /// <summary>Starts the server again on the same port after <see cref="StopAsync"/> (empty: no persistence).</summary>
    public async Task RestartAsync()
    {
        await StopAsync();
        await StartProcessAsync();
    }

    /// <summary>Stops the server (its data is gone: no persistence).</summary>
    public async Task StopAsync()
    {
        if (_process is { } p)
        {
            _process = null;
            if (!p.HasExited)
            {
                p.Kill();
            }
            await p.WaitForExitAsync();
            p.Dispose();
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync();
}
