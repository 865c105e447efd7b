using OpenStack.Testing;

namespace OpenStack.Watcher.Tests;

public class MicroversionTests
{
    private static FakeResponse Answer(RecordedRequest r, string max = "1.4")
    {
        if (r.Path == "/" || r.Path == "/infra-optim/")
        {
            return Fake.Json(Fake.RootBody.Replace("\"max_version\": \"1.4\"", $"\"max_version\": \"{max}\""));
        }
        var response = Capture.Response("watcher-get-goals-detail-limit2");
        response.Headers["Openstack-Api-Maximum-Version"] = max;
        response.Headers["Openstack-Api-Version"] = r.Header("OpenStack-API-Version") ?? "infra-optim 1.0";
        return response;
    }

    [Fact]
    public async Task By_default_the_highest_common_version_is_negotiated_once_from_the_root_document()
    {
        await using var server = await FakeServer.StartAsync(r => Answer(r, max: "1.7"));
        using var client = Fake.Client(server, version: null);
        Assert.Null(client.ApiVersion);
        await client.Goals.ListAsync();
        await client.Goals.ListAsync();
        var requests = server.Requests;
        Assert.Equal(3, requests.Count);
        Assert.Equal(("GET", "/"), (requests[0].Method, requests[0].Path));
        Assert.Equal("infra-optim 1.4", requests[1].Header("OpenStack-API-Version")); // client max, below the server's 1.7
        Assert.Equal("infra-optim 1.4", requests[2].Header("OpenStack-API-Version"));
        Assert.Equal(new WatcherApiVersion(1, 4), client.ApiVersion);
        Assert.Equal(new WatcherApiVersion(1, 7), client.Microversions!.ServerMaximumVersion);
    }

    [Fact]
    public async Task An_older_server_gets_its_maximum()
    {
        await using var server = await FakeServer.StartAsync(r => Answer(r, max: "1.2"));
        using var client = Fake.Client(server, version: "1.latest");
        Assert.Equal(new WatcherApiVersion(1, 2), await client.GetApiVersionAsync());
        await client.Goals.ListAsync();
        Assert.Equal("infra-optim 1.2", server.ApiRequests().Single().Header("OpenStack-API-Version"));
    }

