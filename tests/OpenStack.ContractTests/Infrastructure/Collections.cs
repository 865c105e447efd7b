using OpenStack.Pact;
using Xunit.Abstractions;
using Xunit.Sdk;

// Collections run one after the other, consumers first: the provider verification reads the pact
// file that the consumer collection has just written and normalised.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
[assembly: TestCollectionOrderer("OpenStack.ContractTests.Infrastructure.ConsumersFirstOrderer", "OpenStack.ContractTests")]

namespace OpenStack.ContractTests.Infrastructure;

/// <summary>
/// Every consumer test shares one pact file per provider, so they run in this one collection, one at
/// a time. The fixture deletes both files before the first test (the core merges into an existing
/// file, so interactions of older runs would stay) and rewrites them in canonical form after the
/// last, so that the same tests always give the same committed bytes.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ConsumerCollection : ICollectionFixture<PactFilesFixture>
{
    /// <summary>The collection name.</summary>
    public const string Name = "pact consumers";
}

/// <summary>Resets the pact files before the consumer tests and normalises them afterwards.</summary>
public sealed class PactFilesFixture : IDisposable
{
    /// <summary>Deletes the old pact files.</summary>
    public PactFilesFixture()
    {
        PactFile.Reset(Contract.MonascaPactFile);
        PactFile.Reset(Contract.WatcherPactFile);
    }

    /// <summary>Rewrites the pact files deterministically.</summary>
    public void Dispose()
    {
        PactFile.Normalize(Contract.MonascaPactFile);
        PactFile.Normalize(Contract.WatcherPactFile);
    }
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
