using OpenStack.Testing;
using OpenStack.ContractTests.Infrastructure;
using OpenStack.Monasca;
using OpenStack.Pact;

namespace OpenStack.ContractTests.Monasca;

/// <summary>Metric names, dimension names and values, measurements and statistics.</summary>
[Collection(ConsumerCollection.Name)]
public sealed class MetricsQueriesContractTests
{
    private static readonly DateTimeOffset Start = new(2024, 1, 2, 0, 0, 0, TimeSpan.Zero);

    private static object MeasurementSeries(string id = "0") => new
    {
        id = Match.Type(id),
        name = Match.Type("cpu.idle_perc"),
        dimensions = MonascaShapes.Map(("hostname", "devstack")),
        columns = new[] { "timestamp", "value", "value_meta" },
        measurements = Match.EachLike(new object[]
        {
            MonascaShapes.Timestamp("2024-01-02T00:00:05.000Z"),
            Match.Number(97.5),
            Match.Type(new Dictionary<string, string>()),
        }),
    };

    private static object StatisticsSeries(params string[] statistics) => new
    {
        id = Match.Type("0"),
        name = Match.Type("cpu.idle_perc"),
        dimensions = MonascaShapes.Map(("hostname", "devstack")),
        columns = new[] { "timestamp" }.Concat(statistics).ToArray(),
        statistics = Match.EachLike(
            new object[] { MonascaShapes.Timestamp("2024-01-02T00:00:00Z") }
                .Concat(statistics.Select((_, i) => (object)Match.Number(90.25 + i)))
                .ToArray()),
    };

    // ---- names ------------------------------------------------------------------------------------------------

    [Fact]
    public async Task Metrics_ListNames_returns_the_names()
    {
        using var pact = Contract.MonascaPact();
        pact.UponReceiving("a request to list metric names")
            .Given(MonascaStates.Metrics)
            .WithRequest(HttpMethod.Get, "/v2.0/metrics/names")
            .WithHeader("X-Auth-Token", Contract.AnyToken)
            .WillRespond()
            .WithStatus(200)
            .WithHeader("Content-Type", MonascaShapes.JsonResponse)
            .WithJsonBody(new
            {
                links = MonascaShapes.Links($"{MonascaShapes.Root}/v2.0/metrics/names"),
                elements = Match.EachLike(new { name = Match.Type("cpu.idle_perc") }),
            });

        await pact.VerifyAsync(async ctx =>
        {
            var page = await new MetricsClient(Clients.Monasca(ctx)).ListNamesAsync();

            Assert.Equal("cpu.idle_perc", Assert.Single(page.Elements).Name);
            Assert.Null(PageLinks.NextOffset(page.Links));
        });
    }

    [Fact]
    public async Task Metrics_ListNames_filters_by_dimensions_and_pages_after_a_name()
    {
        using var pact = Contract.MonascaPact();
        pact.UponReceiving("a request to list metric names by dimensions, one page after a name")
            .Given(MonascaStates.Metrics)
            .WithRequest(HttpMethod.Get, "/v2.0/metrics/names")
            .WithQuery("tenant_id", Match.Regex("8f2b6b3a0c3a4b0f9b7f5f1f8f1c2d3e", @"^\S+$"))
            .WithQuery("dimensions", MonascaShapes.DimensionFilter("hostname:devstack|compute1,service"))
            .WithQuery("offset", Match.Type("cpu.idle_perc"))
            .WithQuery("limit", MonascaShapes.Digits("2"))
            .WithHeader("X-Auth-Token", Contract.AnyToken)
            .WillRespond()
            .WithStatus(200)
            .WithJsonBody(new
            {
                links = MonascaShapes.LinksWithNext(
                    $"{MonascaShapes.Root}/v2.0/metrics/names?offset=cpu.idle_perc&limit=2",
                    $"{MonascaShapes.Root}/v2.0/metrics/names?offset=mem.free_mb&limit=2",
                    @"[^&\s]+"),
                elements = Match.EachLike(new { name = Match.Type("mem.free_mb") }, min: 0),
            });

        await pact.VerifyAsync(async ctx =>
        {
            var filter = new DimensionFilter { { "hostname", "devstack", "compute1" }, { "service" } };
            var page = await new MetricsClient(Clients.Monasca(ctx)).ListNamesAsync(
                tenantId: "8f2b6b3a0c3a4b0f9b7f5f1f8f1c2d3e", dimensions: filter, offset: "cpu.idle_perc", limit: 2);

            Assert.Equal("mem.free_mb", Assert.Single(page.Elements).Name);
            Assert.Equal("mem.free_mb", PageLinks.NextOffset(page.Links));
        });
    }

