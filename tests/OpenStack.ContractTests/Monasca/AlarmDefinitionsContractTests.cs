using OpenStack.Testing;
using OpenStack.ContractTests.Infrastructure;
using OpenStack.Monasca;
using OpenStack.Pact;

namespace OpenStack.ContractTests.Monasca;

/// <summary>Alarm definitions.</summary>
[Collection(ConsumerCollection.Name)]
public sealed class AlarmDefinitionsContractTests
{
    private static object FullBody(string expression = MonascaShapes.Expression) => new
    {
        name = Match.Type("cpu idle low"),
        description = Match.Type("CPU idle below 10%"),
        expression = Match.Type(expression),
        match_by = Match.EachLike("hostname", min: 0),
        severity = Match.Regex("HIGH", "^(LOW|MEDIUM|HIGH|CRITICAL)$"),
        alarm_actions = Match.EachLike(Match.Uuid(MonascaShapes.NotificationMethodId), min: 0),
        ok_actions = Match.EachLike(Match.Uuid(MonascaShapes.NotificationMethodId), min: 0),
        undetermined_actions = Match.EachLike(Match.Uuid(MonascaShapes.NotificationMethodId), min: 0),
        actions_enabled = Match.Boolean(true),
    };

    private static AlarmDefinitionUpdate FullUpdate(string matchBy = "hostname") => new()
    {
        Name = "cpu idle low",
        Description = "CPU idle below 10%",
        Expression = MonascaShapes.Expression,
        MatchBy = new List<string> { matchBy },
        Severity = "HIGH",
        AlarmActions = new List<string> { MonascaShapes.NotificationMethodId },
        OkActions = new List<string> { MonascaShapes.NotificationMethodId },
        UndeterminedActions = new List<string> { MonascaShapes.NotificationMethodId },
        ActionsEnabled = true,
    };

    [Fact]
    public async Task AlarmDefinitions_List_returns_the_definitions()
    {
        // What `monasca alarm-definition-list` sends.
        using var pact = Contract.MonascaPact();
        pact.UponReceiving("a request to list alarm definitions")
            .Given(MonascaStates.AlarmDefinition)
            .WithRequest(HttpMethod.Get, "/v2.0/alarm-definitions")
            .WithHeader("X-Auth-Token", Contract.AnyToken)
            .WillRespond()
            .WithStatus(200)
            .WithHeader("Content-Type", MonascaShapes.JsonResponse)
            .WithJsonBody(new
            {
                links = MonascaShapes.Links($"{MonascaShapes.Root}/v2.0/alarm-definitions"),
                elements = Match.EachLike(MonascaShapes.AlarmDefinition()),
            });

        await pact.VerifyAsync(async ctx =>
        {
            var page = await new AlarmDefinitionsClient(Clients.Monasca(ctx)).ListAsync();

            var definition = Assert.Single(page.Elements);
            Assert.Equal(MonascaShapes.AlarmDefinitionId, definition.Id);
            Assert.Equal(MonascaShapes.Expression, definition.Expression);
            Assert.Equal(new[] { "hostname" }, definition.MatchBy);
            Assert.Equal(MonascaShapes.NotificationMethodId, Assert.Single(definition.AlarmActions!));
            Assert.False(definition.Deterministic);
        });
    }

    [Fact]
    public async Task AlarmDefinitions_List_filters_sorts_and_pages_by_an_integer_offset()
    {
        using var pact = Contract.MonascaPact();
        pact.UponReceiving("a request to list alarm definitions by name, dimensions and severity, sorted, one page")
            .Given(MonascaStates.AlarmDefinition)
            .WithRequest(HttpMethod.Get, "/v2.0/alarm-definitions")
            .WithQuery("name", Match.Type("cpu idle low"))
            .WithQuery("dimensions", MonascaShapes.DimensionFilter("hostname:devstack"))
            .WithQuery("severity", Match.Regex("HIGH|CRITICAL", "^(LOW|MEDIUM|HIGH|CRITICAL)(\\|(LOW|MEDIUM|HIGH|CRITICAL))*$"))
            .WithQuery("sort_by", Match.Regex("severity desc,name", @"^[a-z_]+( (asc|desc))?(,[a-z_]+( (asc|desc))?)*$"))
            .WithQuery("offset", MonascaShapes.Digits("0"))
            .WithQuery("limit", MonascaShapes.Digits("1"))
            .WithHeader("X-Auth-Token", Contract.AnyToken)
            .WillRespond()
            .WithStatus(200)
            .WithJsonBody(new
            {
                // Names are unique per project: a name filter matches one definition at most, so never a next link.
                links = MonascaShapes.Links($"{MonascaShapes.Root}/v2.0/alarm-definitions?offset=0&limit=1"),
                elements = Match.EachLike(MonascaShapes.AlarmDefinition(), min: 0),
            });

        await pact.VerifyAsync(async ctx =>
        {
            var page = await new AlarmDefinitionsClient(Clients.Monasca(ctx)).ListAsync(
                name: "cpu idle low", dimensions: "hostname:devstack", severity: "HIGH|CRITICAL",
                sortBy: new[] { "severity desc", "name" }, offset: 0, limit: 1);

            Assert.Single(page.Elements);
            Assert.Null(PageLinks.NextOffset(page.Links));
        });
    }

