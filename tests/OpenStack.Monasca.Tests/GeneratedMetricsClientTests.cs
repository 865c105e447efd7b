using OpenStack.Monasca;
using OpenStack.Testing;

namespace OpenStack.Monasca.Tests;

public class GeneratedMetricsClientTests
{
    [Fact]
    public async Task List_sends_the_filters_and_parses_the_elements()
    {
        await using var server = await FakeServer.StartAsync(_ => new FakeResponse(200, """
            {"links": [{"rel": "self", "href": "http://127.0.0.1:8070/v2.0/metrics"}],
             "elements": [{"id": "0", "name": "cpu.idle_perc", "dimensions": {"hostname": "devstack", "service": "monitoring"}}]}
            """));
        var client = new MetricsClient(server.CreateClient());

        var page = await client.ListAsync(name: "cpu.idle_perc", dimensions: "hostname:devstack", limit: 10);

        var request = Assert.Single(server.Requests);
        Assert.Equal("GET", request.Method);
        Assert.Equal("/v2.0/metrics?name=cpu.idle_perc&dimensions=hostname%3Adevstack&limit=10", request.PathAndQuery);
        var metric = Assert.Single(page.Elements);
        Assert.Equal("cpu.idle_perc", metric.Name);
        Assert.Equal("devstack", metric.Dimensions["hostname"]);
    }

    [Fact]
    public async Task Create_posts_the_metrics_as_a_json_array()
    {
        await using var server = await FakeServer.StartAsync(_ => new FakeResponse(204));
        var client = new MetricsClient(server.CreateClient());

        await client.CreateAsync(new[]
        {
            new MetricCreate { Name = "disk.used", Timestamp = 1700000000123, Value = 42.5, Dimensions = new Dictionary<string, string> { ["host"] = "h1" } },
        });

        var request = Assert.Single(server.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/v2.0/metrics", request.Path);
        Assert.StartsWith("application/json", request.Header("Content-Type"));
        var sent = Newtonsoft.Json.Linq.JArray.Parse(request.Body);
        Assert.Equal("disk.used", (string?)sent[0]["name"]);
        Assert.Equal(1700000000123L, (long?)sent[0]["timestamp"]);
        Assert.Equal(42.5, (double?)sent[0]["value"]);
        Assert.Equal("h1", (string?)sent[0]["dimensions"]!["host"]);
    }

    [Fact]
    public async Task A_422_becomes_a_MonascaApiException_carrying_the_error_body()
    {
        await using var server = await FakeServer.StartAsync(_ => new FakeResponse(422,
            """{"code": 422, "title": "Unprocessable Entity", "description": "name is required"}"""));
        var client = new MetricsClient(server.CreateClient());

        var ex = await Assert.ThrowsAsync<MonascaApiException<Error>>(() =>
            client.CreateAsync(new[] { new MetricCreate { Name = "", Timestamp = 0, Value = 1 } }));

        Assert.Equal(422, ex.StatusCode);
        Assert.Equal("name is required", ex.Result.Description);
    }
}
