using OpenStack.ContractTests.Infrastructure;
using OpenStack.Monasca;
using OpenStack.Pact;

namespace OpenStack.ContractTests.Monasca;

/// <summary>API versions, the health check and log ingestion.</summary>
[Collection(ConsumerCollection.Name)]
public sealed class ServiceContractTests
{
    private static object Version() => new
    {
        id = Match.Regex("v2.0", @"^v\d+(\.\d+)?$"),
        links = MonascaShapes.Links($"{MonascaShapes.Root}/v2.0"),
        status = Match.Type("CURRENT"),
        updated = MonascaShapes.Timestamp("2013-03-06T00:00:00.000Z"),
    };

    [Fact]
    public async Task Versions_List_returns_the_versions()
    {
        using var pact = Contract.MonascaPact();
        pact.UponReceiving("a request to list the API versions")
            .WithRequest(HttpMethod.Get, "/")
            .WithHeader("X-Auth-Token", Contract.AnyToken)
            .WillRespond()
            .WithStatus(200)
            .WithJsonBody(new
            {
                links = MonascaShapes.Links($"{MonascaShapes.Root}/"),
                elements = Match.EachLike(Version()),
            });

        await pact.VerifyAsync(async ctx =>
        {
            var versions = await new VersionsClient(Clients.Monasca(ctx)).ListAsync();

            var version = Assert.Single(versions.Elements);
            Assert.Equal("v2.0", version.Id);
            Assert.Equal("CURRENT", version.Status);
            Assert.Equal(new DateTimeOffset(2013, 3, 6, 0, 0, 0, TimeSpan.Zero), version.Updated);
        });
    }

    [Fact]
    public async Task Versions_Get_returns_one_version_without_an_envelope()
    {
        using var pact = Contract.MonascaPact();
        pact.UponReceiving("a request to show API version v2.0")
            .WithRequest(HttpMethod.Get, "/v2.0")
            .WithHeader("X-Auth-Token", Contract.AnyToken)
            .WillRespond()
            .WithStatus(200)
            .WithJsonBody(Version());

        await pact.VerifyAsync(async ctx =>
        {
            var version = await new VersionsClient(Clients.Monasca(ctx)).GetAsync("v2.0");

            Assert.Equal("v2.0", version.Id);
            Assert.Equal("self", Assert.Single(version.Links!).Rel);
        });
    }

    [Fact]
    public async Task Versions_Get_of_an_unknown_version_is_422()
    {
        using var pact = Contract.MonascaPact();
        pact.UponReceiving("a request to show an API version that does not exist")
            .WithRequest(HttpMethod.Get, "/v3.0")
            .WithHeader("X-Auth-Token", Contract.AnyToken)
            .WillRespond()
            .WithStatus(422)
            .WithJsonBody(MonascaShapes.Error("Invalid version", "No versions found matching v3.0"));

        await pact.VerifyAsync(async ctx =>
        {
            var ex = await Assert.ThrowsAnyAsync<MonascaApiException>(() => new VersionsClient(Clients.Monasca(ctx)).GetAsync("v3.0"));

            Assert.Equal(422, ex.StatusCode);
            Assert.Equal("Invalid version", ex.Title);
        });
    }

    [Fact]
    public async Task Healthcheck_Get_reports_each_back_end()
    {
        using var pact = Contract.MonascaPact();
        pact.UponReceiving("a health check")
            .Given(MonascaStates.Healthy)
            .WithRequest(HttpMethod.Get, "/healthcheck")
            .WillRespond()
            .WithStatus(200)
            .WithJsonBody(new
            {
                kafka = Match.Type("OK"),
                alarms_database = Match.Type("OK"),
                metrics_database = Match.Type("OK"),
            });

        await pact.VerifyAsync(async ctx =>
        {
            var health = await new HealthcheckClient(Clients.Monasca(ctx)).GetAsync();

            Assert.Equal("OK", health.Kafka);
            Assert.Equal("OK", health.AlarmsDatabase);
            Assert.Equal("OK", health.MetricsDatabase);
        });
    }

