using OpenStack.Testing;
using OpenStack.ContractTests.Infrastructure;
using OpenStack.Monasca;
using OpenStack.Monasca.Publishing;
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
            .Given(MonascaStates.Metrics)
            .WithRequest(HttpMethod.Get, "/v2.0/metrics")
            .WithHeader("X-Auth-Token", Contract.AnyToken)
            .WillRespond()
            .WithStatus(200)
            .WithHeader("Content-Type", MonascaShapes.JsonResponse)
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
    public async Task Metrics_List_by_name_is_the_readme_call()
    {
        // The README's `monasca.Metrics.ListAsync(name: "cpu.idle_perc")`, which the local pact stub must answer.
        using var pact = Contract.MonascaPact();
        pact.UponReceiving("a request to list metrics by name")
            .Given(MonascaStates.Metrics)
            .WithRequest(HttpMethod.Get, "/v2.0/metrics")
            .WithQuery("name", "cpu.idle_perc")
            .WithHeader("X-Auth-Token", Contract.AnyToken)
            .WillRespond()
            .WithStatus(200)
            .WithJsonBody(new
            {
                links = MonascaShapes.Links("http://127.0.0.1:8070/v2.0/metrics?name=cpu.idle_perc"),
                elements = Match.EachLike(MonascaShapes.Metric()),
            });

        await pact.VerifyAsync(async ctx =>
        {
            var page = await new MetricsClient(Clients.Monasca(ctx)).ListAsync(name: "cpu.idle_perc");

            Assert.Equal("cpu.idle_perc", Assert.Single(page.Elements).Name);
        });
    }

    [Fact]
    public async Task Metrics_List_filters_by_name_and_dimensions_and_pages_by_offset()
    {
        using var pact = Contract.MonascaPact();
        pact.UponReceiving("a request to list metrics by name and dimensions, one page")
            .Given(MonascaStates.Metrics)
            .WithRequest(HttpMethod.Get, "/v2.0/metrics")
            .WithQuery("name", "cpu.idle_perc")
            .WithQuery("dimensions", "hostname:devstack,service:monitoring")
            // The real server's metric ids on InfluxDB are positions and offset must be one of them (a hex id is a 500).
            .WithQuery("offset", MonascaShapes.Digits("0"))
            .WithQuery("limit", Match.Regex("10", @"^\d+$"))
            .WithHeader("X-Auth-Token", Contract.AnyToken)
            .WillRespond()
            .WithStatus(200)
            .WithJsonBody(new
            {
                links = MonascaShapes.Links("http://127.0.0.1:8070/v2.0/metrics?offset=0&limit=10"),
                elements = Match.EachLike(MonascaShapes.Metric(), min: 0),
            });

        await pact.VerifyAsync(async ctx =>
        {
            var page = await new MetricsClient(Clients.Monasca(ctx)).ListAsync(
                name: "cpu.idle_perc",
                dimensions: "hostname:devstack,service:monitoring",
                offset: "0",
                limit: 10);

            Assert.Equal("cpu.idle_perc", Assert.Single(page.Elements).Name);
        });
    }

    [Fact]
    public async Task Metrics_List_filters_by_name_and_dimensions_with_a_page_size()
    {
        // What `monasca metric-list --name cpu.idle_perc --dimensions hostname=devstack,service=monitoring --limit 10` sends.
        using var pact = Contract.MonascaPact();
        pact.UponReceiving("a request to list metrics by name and dimensions, with a page size")
            .Given(MonascaStates.Metrics)
            .WithRequest(HttpMethod.Get, "/v2.0/metrics")
            .WithQuery("name", Match.Type("cpu.idle_perc"))
            .WithQuery("dimensions", MonascaShapes.DimensionFilter("hostname:devstack,service:monitoring"))
            .WithQuery("limit", MonascaShapes.Digits("10"))
            .WithHeader("X-Auth-Token", Contract.AnyToken)
            .WillRespond()
            .WithStatus(200)
            .WithJsonBody(new
            {
                links = MonascaShapes.Links("http://127.0.0.1:8070/v2.0/metrics?name=cpu.idle_perc&limit=10"),
                elements = Match.EachLike(MonascaShapes.Metric(), min: 0),
            });

        await pact.VerifyAsync(async ctx =>
        {
            var page = await new MetricsClient(Clients.Monasca(ctx)).ListAsync(
                name: "cpu.idle_perc", dimensions: "hostname:devstack,service:monitoring", limit: 10);

            Assert.Equal("monitoring", Assert.Single(page.Elements).Dimensions!["service"]);
            Assert.Null(PageLinks.NextOffset(page.Links));
        });
    }

    [Fact]
    public async Task Metrics_List_within_a_time_window_for_another_project()
    {
        using var pact = Contract.MonascaPact();
        pact.UponReceiving("a request to list the metrics of another project with measurements in a time window")
            .Given(MonascaStates.Metrics)
            .WithRequest(HttpMethod.Get, "/v2.0/metrics")
            .WithQuery("tenant_id", Match.Regex("8f2b6b3a0c3a4b0f9b7f5f1f8f1c2d3e", @"^\S+$"))
            .WithQuery("start_time", MonascaShapes.QueryTime("2024-01-02T00:00:00Z"))
            .WithQuery("end_time", MonascaShapes.QueryTime("2024-01-02T01:30:00.5Z"))
            .WithHeader("X-Auth-Token", Contract.AnyToken)
            .WillRespond()
            .WithStatus(200)
            .WithJsonBody(new
            {
                links = MonascaShapes.Links("http://127.0.0.1:8070/v2.0/metrics"),
                elements = Match.EachLike(MonascaShapes.Metric(), min: 0),
            });

        await pact.VerifyAsync(async ctx =>
        {
            // Times in any offset go out in UTC with Z and only the digits needed.
            var page = await new MetricsClient(Clients.Monasca(ctx)).ListAsync(
                tenantId: "8f2b6b3a0c3a4b0f9b7f5f1f8f1c2d3e",
                startTime: new DateTimeOffset(2024, 1, 2, 2, 0, 0, TimeSpan.FromHours(2)),
                endTime: new DateTimeOffset(2024, 1, 2, 1, 30, 0, 500, TimeSpan.Zero));

            Assert.Single(page.Elements);
        });
    }

    [Fact]
    public async Task Metrics_List_with_an_invalid_token_is_401()
    {
        using var pact = Contract.MonascaPact();
        pact.UponReceiving("a request to list metrics with an invalid token")
            .Given(MonascaStates.InvalidToken)
            .WithRequest(HttpMethod.Get, "/v2.0/metrics")
            .WithHeader("X-Auth-Token", "invalid-token")
            .WillRespond()
            .WithStatus(401)
            .WithJsonBody(MonascaShapes.KeystoneUnauthorized());

        await pact.VerifyAsync(async ctx =>
        {
            var ex = await Assert.ThrowsAnyAsync<MonascaApiException>(
                () => new MetricsClient(Clients.Monasca(ctx, token: "invalid-token")).ListAsync());

            Assert.Equal(401, ex.StatusCode);
            Assert.True(ex.IsUnauthorized);
            Assert.Equal("The request you have made requires authentication.", ex.ServerMessage);
        });
    }

    [Fact]
    public async Task Metrics_Create_stores_metrics()
    {
        using var pact = Contract.MonascaPact();
        pact.UponReceiving("a request to create metrics")
            .WithRequest(HttpMethod.Post, "/v2.0/metrics")
            .WithHeader("X-Auth-Token", Contract.AnyToken)
            .WithHeader("Content-Type", MonascaShapes.JsonRequest)
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
                    ValueMeta = new Dictionary<string, string> { ["source"] = "contract-test" },
                },
            });
        });
    }

    [Fact]
    public async Task The_metrics_publisher_sends_its_batch_in_one_create()
    {
        // What MonascaMetricPublisher (and the OpenTelemetry exporter over it) sends: several metrics in one array, some
        // with value_meta and some without (the server takes both; a key is never required on every element).
        using var pact = Contract.MonascaPact();
        pact.UponReceiving("a request to create a batch of metrics from the metrics publisher")
            .WithRequest(HttpMethod.Post, "/v2.0/metrics")
            .WithHeader("X-Auth-Token", Contract.AnyToken)
            .WithHeader("Content-Type", MonascaShapes.JsonRequest)
            .WithJsonBody(new object[]
            {
                new
                {
                    name = Match.Type("http.server.requests"),
                    dimensions = Match.Type(new Dictionary<string, string> { ["service"] = "orders-api", ["hostname"] = "web-1", ["http.request.method"] = "GET" }),
                    timestamp = Match.Integer(1765000000000),
                    value = Match.Number(5.0),
                },
                new
                {
                    name = Match.Type("http.server.request.duration_sec.sum"),
                    dimensions = Match.Type(new Dictionary<string, string> { ["service"] = "orders-api", ["hostname"] = "web-1" }),
                    timestamp = Match.Integer(1765000000000),
                    value = Match.Number(2.0),
                },
                new
                {
                    name = Match.Type("queue.depth"),
                    dimensions = Match.Type(new Dictionary<string, string> { ["service"] = "orders-api", ["hostname"] = "web-1", ["queue"] = "orders" }),
                    timestamp = Match.Integer(1765000000000),
                    value = Match.Number(7.0),
                    value_meta = Match.Type(new Dictionary<string, string> { ["unit"] = "m" }),
                },
            })
            .WillRespond()
            .WithStatus(204);

        await pact.VerifyAsync(async ctx =>
        {
            var publisher = new MonascaMetricPublisher(new MetricsClient(Clients.Monasca(ctx)), new MonascaMetricPublisherOptions { MaxBatchSize = 3 });
            await using (publisher.ConfigureAwait(false))
            {
                await publisher.PublishAsync(Metric("http.server.requests", 5.0, ("service", "orders-api"), ("hostname", "web-1"), ("http.request.method", "GET")));
                await publisher.PublishAsync(Metric("http.server.request.duration_sec.sum", 2.0, ("service", "orders-api"), ("hostname", "web-1")));
                var depth = Metric("queue.depth", 7.0, ("service", "orders-api"), ("hostname", "web-1"), ("queue", "orders"));
                depth.ValueMeta = new Dictionary<string, string> { ["unit"] = "m" };
                await publisher.PublishAsync(depth);
                await publisher.FlushAsync();

                Assert.Equal(3, publisher.Sent);
            }
        });

        static MetricCreate Metric(string name, double value, params (string Key, string Value)[] dimensions) => new()
        {
            Name = name,
            Dimensions = dimensions.ToDictionary(d => d.Key, d => d.Value),
            Timestamp = 1765000000000,
            Value = value,
        };
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
            .WithJsonBody(MonascaShapes.Error("Unprocessable Entity", "invalid length for metric name: for metric "));

        await pact.VerifyAsync(async ctx =>
        {
            var ex = await Assert.ThrowsAnyAsync<MonascaApiException>(
                () => new MetricsClient(Clients.Monasca(ctx)).CreateAsync(new[]
                {
                    new MetricCreate { Name = "", Timestamp = 1704164645000, Value = 1.0 },
                }));

            Assert.Equal(422, ex.StatusCode);
            Assert.Equal("Unprocessable Entity", ex.Title);
            Assert.Contains("invalid length for metric name", ex.Message);
        });
    }
}
