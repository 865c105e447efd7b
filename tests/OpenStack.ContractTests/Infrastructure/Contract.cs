using OpenStack.Pact;

namespace OpenStack.ContractTests.Infrastructure;

/// <summary>Names and places shared by every contract test.</summary>
public static class Contract
{
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

    /// <summary>Where the committed pact files live.</summary>
    public static string PactDirectory => Path.Combine(RepoRoot, "tests", "pacts");

    /// <summary>The Monasca pact file.</summary>
    public static string MonascaPactFile => Path.Combine(PactDirectory, $"{Consumer}-{MonascaProvider}.json");

    /// <summary>The Watcher pact file.</summary>
    public static string WatcherPactFile => Path.Combine(PactDirectory, $"{Consumer}-{WatcherProvider}.json");

    /// <summary>A new Monasca pact.</summary>
    public static PactBuilder MonascaPact() => new(Consumer, MonascaProvider, PactDirectory);

    /// <summary>A new Watcher pact.</summary>
    public static PactBuilder WatcherPact() => new(Consumer, WatcherProvider, PactDirectory);

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