    // ---- dimension names and values ---------------------------------------------------------------------------

    [Fact]
    public async Task Metrics_ListDimensionNames_returns_the_dimension_names()
    {
        using var pact = Contract.MonascaPact();
        pact.UponReceiving("a request to list dimension names")
            .Given(MonascaStates.Metrics)
            .WithRequest(HttpMethod.Get, "/v2.0/metrics/dimensions/names")
            .WithHeader("X-Auth-Token", Contract.AnyToken)
            .WillRespond()
            .WithStatus(200)
            .WithJsonBody(new
            {
                links = MonascaShapes.Links($"{MonascaShapes.Root}/v2.0/metrics/dimensions/names"),
                elements = Match.EachLike(new { dimension_name = Match.Type("hostname") }),
            });

        await pact.VerifyAsync(async ctx =>
        {
            var page = await new MetricsClient(Clients.Monasca(ctx)).ListDimensionNamesAsync();

            Assert.Equal("hostname", Assert.Single(page.Elements).Name);
        });
    }

    [Fact]
    public async Task Metrics_ListDimensionNames_of_one_metric_in_a_time_window()
    {
        using var pact = Contract.MonascaPact();
        pact.UponReceiving("a request to list the dimension names of a metric in a time window")
            .Given(MonascaStates.Metrics)
            .WithRequest(HttpMethod.Get, "/v2.0/metrics/dimensions/names")
            .WithQuery("metric_name", Match.Type("cpu.idle_perc"))
            .WithQuery("start_time", MonascaShapes.QueryTime("2024-01-02T00:00:00Z"))
            .WithQuery("end_time", MonascaShapes.QueryTime("2024-01-03T00:00:00Z"))
            .WithQuery("limit", MonascaShapes.Digits("100"))
            .WithHeader("X-Auth-Token", Contract.AnyToken)
            .WillRespond()
            .WithStatus(200)
            .WithJsonBody(new
            {
                links = MonascaShapes.Links($"{MonascaShapes.Root}/v2.0/metrics/dimensions/names?metric_name=cpu.idle_perc"),
                elements = Match.EachLike(new { dimension_name = Match.Type("hostname") }, min: 0),
            });

        await pact.VerifyAsync(async ctx =>
        {
            var page = await new MetricsClient(Clients.Monasca(ctx)).ListDimensionNamesAsync(
                metricName: "cpu.idle_perc", startTime: Start, endTime: Start.AddDays(1), limit: 100);

            Assert.Single(page.Elements);
        });
    }

    [Fact]
    public async Task Metrics_ListDimensionValues_returns_the_values_of_one_dimension()
    {
        using var pact = Contract.MonascaPact();
        pact.UponReceiving("a request to list the values of a dimension")
            .Given(MonascaStates.Metrics)
            .WithRequest(HttpMethod.Get, "/v2.0/metrics/dimensions/names/values")
            .WithQuery("dimension_name", Match.Type("hostname"))
            .WithHeader("X-Auth-Token", Contract.AnyToken)
            .WillRespond()
            .WithStatus(200)
            .WithJsonBody(new
            {
                links = MonascaShapes.Links($"{MonascaShapes.Root}/v2.0/metrics/dimensions/names/values?dimension_name=hostname"),
                elements = Match.EachLike(new { dimension_value = Match.Type("devstack") }),
            });

        await pact.VerifyAsync(async ctx =>
        {
            var page = await new MetricsClient(Clients.Monasca(ctx)).ListDimensionValuesAsync("hostname");

            Assert.Equal("devstack", Assert.Single(page.Elements).Value);
        });
    }

