using OpenStack.Testing;
using OpenStack.ContractTests.Infrastructure;
using OpenStack.Monasca;
using OpenStack.Pact;

namespace OpenStack.ContractTests.Monasca;

/// <summary>Alarms, alarm counts and alarm state history.</summary>
[Collection(ConsumerCollection.Name)]
public sealed class AlarmsContractTests
{
    private static Matcher State(string example) => Match.Regex(example, "^(OK|ALARM|UNDETERMINED)$");

    [Fact]
    public async Task Alarms_List_returns_the_alarms()
    {
        // What `monasca alarm-list` sends.
        using var pact = Contract.MonascaPact();
        pact.UponReceiving("a request to list alarms")
            .Given(MonascaStates.FreshAlarm)
            .WithRequest(HttpMethod.Get, "/v2.0/alarms")
            .WithHeader("X-Auth-Token", Contract.AnyToken)
            .WillRespond()
            .WithStatus(200)
            .WithHeader("Content-Type", MonascaShapes.JsonResponse)
            .WithJsonBody(new
            {
                links = MonascaShapes.Links($"{MonascaShapes.Root}/v2.0/alarms"),
                // Fresh alarms (lifecycle_state and link null, real-server note 7) and acknowledged ones can share a
                // list (point 25): the elements pin neither; "a request to show an alarm" pins the fresh one's nulls.
                elements = Match.EachLike(MonascaShapes.AnyAlarm()),
            });

        await pact.VerifyAsync(async ctx =>
        {
            var page = await new AlarmsClient(Clients.Monasca(ctx)).ListAsync();

            var alarm = Assert.Single(page.Elements);
            Assert.Equal(MonascaShapes.AlarmId, alarm.Id);
            Assert.Equal("ALARM", alarm.State);
            Assert.Equal(MonascaShapes.AlarmDefinitionId, alarm.AlarmDefinition!.Id);
            Assert.Equal("devstack", Assert.Single(alarm.Metrics!).Dimensions!["hostname"]);
            Assert.Equal(new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.Zero).AddTicks(1234560), alarm.StateUpdatedTimestamp);
            Assert.Equal(new DateTimeOffset(2024, 1, 2, 2, 0, 0, TimeSpan.Zero), alarm.CreatedTimestamp);
            Assert.Null(alarm.LifecycleState);
            Assert.Null(alarm.Link);
        });
    }

    [Fact]
    public async Task Alarms_ListAll_by_state_is_the_readme_call()
    {
        // The README's first Monasca call, `monasca.Alarms.ListAllAsync(state: AlarmState.Alarm)`, which the local
        // pact stub must answer for a newcomer who runs it against `scripts/openstack-up.sh`.
        using var pact = Contract.MonascaPact();
        pact.UponReceiving("a request to list alarms in the ALARM state")
            .Given(MonascaStates.FreshAlarm)
            .WithRequest(HttpMethod.Get, "/v2.0/alarms")
            .WithQuery("state", State("ALARM"))
            .WithHeader("X-Auth-Token", Contract.AnyToken)
            .WillRespond()
            .WithStatus(200)
            .WithJsonBody(new
            {
                links = MonascaShapes.Links($"{MonascaShapes.Root}/v2.0/alarms?state=ALARM"),
                // The stored alarm may be in another state (the server answers an empty page then).
                elements = Match.EachLike(MonascaShapes.AnyAlarm(), min: 0),
            });

        await pact.VerifyAsync(async ctx =>
        {
            var alarms = new List<Alarm>();
            await foreach (var alarm in new AlarmsClient(Clients.Monasca(ctx)).ListAllAsync(state: AlarmState.Alarm))
            {
                alarms.Add(alarm);
            }

            Assert.Equal(AlarmState.Alarm, Assert.Single(alarms).State);
        });
    }

    [Fact]
    public async Task Alarms_List_filters_sorts_and_pages_by_an_integer_offset()
    {
        using var pact = Contract.MonascaPact();
        pact.UponReceiving("a request to list alarms with every filter, sorted, one page")
            .Given(MonascaStates.TicketedAlarms)
            .WithRequest(HttpMethod.Get, "/v2.0/alarms")
            .WithQuery("alarm_definition_id", Match.Uuid(MonascaShapes.AlarmDefinitionId))
            .WithQuery("metric_name", Match.Type("cpu.idle_perc"))
            .WithQuery("metric_dimensions", MonascaShapes.DimensionFilter("hostname:devstack|compute1"))
            .WithQuery("state", State("ALARM"))
            .WithQuery("severity", Match.Regex("HIGH|CRITICAL", "^(LOW|MEDIUM|HIGH|CRITICAL)(\\|(LOW|MEDIUM|HIGH|CRITICAL))*$"))
            .WithQuery("lifecycle_state", Match.Type("OPEN"))
            .WithQuery("link", Match.Type("http://tickets.example.com/OPS-1"))
            .WithQuery("state_updated_start_time", MonascaShapes.StateUpdatedTime())
            .WithQuery("sort_by", Match.Regex("state_updated_timestamp desc,alarm_id", @"^[a-z_]+( (asc|desc))?(,[a-z_]+( (asc|desc))?)*$"))
            .WithQuery("offset", MonascaShapes.Digits("0"))
            .WithQuery("limit", MonascaShapes.Digits("1"))
            .WithHeader("X-Auth-Token", Contract.AnyToken)
            .WillRespond()
            .WithStatus(200)
            .WithJsonBody(new
            {
                links = MonascaShapes.LinksWithNext(
                    $"{MonascaShapes.Root}/v2.0/alarms?offset=0&limit=1",
                    $"{MonascaShapes.Root}/v2.0/alarms?offset=1&limit=1",
                    @"\d+"),
                elements = Match.EachLike(MonascaShapes.Alarm(), min: 0),
            });

        await pact.VerifyAsync(async ctx =>
        {
            var page = await new AlarmsClient(Clients.Monasca(ctx)).ListAsync(
                alarmDefinitionId: MonascaShapes.AlarmDefinitionId,
                metricName: "cpu.idle_perc",
                metricDimensions: new DimensionFilter { { "hostname", "devstack", "compute1" } },
                state: "ALARM",
                severity: "HIGH|CRITICAL",
                lifecycleState: "OPEN",
                link: "http://tickets.example.com/OPS-1",
                stateUpdatedStartTime: new DateTimeOffset(2024, 1, 2, 0, 0, 0, TimeSpan.Zero),
                sortBy: new[] { "state_updated_timestamp desc", "alarm_id" },
                offset: 0,
                limit: 1);

            Assert.Single(page.Elements);
            Assert.Equal("1", PageLinks.NextOffset(page.Links));
        });
    }

    [Fact]
    public async Task Alarms_List_with_an_invalid_token_is_401()
    {
        using var pact = Contract.MonascaPact();
        pact.UponReceiving("a request to list alarms with an invalid token")
            .Given(MonascaStates.InvalidToken)
            .WithRequest(HttpMethod.Get, "/v2.0/alarms")
            .WithHeader("X-Auth-Token", "invalid-token")
            .WillRespond()
            .WithStatus(401)
            .WithHeader("WWW-Authenticate", Match.Regex("Keystone uri=\"http://127.0.0.1:5000\"", "^Keystone uri=.*$"))
            .WithJsonBody(MonascaShapes.KeystoneUnauthorized());

        await pact.VerifyAsync(async ctx =>
        {
            var ex = await Assert.ThrowsAnyAsync<MonascaApiException>(
                () => new AlarmsClient(Clients.Monasca(ctx, token: "invalid-token")).ListAsync());

            Assert.True(ex.IsUnauthorized);
            Assert.Equal("401", ex.ErrorCode);
        });
    }

    [Fact]
    public async Task Alarms_List_without_the_monitoring_role_is_401_forbidden()
    {
        using var pact = Contract.MonascaPact();
        pact.UponReceiving("a request to list alarms without a monitoring role")
            .Given(MonascaStates.NoMonitoringRole)
            .WithRequest(HttpMethod.Get, "/v2.0/alarms")
            .WithHeader("X-Auth-Token", "token-without-monitoring-role")
            .WillRespond()
            .WithStatus(401)
            .WithJsonBody(MonascaShapes.Error("Forbidden", "The request does not have access to this service"));

        await pact.VerifyAsync(async ctx =>
        {
            var ex = await Assert.ThrowsAnyAsync<MonascaApiException>(
                () => new AlarmsClient(Clients.Monasca(ctx, token: "token-without-monitoring-role")).ListAsync());

            // The Python server's policy denial is a 401 titled Forbidden, not a token problem.
            Assert.True(ex.IsForbidden);
            Assert.False(ex.IsUnauthorized);
        });
    }

    [Fact]
    public async Task Alarms_List_with_an_invalid_state_is_422()
    {
        using var pact = Contract.MonascaPact();
        pact.UponReceiving("a request to list alarms in an invalid state")
            .WithRequest(HttpMethod.Get, "/v2.0/alarms")
            .WithQuery("state", "FIRING")
            .WithHeader("X-Auth-Token", Contract.AnyToken)
            .WillRespond()
            .WithStatus(422)
            .WithJsonBody(MonascaShapes.Error("Unprocessable Entity", "Invalid State FIRING"));

        await pact.VerifyAsync(async ctx =>
        {
            var ex = await Assert.ThrowsAnyAsync<MonascaApiException>(
                () => new AlarmsClient(Clients.Monasca(ctx)).ListAsync(state: "FIRING"));

            Assert.Equal(422, ex.StatusCode);
        });
    }

    [Fact]
    public async Task Alarms_Count_counts_every_alarm()
    {
        // What `monasca alarm-count` sends.
        using var pact = Contract.MonascaPact();
        pact.UponReceiving("a request to count alarms")
            .Given(MonascaStates.FreshAlarm)
            .WithRequest(HttpMethod.Get, "/v2.0/alarms/count")
            .WithHeader("X-Auth-Token", Contract.AnyToken)
            .WillRespond()
            .WithStatus(200)
            .WithJsonBody(new
            {
                links = MonascaShapes.Links($"{MonascaShapes.Root}/v2.0/alarms/count"),
                columns = new[] { "count" },
                counts = Match.EachLike(new object[] { Match.Integer(3) }),
            });

        await pact.VerifyAsync(async ctx =>
        {
            var count = await new AlarmsClient(Clients.Monasca(ctx)).CountAsync();

            var row = Assert.Single(count.GetRows());
            Assert.Equal(3, row.Count);
            Assert.Empty(row.Groups);
        });
    }

    [Fact]
    public async Task Alarms_Count_grouped_by_state_and_severity()
    {
        using var pact = Contract.MonascaPact();
        pact.UponReceiving("a request to count alarms by state and severity")
            .Given(MonascaStates.FreshAlarm)
            .WithRequest(HttpMethod.Get, "/v2.0/alarms/count")
            .WithQuery("metric_name", Match.Type("cpu.idle_perc"))
            .WithQuery("group_by", Match.Regex("state,severity", "^[a-z_]+(,[a-z_]+)*$"))
            .WithHeader("X-Auth-Token", Contract.AnyToken)
            .WillRespond()
            .WithStatus(200)
            .WithJsonBody(new
            {
                links = MonascaShapes.Links($"{MonascaShapes.Root}/v2.0/alarms/count?group_by=state,severity"),
                columns = new[] { "count", "state", "severity" },
                counts = Match.EachLike(new object[] { Match.Integer(2), State("ALARM"), Match.Regex("HIGH", "^(LOW|MEDIUM|HIGH|CRITICAL)$") }),
            });

        await pact.VerifyAsync(async ctx =>
        {
            var count = await new AlarmsClient(Clients.Monasca(ctx)).CountAsync(metricName: "cpu.idle_perc", groupBy: new[] { "state", "severity" });

            var row = Assert.Single(count.GetRows());
            Assert.Equal(2, row.Count);
            Assert.Equal("ALARM", row.Groups["state"]);
            Assert.Equal("HIGH", row.Groups["severity"]);
        });
    }

    [Fact]
    public async Task Alarms_HistoryList_returns_the_transitions_of_every_alarm()
    {
        // What `monasca alarm-history-list` sends.
        using var pact = Contract.MonascaPact();
        pact.UponReceiving("a request to list the state history of all alarms")
            .Given(MonascaStates.AlarmHistory)
            .WithRequest(HttpMethod.Get, "/v2.0/alarms/state-history")
            .WithHeader("X-Auth-Token", Contract.AnyToken)
            .WillRespond()
            .WithStatus(200)
            .WithJsonBody(new
            {
                links = MonascaShapes.Links($"{MonascaShapes.Root}/v2.0/alarms/state-history"),
                elements = Match.EachLike(MonascaShapes.AlarmTransition()),
            });

        await pact.VerifyAsync(async ctx =>
        {
            var page = await new AlarmsClient(Clients.Monasca(ctx)).HistoryListAsync();

            var transition = Assert.Single(page.Elements);
            Assert.Equal(MonascaShapes.AlarmId, transition.AlarmId);
            Assert.Equal("OK", transition.OldState);
            Assert.Equal("ALARM", transition.NewState);
            Assert.Equal("{}", transition.ReasonData);
            Assert.Null(Assert.Single(transition.Metrics!).Id);
            Assert.Equal(4.5, Assert.Single(Assert.Single(transition.SubAlarms!).CurrentValues!));
        });
    }

    [Fact]
    public async Task Alarms_HistoryList_at_pythons_trailing_slash_path_is_answered_too()
    {
        // python-monascaclient's `monasca alarm-history-list` asks GET /v2.0/alarms/state-history/ (trailing slash); the
        // real server answers it like the path without (real-server point 22), and so must the local pact stub.
        using var pact = Contract.MonascaPact();
        pact.UponReceiving("a request to list the state history of all alarms at python-monascaclient's path (trailing slash)")
            .Given(MonascaStates.AlarmHistory)
            .WithRequest(HttpMethod.Get, "/v2.0/alarms/state-history/")
            .WithHeader("X-Auth-Token", Contract.AnyToken)
            .WillRespond()
            .WithStatus(200)
            .WithJsonBody(new
            {
                links = MonascaShapes.Links($"{MonascaShapes.Root}/v2.0/alarms/state-history/"),
                elements = Match.EachLike(MonascaShapes.AlarmTransition()),
            });

        await pact.VerifyAsync(async ctx =>
        {
            // What python sends, through the library's HttpClient (the library itself asks the path without the slash).
            using var http = Clients.Monasca(ctx);
            using var response = await http.GetAsync(new Uri(ctx.MockServerUri, "v2.0/alarms/state-history/"));

            Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
            var page = Newtonsoft.Json.JsonConvert.DeserializeObject<AlarmTransitionCollection>(await response.Content.ReadAsStringAsync())!;
            Assert.Equal(MonascaShapes.AlarmId, Assert.Single(page.Elements!).AlarmId);
        });
    }

    [Fact]
    public async Task Alarms_HistoryList_by_dimensions_in_a_time_window_pages_by_id()
    {
        using var pact = Contract.MonascaPact();
        pact.UponReceiving("a request to list alarm state history by dimensions in a time window, one page")
            .Given(MonascaStates.AlarmHistory)
            .WithRequest(HttpMethod.Get, "/v2.0/alarms/state-history")
            .WithQuery("dimensions", MonascaShapes.DimensionFilter("hostname:devstack"))
            .WithQuery("start_time", MonascaShapes.QueryTime("2024-01-02T00:00:00Z"))
            .WithQuery("end_time", MonascaShapes.QueryTime("2024-01-03T00:00:00Z"))
            .WithQuery("offset", Match.Regex("1704150000000", @"^\S+$"))
            .WithQuery("limit", MonascaShapes.Digits("1"))
            .WithHeader("X-Auth-Token", Contract.AnyToken)
            .WillRespond()
            .WithStatus(200)
            .WithJsonBody(new
            {
                links = MonascaShapes.LinksWithNext(
                    $"{MonascaShapes.Root}/v2.0/alarms/state-history?offset=1704150000000&limit=1",
                    $"{MonascaShapes.Root}/v2.0/alarms/state-history?offset=1704164645000&limit=1",
                    @"[^&\s]+"),
                elements = Match.EachLike(MonascaShapes.AlarmTransition(), min: 0),
            });

        await pact.VerifyAsync(async ctx =>
        {
            var start = new DateTimeOffset(2024, 1, 2, 0, 0, 0, TimeSpan.Zero);
            var page = await new AlarmsClient(Clients.Monasca(ctx)).HistoryListAsync(
                dimensions: "hostname:devstack", startTime: start, endTime: start.AddDays(1), offset: "1704150000000", limit: 1);

            Assert.Single(page.Elements);
            Assert.Equal("1704164645000", PageLinks.NextOffset(page.Links));
        });
    }

    [Fact]
    public async Task Alarms_History_returns_the_transitions_of_one_alarm()
    {
        using var pact = Contract.MonascaPact();
        pact.UponReceiving("a request to list the state history of an alarm")
            .Given(MonascaStates.AlarmHistory)
            .WithRequest(HttpMethod.Get, MonascaShapes.IdPath("alarms", MonascaShapes.AlarmId, "/state-history"))
            .WithHeader("X-Auth-Token", Contract.AnyToken)
            .WillRespond()
            .WithStatus(200)
            .WithJsonBody(new
            {
                links = MonascaShapes.Links($"{MonascaShapes.Root}/v2.0/alarms/{MonascaShapes.AlarmId}/state-history"),
                elements = Match.EachLike(MonascaShapes.AlarmTransition(), min: 0),
            });

        await pact.VerifyAsync(async ctx =>
        {
            var page = await new AlarmsClient(Clients.Monasca(ctx)).HistoryAsync(MonascaShapes.AlarmId);

            Assert.Equal(new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.Zero), Assert.Single(page.Elements).Timestamp);
        });
    }

    [Fact]
    public async Task Alarms_History_pages_by_id()
    {
        using var pact = Contract.MonascaPact();
        pact.UponReceiving("a request to list the state history of an alarm, one page")
            .Given(MonascaStates.AlarmHistory)
            .WithRequest(HttpMethod.Get, MonascaShapes.IdPath("alarms", MonascaShapes.AlarmId, "/state-history"))
            .WithQuery("offset", Match.Regex("1704150000000", @"^\S+$"))
            .WithQuery("limit", MonascaShapes.Digits("10"))
            .WithHeader("X-Auth-Token", Contract.AnyToken)
            .WillRespond()
            .WithStatus(200)
            .WithJsonBody(new
            {
                links = MonascaShapes.Links($"{MonascaShapes.Root}/v2.0/alarms/{MonascaShapes.AlarmId}/state-history?offset=1704150000000&limit=10"),
                elements = Match.EachLike(MonascaShapes.AlarmTransition(), min: 0),
            });

        await pact.VerifyAsync(async ctx =>
        {
            var page = await new AlarmsClient(Clients.Monasca(ctx)).HistoryAsync(MonascaShapes.AlarmId, offset: "1704150000000", limit: 10);

            Assert.Single(page.Elements);
            Assert.Null(PageLinks.NextOffset(page.Links));
        });
    }

    [Fact]
    public async Task Alarms_Get_returns_one_alarm()
    {
        using var pact = Contract.MonascaPact();
        pact.UponReceiving("a request to show an alarm")
            .Given(MonascaStates.FreshAlarm)
            .WithRequest(HttpMethod.Get, MonascaShapes.IdPath("alarms", MonascaShapes.AlarmId))
            .WithHeader("X-Auth-Token", Contract.AnyToken)
            .WillRespond()
            .WithStatus(200)
            .WithJsonBody(MonascaShapes.Alarm(lifecycleState: null, link: null));

        await pact.VerifyAsync(async ctx =>
        {
            var alarm = await new AlarmsClient(Clients.Monasca(ctx)).GetAsync(MonascaShapes.AlarmId);

            Assert.Null(alarm.LifecycleState);
            Assert.Null(alarm.Link);
            Assert.Equal("cpu idle low", alarm.AlarmDefinition!.Name);
        });
    }

    [Fact]
    public async Task Alarms_Get_of_an_unknown_id_is_404()
    {
        using var pact = Contract.MonascaPact();
        pact.UponReceiving("a request to show an alarm that does not exist")
            .WithRequest(HttpMethod.Get, $"/v2.0/alarms/{MonascaShapes.UnknownId}")
            .WithHeader("X-Auth-Token", Contract.AnyToken)
            .WillRespond()
            .WithStatus(404)
            .WithJsonBody(MonascaShapes.NotFound());

        await pact.VerifyAsync(async ctx =>
        {
            var ex = await Assert.ThrowsAnyAsync<MonascaApiException>(
                () => new AlarmsClient(Clients.Monasca(ctx)).GetAsync(MonascaShapes.UnknownId));

            Assert.True(ex.IsNotFound);
            Assert.Equal("404 Not Found", ex.Title);
            Assert.Null(ex.ServerMessage);
        });
    }

    [Fact]
    public async Task Alarms_Update_replaces_state_lifecycle_state_and_link()
    {
        using var pact = Contract.MonascaPact();
        pact.UponReceiving("a request to replace the state of an alarm")
            .Given(MonascaStates.FreshAlarm)
            .WithRequest(HttpMethod.Put, MonascaShapes.IdPath("alarms", MonascaShapes.AlarmId))
            .WithHeader("X-Auth-Token", Contract.AnyToken)
            .WithHeader("Content-Type", MonascaShapes.JsonRequest)
            .WithJsonBody(new
            {
                state = State("OK"),
                lifecycle_state = Match.Type("RESOLVED"),
                link = Match.Type("http://tickets.example.com/OPS-1"),
            })
            .WillRespond()
            .WithStatus(200)
            .WithJsonBody(MonascaShapes.Alarm(state: "OK", lifecycleState: "RESOLVED"));

        await pact.VerifyAsync(async ctx =>
        {
            var alarm = await new AlarmsClient(Clients.Monasca(ctx)).UpdateAsync(
                new AlarmUpdate { State = "OK", LifecycleState = "RESOLVED", Link = "http://tickets.example.com/OPS-1" },
                MonascaShapes.AlarmId);

            Assert.Equal("OK", alarm.State);
            Assert.Equal("RESOLVED", alarm.LifecycleState);
        });
    }

    [Fact]
    public async Task Alarms_Patch_sends_only_the_fields_given()
    {
        using var pact = Contract.MonascaPact();
        pact.UponReceiving("a request to patch the lifecycle state of an alarm")
            .Given(MonascaStates.FreshAlarm)
            .WithRequest(HttpMethod.Patch, MonascaShapes.IdPath("alarms", MonascaShapes.AlarmId))
            .WithHeader("X-Auth-Token", Contract.AnyToken)
            .WithHeader("Content-Type", MonascaShapes.JsonRequest)
            .WithJsonBody(new { lifecycle_state = Match.Type("ACKNOWLEDGED") })
            .WillRespond()
            .WithStatus(200)
            .WithJsonBody(MonascaShapes.Alarm(lifecycleState: "ACKNOWLEDGED", link: null));

        await pact.VerifyAsync(async ctx =>
        {
            var alarm = await new AlarmsClient(Clients.Monasca(ctx)).PatchAsync(
                new AlarmPatch { LifecycleState = "ACKNOWLEDGED" }, MonascaShapes.AlarmId);

            Assert.Equal("ACKNOWLEDGED", alarm.LifecycleState);
            Assert.Equal("ALARM", alarm.State);
        });
    }

    [Fact]
    public async Task Alarms_Patch_of_an_unknown_id_is_404()
    {
        using var pact = Contract.MonascaPact();
        pact.UponReceiving("a request to patch an alarm that does not exist")
            .WithRequest(HttpMethod.Patch, $"/v2.0/alarms/{MonascaShapes.UnknownId}")
            .WithHeader("X-Auth-Token", Contract.AnyToken)
            .WithHeader("Content-Type", MonascaShapes.JsonRequest)
            .WithJsonBody(new { state = State("OK") })
            .WillRespond()
            .WithStatus(404)
            .WithJsonBody(MonascaShapes.NotFound());

        await pact.VerifyAsync(async ctx =>
        {
            var ex = await Assert.ThrowsAnyAsync<MonascaApiException>(
                () => new AlarmsClient(Clients.Monasca(ctx)).PatchAsync(new AlarmPatch { State = "OK" }, MonascaShapes.UnknownId));

            Assert.True(ex.IsNotFound);
        });
    }

    [Fact]
    public async Task Alarms_Delete_deletes_one_alarm()
    {
        using var pact = Contract.MonascaPact();
        pact.UponReceiving("a request to delete an alarm")
            .Given(MonascaStates.FreshAlarm)
            .WithRequest(HttpMethod.Delete, MonascaShapes.IdPath("alarms", MonascaShapes.AlarmId))
            .WithHeader("X-Auth-Token", Contract.AnyToken)
            .WillRespond()
            .WithStatus(204);

        await pact.VerifyAsync(ctx => new AlarmsClient(Clients.Monasca(ctx)).DeleteAsync(MonascaShapes.AlarmId));
    }

    [Fact]
    public async Task Alarms_Delete_of_an_unknown_id_is_404()
    {
        using var pact = Contract.MonascaPact();
        pact.UponReceiving("a request to delete an alarm that does not exist")
            .WithRequest(HttpMethod.Delete, $"/v2.0/alarms/{MonascaShapes.UnknownId}")
            .WithHeader("X-Auth-Token", Contract.AnyToken)
            .WillRespond()
            .WithStatus(404)
            .WithJsonBody(MonascaShapes.NotFound());

        await pact.VerifyAsync(async ctx =>
        {
            var ex = await Assert.ThrowsAnyAsync<MonascaApiException>(
                () => new AlarmsClient(Clients.Monasca(ctx)).DeleteAsync(MonascaShapes.UnknownId));

            Assert.Equal(404, ex.StatusCode);
        });
    }
}