    [Fact]
    public async Task Healthcheck_Get_of_an_unhealthy_service_is_503()
    {
        using var pact = Contract.MonascaPact();
        pact.UponReceiving("a health check while kafka is down")
            .Given(MonascaStates.KafkaDown)
            .WithRequest(HttpMethod.Get, "/healthcheck")
            .WillRespond()
            .WithStatus(503)
            .WithJsonBody(new
            {
                kafka = Match.Type("NoBrokersAvailable"),
                alarms_database = Match.Type("OK"),
                metrics_database = Match.Type("OK"),
            });

        await pact.VerifyAsync(async ctx =>
        {
            var ex = await Assert.ThrowsAnyAsync<MonascaApiException>(() => new HealthcheckClient(Clients.Monasca(ctx)).GetAsync());

            Assert.Equal(503, ex.StatusCode);
            Assert.Contains("NoBrokersAvailable", ex.Response);
        });
    }

    [Fact]
    public async Task Healthcheck_Head_answers_without_checks()
    {
        using var pact = Contract.MonascaPact();
        pact.UponReceiving("a HEAD health check")
            .WithRequest(HttpMethod.Head, "/healthcheck")
            .WillRespond()
            .WithStatus(204);

        await pact.VerifyAsync(ctx => new HealthcheckClient(Clients.Monasca(ctx)).HeadAsync());
    }

    [Fact]
    public async Task Logs_Create_sends_log_entries_with_shared_dimensions()
    {
        using var pact = Contract.MonascaPact();
        pact.UponReceiving("a request to send log entries")
            .WithRequest(HttpMethod.Post, "/v2.0/logs")
            .WithHeader("X-Auth-Token", Contract.AnyToken)
            .WithHeader("Content-Type", MonascaShapes.JsonRequest)
            .WithJsonBody(new
            {
                dimensions = MonascaShapes.Map(("hostname", "devstack"), ("service", "monitoring")),
                logs = Match.EachLike(new
                {
                    message = Match.Type("monasca-api started"),
                    dimensions = MonascaShapes.Map(("component", "monasca-api")),
                }),
            })
            .WillRespond()
            .WithStatus(204);

        await pact.VerifyAsync(ctx => new LogsClient(Clients.Monasca(ctx)).CreateAsync(new LogsCreate
        {
            Dimensions = new Dictionary<string, string> { ["hostname"] = "devstack", ["service"] = "monitoring" },
            Logs = new List<LogEntry>
            {
                new() { Message = "monasca-api started", Dimensions = new Dictionary<string, string> { ["component"] = "monasca-api" } },
            },
        }));
    }

    [Fact]
    public async Task Logs_Create_for_another_project_with_an_invalid_entry_is_still_204()
    {
        using var pact = Contract.MonascaPact();
        // The real server validates each entry alone and drops a bad one silently: still 204 (only envelope problems are 422).
        pact.UponReceiving("a request to send a log entry with an empty message for another project")
            .WithRequest(HttpMethod.Post, "/v2.0/logs")
            .WithQuery("tenant_id", Match.Regex("8f2b6b3a0c3a4b0f9b7f5f1f8f1c2d3e", @"^\S+$"))
            .WithHeader("X-Auth-Token", Contract.AnyToken)
            .WithHeader("Content-Type", MonascaShapes.JsonRequest)
            .WithJsonBody(new { logs = new[] { new { message = "" } } })
            .WillRespond()
            .WithStatus(204);

        await pact.VerifyAsync(async ctx =>
        {
            await new LogsClient(Clients.Monasca(ctx)).CreateAsync(
                new LogsCreate { Logs = new List<LogEntry> { new() { Message = "" } } },
                tenantId: "8f2b6b3a0c3a4b0f9b7f5f1f8f1c2d3e");
        });
    }
}