    [Fact]
    public async Task Metrics_ListDimensionValues_of_one_metric_pages_after_a_value()
    {
        using var pact = Contract.MonascaPact();
        pact.UponReceiving("a request to list the values of a dimension of a metric, one page after a value")
            .Given(MonascaStates.Metrics)
            .WithRequest(HttpMethod.Get, "/v2.0/metrics/dimensions/names/values")
            .WithQuery("dimension_name", Match.Type("hostname"))
            .WithQuery("metric_name", Match.Type("cpu.idle_perc"))
            .WithQuery("offset", Match.Type("compute1"))
            .WithQuery("limit", MonascaShapes.Digits("1"))
            .WithHeader("X-Auth-Token", Contract.AnyToken)
            .WillRespond()
            .WithStatus(200)
            .WithJsonBody(new
            {
                links = MonascaShapes.LinksWithNext(
                    $"{MonascaShapes.Root}/v2.0/metrics/dimensions/names/values?dimension_name=hostname&offset=compute1&limit=1",
                    $"{MonascaShapes.Root}/v2.0/metrics/dimensions/names/values?dimension_name=hostname&offset=devstack&limit=1",
                    @"[^&\s]+"),
                elements = Match.EachLike(new { dimension_value = Match.Type("devstack") }, min: 0),
            });

        await pact.VerifyAsync(async ctx =>
        {
            var page = await new MetricsClient(Clients.Monasca(ctx)).ListDimensionValuesAsync(
                "hostname", metricName: "cpu.idle_perc", offset: "compute1", limit: 1);

            Assert.Equal("devstack", Assert.Single(page.Elements).Value);
            Assert.Equal("devstack", PageLinks.NextOffset(page.Links));
        });
    }

    /// <summary>A page's links with the self link alone: the answer holds the whole result (no next link).</summary>
    private static object SelfLinkOnly(string selfHref) => new object[]
    {
        new { rel = "self", href = Match.Regex(selfHref, @"^https?://\S+$") },
    };

    // ---- measurements -----------------------------------------------------------------------------------------

    [Fact]
    public async Task Metrics_ListMeasurements_returns_the_rows_of_one_metric()
    {
        // What `monasca measurement-list cpu.idle_perc -60` sends.
        using var pact = Contract.MonascaPact();
        pact.UponReceiving("a request to list the measurements of a metric since a time")
            .Given(MonascaStates.Measurements)
            .WithRequest(HttpMethod.Get, "/v2.0/metrics/measurements")
            .WithQuery("name", Match.Type("cpu.idle_perc"))
            .WithQuery("start_time", MonascaShapes.QueryTime())
            .WithHeader("X-Auth-Token", Contract.AnyToken)
            .WillRespond()
            .WithStatus(200)
            .WithJsonBody(new
            {
                links = MonascaShapes.Links($"{MonascaShapes.Root}/v2.0/metrics/measurements?name=cpu.idle_perc&start_time=2024-01-02T00:00:00Z"),
                elements = Match.EachLike(MeasurementSeries()),
            });

        await pact.VerifyAsync(async ctx =>
        {
            var page = await new MetricsClient(Clients.Monasca(ctx)).ListMeasurementsAsync("cpu.idle_perc", Start);

            var series = Assert.Single(page.Elements);
            var row = Assert.Single(series.Measurements!);
            Assert.Equal(new DateTimeOffset(2024, 1, 2, 0, 0, 5, TimeSpan.Zero), row.Timestamp);
            Assert.Equal("2024-01-02T00:00:05.000Z", row.RawTimestamp);
            Assert.Equal(97.5, row.Value);
            Assert.Empty(row.ValueMeta);
        });
    }

    [Fact]
    public async Task Metrics_ListMeasurements_filters_by_dimensions()
    {
        // What `monasca measurement-list cpu.idle_perc 2024-01-02T00:00:00Z --dimensions hostname=devstack` sends.
        using var pact = Contract.MonascaPact();
        pact.UponReceiving("a request to list the measurements of a metric by dimensions since a time")
            .Given(MonascaStates.Measurements)
            .WithRequest(HttpMethod.Get, "/v2.0/metrics/measurements")
            .WithQuery("name", Match.Type("cpu.idle_perc"))
            .WithQuery("start_time", MonascaShapes.QueryTime())
            .WithQuery("dimensions", MonascaShapes.DimensionFilter("hostname:devstack"))
            .WithHeader("X-Auth-Token", Contract.AnyToken)
            .WillRespond()
            .WithStatus(200)
            .WithJsonBody(new
            {
                links = MonascaShapes.Links($"{MonascaShapes.Root}/v2.0/metrics/measurements?name=cpu.idle_perc&dimensions=hostname%3Adevstack"),
                elements = Match.EachLike(MeasurementSeries(), min: 0),
            });

        await pact.VerifyAsync(async ctx =>
        {
            var page = await new MetricsClient(Clients.Monasca(ctx)).ListMeasurementsAsync(
                "cpu.idle_perc", Start, dimensions: new DimensionFilter { { "hostname", "devstack" } });

            Assert.Equal("devstack", Assert.Single(page.Elements).Dimensions!["hostname"]);
        });
    }

