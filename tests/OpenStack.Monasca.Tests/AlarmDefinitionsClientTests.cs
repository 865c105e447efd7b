using Newtonsoft.Json.Linq;
using OpenStack.Testing;

namespace OpenStack.Monasca.Tests;

public class AlarmDefinitionsClientTests
{
    private const string DefinitionJson = """
        {"id": "d1", "links": [{"rel": "self", "href": "http://h/v2.0/alarm-definitions/d1"}], "name": "cpu high",
         "description": null, "expression": "avg(cpu.idle_perc{hostname=h1}) < 10", "deterministic": false,
         "match_by": ["hostname"], "severity": "HIGH", "actions_enabled": true,
         "alarm_actions": ["n1"], "ok_actions": [], "undetermined_actions": []}
        """;

    [Fact]
    public async Task Create_posts_the_body_and_parses_the_201()
    {
        await using var fake = await Fake.JsonAsync(DefinitionJson, 201);

        var created = await fake.Client.AlarmDefinitions.CreateAsync(new AlarmDefinitionCreate
        {
            Name = "cpu high", Expression = "avg(cpu.idle_perc{hostname=h1}) < 10", Severity = AlarmSeverity.High,
            MatchBy = new List<string> { "hostname" }, AlarmActions = new List<string> { "n1" },
        });

        Assert.Equal(("POST", "/v2.0/alarm-definitions"), (fake.Request.Method, fake.Request.Path));
        Assert.Equal("application/json", fake.Request.Header("Content-Type"));
        Assert.True(JToken.DeepEquals(
            JObject.Parse("""{"name":"cpu high","expression":"avg(cpu.idle_perc{hostname=h1}) < 10","match_by":["hostname"],"severity":"HIGH","alarm_actions":["n1"]}"""),
            JObject.Parse(fake.Request.Body)), fake.Request.Body);
        Assert.Equal("d1", created.Id);
        Assert.Null(created.Description);
        Assert.False(created.Deterministic);
        Assert.Equal(new[] { "hostname" }, created.MatchBy);
        Assert.Null(created.ExpressionData);
    }

    [Fact]
    public async Task List_sends_filters_with_an_integer_offset()
    {
        await using var fake = await Fake.JsonAsync($$"""{"links": [], "elements": [{{DefinitionJson}}]}""");

        var page = await fake.Client.AlarmDefinitions.ListAsync(
            name: "cpu high", dimensions: new DimensionFilter(new Dictionary<string, string?> { ["a"] = "", ["b"] = "x" }),
            severity: "LOW|HIGH", sortBy: new[] { "name asc" }, offset: 10, limit: 5);

        // python: dimensions=a for {'a': ''}
        Assert.Equal("/v2.0/alarm-definitions", fake.Request.Path);
        Assert.Equal(new[] { "name=cpu high", "dimensions=a,b:x", "severity=LOW|HIGH", "sort_by=name asc", "offset=10", "limit=5" }, Query.Pairs(fake.Request.QueryString));
        Assert.Equal("cpu high", Assert.Single(page.Elements).Name);
    }

    [Fact]
    public async Task Get_update_patch_delete_send_the_right_requests()
    {
        await using var fake = await Fake.StartAsync(
            new FakeResponse(200, DefinitionJson), new FakeResponse(200, DefinitionJson), new FakeResponse(200, DefinitionJson), new FakeResponse(204));

        await fake.Client.AlarmDefinitions.GetAsync("d1");
        await fake.Client.AlarmDefinitions.UpdateAsync(new AlarmDefinitionUpdate
        {
            Name = "n", Description = "", Expression = "e", MatchBy = new List<string>(), Severity = "LOW",
            AlarmActions = new List<string>(), OkActions = new List<string>(), UndeterminedActions = new List<string>(), ActionsEnabled = false,
        }, "d1");
        await fake.Client.AlarmDefinitions.PatchAsync(new AlarmDefinitionPatch { ActionsEnabled = false }, "d1");
        await fake.Client.AlarmDefinitions.DeleteAsync("d1");

        var r = fake.Requests;
        Assert.Equal(("GET", "/v2.0/alarm-definitions/d1"), (r[0].Method, r[0].Path));
        Assert.Equal(("PUT", "/v2.0/alarm-definitions/d1"), (r[1].Method, r[1].Path));
        Assert.True(JToken.DeepEquals(
            JObject.Parse("""{"name":"n","description":"","expression":"e","match_by":[],"severity":"LOW","alarm_actions":[],"ok_actions":[],"undetermined_actions":[],"actions_enabled":false}"""),
            JObject.Parse(r[1].Body)), r[1].Body);
        Assert.Equal(("PATCH", "/v2.0/alarm-definitions/d1", """{"actions_enabled":false}"""), (r[2].Method, r[2].Path, r[2].Body));
        Assert.Equal(("DELETE", "/v2.0/alarm-definitions/d1"), (r[3].Method, r[3].Path));
    }
}
