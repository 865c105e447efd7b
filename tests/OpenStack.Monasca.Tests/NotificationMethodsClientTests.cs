using Newtonsoft.Json.Linq;
using OpenStack.Testing;

namespace OpenStack.Monasca.Tests;

public class NotificationMethodsClientTests
{
    private const string MethodJson = """
        {"id": "35cc6f1c-3a29-49fb-a6fc-d9d97d190508", "links": [{"rel": "self", "href": "http://h/v2.0/notification-methods/35cc6f1c"}],
         "name": "ops", "type": "EMAIL", "address": "ops@example.org", "period": 0}
        """;

    [Fact]
    public async Task Create_posts_the_body_and_parses_the_201()
    {
        await using var fake = await Fake.JsonAsync(MethodJson, 201);

        var created = await fake.Client.NotificationMethods.CreateAsync(new NotificationMethodCreate { Name = "ops", Type = NotificationMethodType.Email, Address = "ops@example.org" });

        Assert.Equal(("POST", "/v2.0/notification-methods"), (fake.Request.Method, fake.Request.Path));
        Assert.Equal("application/json", fake.Request.Header("Content-Type"));
        Assert.Equal("""{"name":"ops","type":"EMAIL","address":"ops@example.org"}""", fake.Request.Body);
        Assert.Equal("35cc6f1c-3a29-49fb-a6fc-d9d97d190508", created.Id);
        Assert.Equal(0, created.Period);
    }

    [Fact]
    public async Task List_get_update_patch_delete_send_the_right_requests()
    {
        await using var fake = await Fake.StartAsync(
            new FakeResponse(200, $$"""{"links": [], "elements": [{{MethodJson}}]}"""),
            new FakeResponse(200, MethodJson), new FakeResponse(200, MethodJson), new FakeResponse(200, MethodJson), new FakeResponse(204));

        var page = await fake.Client.NotificationMethods.ListAsync(sortBy: new[] { "name desc", "id" }, offset: 2, limit: 1);
        await fake.Client.NotificationMethods.GetAsync("n1");
        await fake.Client.NotificationMethods.UpdateAsync(new NotificationMethodUpdate { Name = "ops", Type = "WEBHOOK", Address = "http://h/", Period = 60 }, "n1");
        await fake.Client.NotificationMethods.PatchAsync(new NotificationMethodPatch { Period = 0 }, "n1");
        await fake.Client.NotificationMethods.DeleteAsync("n1");

        var r = fake.Requests;
        Assert.Equal("/v2.0/notification-methods", r[0].Path);
        Assert.Equal(new[] { "sort_by=name desc,id", "offset=2", "limit=1" }, Query.Pairs(r[0].QueryString));
        Assert.Equal("ops", Assert.Single(page.Elements).Name);
        Assert.Equal(("GET", "/v2.0/notification-methods/n1"), (r[1].Method, r[1].Path));
        Assert.Equal(("PUT", "/v2.0/notification-methods/n1"), (r[2].Method, r[2].Path));
        Assert.True(JToken.DeepEquals(JObject.Parse("""{"name":"ops","type":"WEBHOOK","address":"http://h/","period":60}"""), JObject.Parse(r[2].Body)), r[2].Body);
        Assert.Equal(("PATCH", "/v2.0/notification-methods/n1", """{"period":0}"""), (r[3].Method, r[3].Path, r[3].Body)); // period 0 is sent
        Assert.Equal("application/json", r[3].Header("Content-Type"));
        Assert.Equal(("DELETE", "/v2.0/notification-methods/n1"), (r[4].Method, r[4].Path));
    }

    [Fact]
    public async Task Types_list_parses_plugin_types_too()
    {
        await using var fake = await Fake.JsonAsync("""
            {"links": [{"rel": "self", "href": "http://h/v2.0/notification-methods/types"}],
             "elements": [{"type": "EMAIL"}, {"type": "PAGERDUTY"}, {"type": "WEBHOOK"}, {"type": "SLACK"}]}
            """);

        var page = await fake.Client.NotificationTypes.ListAsync();

        Assert.Equal("/v2.0/notification-methods/types", fake.Request.PathAndQuery);
        Assert.Equal(new[] { "EMAIL", "PAGERDUTY", "WEBHOOK", "SLACK" }, page.Elements.Select(e => e.Type));
    }

    [Fact]
    public async Task An_unknown_notification_type_parses()
    {
        await using var fake = await Fake.JsonAsync("""{"id": "n2", "name": "chat", "type": "JIRA", "address": "x", "period": 60}""");
        var method = await fake.Client.NotificationMethods.GetAsync("n2");
        Assert.Equal("JIRA", method.Type);
    }
}
