using OpenStack.ContractTests.Infrastructure;
using OpenStack.Pact;
using OpenStack.Watcher;
using static OpenStack.ContractTests.Watcher.WatcherContract;

namespace OpenStack.ContractTests.Watcher;

/// <summary>Root documents, goals (detail), strategies, scoring engines, services, data model, 401.</summary>
[Collection(ConsumerCollection.Name)]
public sealed class CatalogContractTests
{
    private static object Version() => new
    {
        id = "v1",
        status = Match.Type("CURRENT"),
        min_version = Match.Regex("1.0", @"^1\.\d+$"),
        max_version = Match.Regex("1.4", @"^1\.\d+$"),
        links = Match.EachLike(new { href = Match.Regex("http://127.0.0.1:9322/v1/", @"^https?://\S+$"), rel = Match.Type("self") }),
    };

    [Fact]
    public async Task Root_Get_announces_the_microversion_range()
    {
        using var pact = Contract.WatcherPact();
        pact.UponReceiving("a request for the root document")
            .WithRequest(HttpMethod.Get, "/").Authenticated()
            .WillRespond().WithStatus(200)
            .WithJsonBody(new { name = Match.Type("OpenStack Watcher API"), versions = Match.EachLike(Version()), default_version = Version() });

        await pact.VerifyAsync(async ctx =>
        {
            var root = await new RootClient(ContractHttp(ctx)).GetAsync();
            Assert.Equal("1.4", root.DefaultVersion!.MaxVersion);
            Assert.Equal("v1", Assert.Single(root.Versions!).Id);
        });
    }

    [Fact]
    public async Task Root_GetV1_lists_the_resources()
    {
        var links = Match.EachLike(new { href = Match.Regex("http://127.0.0.1:9322/v1/audits/", @"^https?://\S+$"), rel = Match.Type("self") });
        using var pact = Contract.WatcherPact();
        pact.UponReceiving("a request for the v1 document")
            .WithRequest(HttpMethod.Get, "/v1").Authenticated()
            .WillRespond().WithStatus(200)
            .WithJsonBody(new
            {
                id = "v1",
                media_types = Match.EachLike(new { @base = "application/json", type = Match.Type("application/vnd.openstack.watcher.v1+json") }),
                audit_templates = links,
                audits = links,
                action_plans = links,
                actions = links,
                data_model = links,
                webhooks = links,
            });

        await pact.VerifyAsync(async ctx =>
        {
            var v1 = await new RootClient(ContractHttp(ctx)).GetV1Async();
            Assert.Equal("v1", v1.Id);
            Assert.NotEmpty(v1.Webhooks!);
        });
    }

    [Fact]
    public async Task Goals_ListDetail_returns_every_field()
    {
        using var pact = Contract.WatcherPact();
        pact.UponReceiving("a request to list goals in detail")
            .Given(States.GoalsExist)
            .WithRequest(HttpMethod.Get, "/v1/goals/detail").Authenticated()
            .WillRespond().WithStatus(200)
            .WithJsonBody(new
            {
                goals = Match.EachLike(new
                {
                    uuid = Uuid, name = Match.Type("dummy"), display_name = Match.Type("Dummy goal"),
                    efficacy_specification = Match.EachLike(new { name = Match.Type("n"), description = Match.Type("d") }, min: 0),
                    created_at = Time, links = Links("goals"),
                }),
            });

        await pact.VerifyAsync(async ctx =>
        {
            var goal = Assert.Single((await new GoalsClient(ContractHttp(ctx)).ListDetailAsync()).Goals!);
            Assert.NotNull(goal.CreatedAt);
        });
    }

    [Fact]
    public async Task Goals_List_with_an_invalid_token_is_401()
    {
        using var pact = Contract.WatcherPact();
        pact.UponReceiving("a request to list goals with an invalid token")
            .Given(States.TokenInvalid)
            .WithRequest(HttpMethod.Get, "/v1/goals")
            .WithHeader("X-Auth-Token", "invalid-token")
            .WithHeader("OpenStack-API-Version", "infra-optim " + Microversion)
            .WillRespond().WithStatus(401)
            .WithJsonBody(new { error = new { code = 401, title = Match.Type("Unauthorized"), message = Match.Type("The request you have made requires authentication.") } });

        await pact.VerifyAsync(async ctx =>
        {
            var ex = await Assert.ThrowsAnyAsync<WatcherApiException>(() => new GoalsClient(ContractHttp(ctx, token: "invalid-token")).ListAsync());
            Assert.Equal(401, ex.StatusCode);
        });
    }

    private static object StrategySummary() => new
    {
        uuid = Uuid, name = Match.Type("dummy"), display_name = Match.Type("Dummy strategy"),
        goal_uuid = Uuid, goal_name = Match.Type("dummy"), links = Links("strategies"),
    };

