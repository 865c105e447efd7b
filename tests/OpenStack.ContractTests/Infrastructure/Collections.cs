using OpenStack.Pact;
using Xunit.Abstractions;
using Xunit.Sdk;

// Collections run one after the other, consumers first: the provider verification reads the pact
// file that the consumer collection has just written and normalised.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
[assembly: TestCollectionOrderer("OpenStack.ContractTests.Infrastructure.ConsumersFirstOrderer", "OpenStack.ContractTests")]

namespace OpenStack.ContractTests.Infrastructure;

/// <summary>
/// Every consumer test shares one pact file per provider, so they run in this one collection, one at a time. They
/// write to <see cref="Contract.WrittenPactDirectory"/> (the core merges into an existing file, so the fixture deletes
/// this run's files first); after the last test the fixture rewrites them in canonical form and publishes each to the
/// committed <c>tests/pacts/</c> only when every consumer test of that provider ran and wrote it. A filtered run (only
/// the Watcher tests, one test) therefore never deletes or truncates a committed pact, and a whole run makes the
/// committed files exactly what the tests write (CI fails when running the suite changes them).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ConsumerCollection : ICollectionFixture<PactFilesFixture>
{
    /// <summary>The collection name.</summary>
    public const string Name = "pact consumers";
}

/// <summary>Resets this run's pact files before the consumer tests, and normalises and publishes them afterwards.</summary>
public sealed class PactFilesFixture : IDisposable
{
    private static readonly (string Provider, string Namespace, string Committed)[] Providers =
    {
        (Contract.MonascaProvider, "OpenStack.ContractTests.Monasca", Contract.MonascaPactFile),
        (Contract.WatcherProvider, "OpenStack.ContractTests.Watcher", Contract.WatcherPactFile),
    };

    /// <summary>Deletes the files an earlier run wrote next to the test assembly (never the committed ones).</summary>
    public PactFilesFixture()
    {
        foreach (var (provider, _, _) in Providers)
        {
            PactFile.Reset(Written(provider));
        }
    }

    /// <summary>Rewrites this run's files deterministically and publishes each complete one to <c>tests/pacts/</c>.</summary>
    public void Dispose()
    {
        foreach (var (provider, ns, committed) in Providers)
        {
            var written = Written(provider);
            PactFile.Normalize(written);
            if (File.Exists(written) && IsComplete(provider, ns))
            {
                PactFile.Publish(written, committed);
            }
        }
    }

    /// <summary>The consumer tests of a provider: the test methods of the consumer collection in its namespace.</summary>
    internal static IReadOnlySet<string> ConsumerTests(string ns) => typeof(PactFilesFixture).Assembly.GetTypes()
        .Where(t => t.Namespace == ns && IsConsumerCollection(t))
        .SelectMany(t => t.GetMethods())
        .Where(m => m.GetCustomAttributes(typeof(FactAttribute), true).Length > 0)
        .Select(m => m.Name)
        .ToHashSet(StringComparer.Ordinal);

    private static bool IsConsumerCollection(Type type) =>
        type.GetCustomAttributesData().Any(a => a.AttributeType == typeof(CollectionAttribute)
            && a.ConstructorArguments.Count == 1 && (string?)a.ConstructorArguments[0].Value == ConsumerCollection.Name);

    private static bool IsComplete(string provider, string ns)
    {
        var (tests, allWritten) = Contract.Written(provider);
        return allWritten && ConsumerTests(ns).IsSubsetOf(tests);
    }

    private static string Written(string provider) =>
        Path.Combine(Contract.WrittenPactDirectory, $"{Contract.Consumer}-{provider}.json");
}

/// <summary>Provider verification runs in this collection, after the consumers.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProviderCollection
{
    /// <summary>The collection name.</summary>
    public const string Name = "pact providers";
}

/// <summary>Runs the consumer collection first, then the others by name.</summary>
public sealed class ConsumersFirstOrderer : ITestCollectionOrderer
{
    /// <inheritdoc />
    public IEnumerable<ITestCollection> OrderTestCollections(IEnumerable<ITestCollection> testCollections) =>
        testCollections
            .OrderBy(c => c.DisplayName == ConsumerCollection.Name ? 0 : 1)
            .ThenBy(c => c.DisplayName, StringComparer.Ordinal);
}