    [Fact]
    public async Task AlarmDefinitions_Create_returns_the_new_definition()
    {
        using var pact = Contract.MonascaPact();
        pact.UponReceiving("a request to create an alarm definition")
            .Given(MonascaStates.NotificationMethod)
            .WithRequest(HttpMethod.Post, "/v2.0/alarm-definitions")
            .WithHeader("X-Auth-Token", Contract.AnyToken)
            .WithHeader("Content-Type", MonascaShapes.JsonRequest)
            .WithJsonBody(new
            {
                name = Match.Type("cpu idle low"),
                expression = Match.Type(MonascaShapes.Expression),
                description = Match.Type("CPU idle below 10%"),
                match_by = Match.EachLike("hostname"),
                severity = Match.Regex("HIGH", "^(LOW|MEDIUM|HIGH|CRITICAL)$"),
                alarm_actions = Match.EachLike(Match.Uuid(MonascaShapes.NotificationMethodId)),
            })
            .WillRespond()
            .WithStatus(201)
            .WithJsonBody(MonascaShapes.AlarmDefinition());

        await pact.VerifyAsync(async ctx =>
        {
            var created = await new AlarmDefinitionsClient(Clients.Monasca(ctx)).CreateAsync(new AlarmDefinitionCreate
            {
                Name = "cpu idle low",
                Expression = MonascaShapes.Expression,
                Description = "CPU idle below 10%",
                MatchBy = new List<string> { "hostname" },
                Severity = "HIGH",
                AlarmActions = new List<string> { MonascaShapes.NotificationMethodId },
            });

            Assert.Equal(MonascaShapes.AlarmDefinitionId, created.Id);
            Assert.True(created.ActionsEnabled);
        });
    }

    [Fact]
    public async Task AlarmDefinitions_Create_with_an_invalid_expression_is_422()
    {
        using var pact = Contract.MonascaPact();
        pact.UponReceiving("a request to create an alarm definition with an invalid expression")
            .WithRequest(HttpMethod.Post, "/v2.0/alarm-definitions")
            .WithHeader("X-Auth-Token", Contract.AnyToken)
            .WithHeader("Content-Type", MonascaShapes.JsonRequest)
            .WithJsonBody(new { name = Match.Type("broken"), expression = "avg(cpu.idle_perc{hostname=devstack} < 10" })
            .WillRespond()
            .WithStatus(422)
            .WithJsonBody(MonascaShapes.Error("Invalid alarm expression", "Expected \")\" (at char 41), (line:1, col:42)"));

        await pact.VerifyAsync(async ctx =>
        {
            var ex = await Assert.ThrowsAnyAsync<MonascaApiException>(() => new AlarmDefinitionsClient(Clients.Monasca(ctx))
                .CreateAsync(new AlarmDefinitionCreate { Name = "broken", Expression = "avg(cpu.idle_perc{hostname=devstack} < 10" }));

            Assert.Equal(422, ex.StatusCode);
            Assert.Equal("Invalid alarm expression", ex.Title);
        });
    }

    [Fact]
    public async Task AlarmDefinitions_Create_with_a_name_in_use_is_409()
    {
        using var pact = Contract.MonascaPact();
        pact.UponReceiving("a request to create an alarm definition with a name in use")
            .Given(MonascaStates.AlarmDefinition)
            .WithRequest(HttpMethod.Post, "/v2.0/alarm-definitions")
            .WithHeader("X-Auth-Token", Contract.AnyToken)
            .WithHeader("Content-Type", MonascaShapes.JsonRequest)
            .WithJsonBody(new { name = "cpu idle low", expression = Match.Type(MonascaShapes.Expression) })
            .WillRespond()
            .WithStatus(409)
            .WithJsonBody(MonascaShapes.Error("AlreadyExistsException", "An alarm definition with the name cpu idle low already exists"));

        await pact.VerifyAsync(async ctx =>
        {
            var ex = await Assert.ThrowsAnyAsync<MonascaApiException>(() => new AlarmDefinitionsClient(Clients.Monasca(ctx))
                .CreateAsync(new AlarmDefinitionCreate { Name = "cpu idle low", Expression = MonascaShapes.Expression }));

            Assert.Equal(409, ex.StatusCode);
            Assert.Contains("already exists", ex.ServerMessage);
        });
    }

