using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using OpenStack.Pact;

namespace OpenStack.ContractTests.Infrastructure;

/// <summary>Names and places shared by every contract test.</summary>
public static class Contract
{
    private static readonly ConcurrentQueue<(string Provider, string Test, PactBuilder Pact)> Built = new();

    /// <summary>The consumer name in both pacts.</summary>
    public const string Consumer = "openstack-dotnet";

    /// <summary>The Monasca provider name.</summary>
    public const string MonascaProvider = "monasca-api";

    /// <summary>The Watcher provider name.</summary>
    public const string WatcherProvider = "watcher-api";

    /// <summary>The token the consumer tests send (any non-blank token satisfies the contract).</summary>
    public const string FixedToken = "gAAAAABfixed-contract-test-token";

    /// <summary>A Keystone token: a non-blank opaque string.</summary>
    public static Matcher AnyToken => Match.Regex(FixedToken, @"^\S+$");

    /// <summary>The folder holding Build.sln, found by walking up from the test assembly.</summary>
    public static string RepoRoot { get; } = FindRepoRoot();

    /// <summary>Where the committed pact files live: one per provider, read by the provider verification, the fuzz tests and the pact stub.</summary>
    public static string PactDirectory => Path.Combine(RepoRoot, "tests", "pacts");

    /// <summary>
    /// Where this run's consumer tests write (next to the test assembly). <see cref="PactFilesFixture"/> publishes a
    /// provider's file to <see cref="PactDirectory"/> only when every consumer test of that provider wrote to it.
    /// </summary>
    public static string WrittenPactDirectory => Path.Combine(AppContext.BaseDirectory, "pacts");

    /// <summary>The committed Monasca pact file.</summary>
    public static string MonascaPactFile => Path.Combine(PactDirectory, $"{Consumer}-{MonascaProvider}.json");

    /// <summary>The committed Watcher pact file.</summary>
    public static string WatcherPactFile => Path.Combine(PactDirectory, $"{Consumer}-{WatcherProvider}.json");

    /// <summary>A new Monasca pact for the calling consumer test.</summary>
    /// <param name="test">The test method (filled in by the compiler).</param>
    public static PactBuilder MonascaPact([CallerMemberName] string test = "") => NewPact(MonascaProvider, test);

    /// <summary>A new Watcher pact for the calling consumer test.</summary>
    /// <param name="test">The test method (filled in by the compiler).</param>
    public static PactBuilder WatcherPact([CallerMemberName] string test = "") => NewPact(WatcherProvider, test);

    /// <summary>The consumer tests that built a pact for <paramref name="provider"/> in this run, and whether all wrote it.</summary>
    internal static (IReadOnlySet<string> Tests, bool AllWritten) Written(string provider)
    {
        var built = Built.Where(b => b.Provider == provider).ToList();
        return (built.Select(b => b.Test).ToHashSet(StringComparer.Ordinal), built.All(b => b.Pact.IsWritten));
    }

    private static PactBuilder NewPact(string provider, string test)
    {
        var pact = new PactBuilder(Consumer, provider, WrittenPactDirectory);
        Built.Enqueue((provider, test, pact));
        return pact;
    }

    private static string FindRepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Build.sln")))
        {
            dir = dir.Parent;
        }
        return dir?.FullName ?? throw new InvalidOperationException("Build.sln not found above " + AppContext.BaseDirectory);
    }
}
