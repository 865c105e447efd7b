using OpenStack.Testing;

namespace OpenStack.Watcher.Tests;

/// <summary><see cref="OpenStackClientOptions.MaxResponseBytes"/> on Watcher's streamed success bodies.</summary>
public sealed class ResponseSizeTests
{
    private static string Goals(int count) =>
        "{\"goals\": [" + string.Join(",", Enumerable.Range(0, count).Select(i => $$"""{"uuid": "{{Guid.NewGuid()}}", "name": "goal-{{i}}", "display_name": "Goal {{i}}", "efficacy_specification": [], "links": []}""")) + "]}";

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_streamed_list_past_the_limit_stops_reading_with_the_typed_error(bool announced)
    {
        var body = Goals(20_000); // about 3 MB
        await using var server = await FakeServer.StartAsync(_ => new FakeResponse(200, body)
        {
            Headers = announced ? new Dictionary<string, string> { ["Content-Length"] = body.Length.ToString(System.Globalization.CultureInfo.InvariantCulture) } : new Dictionary<string, string>(),
        });
        using var client = WatcherClientFactory.GetClient(new OpenStackClientOptions { Token = "size-token-1234", Endpoint = server.BaseAddress + "v1" }, new WatcherClientOptions
        {
            MaxResponseBytes = 512 * 1024, // the client's own limit, over the cloud's 64 MB
            ApiVersion = new(1, 0),
            Retries = null,
        });

        var e = await Assert.ThrowsAsync<ResponseTooLargeException>(() => client.Goals.ListAsync());

        Assert.Equal(200, e.StatusCode);
        Assert.Equal(512 * 1024, e.Limit);
        Assert.Equal(announced ? 0 : 512 * 1024 + 1, e.BytesRead);
        Assert.Contains("512-byte", e.Message.Replace("524,288-byte", "512-byte", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_list_under_the_limit_is_read()
    {
        await using var server = await FakeServer.StartAsync(_ => new FakeResponse(200, Goals(100)));
        using var client = WatcherClientFactory.GetClient(new OpenStackClientOptions { Token = "size-token-1234", Endpoint = server.BaseAddress + "v1", MaxResponseBytes = 512 * 1024 }, new WatcherClientOptions
        {
            ApiVersion = new(1, 0),
            Retries = null,
        });

        Assert.Equal(100, (await client.Goals.ListAsync()).Goals.Count);
    }
}