    [Fact]
    public async Task Strategies_List_filters_by_goal()
    {
        using var pact = Contract.WatcherPact();
        pact.UponReceiving("a request to list the strategies of the dummy goal")
            .Given(States.StrategiesExist)
            .WithRequest(HttpMethod.Get, "/v1/strategies").WithQuery("goal", "dummy").Authenticated()
            .WillRespond().WithStatus(200)
            .WithJsonBody(new { strategies = Match.EachLike(StrategySummary()) });

        await pact.VerifyAsync(async ctx =>
        {
            var strategy = Assert.Single((await new StrategiesClient(ContractHttp(ctx)).ListAsync(goal: "dummy")).Strategies!);
            Assert.Equal("dummy", strategy.GoalName);
        });
    }

    [Fact]
    public async Task Strategies_ListDetail_returns_parameters_specs()
    {
        using var pact = Contract.WatcherPact();
        pact.UponReceiving("a request to list strategies in detail")
            .Given(States.StrategiesExist)
            .WithRequest(HttpMethod.Get, "/v1/strategies/detail").Authenticated()
            .WillRespond().WithStatus(200)
            .WithJsonBody(new
            {
                strategies = Match.EachLike(new
                {
                    uuid = Uuid, name = Match.Type("dummy"), display_name = Match.Type("Dummy strategy"),
                    goal_uuid = Uuid, goal_name = Match.Type("dummy"),
                    parameters_spec = Match.Type(new Dictionary<string, object>()),
                    links = Links("strategies"),
                }),
            });

        await pact.VerifyAsync(async ctx =>
        {
            var strategy = Assert.Single((await new StrategiesClient(ContractHttp(ctx)).ListDetailAsync()).Strategies!);
            Assert.NotNull(strategy.ParametersSpec);
        });
    }

    [Fact]
    public async Task Strategies_Get_returns_one_strategy_by_name()
    {
        using var pact = Contract.WatcherPact();
        pact.UponReceiving("a request to show the strategy named dummy")
            .Given(States.StrategiesExist)
            .WithRequest(HttpMethod.Get, "/v1/strategies/dummy").Authenticated()
            .WillRespond().WithStatus(200)
            .WithJsonBody(new
            {
                uuid = Uuid, name = "dummy", display_name = Match.Type("Dummy strategy"),
                goal_uuid = Uuid, goal_name = "dummy",
                parameters_spec = Match.Type(new Dictionary<string, object>()),
                links = Links("strategies"),
            });

        await pact.VerifyAsync(async ctx =>
        {
            var strategy = await new StrategiesClient(ContractHttp(ctx)).GetAsync("dummy");
            Assert.Equal("dummy", strategy.Name);
        });
    }

    [Fact]
    public async Task Strategies_State_reports_the_requirements()
    {
        using var pact = Contract.WatcherPact();
        pact.UponReceiving("a request for the state of the dummy strategy")
            .Given(States.StrategiesExist)
            .WithRequest(HttpMethod.Get, "/v1/strategies/dummy/state").Authenticated()
            .WillRespond().WithStatus(200)
            .WithJsonBody(Match.EachLike(new { type = Match.Type("Name"), comment = Match.Type("") }));

        await pact.VerifyAsync(async ctx =>
        {
            var item = Assert.Single(await new StrategiesClient(ContractHttp(ctx)).StateAsync("dummy"));
            Assert.Equal("Name", item.Type);
        });
    }

    private static object ScoringEngine(bool detail) => detail
        ? new { uuid = Uuid, name = Match.Type("dummy_scorer"), description = Match.Type("Dummy workload classifier"), metainfo = Match.Type("{}"), links = Links("scoring_engines") }
        : new { uuid = Uuid, name = Match.Type("dummy_scorer"), description = Match.Type("Dummy workload classifier"), links = Links("scoring_engines") };

    [Fact]
    public async Task ScoringEngines_List_returns_the_engines()
    {
        using var pact = Contract.WatcherPact();
        pact.UponReceiving("a request to list scoring engines")
            .Given(States.Exist(nameof(IWatcherClient.ScoringEngines)))
            .WithRequest(HttpMethod.Get, "/v1/scoring_engines").Authenticated()
            .WillRespond().WithStatus(200)
            .WithJsonBody(new { scoring_engines = Match.EachLike(ScoringEngine(detail: false)) });

        await pact.VerifyAsync(async ctx =>
        {
            var engine = Assert.Single((await new ScoringEnginesClient(ContractHttp(ctx)).ListAsync()).ScoringEngines!);
            Assert.Equal("dummy_scorer", engine.Name);
        });
    }

    [Fact]
    public async Task ScoringEngines_ListDetail_returns_metainfo()
    {
        using var pact = Contract.WatcherPact();
        pact.UponReceiving("a request to list scoring engines in detail")
            .Given(States.Exist(nameof(IWatcherClient.ScoringEngines)))
            .WithRequest(HttpMethod.Get, "/v1/scoring_engines/detail").Authenticated()
            .WillRespond().WithStatus(200)
            .WithJsonBody(new { scoring_engines = Match.EachLike(ScoringEngine(detail: true)) });

        await pact.VerifyAsync(async ctx =>
        {
            var engine = Assert.Single((await new ScoringEnginesClient(ContractHttp(ctx)).ListDetailAsync()).ScoringEngines!);
            Assert.Equal("{}", engine.Metainfo);
        });
    }