    [Fact]
    public async Task AlarmDefinitions_Get_returns_one_definition()
    {
        using var pact = Contract.MonascaPact();
        pact.UponReceiving("a request to show an alarm definition")
            .Given(MonascaStates.AlarmDefinition)
            .WithRequest(HttpMethod.Get, MonascaShapes.IdPath("alarm-definitions", MonascaShapes.AlarmDefinitionId))
            .WithHeader("X-Auth-Token", Contract.AnyToken)
            .WillRespond()
            .WithStatus(200)
            // Server: a definition created through the API returns its description, "" when it was given none
            // (real-server note 13; null only for rows written otherwise): a string of any content.
            .WithJsonBody(MonascaShapes.AlarmDefinition());

        await pact.VerifyAsync(async ctx =>
        {
            var definition = await new AlarmDefinitionsClient(Clients.Monasca(ctx)).GetAsync(MonascaShapes.AlarmDefinitionId);

            Assert.Equal("cpu idle low", definition.Name);
            Assert.Equal("CPU idle below 10%", definition.Description);
            Assert.Equal("HIGH", definition.Severity);
        });
    }

    [Fact]
    public async Task AlarmDefinitions_Get_of_an_unknown_id_is_404()
    {
        using var pact = Contract.MonascaPact();
        pact.UponReceiving("a request to show an alarm definition that does not exist")
            .WithRequest(HttpMethod.Get, $"/v2.0/alarm-definitions/{MonascaShapes.UnknownId}")
            .WithHeader("X-Auth-Token", Contract.AnyToken)
            .WillRespond()
            .WithStatus(404)
            .WithJsonBody(MonascaShapes.NotFound());

        await pact.VerifyAsync(async ctx =>
        {
            var ex = await Assert.ThrowsAnyAsync<MonascaApiException>(
                () => new AlarmDefinitionsClient(Clients.Monasca(ctx)).GetAsync(MonascaShapes.UnknownId));

            Assert.True(ex.IsNotFound);
        });
    }

    [Fact]
    public async Task AlarmDefinitions_Update_sends_all_nine_fields()
    {
        using var pact = Contract.MonascaPact();
        pact.UponReceiving("a request to replace an alarm definition")
            .Given(MonascaStates.AlarmDefinition)
            .WithRequest(HttpMethod.Put, MonascaShapes.IdPath("alarm-definitions", MonascaShapes.AlarmDefinitionId))
            .WithHeader("X-Auth-Token", Contract.AnyToken)
            .WithHeader("Content-Type", MonascaShapes.JsonRequest)
            .WithJsonBody(FullBody())
            .WillRespond()
            .WithStatus(200)
            .WithJsonBody(MonascaShapes.AlarmDefinition());

        await pact.VerifyAsync(async ctx =>
        {
            var updated = await new AlarmDefinitionsClient(Clients.Monasca(ctx)).UpdateAsync(FullUpdate(), MonascaShapes.AlarmDefinitionId);

            Assert.Equal(MonascaShapes.AlarmDefinitionId, updated.Id);
        });
    }

    [Fact]
    public async Task AlarmDefinitions_Update_that_changes_match_by_is_422()
    {
        using var pact = Contract.MonascaPact();
        pact.UponReceiving("a request to replace an alarm definition with a different match_by")
            .Given(MonascaStates.AlarmDefinition)
            .WithRequest(HttpMethod.Put, MonascaShapes.IdPath("alarm-definitions", MonascaShapes.AlarmDefinitionId))
            .WithHeader("X-Auth-Token", Contract.AnyToken)
            .WithHeader("Content-Type", MonascaShapes.JsonRequest)
            .WithJsonBody(new
            {
                name = Match.Type("cpu idle low"),
                description = Match.Type("CPU idle below 10%"),
                expression = Match.Type(MonascaShapes.Expression),
                match_by = new[] { "service" },
                severity = Match.Regex("HIGH", "^(LOW|MEDIUM|HIGH|CRITICAL)$"),
                alarm_actions = Match.EachLike(Match.Uuid(MonascaShapes.NotificationMethodId), min: 0),
                ok_actions = Match.EachLike(Match.Uuid(MonascaShapes.NotificationMethodId), min: 0),
                undetermined_actions = Match.EachLike(Match.Uuid(MonascaShapes.NotificationMethodId), min: 0),
                actions_enabled = Match.Boolean(true),
            })
            .WillRespond()
            .WithStatus(422)
            .WithJsonBody(MonascaShapes.Error("InvalidUpdateException", "match_by must not change"));

        await pact.VerifyAsync(async ctx =>
        {
            var ex = await Assert.ThrowsAnyAsync<MonascaApiException>(() => new AlarmDefinitionsClient(Clients.Monasca(ctx))
                .UpdateAsync(FullUpdate(matchBy: "service"), MonascaShapes.AlarmDefinitionId));

            Assert.Equal(422, ex.StatusCode);
            Assert.Equal("InvalidUpdateException", ex.Title);
        });
    }

