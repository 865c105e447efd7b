using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.StackExchangeRedis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace OpenStack.Caching.Tests;

/// <summary>
/// What a fleet member reports on its last line of output: its calls, those that succeeded and those that failed (an error
/// status or an exception), its own Keystone requests, the warnings it logged, the time from the start signal to its
/// last answer and to its first successful one.
/// </summary>
public sealed record FleetReport(int Calls, int Succeeded, int Errors, int TokenRequests, int Warnings, double Seconds, double FirstSuccessSeconds, string? FirstWarning = null);

/// <summary>How a fleet shares its tokens.</summary>
public enum FleetCache
{
    /// <summary>AddKeystone alone: each process its own token.</summary>
    None,

    /// <summary>AddKeystoneDistributedTokenCache over AddStackExchangeRedisCache: the Redis lock.</summary>
    RedisLock,

    /// <summary>The same Redis behind an IDistributedCache that is not RedisCache: the best-effort lock.</summary>
    BestEffortLock,
}

/// <summary>
/// One process of a fleet: a host's services as a user registers them (Data Protection with a shared key ring, the Redis
/// cache, AddKeystone, AddKeystoneDistributedTokenCache, an authenticated HttpClient for a service), which prints
/// <c>ready</c>, waits for a line on standard input (so that all members start together) and sends N concurrent calls
/// that each need a token. Its Keystone requests carry <c>X-Fleet-Pid</c> (so that a harness can pause the lock holder).
/// Shared by the tests and the benchmarks (<c>fleet</c> mode).
/// </summary>
public static class FleetWorker
{
    private static readonly JsonSerializerOptions Json = new() { NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals };

    /// <summary>The arguments of a member.</summary>
    public static string[] Arguments(Uri keystone, Uri service, string? redis, string keyRing, int calls, FleetCache cache = FleetCache.RedisLock,
        TimeSpan? lockLease = null, TimeSpan? lockTimeout = null, TimeSpan? operationTimeout = null) =>
        [new Uri(keystone, "v3").ToString(), new Uri(service, "svc/").ToString(), redis is null ? "-" : redis, keyRing, calls.ToString(CultureInfo.InvariantCulture),
            (redis is null ? FleetCache.None : cache).ToString(),
            ((int)(lockLease ?? TimeSpan.FromSeconds(10)).TotalMilliseconds).ToString(CultureInfo.InvariantCulture),
            ((int)(lockTimeout ?? TimeSpan.FromSeconds(30)).TotalMilliseconds).ToString(CultureInfo.InvariantCulture),
            ((int)(operationTimeout ?? TimeSpan.FromSeconds(2)).TotalMilliseconds).ToString(CultureInfo.InvariantCulture)];

