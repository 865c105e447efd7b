using OpenStack.ContractTests.Infrastructure;
using OpenStack.Monasca;
using OpenStack.Pact;

namespace OpenStack.ContractTests.Monasca;

[Collection(ConsumerCollection.Name)]
public sealed class MetricsContractTests
{
    [Fact]
    public async Task Metrics_List_returns_a_page_of_metrics()
    {
        using var pact = Contract.MonascaPact();
        pact.UponReceiving("a request to list metrics")
            .Given("metrics exist")
            .WithRequest(HttpMethod.Get, "/v2.0/metrics")
            .WithHeader("X-Auth-Token", Contract.AnyToken)
            .WillRespond()
            .WithStatus(200)
            .WithHeader("Content-Type", Match.Regex("application/json", "^application/json"))
            .WithJsonBody(new
            {
                links = MonascaShapes.Links("http://127.0.0.1:8070/v2.0/metrics"),
                elements = Match.EachLike(MonascaShapes.Metric()),
            });

        await pact.VerifyAsync(async ctx =>
        {
            var page = await new MetricsClient(Clients.Monasca(ctx)).ListAsync();

            var metric = Assert.Single(page.Elements);
            Assert.Equal("cpu.idle_perc", metric.Name);
            Assert.Equal("devstack", metric.Dimensions!["hostname"]);
            Assert.Equal("self", Assert.Single(page.Links!).Rel);
        });
    }

    [Fact]
    public async Task Metrics_List_filters_by_name_and_dimensions_and_pages_by_offset()
    {
        using var pact = Contract.MonascaPact();
        pact.UponReceiving("a request to list metrics by name and dimensions, one page")
            .Given("metrics exist")
            .WithRequest(HttpMethod.Get, "/v2.0/metrics")
            .WithQuery("name", "cpu.idle_perc")
            .WithQuery("dimensions", "hostname:devstack,service:monitoring")
            .WithQuery("offset", Match.Type("b4f6e4e4a4bb4c5b9f1cc0a0ad1d9a04"))
            .WithQuery("limit", Match.Regex("10", @"^\d+$"))
            .WithHeader("X-Auth-Token", Contract.AnyToken)
            .WillRespond()
            .WithStatus(200)
            .WithJsonBody(new
            {
                links = MonascaShapes.Links("http://127.0.0.1:8070/v2.0/metrics?offset=b4f6&limit=10"),
                elements = Match.EachLike(MonascaShapes.Metric(), min: 0),
            });

        await pact.VerifyAsync(async ctx =>
        {
            var page = await new MetricsClient(Clients.Monasca(ctx)).ListAsync(
                name: "cpu.idle_perc",
                dimensions: "hostname:devstack,service:monitoring",
                offset: "b4f6e4e4a4bb4c5b9f1cc0a0ad1d9a04",
                limit: 10);

            Assert.Equal("cpu.idle_perc", Assert.Single(page.Elements).Name);
        });
    }

    [Fact]
    public async Task Metrics_List_with_an_invalid_token_is_401()
    {
        using var pact = Contract.MonascaPact();
        pact.UponReceiving("a request to list metrics with an invalid token")
            .Given("the token is invalid")
            .WithRequest(HttpMethod.Get, "/v2.0/metrics")
            .WithHeader("X-Auth-Token", "invalid-token")
            .WillRespond()
            .WithStatus(401)
            .WithJsonBody(MonascaShapes.Error(401, "Unauthorized", "The request you have made requires authentication."));

        await pact.VerifyAsync(async ctx =>
        {
            var ex = await Assert.ThrowsAnyAsync<MonascaApiException>(
                () => new MetricsClient(Clients.Monasca(ctx, token: "invalid-token")).ListAsync());

            Assert.Equal(401, ex.StatusCode);
        });
    }

    [Fact]
    public async Task Metrics_Create_stores_metrics()
    {
        using var pact = Contract.MonascaPact();
        pact.UponReceiving("a request to create metrics")
            .WithRequest(HttpMethod.Post, "/v2.0/metrics")
            .WithHeader("X-Auth-Token", Contract.AnyToken)
            .WithHeader("Content-Type", Match.Regex("application/json; charset=utf-8", "^application/json"))
            .WithJsonBody(Match.EachLike(new
            {
                name = Match.Type("cpu.idle_perc"),
                dimensions = Match.Type(new Dictionary<string, string> { ["hostname"] = "devstack" }),
                timestamp = Match.Integer(1704164645000),
                value = Match.Number(97.5),
                value_meta = Match.Type(new Dictionary<string, string> { ["source"] = "contract-test" }),
            }))
            .WillRespond()
            .WithStatus(204);

        await pact.VerifyAsync(async ctx =>
        {
            await new MetricsClient(Clients.Monasca(ctx)).CreateAsync(new[]
            {
                new MetricCreate
                {
                    Name = "cpu.idle_perc",
                    Dimensions = new Dictionary<string, string> { ["hostname"] = "devstack" },
                    Timestamp = 1704164645000,
                    Value = 97.5,
                    Value_meta = new Dictionary<string, string> { ["source"] = "contract-test" },
                },
            });
        });
    }

    [Fact]
    public async Task Metrics_Create_with_an_invalid_metric_is_422()
    {
        using var pact = Contract.MonascaPact();
        pact.UponReceiving("a request to create a metric without a name")
            .WithRequest(HttpMethod.Post, "/v2.0/metrics")
            .WithHeader("X-Auth-Token", Contract.AnyToken)
            .WithJsonBody(new[] { new { name = "", timestamp = Match.Integer(1704164645000), value = Match.Number(1.0) } })
            .WillRespond()
            .WithStatus(422)
            .WithJsonBody(MonascaShapes.Error(422, "Unprocessable Entity", "Metric name is required"));

        await pact.VerifyAsync(async ctx =>
        {
            var ex = await Assert.ThrowsAnyAsync<MonascaApiException>(
                () => new MetricsClient(Clients.Monasca(ctx)).CreateAsync(new[]
                {
                    new MetricCreate { Name = "", Timestamp = 1704164645000, Value = 1.0 },
                }));

            Assert.Equal(422, ex.StatusCode);
            Assert.Contains("Metric name is required", ex.Message);
        });
    }
}