    [Fact]
    public async Task Metrics_ListAllMeasurements_grouped_is_one_request_without_offset_or_limit()
    {
        // The server's offset for grouped results loses and repeats points (real-server point 18): the all-pages read
        // asks once, at the server's page limit, and the answer holds every series whole (no next link).
        using var pact = Contract.MonascaPact();
        pact.UponReceiving("a request to list measurements grouped by hostname, in one request")
            .Given(MonascaStates.Measurements)
            .WithRequest(HttpMethod.Get, "/v2.0/metrics/measurements")
            .WithQuery("name", Match.Type("cpu.idle_perc"))
            .WithQuery("start_time", MonascaShapes.QueryTime())
            .WithQuery("end_time", MonascaShapes.QueryTime("2024-01-02T01:00:00Z"))
            .WithQuery("group_by", Match.Type("hostname"))
            .WithHeader("X-Auth-Token", Contract.AnyToken)
            .WillRespond()
            .WithStatus(200)
            .WithJsonBody(new
            {
                links = SelfLinkOnly($"{MonascaShapes.Root}/v2.0/metrics/measurements?name=cpu.idle_perc&group_by=hostname"),
                elements = Match.EachLike(new
                {
                    id = Match.Type("0"),
                    name = Match.Type("cpu.idle_perc"),
                    dimensions = MonascaShapes.Map(("hostname", "devstack")),
                    columns = new[] { "timestamp", "value", "value_meta" },
                    measurements = Match.EachLike(new object[]
                    {
                        MonascaShapes.Timestamp("2024-01-02T00:16:45.000Z"),
                        Match.Number(12),
                        MonascaShapes.Map(("source", "contract-test")),
                    }),
                }),
            });

        await pact.VerifyAsync(async ctx =>
        {
            var series = new List<MeasurementSeries>();
            await foreach (var s in new MetricsClient(Clients.Monasca(ctx)).ListAllMeasurementsAsync(
                "cpu.idle_perc", Start, endTime: Start.AddHours(1), groupBy: new[] { "hostname" }).AsPages(pageSizeHint: 100))
            {
                series.AddRange(s.Values);
            }

            var row = Assert.Single(Assert.Single(series).Measurements!);
            Assert.Equal(12, row.Value);
            Assert.Equal("contract-test", row.ValueMeta["source"]);
        });
    }

    [Fact]
    public async Task Metrics_ListAllMeasurements_merged_is_one_request_without_offset_or_limit()
    {
        using var pact = Contract.MonascaPact();
        pact.UponReceiving("a request to list measurements merged across metrics, in one request")
            .Given(MonascaStates.Measurements)
            .WithRequest(HttpMethod.Get, "/v2.0/metrics/measurements")
            .WithQuery("name", Match.Type("cpu.idle_perc"))
            .WithQuery("start_time", MonascaShapes.QueryTime())
            .WithQuery("dimensions", MonascaShapes.DimensionFilter("service:monitoring"))
            .WithQuery("merge_metrics", "true")
            .WithHeader("X-Auth-Token", Contract.AnyToken)
            .WillRespond()
            .WithStatus(200)
            .WithJsonBody(new
            {
                links = SelfLinkOnly($"{MonascaShapes.Root}/v2.0/metrics/measurements?name=cpu.idle_perc&merge_metrics=true"),
                elements = Match.EachLike(MeasurementSeries(), min: 0),
            });

        await pact.VerifyAsync(async ctx =>
        {
            var series = new List<MeasurementSeries>();
            await foreach (var s in new MetricsClient(Clients.Monasca(ctx)).ListAllMeasurementsAsync(
                "cpu.idle_perc", Start, dimensions: "service:monitoring", mergeMetrics: true))
            {
                series.Add(s);
            }

            Assert.Equal(97.5, Assert.Single(Assert.Single(series).Measurements!).Value);
        });
    }

