using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace OpenStack.Caching.Tests;

/// <summary>What a fleet member reports on its last line of output.</summary>
public sealed record FleetReport(int Calls, int Succeeded, int TokenRequests, int Warnings, double Seconds);

/// <summary>
/// One process of a fleet: a host's services as a user registers them (Data Protection with a shared key ring, the Redis
/// cache, AddKeystone, AddKeystoneDistributedTokenCache, an authenticated HttpClient for a service), which prints
/// <c>ready</c>, waits for a line on standard input (so that all members start together) and sends N concurrent calls
/// that each need a token. Shared by the tests and the benchmarks (<c>fleet</c> mode).
/// </summary>
public static class FleetWorker
{
    /// <summary>The arguments of a member.</summary>
    public static string[] Arguments(Uri keystone, Uri service, string? redis, string keyRing, int calls) =>
        [new Uri(keystone, "v3").ToString(), new Uri(service, "svc/").ToString(), redis ?? "-", keyRing, calls.ToString(System.Globalization.CultureInfo.InvariantCulture)];

    public static async Task<int> RunAsync(string[] args)
    {
        var (authUrl, serviceUrl, redis, keyRing, calls) = (args[0], args[1], args[2], args[3], int.Parse(args[4], System.Globalization.CultureInfo.InvariantCulture));
        var warnings = new WarningCounter();
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddProvider(warnings).SetMinimumLevel(LogLevel.Warning));
        if (redis != "-")
        {
            services.AddDataProtection().PersistKeysToFileSystem(new DirectoryInfo(keyRing)).SetApplicationName("openstack-fleet");
            services.AddStackExchangeRedisCache(o => o.Configuration = redis);
            services.AddKeystoneDistributedTokenCache();
        }
        services.AddKeystone(o =>
        {
            o.AuthUrl = authUrl;
            o.Username = "fleet";
            o.Password = "fleet-pa55word";
            o.UserDomainName = "Default";
            o.ProjectName = "fleet";
            o.ProjectDomainName = "Default";
        });
        services.AddOpenStackHttpClient("svc", new OpenStackService("fake", "v1"), configureEndpoint: o => o.Endpoint = serviceUrl);
        await using var provider = services.BuildServiceProvider();
        var http = provider.GetRequiredService<IHttpClientFactory>().CreateClient("svc");
        var session = provider.GetRequiredService<IKeystoneSessionProvider>().GetSession();
        Console.WriteLine("ready");
        await Console.In.ReadLineAsync();
        var started = Stopwatch.GetTimestamp();
        var results = await Task.WhenAll(Enumerable.Range(0, calls).Select(async _ =>
        {
            using var response = await http.GetAsync("ping");
            return response.IsSuccessStatusCode;
        }));
        var report = new FleetReport(calls, results.Count(ok => ok), session.TokenRequestCount, warnings.Count, Stopwatch.GetElapsedTime(started).TotalSeconds);
        Console.WriteLine(JsonSerializer.Serialize(report));
        return 0;
    }

    /// <summary>Starts <paramref name="count"/> members, lets them go together, and returns their reports.</summary>
    public static async Task<IReadOnlyList<FleetReport>> RunFleetAsync(string assembly, int count, string[] arguments, TimeSpan timeout)
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
            foreach (var p in members)
            {
                var line = await p.StandardOutput.ReadLineAsync(cts.Token);
                if (line != "ready")
                {
                    throw new InvalidOperationException($"A fleet member did not start: {line} {await p.StandardError.ReadToEndAsync(cts.Token)}");
                }
            }
            foreach (var p in members)
            {
                await p.StandardInput.WriteLineAsync("go");
                await p.StandardInput.FlushAsync(cts.Token);
            }
            var reports = new List<FleetReport>();
            foreach (var p in members)
            {
                var output = await p.StandardOutput.ReadToEndAsync(cts.Token);
                var errors = await p.StandardError.ReadToEndAsync(cts.Token);
                await p.WaitForExitAsync(cts.Token);
                var last = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
                if (p.ExitCode != 0 || last is null || !last.StartsWith('{'))
                {
                    throw new InvalidOperationException($"A fleet member failed (exit {p.ExitCode}): {output} {errors}");
                }
                reports.Add(JsonSerializer.Deserialize<FleetReport>(last)!);
            }
            return reports;
        }
        finally
        {
            foreach (var p in members)
            {
                if (!p.HasExited)
                {
                    p.Kill();
                }
                p.Dispose();
            }
        }
    }

    private sealed class WarningCounter : ILoggerProvider, ILogger
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            Interlocked.Increment(ref _count);
            Console.Error.WriteLine($"{logLevel}: {formatter(state, exception)}");
        }

        public void Dispose()
        {
        }
    }
}