    [Fact]
    public async Task AlarmDefinitions_Patch_mutes_the_actions()
    {
        using var pact = Contract.MonascaPact();
        pact.UponReceiving("a request to disable the actions of an alarm definition")
            .Given(MonascaStates.AlarmDefinition)
            .WithRequest(HttpMethod.Patch, MonascaShapes.IdPath("alarm-definitions", MonascaShapes.AlarmDefinitionId))
            .WithHeader("X-Auth-Token", Contract.AnyToken)
            .WithHeader("Content-Type", MonascaShapes.JsonRequest)
            .WithJsonBody(new { actions_enabled = false })
            .WillRespond()
            .WithStatus(200)
            .WithJsonBody(MonascaShapes.AlarmDefinition(actionsEnabled: false));

        await pact.VerifyAsync(async ctx =>
        {
            var patched = await new AlarmDefinitionsClient(Clients.Monasca(ctx)).PatchAsync(
                new AlarmDefinitionPatch { ActionsEnabled = false }, MonascaShapes.AlarmDefinitionId);

            Assert.False(patched.ActionsEnabled);
        });
    }

    [Fact]
    public async Task AlarmDefinitions_Patch_of_an_unknown_id_is_404()
    {
        using var pact = Contract.MonascaPact();
        pact.UponReceiving("a request to patch an alarm definition that does not exist")
            .WithRequest(HttpMethod.Patch, $"/v2.0/alarm-definitions/{MonascaShapes.UnknownId}")
            .WithHeader("X-Auth-Token", Contract.AnyToken)
            .WithHeader("Content-Type", MonascaShapes.JsonRequest)
            .WithJsonBody(new { severity = Match.Regex("LOW", "^(LOW|MEDIUM|HIGH|CRITICAL)$") })
            .WillRespond()
            .WithStatus(404)
            .WithJsonBody(MonascaShapes.NotFound());

        await pact.VerifyAsync(async ctx =>
        {
            var ex = await Assert.ThrowsAnyAsync<MonascaApiException>(() => new AlarmDefinitionsClient(Clients.Monasca(ctx))
                .PatchAsync(new AlarmDefinitionPatch { Severity = "LOW" }, MonascaShapes.UnknownId));

            Assert.True(ex.IsNotFound);
        });
    }

    [Fact]
    public async Task AlarmDefinitions_Delete_deletes_one_definition()
    {
        using var pact = Contract.MonascaPact();
        pact.UponReceiving("a request to delete an alarm definition")
            .Given(MonascaStates.AlarmDefinition)
            .WithRequest(HttpMethod.Delete, MonascaShapes.IdPath("alarm-definitions", MonascaShapes.AlarmDefinitionId))
            .WithHeader("X-Auth-Token", Contract.AnyToken)
            .WillRespond()
            .WithStatus(204);

        await pact.VerifyAsync(ctx => new AlarmDefinitionsClient(Clients.Monasca(ctx)).DeleteAsync(MonascaShapes.AlarmDefinitionId));
    }

    [Fact]
    public async Task AlarmDefinitions_Delete_of_an_unknown_id_is_404()
    {
        using var pact = Contract.MonascaPact();
        pact.UponReceiving("a request to delete an alarm definition that does not exist")
            .WithRequest(HttpMethod.Delete, $"/v2.0/alarm-definitions/{MonascaShapes.UnknownId}")
            .WithHeader("X-Auth-Token", Contract.AnyToken)
            .WillRespond()
            .WithStatus(404)
            .WithJsonBody(MonascaShapes.NotFound());

        await pact.VerifyAsync(async ctx =>
        {
            var ex = await Assert.ThrowsAnyAsync<MonascaApiException>(
                () => new AlarmDefinitionsClient(Clients.Monasca(ctx)).DeleteAsync(MonascaShapes.UnknownId));

            Assert.Equal(404, ex.StatusCode);
        });
    }
}