    [Fact]
    public async Task Metrics_ListMeasurements_matching_several_metrics_is_409()
    {
        using var pact = Contract.MonascaPact();
        pact.UponReceiving("a request to list measurements that match several metrics")
            .Given(MonascaStates.SeveralMetrics)
            .WithRequest(HttpMethod.Get, "/v2.0/metrics/measurements")
            .WithQuery("name", "cpu.idle_perc")
            .WithQuery("start_time", MonascaShapes.QueryTime())
            .WithQuery("dimensions", "service:monitoring")
            .WithHeader("X-Auth-Token", Contract.AnyToken)
            .WillRespond()
            .WithStatus(409)
            .WithJsonBody(MonascaShapes.Error(
                "MultipleMetrics",
                "Found multiple metrics matching metric name and dimensions. Please refine your search criteria using a unique metric name or additional dimensions."));

        await pact.VerifyAsync(async ctx =>
        {
            var ex = await Assert.ThrowsAnyAsync<MonascaApiException>(() => new MetricsClient(Clients.Monasca(ctx))
                .ListMeasurementsAsync("cpu.idle_perc", Start, dimensions: "service:monitoring"));

            Assert.Equal(409, ex.StatusCode);
            Assert.Equal("MultipleMetrics", ex.Title);
        });
    }

    // ---- statistics -------------------------------------------------------------------------------------------

    [Fact]
    public async Task Metrics_ListStatistics_returns_the_requested_statistics()
    {
        // What `monasca metric-statistics cpu.idle_perc avg,max -60` sends.
        using var pact = Contract.MonascaPact();
        pact.UponReceiving("a request for statistics of a metric since a time")
            .Given(MonascaStates.Measurements)
            .WithRequest(HttpMethod.Get, "/v2.0/metrics/statistics")
            .WithQuery("name", Match.Type("cpu.idle_perc"))
            .WithQuery("statistics", Match.Regex("avg,max", "^(avg|min|max|count|sum)(,(avg|min|max|count|sum))*$"))
            .WithQuery("start_time", MonascaShapes.QueryTime())
            .WithHeader("X-Auth-Token", Contract.AnyToken)
            .WillRespond()
            .WithStatus(200)
            .WithJsonBody(new
            {
                links = MonascaShapes.Links($"{MonascaShapes.Root}/v2.0/metrics/statistics?name=cpu.idle_perc&statistics=avg,max"),
                elements = Match.EachLike(StatisticsSeries("avg", "max")),
            });

        await pact.VerifyAsync(async ctx =>
        {
            var page = await new MetricsClient(Clients.Monasca(ctx)).ListStatisticsAsync("cpu.idle_perc", new[] { "avg", "max" }, Start);

            var series = Assert.Single(page.Elements);
            Assert.Equal(new[] { "timestamp", "avg", "max" }, series.Columns);
            var row = Assert.Single(series.Statistics!);
            Assert.Equal("2024-01-02T00:00:00Z", row.RawTimestamp);
            Assert.Equal(90.25, row.Average);
            Assert.Equal(91.25, row.Maximum);
        });
    }

    [Fact]
    public async Task Metrics_ListStatistics_over_periods()
    {
        // What `monasca metric-statistics cpu.idle_perc avg,max 2024-01-02T00:00:00Z --period 300` sends.
        using var pact = Contract.MonascaPact();
        pact.UponReceiving("a request for statistics of a metric since a time over periods")
            .Given(MonascaStates.Measurements)
            .WithRequest(HttpMethod.Get, "/v2.0/metrics/statistics")
            .WithQuery("name", Match.Type("cpu.idle_perc"))
            .WithQuery("statistics", Match.Regex("avg,max", "^(avg|min|max|count|sum)(,(avg|min|max|count|sum))*$"))
            .WithQuery("start_time", MonascaShapes.QueryTime())
            .WithQuery("period", MonascaShapes.Digits("300"))
            .WithHeader("X-Auth-Token", Contract.AnyToken)
            .WillRespond()
            .WithStatus(200)
            .WithJsonBody(new
            {
                links = MonascaShapes.Links($"{MonascaShapes.Root}/v2.0/metrics/statistics?name=cpu.idle_perc&statistics=avg,max&period=300"),
                elements = Match.EachLike(StatisticsSeries("avg", "max"), min: 0),
            });

        await pact.VerifyAsync(async ctx =>
        {
            var page = await new MetricsClient(Clients.Monasca(ctx)).ListStatisticsAsync("cpu.idle_perc", new[] { "avg", "max" }, Start, period: 300);

            Assert.Single(Assert.Single(page.Elements).Statistics!);
        });
    }

