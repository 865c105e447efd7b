using System.Text;
using System.Text.Json.Nodes;
using OpenStack.ContractTests.Infrastructure;
using OpenStack.ContractTests.Watcher;
using OpenStack.Pact;

namespace OpenStack.ContractTests.Provider;

/// <summary>
/// Verifies the Watcher pact against the real Watcher API (scripts/openstack-up.sh; CI starts it
/// before the tests). Every interaction is verified on its own, so that each can carry the right
/// token: the real admin token as a custom header, except for the interaction whose state is
/// "the token is invalid", which must reach Watcher with the pact's invalid token.
/// </summary>
[Collection(ProviderCollection.Name)]
public sealed class WatcherProviderTests
{
    [Fact]
    public void Every_provider_state_of_the_Watcher_pact_has_a_handler()
    {
        var handlers = new WatcherProviderStates(new WatcherApi(new HttpClient())).Handlers;
        var states = PactFile.ReadInteractions(Contract.WatcherPactFile).SelectMany(i => i.ProviderStates).Distinct().ToArray();

        Assert.NotEmpty(states);
        Assert.All(states, s => Assert.True(handlers.ContainsKey(s), $"no provider-state handler for '{s}'"));
    }

    [Fact]
    public async Task Every_Watcher_interaction_verifies_against_the_real_Watcher()
    {
        var watcher = await RealWatcher.ConnectAsync(Contract.RepoRoot);
        using var http = watcher.CreateClient(WatcherContract.Microversion);
        await using var stateServer = await ProviderStateServer.StartAsync(new WatcherProviderStates(new WatcherApi(http)).Handlers);
        var interactions = PactFile.ReadInteractions(Contract.WatcherPactFile);
        Assert.NotEmpty(interactions);

        var failures = new StringBuilder();
        var verified = 0;
        foreach (var interaction in interactions)
        {
            var verifier = new PactVerifier(Contract.WatcherProvider)
                .WithHttpEndpoint(watcher.WatcherUrl)
                .WithPactFile(Contract.WatcherPactFile)
                .WithProviderStateUrl(stateServer.Url, teardown: true)
                .WithFilter(description: PactVerifier.ExactDescription(interaction.Description))
                .WithRequestTimeout(TimeSpan.FromSeconds(60));
            if (!interaction.ProviderStates.Contains(WatcherContract.States.TokenInvalid))
            {
                verifier.WithCustomHeader("X-Auth-Token", watcher.Token);
            }
            var result = await verifier.VerifyAsync();
            var results = JsonNode.Parse(result.Json)?["interactionResults"]?.AsArray() ?? new JsonArray();
            if (!result.Success || results.Count != 1)
            {
                failures.Append($"\n--- {interaction.Method} {interaction.Path} '{interaction.Description}' (rc {result.ExitCode}, {results.Count} verified)\n{result.Output}");
            }
            else
            {
                verified++;
            }
        }

        Assert.True(failures.Length == 0, $"{interactions.Count - verified} of {interactions.Count} Watcher interactions failed against {watcher.WatcherUrl}:{failures}\nstate errors: {string.Join("\n", stateServer.Errors)}");
        Assert.Equal(interactions.Count, verified);
        Assert.Empty(stateServer.Errors);
    }
}
