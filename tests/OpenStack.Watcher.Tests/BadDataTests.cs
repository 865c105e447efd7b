using OpenStack.Testing;

namespace OpenStack.Watcher.Tests;

/// <summary>Malformed 2xx data at any depth is a <see cref="WatcherApiException"/> of the call, never a serializer's exception later.</summary>
public sealed class BadDataTests
{
    private static IWatcherClient Client(FakeServer server) => WatcherClientFactory.GetClient(new OpenStackClientOptions { Token = "bad-data-token-1", Endpoint = server.BaseAddress + "v1" }, new WatcherClientOptions
    {
        ApiVersion = new(1, 4),
        Retries = null,
    });

    [Theory]
    [InlineData("""[{"name": "x", "value": "not a number", "unit": "%", "description": "d"}]""")]
    [InlineData("""[{"name": "x", "value": {"deep": 1}, "unit": "%", "description": "d"}]""")]
    [InlineData("""{"name": "x", "value": [1, 2]}""")]
    [InlineData("""[{"name": ["x"], "value": 1}]""")]
    [InlineData("""[null]""")]
    [InlineData("\"text\"")]
    public async Task A_global_efficacy_indicator_of_the_wrong_type_fails_the_call_as_a_WatcherApiException(string globalEfficacy)
    {
        await using var server = await FakeServer.StartAsync(_ => new FakeResponse(200,
            $$"""{"uuid": "3f1d2c4b-5a6e-4f70-8a9b-0c1d2e3f4a5b", "state": "RECOMMENDED", "global_efficacy": {{globalEfficacy}}, "efficacy_indicators": [], "links": []}"""));
        using var client = Client(server);

        var e = await Assert.ThrowsAsync<WatcherApiException>(() => client.ActionPlans.GetAsync("3f1d2c4b-5a6e-4f70-8a9b-0c1d2e3f4a5b"));

        Assert.Equal(200, e.StatusCode);
        Assert.Contains("global_efficacy", e.Message);
    }

    [Fact]
    public async Task Well_typed_global_efficacy_is_read_in_both_shapes()
    {
        await using var server = await FakeServer.StartAsync(r => new FakeResponse(200, r.Path.EndsWith('a')
            ? """{"uuid": "3f1d2c4b-5a6e-4f70-8a9b-0c1d2e3f4a5a", "global_efficacy": [{"name": "x", "value": 2.5, "unit": "%", "description": "d"}]}"""
            : """{"uuid": "3f1d2c4b-5a6e-4f70-8a9b-0c1d2e3f4a5b", "global_efficacy": {"name": "y", "value": 3, "unit": "%", "description": "d"}}"""));
        using var client = Client(server);

        var a = await client.ActionPlans.GetAsync("3f1d2c4b-5a6e-4f70-8a9b-0c1d2e3f4a5a");
        var b = await client.ActionPlans.GetAsync("3f1d2c4b-5a6e-4f70-8a9b-0c1d2e3f4a5b");

        Assert.Equal(2.5, Assert.Single(a.GlobalEfficacyIndicators).Value);
        Assert.Equal("y", Assert.Single(b.GlobalEfficacyIndicators).Name);
    }

    [Theory]
    [InlineData("""{"goals": [null, {"uuid": "3f1d2c4b-5a6e-4f70-8a9b-0c1d2e3f4a5b", "name": "dummy", "efficacy_specification": [], "links": []}]}""", "'goals' holds null at position 0")]
    [InlineData("""{"goals": [{"uuid": "3f1d2c4b-5a6e-4f70-8a9b-0c1d2e3f4a5b", "name": "dummy", "efficacy_specification": [], "links": [null]}]}""", "'links' holds null at position 0")]
    public async Task A_null_inside_a_list_is_refused_never_a_null_entry(string body, string says)
    {
        await using var server = await FakeServer.StartAsync(_ => new FakeResponse(200, body));
        using var client = Client(server);

        var e = await Assert.ThrowsAsync<WatcherApiException>(() => client.Goals.ListAsync());

        Assert.Equal(200, e.StatusCode);
        Assert.Contains(says, e.Message);
    }
}
