using OpenStack.ContractTests.Infrastructure;
using OpenStack.Pact;
using OpenStack.Watcher;

namespace OpenStack.ContractTests.Watcher;

[Collection(ConsumerCollection.Name)]
public sealed class MicroversionContractTests
{
    [Fact]
    public async Task An_unsupported_microversion_is_406_with_the_supported_range()
    {
        using var pact = Contract.WatcherPact();
        pact.UponReceiving("a request for an unsupported microversion")
            .Given("goals exist")
            .WithRequest(HttpMethod.Get, "/v1/goals")
            .WithHeader("X-Auth-Token", Contract.AnyToken)
            .WithHeader("OpenStack-API-Version", "infra-optim 1.99")
            .WillRespond()
            .WithStatus(406)
            .WithHeader("OpenStack-API-Minimum-Version", Match.Regex("1.0", @"^1\.\d+$"))
            .WithHeader("OpenStack-API-Maximum-Version", Match.Regex("1.4", @"^1\.\d+$"))
            .WithJsonBody(new { error_message = Match.Regex("Version 1.99 was requested but the minor version is not supported by this service.", @"^[\s\S]*1\.99[\s\S]*$") });

        await pact.VerifyAsync(async ctx =>
        {
            var ex = await Assert.ThrowsAsync<WatcherMicroversionException>(
                () => new GoalsClient(WatcherContract.ContractHttp(ctx, version: "1.99")).ListAsync());

            Assert.Equal(406, ex.StatusCode);
            Assert.Equal(WatcherApiVersion.Parse("1.4"), ex.MaximumVersion);
            Assert.Equal(WatcherApiVersion.Parse("1.0"), ex.MinimumVersion);
        });
    }
}