    [Fact]
    public async Task ScoringEngines_Get_returns_one_engine_by_name()
    {
        using var pact = Contract.WatcherPact();
        pact.UponReceiving("a request to show the scoring engine named dummy_scorer")
            .Given(States.Exist(nameof(IWatcherClient.ScoringEngines)))
            .WithRequest(HttpMethod.Get, "/v1/scoring_engines/dummy_scorer").Authenticated()
            .WillRespond().WithStatus(200)
            .WithJsonBody(ScoringEngine(detail: true));

        await pact.VerifyAsync(async ctx =>
        {
            var engine = await new ScoringEnginesClient(ContractHttp(ctx)).GetAsync("dummy_scorer");
            Assert.Equal(Guid.Parse(WatcherShapes.ExampleUuid), engine.Uuid);
        });
    }

    private static object Service(bool detail) => detail
        ? new
        {
            id = Match.Integer(1), name = Match.Type("watcher-decision-engine"), host = Match.Type("localhost"),
            status = Match.Regex("ACTIVE", "^(ACTIVE|FAILED)$"), last_seen_up = Match.Iso8601("2024-01-02T03:04:05.000000"),
            created_at = Time, links = WatcherShapes.Links("services", "1"),
        }
        : new
        {
            id = Match.Integer(1), name = Match.Type("watcher-decision-engine"), host = Match.Type("localhost"),
            status = Match.Regex("ACTIVE", "^(ACTIVE|FAILED)$"), links = WatcherShapes.Links("services", "1"),
        };

    [Fact]
    public async Task Services_List_returns_the_watcher_services()
    {
        using var pact = Contract.WatcherPact();
        pact.UponReceiving("a request to list services")
            .Given(States.ServicesExist)
            .WithRequest(HttpMethod.Get, "/v1/services").Authenticated()
            .WillRespond().WithStatus(200)
            .WithJsonBody(new { services = Match.EachLike(Service(detail: false)) });

        await pact.VerifyAsync(async ctx =>
        {
            var service = Assert.Single((await new ServicesClient(ContractHttp(ctx)).ListAsync()).Services!);
            Assert.Equal("ACTIVE", service.Status);
        });
    }

    [Fact]
    public async Task Services_ListDetail_returns_last_seen_up()
    {
        using var pact = Contract.WatcherPact();
        pact.UponReceiving("a request to list services in detail")
            .Given(States.ServicesExist)
            .WithRequest(HttpMethod.Get, "/v1/services/detail").Authenticated()
            .WillRespond().WithStatus(200)
            .WithJsonBody(new { services = Match.EachLike(Service(detail: true)) });

        await pact.VerifyAsync(async ctx =>
        {
            var service = Assert.Single((await new ServicesClient(ContractHttp(ctx)).ListDetailAsync()).Services!);
            Assert.NotNull(service.LastSeenUp);
        });
    }

    [Fact]
    public async Task Services_Get_returns_one_service_by_name()
    {
        using var pact = Contract.WatcherPact();
        pact.UponReceiving("a request to show the service named watcher-decision-engine")
            .Given(States.ServicesExist)
            .WithRequest(HttpMethod.Get, "/v1/services/watcher-decision-engine").Authenticated()
            .WillRespond().WithStatus(200)
            .WithJsonBody(Service(detail: true));

        await pact.VerifyAsync(async ctx =>
        {
            var service = await new ServicesClient(ContractHttp(ctx)).GetAsync("watcher-decision-engine");
            Assert.Equal(1, service.Id);
        });
    }

    [Fact]
    public async Task DataModel_List_returns_the_compute_model()
    {
        using var pact = Contract.WatcherPact();
        pact.UponReceiving("a request for the compute data model")
            .Given(States.ComputeModelAvailable)
            .WithRequest(HttpMethod.Get, "/v1/data_model").WithQuery("data_model_type", "compute").Authenticated()
            .WillRespond().WithStatus(200)
            .WithJsonBody(new
            {
                context = Match.EachLike(new
                {
                    node_uuid = Match.Type("021c1024-f6a7-52bc-990b-d4563dfbc30f"),
                    node_hostname = Match.Type("compute-1"),
                    node_status = Match.Type("enabled"),
                    node_state = Match.Type("up"),
                    node_vcpus = Match.Number(8),
                    node_memory = Match.Number(16384),
                }),
            });

        await pact.VerifyAsync(async ctx =>
        {
            var row = Assert.Single((await new DataModelClient(ContractHttp(ctx)).ListAsync(dataModelType: "compute")).Context!);
            Assert.Equal("compute-1", row.NodeHostname);
            Assert.Equal(8, row.NodeVcpus);
        });
    }
}