    public static async Task<int> RunAsync(string[] args)
    {
        var (authUrl, serviceUrl, redis, keyRing, calls) = (args[0], args[1], args[2], args[3], int.Parse(args[4], CultureInfo.InvariantCulture));
        var cache = args.Length > 5 ? Enum.Parse<FleetCache>(args[5]) : redis == "-" ? FleetCache.None : FleetCache.RedisLock;
        var lease = TimeSpan.FromMilliseconds(args.Length > 6 ? int.Parse(args[6], CultureInfo.InvariantCulture) : 10_000);
        var lockTimeout = TimeSpan.FromMilliseconds(args.Length > 7 ? int.Parse(args[7], CultureInfo.InvariantCulture) : 30_000);
        var operationTimeout = TimeSpan.FromMilliseconds(args.Length > 8 ? int.Parse(args[8], CultureInfo.InvariantCulture) : 2_000);
        var warnings = new WarningCounter();
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddProvider(warnings).SetMinimumLevel(LogLevel.Warning));
        if (cache != FleetCache.None)
        {
            services.AddDataProtection().PersistKeysToFileSystem(new DirectoryInfo(keyRing)).SetApplicationName("openstack-fleet");
            if (cache == FleetCache.RedisLock)
            {
                services.AddStackExchangeRedisCache(o => o.Configuration = redis);
            }
            else
            {
                services.AddSingleton<IDistributedCache>(new ForwardingCache(new RedisCache(Options.Create(new RedisCacheOptions { Configuration = redis }))));
            }
            services.AddKeystoneDistributedTokenCache(o =>
            {
                o.LockLease = lease;
                o.LockTimeout = lockTimeout;
                o.OperationTimeout = operationTimeout;
            });
        }
        services.AddKeystone(o =>
        {
            o.AuthUrl = authUrl;
            o.Username = "fleet";
            o.Password = "fleet-pa55word";
            o.UserDomainName = "Default";
            o.ProjectName = "fleet";
            o.ProjectDomainName = "Default";
        }).ConfigureHttpClient(c => c.DefaultRequestHeaders.Add("X-Fleet-Pid", Environment.ProcessId.ToString(CultureInfo.InvariantCulture)));
        services.AddOpenStackHttpClient("svc", new OpenStackService("fake", "v1"), configureEndpoint: o => o.Endpoint = serviceUrl);
        await using var provider = services.BuildServiceProvider();
        var http = provider.GetRequiredService<IHttpClientFactory>().CreateClient("svc");
        var session = provider.GetRequiredService<IKeystoneSessionProvider>().GetSession();
        Console.WriteLine("ready");
        await Console.In.ReadLineAsync();
        var started = Stopwatch.GetTimestamp();
        long firstSuccess = 0;
        var results = await Task.WhenAll(Enumerable.Range(0, calls).Select(async _ =>
        {
            try
            {
                using var response = await http.GetAsync("ping");
                if (response.IsSuccessStatusCode)
                {
                    Interlocked.CompareExchange(ref firstSuccess, Stopwatch.GetTimestamp(), 0);
                }
                return response.IsSuccessStatusCode;
            }
            catch (Exception e)
            {
                Console.Error.WriteLine($"call failed: {e.GetType().Name}: {e.Message}");
                return false;
            }
        }));
        var ok = results.Count(r => r);
        var first = firstSuccess == 0 ? double.NaN : Stopwatch.GetElapsedTime(started, firstSuccess).TotalSeconds;
        var report = new FleetReport(calls, ok, calls - ok, session.TokenRequestCount, warnings.Count, Stopwatch.GetElapsedTime(started).TotalSeconds, first, warnings.First);
        Console.WriteLine(JsonSerializer.Serialize(report, Json));
        return 0;
    }

    /// <summary>Starts <paramref name="count"/> members, lets them go together, and returns their reports.</summary>
    /// <param name="assembly">The assembly that runs <see cref="RunAsync"/> as <c>fleet-worker</c>.</param>
    /// <param name="count">The number of processes.</param>
    /// <param name="arguments">Their arguments (<see cref="Arguments"/>).</param>
    /// <param name="timeout">The longest the fleet may take.</param>
    /// <param name="started">Called once every member is ready, just before the start signal.</param>
    public static async Task<IReadOnlyList<FleetReport>> RunFleetAsync(string assembly, int count, string[] arguments, TimeSpan timeout, Action? started = null)
    {
        using var cts = new CancellationTokenSource(timeout);
        var members = new List<Process>();
        try
        {
            for (var i = 0; i < count; i++)
            {
                var start = new ProcessStartInfo("dotnet") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
                start.ArgumentList.Add("exec");
                start.ArgumentList.Add(assembly);
                start.ArgumentList.Add("fleet-worker");
                foreach (var a in arguments)
                {
                    start.ArgumentList.Add(a);
                }
                members.Add(Process.Start(start)!);
            }
            var errors = members.Select(p => p.StandardError.ReadToEndAsync(cts.Token)).ToList();
            foreach (var (p, i) in members.Select((p, i) => (p, i)))
            {
                var line = await p.StandardOutput.ReadLineAsync(cts.Token);
                if (line != "ready")
                {
                    throw new InvalidOperationException($"A fleet member did not start: {line} {await errors[i]}");
                }
            }
            started?.Invoke();
            foreach (var p in members)
            {
                await p.StandardInput.WriteLineAsync("go");
                await p.StandardInput.FlushAsync(cts.Token);
            }
            var reports = new List<FleetReport>();
            foreach (var (p, i) in members.Select((p, i) => (p, i)))
            {
                var output = await p.StandardOutput.ReadToEndAsync(cts.Token);
                var stderr = await errors[i];
                await p.WaitForExitAsync(cts.Token);
                var last = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
                if (p.ExitCode != 0 || last is null || !last.StartsWith('{'))
                {
                    throw new InvalidOperationException($"A fleet member failed (exit {p.ExitCode}): {output} {stderr}");
                }
                reports.Add(JsonSerializer.Deserialize<FleetReport>(last, Json)!);
            }
            return reports;
        }
        finally
        {
            foreach (var p in members)
            {
                if (!p.HasExited)
                {
                    Signal(p.Id, resume: true);
                    p.Kill();
                }
                p.Dispose();
            }
        }
    }

    /// <summary>Pauses (<c>SIGSTOP</c>) or resumes (<c>SIGCONT</c>) a process: a stalled lock holder, as a long GC pause or a frozen VM stalls it.</summary>
    public static void Signal(int pid, bool resume)
    {
        if (kill(pid, resume ? 18 : 19) != 0 && !resume)
        {
            throw new InvalidOperationException($"kill({pid}, SIGSTOP) failed: errno {Marshal.GetLastPInvokeError()}");
        }
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int sig);

    private sealed class WarningCounter : ILoggerProvider, ILogger
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public string? First { get; private set; }

        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (Interlocked.Increment(ref _count) == 1)
            {
                First = formatter(state, exception);
            }
            Console.Error.WriteLine($"{logLevel}: {formatter(state, exception)}");
        }

        public void Dispose()
        {
        }
    }
}

/// <summary>
/// An IDistributedCache that is neither RedisCache (the token cache uses its best-effort lock over it) nor
/// MemoryDistributedCache (which HybridCache ignores as a second level).
/// </summary>
public sealed class ForwardingCache(IDistributedCache inner) : IDistributedCache
{
    public byte[]? Get(string key) => inner.Get(key);

    public Task<byte[]?> GetAsync(string key, CancellationToken token = default) => inner.GetAsync(key, token);

    public void Refresh(string key) => inner.Refresh(key);

    public Task RefreshAsync(string key, CancellationToken token = default) => inner.RefreshAsync(key, token);

    public void Remove(string key) => inner.Remove(key);

    public Task RemoveAsync(string key, CancellationToken token = default) => inner.RemoveAsync(key, token);

    public void Set(string key, byte[] value, DistributedCacheEntryOptions options) => inner.Set(key, value, options);

    public Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default) => inner.SetAsync(key, value, options, token);
}
