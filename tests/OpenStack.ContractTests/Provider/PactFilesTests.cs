using System.Reflection;
using OpenStack.ContractTests.Infrastructure;
using OpenStack.ContractTests.Monasca;
using OpenStack.Pact;

namespace OpenStack.ContractTests.Provider;

/// <summary>
/// The committed pacts (tests/pacts/, one per provider) against the consumer tests that write them: runs after the
/// consumer collection, which publishes a provider's pact only when every one of its consumer tests wrote it.
/// </summary>
[Collection(ProviderCollection.Name)]
public sealed class PactFilesTests
{
    [Theory]
    [InlineData("OpenStack.ContractTests.Monasca", "monasca-api")]
    [InlineData("OpenStack.ContractTests.Watcher", "watcher-api")]
    public void Each_committed_pact_holds_one_interaction_per_consumer_test(string ns, string provider)
    {
        // Every consumer test defines one interaction: a count that differs means tests the fixture does not see (a
        // consumer class outside its provider's namespace) or a committed pact that was not regenerated.
        var tests = PactFilesFixture.ConsumerTests(ns);
        var interactions = PactFile.ReadInteractions(Path.Combine(Contract.PactDirectory, $"{Contract.Consumer}-{provider}.json"));

        Assert.NotEmpty(tests);
        Assert.Equal(tests.Count, interactions.Count);
    }

    [Fact]
    public void Every_state_of_the_Monasca_pact_is_a_named_state_listed_in_the_contract_notes()
    {
        var named = typeof(MonascaStates).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(f => (string)f.GetRawConstantValue()!).ToHashSet(StringComparer.Ordinal);
        var notes = File.ReadAllText(Path.Combine(Contract.RepoRoot, "docs", "monasca-contract.md"));
        var states = PactFile.ReadInteractions(Contract.MonascaPactFile).SelectMany(i => i.ProviderStates).Distinct().ToArray();

        Assert.Equal(named.Order(StringComparer.Ordinal), states.Order(StringComparer.Ordinal));
        Assert.All(states, s => Assert.Contains($"| `{s}` |", notes, StringComparison.Ordinal));
    }
}