    [Fact]
    public async Task Metrics_ListAllStatistics_merged_and_grouped_is_one_request_without_offset_or_limit()
    {
        using var pact = Contract.MonascaPact();
        pact.UponReceiving("a request for statistics merged and grouped by dimensions, in one request")
            .Given(MonascaStates.Measurements)
            .WithRequest(HttpMethod.Get, "/v2.0/metrics/statistics")
            .WithQuery("name", Match.Type("cpu.idle_perc"))
            .WithQuery("statistics", Match.Regex("count,sum", "^(avg|min|max|count|sum)(,(avg|min|max|count|sum))*$"))
            .WithQuery("start_time", MonascaShapes.QueryTime())
            .WithQuery("dimensions", MonascaShapes.DimensionFilter("service:monitoring"))
            .WithQuery("end_time", MonascaShapes.QueryTime("2024-01-02T01:00:00Z"))
            .WithQuery("period", MonascaShapes.Digits("3600"))
            .WithQuery("merge_metrics", "true")
            .WithQuery("group_by", Match.Type("*"))
            .WithHeader("X-Auth-Token", Contract.AnyToken)
            .WillRespond()
            .WithStatus(200)
            .WithJsonBody(new
            {
                links = SelfLinkOnly($"{MonascaShapes.Root}/v2.0/metrics/statistics?name=cpu.idle_perc&statistics=count,sum"),
                elements = Match.EachLike(new
                {
                    id = Match.Type("0"),
                    name = Match.Type("cpu.idle_perc"),
                    dimensions = MonascaShapes.Map(("hostname", "devstack"), ("service", "monitoring")),
                    columns = new[] { "timestamp", "count", "sum" },
                    statistics = Match.EachLike(new object[]
                    {
                        MonascaShapes.Timestamp("2024-01-02T00:00:00Z"),
                        Match.Number(60),
                        Match.Number(5400.5),
                    }),
                }, min: 0),
            });

        await pact.VerifyAsync(async ctx =>
        {
            var series = new List<StatisticsSeries>();
            await foreach (var s in new MetricsClient(Clients.Monasca(ctx)).ListAllStatisticsAsync(
                "cpu.idle_perc", new[] { "count", "sum" }, Start, dimensions: "service:monitoring", endTime: Start.AddHours(1),
                period: 3600, mergeMetrics: true, groupBy: new[] { "*" }))
            {
                series.Add(s);
            }

            var row = Assert.Single(Assert.Single(series).Statistics!);
            Assert.Equal(60, row.Count);
            Assert.Equal(5400.5, row.Sum);
        });
    }

    [Fact]
    public async Task Metrics_ListStatistics_of_an_unknown_statistic_is_422()
    {
        using var pact = Contract.MonascaPact();
        pact.UponReceiving("a request for an unknown statistic")
            .Given(MonascaStates.Measurements)
            .WithRequest(HttpMethod.Get, "/v2.0/metrics/statistics")
            .WithQuery("name", Match.Type("cpu.idle_perc"))
            .WithQuery("statistics", "median")
            .WithQuery("start_time", MonascaShapes.QueryTime())
            .WithHeader("X-Auth-Token", Contract.AnyToken)
            .WillRespond()
            .WithStatus(422)
            .WithJsonBody(MonascaShapes.Error("Unprocessable Entity", "Invalid statistic median"));

        await pact.VerifyAsync(async ctx =>
        {
            var ex = await Assert.ThrowsAnyAsync<MonascaApiException>(() => new MetricsClient(Clients.Monasca(ctx))
                .ListStatisticsAsync("cpu.idle_perc", new[] { "median" }, Start));

            Assert.Equal(422, ex.StatusCode);
            Assert.Contains("Invalid statistic", ex.ServerMessage);
        });
    }
}
