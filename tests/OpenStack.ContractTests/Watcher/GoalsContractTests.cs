using OpenStack.ContractTests.Infrastructure;
using OpenStack.Pact;
using OpenStack.Watcher;

namespace OpenStack.ContractTests.Watcher;

[Collection(ConsumerCollection.Name)]
public sealed class GoalsContractTests
{
    internal static object GoalSummary(string name = "dummy") => new
    {
        uuid = Match.Uuid(WatcherShapes.ExampleUuid),
        name = Match.Type(name),
        display_name = Match.Type("Dummy goal"),
        efficacy_specification = Match.EachLike(new
        {
            name = Match.Type("compute_nodes_count"),
            description = Match.Type("The total number of enabled compute nodes."),
        }, min: 0),
        links = WatcherShapes.Links("goals"),
    };

    [Fact]
    public async Task Goals_List_returns_the_goals()
    {
        using var pact = Contract.WatcherPact();
        pact.UponReceiving("a request to list goals")
            .Given("goals exist")
            .WithRequest(HttpMethod.Get, "/v1/goals")
            .Authenticated()
            .WillRespond()
            .WithStatus(200)
            .WithHeader("Content-Type", Match.Regex("application/json", "^application/json(;.*)?$"))
            .WithJsonBody(new { goals = Match.EachLike(GoalSummary()) });

        await pact.VerifyAsync(async ctx =>
        {
            var page = await new GoalsClient(WatcherContract.ContractHttp(ctx)).ListAsync();

            var goal = Assert.Single(page.Goals!);
            Assert.Equal("dummy", goal.Name);
            Assert.Equal(Guid.Parse(WatcherShapes.ExampleUuid), goal.Uuid);
            Assert.Null(page.Next);
        });
    }

    [Fact]
    public async Task Goals_List_pages_with_limit_sort_and_a_next_link()
    {
        using var pact = Contract.WatcherPact();
        pact.UponReceiving("a request to list goals sorted by name, one per page")
            .Given("goals exist")
            .WithRequest(HttpMethod.Get, "/v1/goals")
            .WithQuery("limit", "1")
            .WithQuery("sort_key", "name")
            .WithQuery("sort_dir", "asc")
            .Authenticated()
            .WillRespond()
            .WithStatus(200)
            .WithJsonBody(new
            {
                goals = Match.EachLike(GoalSummary("airflow_optimization")),
                next = Match.Regex(
                    $"http://127.0.0.1:9322/v1/goals?limit=1&sort_key=name&sort_dir=asc&marker={WatcherShapes.ExampleUuid}",
                    @"^https?://\S+/v1/goals\?\S*marker=[0-9a-f-]{36}\S*$"),
            });

        await pact.VerifyAsync(async ctx =>
        {
            var page = await new GoalsClient(WatcherContract.ContractHttp(ctx)).ListAsync(limit: 1, sortKey: "name", sortDir: SortDirection.Asc);

            Assert.Single(page.Goals!);
            Assert.Contains("marker=" + WatcherShapes.ExampleUuid, page.Next);
        });
    }

    [Fact]
    public async Task Goals_Get_returns_one_goal_by_name()
    {
        using var pact = Contract.WatcherPact();
        pact.UponReceiving("a request to show the goal named dummy")
            .Given("goals exist")
            .WithRequest(HttpMethod.Get, "/v1/goals/dummy")
            .Authenticated()
            .WillRespond()
            .WithStatus(200)
            .WithJsonBody(new
            {
                uuid = Match.Uuid(WatcherShapes.ExampleUuid),
                name = "dummy",
                display_name = Match.Type("Dummy goal"),
                efficacy_specification = Match.EachLike(new { name = Match.Type("n"), description = Match.Type("d") }, min: 0),
                created_at = WatcherShapes.Timestamp(),
                links = WatcherShapes.Links("goals"),
            });

        await pact.VerifyAsync(async ctx =>
        {
            var goal = await new GoalsClient(WatcherContract.ContractHttp(ctx)).GetAsync("dummy");

            Assert.Equal("dummy", goal.Name);
            Assert.Equal(new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.Zero), goal.CreatedAt);
        });
    }

    [Fact]
    public async Task Goals_Get_of_an_unknown_goal_is_404()
    {
        using var pact = Contract.WatcherPact();
        pact.UponReceiving("a request to show a goal that does not exist")
            .Given("goals exist")
            .WithRequest(HttpMethod.Get, "/v1/goals/no-such-goal")
            .Authenticated()
            .WillRespond()
            .WithStatus(404)
            .WithJsonBody(WatcherShapes.Error("Goal no-such-goal could not be found", "could not be found"));

        await pact.VerifyAsync(async ctx =>
        {
            var ex = await Assert.ThrowsAsync<WatcherApiException>(
                () => new GoalsClient(WatcherContract.ContractHttp(ctx)).GetAsync("no-such-goal"));

            Assert.Equal(404, ex.StatusCode);
            Assert.Contains("could not be found", ex.ServerMessage, StringComparison.Ordinal);
        });
    }
}