    [Fact]
    public async Task Negotiation_happens_once_for_concurrent_callers()
    {
        await using var server = await FakeServer.StartAsync(r => Answer(r));
        using var client = Fake.Client(server, version: null);
        await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => client.Goals.ListAsync()));
        Assert.Single(server.Requests, r => r.Path == "/");
        Assert.All(server.ApiRequests(), r => Assert.Equal("infra-optim 1.4", r.Header("OpenStack-API-Version")));
    }

    [Fact]
    public async Task Negotiation_uses_the_service_root_behind_a_path_prefix()
    {
        await using var server = await FakeServer.StartAsync(r => Answer(r));
        using var client = Fake.Client(server, version: null, pathPrefix: "infra-optim/");
        await client.Goals.ListAsync();
        Assert.Equal("/infra-optim/", server.Requests[0].Path);
        Assert.Equal("/infra-optim/v1/goals", server.Requests[1].Path);
    }

    [Fact]
    public async Task Without_a_root_document_a_406_range_corrects_the_version_once()
    {
        await using var server = await FakeServer.StartAsync(r =>
        {
            if (r.Path == "/")
            {
                return new FakeResponse(404, "not here", "text/plain");
            }
            return r.Header("OpenStack-API-Version") == "infra-optim 1.4"
                ? new FakeResponse(406, Capture.Load("watcher-microversion-406-too-new").Body)
                {
                    Headers = { ["OpenStack-API-Minimum-Version"] = "1.0", ["OpenStack-API-Maximum-Version"] = "1.2" },
                }
                : Capture.Response("watcher-get-goals-detail-limit2");
        });
        using var client = Fake.Client(server, version: null);
        var page = await client.Goals.ListAsync();
        Assert.Equal(2, page.Goals.Count);
        var api = server.ApiRequests();
        Assert.Equal(["infra-optim 1.4", "infra-optim 1.2"], api.Select(r => r.Header("OpenStack-API-Version")));
        Assert.Equal(new WatcherApiVersion(1, 2), client.ApiVersion);
    }

    [Fact]
    public async Task A_pinned_version_is_sent_as_is_without_discovery()
    {
        await using var server = await FakeServer.StartAsync(r => Answer(r));
        using var client = Fake.Client(server, version: "1.1");
        await client.Goals.ListAsync();
        var request = Assert.Single(server.Requests);
        Assert.Equal("infra-optim 1.1", request.Header("OpenStack-API-Version"));
        Assert.Equal(new WatcherApiVersion(1, 1), client.ApiVersion);
    }

    [Fact]
    public async Task A_pinned_version_the_server_refuses_is_a_clear_error_naming_its_range()
    {
        await using var server = await FakeServer.StartAsync(_ => Capture.Response("watcher-microversion-406-too-new"));
        using var client = Fake.Client(server, version: "1.99");
        var ex = await Assert.ThrowsAsync<WatcherMicroversionException>(() => client.Goals.ListAsync(limit: 1));
        Assert.Equal(406, ex.StatusCode);
        Assert.Equal(new WatcherApiVersion(1, 99), ex.RequestedVersion);
        Assert.Equal((new WatcherApiVersion(1, 0), new WatcherApiVersion(1, 4)), (ex.MinimumVersion!.Value, ex.MaximumVersion!.Value));
        Assert.Equal("Watcher does not support microversion 1.99: its supported range is 1.0 to 1.4.", ex.Message);
        Assert.Single(server.Requests); // not retried with another version
        Assert.Contains("Version 1.99 was requested", ex.ServerMessage);
    }

    [Fact]
    public async Task Fields_a_version_does_not_know_are_absent_and_refused_when_set()
    {
        await using var server = await FakeServer.StartAsync(_ => Capture.Response("watcher-post-audit-201"));
        using var v10 = Fake.Client(server, version: "1.0");
        await v10.Audits.CreateAsync(new AuditCreate { AuditType = AuditType.Oneshot, Goal = "dummy" });
        Assert.Equal("""{"audit_type":"ONESHOT","goal":"dummy"}""", server.Requests[0].Body);
        Assert.Equal("infra-optim 1.0", server.Requests[0].Header("OpenStack-API-Version"));

        var force = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            v10.Audits.CreateAsync(new AuditCreate { AuditType = AuditType.Oneshot, Goal = "dummy", Force = true }));
        Assert.Contains("'force' needs microversion 1.2", force.Message);
        using var v11 = Fake.Client(server, version: "1.1");
        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            v11.Audits.CreateAsync(new AuditCreate { AuditType = AuditType.Oneshot, Goal = "dummy", Force = false }));
        await v11.Audits.CreateAsync(new AuditCreate { AuditType = AuditType.Continuous, Goal = "dummy", Interval = "60", EndTime = DateTimeOffset.UnixEpoch });
        var start = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            v10.Audits.CreateAsync(new AuditCreate { AuditType = AuditType.Continuous, Interval = "60", Goal = "dummy", StartTime = DateTimeOffset.UnixEpoch }));
        Assert.Contains("'start_time' needs microversion 1.1", start.Message);
        using var v14 = Fake.Client(server, version: "1.4");
        await Assert.ThrowsAsync<InvalidOperationException>(() => v14.AuditTemplates.CreateAsync(new AuditTemplateCreate
        {
            Name = "n", Goal = "g", Strategy = "s", DefaultParameters = new Dictionary<string, object> { ["a"] = 1 },
        }));
        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            v14.AuditTemplates.UpdateAsync("t", [WatcherPatch.Replace("/default_parameters", new Dictionary<string, object>())]));
        Assert.Equal(2, server.Requests.Count); // the refused ones were never sent
    }

    [Theory]
    [InlineData("2")]
    [InlineData("1.2.3")]
    [InlineData("one")]
    [InlineData("2.latest")]
    public void Settings_that_are_not_watcher_v1_are_refused(string setting)
    {
        var ex = Assert.Throws<ArgumentException>(() => WatcherMicroversionHandler.FromSetting(setting));
        Assert.Contains("supported are 1", ex.Message);
    }
}
