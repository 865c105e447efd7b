using Newtonsoft.Json.Linq;
using OpenStack.Testing;

namespace OpenStack.Monasca.Tests;

public class VersionsHealthLogsTests
{
    [Fact]
    public async Task Versions_list_and_get()
    {
        await using var fake = await Fake.StartAsync(
            new FakeResponse(200, """
                {"links": [{"rel": "self", "href": "http://h:8070/"}],
                 "elements": [{"id": "v2.0", "links": [{"rel": "self", "href": "http://h:8070/v2.0"}], "status": "CURRENT", "updated": "2013-03-06T00:00:00.000Z"}]}
                """),
            new FakeResponse(200, """{"id": "v2.0", "links": [], "status": "CURRENT", "updated": "2014-07-18T03:25:02.423Z"}"""));

        var all = await fake.Client.Versions.ListAsync();
        var one = await fake.Client.Versions.GetAsync("v2.0");

        Assert.Equal(("GET", "/"), (fake.Requests[0].Method, fake.Requests[0].PathAndQuery));
        Assert.Equal(("GET", "/v2.0"), (fake.Requests[1].Method, fake.Requests[1].PathAndQuery));
        var v = Assert.Single(all.Elements);
        Assert.Equal(("v2.0", "CURRENT"), (v.Id, v.Status));
        Assert.Equal(new DateTimeOffset(2013, 3, 6, 0, 0, 0, TimeSpan.Zero), v.Updated);
        Assert.Equal(new DateTimeOffset(2014, 7, 18, 3, 25, 2, 423, TimeSpan.Zero), one.Updated);
    }

    [Fact]
    public async Task Healthcheck_reports_healthy_and_unhealthy()
    {
        await using var fake = await Fake.StartAsync(
            new FakeResponse(200, """{"kafka": "OK", "alarms_database": "OK", "metrics_database": "OK"}"""),
            new FakeResponse(503, """{"kafka": "OK", "alarms_database": "OK", "metrics_database": "Connection refused"}"""),
            new FakeResponse(204));

        var healthy = await fake.Client.Healthcheck.CheckAsync();
        var unhealthy = await fake.Client.Healthcheck.CheckAsync();
        await fake.Client.Healthcheck.HeadAsync();

        Assert.True(healthy.IsHealthy);
        Assert.Equal("OK", healthy.Status.Kafka);
        Assert.False(unhealthy.IsHealthy);
        Assert.Equal(503, unhealthy.StatusCode);
        Assert.Equal("Connection refused", unhealthy.Status.MetricsDatabase);
        Assert.Equal(("GET", "/healthcheck"), (fake.Requests[0].Method, fake.Requests[0].PathAndQuery));
        Assert.Equal(("HEAD", "/healthcheck"), (fake.Requests[2].Method, fake.Requests[2].PathAndQuery));
    }

    [Fact]
    public async Task Logs_create_posts_the_envelope()
    {
        await using var fake = await Fake.StartAsync(new FakeResponse(204));

        await fake.Client.Logs.CreateAsync(new LogsCreate
        {
            Dimensions = new Dictionary<string, string> { ["hostname"] = "h1" },
            Logs = new List<LogEntry> { new() { Message = "hello", Dimensions = new Dictionary<string, string> { ["component"] = "api" } } },
        }, tenantId: "t1");

        Assert.Equal(("POST", "/v2.0/logs?tenant_id=t1"), (fake.Request.Method, fake.Request.PathAndQuery));
        Assert.Equal("application/json", fake.Request.Header("Content-Type"));
        Assert.True(JToken.DeepEquals(
            JObject.Parse("""{"dimensions":{"hostname":"h1"},"logs":[{"message":"hello","dimensions":{"component":"api"}}]}"""),
            JObject.Parse(fake.Request.Body)), fake.Request.Body);
    }
}
