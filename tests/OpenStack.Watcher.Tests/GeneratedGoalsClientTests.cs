using OpenStack.Testing;
using OpenStack.Watcher;

namespace OpenStack.Watcher.Tests;

public class GeneratedGoalsClientTests
{
    private const string GoalsPage = """
        {"goals": [{"uuid": "e1a5a45b-f251-47cf-9c5f-fa1e66e1286a", "name": "dummy", "display_name": "Dummy goal",
          "efficacy_specification": [], "links": [{"href": "http://127.0.0.1:9322/v1/goals/e1a5a45b-f251-47cf-9c5f-fa1e66e1286a", "rel": "self"}]}],
         "next": null}
        """;

    [Fact]
    public async Task List_sends_the_query_it_was_given_and_parses_the_page()
    {
        await using var server = await FakeServer.StartAsync(_ => new FakeResponse(200, GoalsPage));
        var client = new GoalsClient(server.CreateClient());

        var page = await client.ListAsync(limit: 2, marker: "abc", sortKey: "name");

        var request = Assert.Single(server.Requests);
        Assert.Equal("GET", request.Method);
        Assert.Equal("/v1/goals?limit=2&marker=abc&sort_key=name", request.PathAndQuery);
        var goal = Assert.Single(page.Goals);
        Assert.Equal("dummy", goal.Name);
        Assert.Equal(Guid.Parse("e1a5a45b-f251-47cf-9c5f-fa1e66e1286a"), goal.Uuid);
        Assert.Equal("self", Assert.Single(goal.Links!).Rel);
    }

    [Fact]
    public async Task Get_escapes_the_goal_in_the_path()
    {
        await using var server = await FakeServer.StartAsync(_ => new FakeResponse(200,
            """{"uuid": "e1a5a45b-f251-47cf-9c5f-fa1e66e1286a", "name": "a b"}"""));
        var client = new GoalsClient(server.CreateClient());

        var goal = await client.GetAsync("a b");

        Assert.Equal("/v1/goals/a%20b", Assert.Single(server.Requests).Path.Replace(" ", "%20"));
        Assert.Equal("a b", goal.Name);
    }

    [Fact]
    public async Task A_404_becomes_a_WatcherApiException_with_the_status_and_body()
    {
        const string body = """{"error_message": "{\"faultcode\": \"Client\", \"faultstring\": \"Goal nope could not be found\", \"debuginfo\": null}"}""";
        await using var server = await FakeServer.StartAsync(_ => new FakeResponse(404, body));
        var client = new GoalsClient(server.CreateClient());

        var ex = await Assert.ThrowsAsync<WatcherApiException>(() => client.GetAsync("nope"));

        Assert.Equal(404, ex.StatusCode);
        Assert.Contains("could not be found", ex.ServerMessage, StringComparison.Ordinal);
    }
}
