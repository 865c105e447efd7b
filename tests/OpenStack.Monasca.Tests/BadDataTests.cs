using OpenStack.Testing;

namespace OpenStack.Monasca.Tests;

/// <summary>
/// Malformed 2xx data at any depth (times out of range, rows that do not fit their columns, nulls in lists) is a
/// <see cref="MonascaApiException"/> of the call, never an ArgumentOutOfRange, Format or ArgumentNull exception later.
/// </summary>
public sealed class BadDataTests
{
    private static MonascaClient Client(FakeServer server) =>
        MonascaClientFactory.Create("2_0", new OpenStackClientOptions { Token = "bad-data-token-1", Endpoint = server.BaseAddress + "v2.0" });

    [Theory]
    [InlineData("9223372036854775807")]        // epoch milliseconds far past year 9999
    [InlineData("-9223372036854775808")]
    [InlineData("123456789012345678901234567890")]
    [InlineData("\"10000-01-01T00:00:00Z\"")]
    public async Task An_alarm_time_out_of_range_is_a_MonascaApiException(string time)
    {
        await using var server = await FakeServer.StartAsync(_ => new FakeResponse(200,
            $$"""{"id": "f9935bcc-9641-4cbf-8224-0993a947ea83", "state": "OK", "created_timestamp": {{time}}, "links": []}"""));
        using var client = Client(server);

        var e = await Assert.ThrowsAsync<MonascaApiException>(() => client.Alarms.GetAsync("f9935bcc-9641-4cbf-8224-0993a947ea83"));

        Assert.Equal(200, e.StatusCode);
    }

    [Theory]
    [InlineData("""{"columns": ["count", "state"], "counts": [null]}""", "'counts' holds null at position 0")]
    [InlineData("""{"columns": ["count", null], "counts": [[1, "OK"]]}""", "'columns' holds null at position 1")]
    [InlineData("""{"columns": ["count", "state"], "counts": [["many", "OK"]]}""", "counts: Expected a number")]
    [InlineData("""{"columns": ["count", "state"], "counts": [[{"a": 1}, "OK"]]}""", "counts: Expected a number")]
    [InlineData("""{"columns": ["count", "state"], "counts": [[1e300, "OK"]]}""", "not a whole number")]
    public async Task Alarm_count_rows_that_do_not_fit_fail_the_call(string body, string says)
    {
        await using var server = await FakeServer.StartAsync(_ => new FakeResponse(200, body));
        using var client = Client(server);

        var e = await Assert.ThrowsAsync<MonascaApiException>(() => client.Alarms.CountAsync());

        Assert.Contains(says, e.Message);
    }

    [Fact]
    public void GetRows_on_counts_built_by_hand_throws_the_services_exception()
    {
        var counts = new AlarmCount { Columns = ["count"], Counts = [["many"]] };

        var e = Assert.Throws<MonascaApiException>(() => counts.GetRows());

        Assert.Contains("Expected a number", e.Message);
    }

    [Theory]
    [InlineData("""[[9223372036854775807, 1.0, {}]]""")]
    [InlineData("""[["2026-01-01T00:00:00Z", "x", {}]]""")]
    [InlineData("""[null]""")]
    public async Task A_measurement_row_out_of_range_or_null_fails_the_call(string measurements)
    {
        await using var server = await FakeServer.StartAsync(_ => new FakeResponse(200,
            $$"""{"elements": [{"id": "1", "name": "cpu", "dimensions": {}, "columns": ["timestamp", "value", "value_meta"], "measurements": {{measurements}}}], "links": []}"""));
        using var client = Client(server);

        await Assert.ThrowsAsync<MonascaApiException>(() => client.Metrics.ListMeasurementsAsync("cpu", DateTimeOffset.UnixEpoch));
    }
}
