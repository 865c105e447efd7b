using OpenStack.Testing;
using OpenStack.ContractTests.Infrastructure;
using OpenStack.Monasca;
using OpenStack.Pact;

namespace OpenStack.ContractTests.Monasca;

/// <summary>Notification methods and notification types.</summary>
[Collection(ConsumerCollection.Name)]
public sealed class NotificationMethodsContractTests
{

    [Fact]
    public async Task NotificationMethods_List_returns_the_notification_methods()
    {
        // What `monasca notification-list` sends.
        using var pact = Contract.MonascaPact();
        pact.UponReceiving("a request to list notification methods")
            .Given(MonascaStates.NotificationMethod)
            .WithRequest(HttpMethod.Get, "/v2.0/notification-methods")
            .WithHeader("X-Auth-Token", Contract.AnyToken)
            .WillRespond()
            .WithStatus(200)
            .WithHeader("Content-Type", MonascaShapes.JsonResponse)
            .WithJsonBody(new
            {
                links = MonascaShapes.Links($"{MonascaShapes.Root}/v2.0/notification-methods"),
                elements = Match.EachLike(MonascaShapes.NotificationMethod()),
            });

        await pact.VerifyAsync(async ctx =>
        {
            var page = await new NotificationMethodsClient(Clients.Monasca(ctx)).ListAsync();

            var method = Assert.Single(page.Elements);
            Assert.Equal(MonascaShapes.NotificationMethodId, method.Id);
            Assert.Equal("EMAIL", method.Type);
            Assert.Equal(0, method.Period);
            Assert.Null(PageLinks.NextOffset(page.Links));
        });
    }

    [Fact]
    public async Task NotificationMethods_List_sorted_pages_by_an_integer_offset()
    {
        using var pact = Contract.MonascaPact();
        pact.UponReceiving("a request to list notification methods sorted by name, one page at an offset")
            .Given(MonascaStates.NotificationMethod)
            .WithRequest(HttpMethod.Get, "/v2.0/notification-methods")
            .WithQuery("sort_by", Match.Regex("name asc,id", @"^[a-z_]+( (asc|desc))?(,[a-z_]+( (asc|desc))?)*$"))
            .WithQuery("offset", MonascaShapes.Digits("10"))
            .WithQuery("limit", MonascaShapes.Digits("10"))
            .WithHeader("X-Auth-Token", Contract.AnyToken)
            .WillRespond()
            .WithStatus(200)
            .WithJsonBody(new
            {
                // Server: the next link carries the last id (a UUID), which it then rejects as an offset.
                links = MonascaShapes.LinksWithNext(
                    $"{MonascaShapes.Root}/v2.0/notification-methods?sort_by=name+asc%2Cid&offset=10&limit=10",
                    $"{MonascaShapes.Root}/v2.0/notification-methods?sort_by=name+asc%2Cid&offset={MonascaShapes.NotificationMethodId}&limit=10",
                    @"[^&\s]+"),
                elements = Match.EachLike(MonascaShapes.NotificationMethod(), min: 0),
            });

        await pact.VerifyAsync(async ctx =>
        {
            var page = await new NotificationMethodsClient(Clients.Monasca(ctx)).ListAsync(
                sortBy: new[] { "name asc", "id" }, offset: 10, limit: 10);

            Assert.Single(page.Elements);
        });
    }

    [Fact]
    public async Task NotificationTypes_List_returns_the_supported_types()
    {
        // What `monasca notification-type-list` sends.
        using var pact = Contract.MonascaPact();
        pact.UponReceiving("a request to list notification types")
            .WithRequest(HttpMethod.Get, "/v2.0/notification-methods/types")
            .WithHeader("X-Auth-Token", Contract.AnyToken)
            .WillRespond()
            .WithStatus(200)
            .WithJsonBody(new
            {
                links = MonascaShapes.Links($"{MonascaShapes.Root}/v2.0/notification-methods/types"),
                elements = Match.EachLike(new { type = Match.Regex("EMAIL", "^[A-Z0-9_]+$") }),
            });

        await pact.VerifyAsync(async ctx =>
        {
            var page = await new NotificationTypesClient(Clients.Monasca(ctx)).ListAsync();

            Assert.Equal("EMAIL", Assert.Single(page.Elements).Type);
        });
    }

    [Fact]
    public async Task NotificationMethods_Create_returns_the_new_method()
    {
        using var pact = Contract.MonascaPact();
        pact.UponReceiving("a request to create a webhook notification method")
            .WithRequest(HttpMethod.Post, "/v2.0/notification-methods")
            .WithHeader("X-Auth-Token", Contract.AnyToken)
            .WithHeader("Content-Type", MonascaShapes.JsonRequest)
            .WithJsonBody(new
            {
                name = Match.Type("ops-webhook"),
                type = Match.Type("WEBHOOK"),
                address = Match.Type("http://hooks.example.com/monasca"),
                period = Match.Integer(60),
            })
            .WillRespond()
            .WithStatus(201)
            .WithJsonBody(MonascaShapes.NotificationMethod("ops-webhook", "WEBHOOK", "http://hooks.example.com/monasca", 60));

        await pact.VerifyAsync(async ctx =>
        {
            var created = await new NotificationMethodsClient(Clients.Monasca(ctx)).CreateAsync(new NotificationMethodCreate
            {
                Name = "ops-webhook",
                Type = "WEBHOOK",
                Address = "http://hooks.example.com/monasca",
                Period = 60,
            });

            Assert.Equal(MonascaShapes.NotificationMethodId, created.Id);
            Assert.Equal(60, created.Period);
        });
    }

    [Fact]
    public async Task NotificationMethods_Create_of_an_unknown_type_is_400()
    {
        using var pact = Contract.MonascaPact();
        pact.UponReceiving("a request to create a notification method of an unknown type")
            .WithRequest(HttpMethod.Post, "/v2.0/notification-methods")
            .WithHeader("X-Auth-Token", Contract.AnyToken)
            .WithHeader("Content-Type", MonascaShapes.JsonRequest)
            .WithJsonBody(new { name = Match.Type("ops-sms"), type = "SMS", address = Match.Type("+15550100") })
            .WillRespond()
            .WithStatus(400)
            .WithJsonBody(MonascaShapes.Error("Bad Request", "Not a valid notification method type SMS "));

        await pact.VerifyAsync(async ctx =>
        {
            var ex = await Assert.ThrowsAnyAsync<MonascaApiException>(() => new NotificationMethodsClient(Clients.Monasca(ctx))
                .CreateAsync(new NotificationMethodCreate { Name = "ops-sms", Type = "SMS", Address = "+15550100" }));

            Assert.Equal(400, ex.StatusCode);
            Assert.Contains("Not a valid notification method type", ex.ServerMessage);
        });
    }

    [Fact]
    public async Task NotificationMethods_Create_with_a_name_in_use_is_409()
    {
        using var pact = Contract.MonascaPact();
        pact.UponReceiving("a request to create a notification method with a name in use")
            .Given(MonascaStates.NotificationMethod)
            .WithRequest(HttpMethod.Post, "/v2.0/notification-methods")
            .WithHeader("X-Auth-Token", Contract.AnyToken)
            .WithHeader("Content-Type", MonascaShapes.JsonRequest)
            .WithJsonBody(new { name = "ops-email", type = Match.Type("EMAIL"), address = Match.Type("ops@example.com") })
            .WillRespond()
            .WithStatus(409)
            .WithJsonBody(MonascaShapes.Error("AlreadyExistsException", "A notification method with the name ops-email already exists"));

        await pact.VerifyAsync(async ctx =>
        {
            var ex = await Assert.ThrowsAnyAsync<MonascaApiException>(() => new NotificationMethodsClient(Clients.Monasca(ctx))
                .CreateAsync(new NotificationMethodCreate { Name = "ops-email", Type = "EMAIL", Address = "ops@example.com" }));

            Assert.Equal(409, ex.StatusCode);
            Assert.Equal("AlreadyExistsException", ex.Title);
        });
    }

    [Fact]
    public async Task NotificationMethods_Get_returns_one_method()
    {
        using var pact = Contract.MonascaPact();
        pact.UponReceiving("a request to show a notification method")
            .Given(MonascaStates.NotificationMethod)
            .WithRequest(HttpMethod.Get, MonascaShapes.IdPath("notification-methods", MonascaShapes.NotificationMethodId))
            .WithHeader("X-Auth-Token", Contract.AnyToken)
            .WillRespond()
            .WithStatus(200)
            .WithJsonBody(MonascaShapes.NotificationMethod());

        await pact.VerifyAsync(async ctx =>
        {
            var method = await new NotificationMethodsClient(Clients.Monasca(ctx)).GetAsync(MonascaShapes.NotificationMethodId);

            Assert.Equal("ops-email", method.Name);
            Assert.Equal("ops@example.com", method.Address);
        });
    }

    [Fact]
    public async Task NotificationMethods_Get_of_an_unknown_id_is_404()
    {
        using var pact = Contract.MonascaPact();
        pact.UponReceiving("a request to show a notification method that does not exist")
            .WithRequest(HttpMethod.Get, $"/v2.0/notification-methods/{MonascaShapes.UnknownId}")
            .WithHeader("X-Auth-Token", Contract.AnyToken)
            .WillRespond()
            .WithStatus(404)
            .WithJsonBody(MonascaShapes.NotFound());

        await pact.VerifyAsync(async ctx =>
        {
            var ex = await Assert.ThrowsAnyAsync<MonascaApiException>(
                () => new NotificationMethodsClient(Clients.Monasca(ctx)).GetAsync(MonascaShapes.UnknownId));

            Assert.True(ex.IsNotFound);
            Assert.Equal("404 Not Found", ex.Title);
        });
    }

    [Fact]
    public async Task NotificationMethods_Update_replaces_every_field()
    {
        using var pact = Contract.MonascaPact();
        pact.UponReceiving("a request to replace a notification method")
            .Given(MonascaStates.NotificationMethod)
            .WithRequest(HttpMethod.Put, MonascaShapes.IdPath("notification-methods", MonascaShapes.NotificationMethodId))
            .WithHeader("X-Auth-Token", Contract.AnyToken)
            .WithHeader("Content-Type", MonascaShapes.JsonRequest)
            .WithJsonBody(new
            {
                name = Match.Type("ops-email"),
                type = Match.Type("EMAIL"),
                address = Match.Type("oncall@example.com"),
                period = Match.Integer(0),
            })
            .WillRespond()
            .WithStatus(200)
            .WithJsonBody(MonascaShapes.NotificationMethod(address: "oncall@example.com"));

        await pact.VerifyAsync(async ctx =>
        {
            var updated = await new NotificationMethodsClient(Clients.Monasca(ctx)).UpdateAsync(
                new NotificationMethodUpdate { Name = "ops-email", Type = "EMAIL", Address = "oncall@example.com", Period = 0 },
                MonascaShapes.NotificationMethodId);

            Assert.Equal("oncall@example.com", updated.Address);
        });
    }

    [Fact]
    public async Task NotificationMethods_Update_of_an_unknown_id_is_404()
    {
        using var pact = Contract.MonascaPact();
        pact.UponReceiving("a request to replace a notification method that does not exist")
            .WithRequest(HttpMethod.Put, $"/v2.0/notification-methods/{MonascaShapes.UnknownId}")
            .WithHeader("X-Auth-Token", Contract.AnyToken)
            .WithHeader("Content-Type", MonascaShapes.JsonRequest)
            .WithJsonBody(new
            {
                name = Match.Type("ops-email"),
                type = Match.Type("EMAIL"),
                address = Match.Type("oncall@example.com"),
                period = Match.Integer(0),
            })
            .WillRespond()
            .WithStatus(404)
            .WithJsonBody(MonascaShapes.NotFound());

        await pact.VerifyAsync(async ctx =>
        {
            var ex = await Assert.ThrowsAnyAsync<MonascaApiException>(() => new NotificationMethodsClient(Clients.Monasca(ctx)).UpdateAsync(
                new NotificationMethodUpdate { Name = "ops-email", Type = "EMAIL", Address = "oncall@example.com", Period = 0 },
                MonascaShapes.UnknownId));

            Assert.Equal(404, ex.StatusCode);
        });
    }

    [Fact]
    public async Task NotificationMethods_Patch_sends_only_the_fields_given()
    {
        using var pact = Contract.MonascaPact();
        pact.UponReceiving("a request to patch the period of a notification method")
            .Given(MonascaStates.NotificationMethod)
            .WithRequest(HttpMethod.Patch, MonascaShapes.IdPath("notification-methods", MonascaShapes.NotificationMethodId))
            .WithHeader("X-Auth-Token", Contract.AnyToken)
            .WithHeader("Content-Type", MonascaShapes.JsonRequest)
            // period 0 is sent (python-monascaclient once dropped it); nothing else is.
            .WithJsonBody(new { period = 0 })
            .WillRespond()
            .WithStatus(200)
            .WithJsonBody(MonascaShapes.NotificationMethod());

        await pact.VerifyAsync(async ctx =>
        {
            var patched = await new NotificationMethodsClient(Clients.Monasca(ctx)).PatchAsync(
                new NotificationMethodPatch { Period = 0 }, MonascaShapes.NotificationMethodId);

            Assert.Equal(0, patched.Period);
        });
    }

    [Fact]
    public async Task NotificationMethods_Patch_with_an_invalid_address_is_400()
    {
        using var pact = Contract.MonascaPact();
        pact.UponReceiving("a request to patch a notification method with an invalid e-mail address")
            .Given(MonascaStates.NotificationMethod)
            .WithRequest(HttpMethod.Patch, MonascaShapes.IdPath("notification-methods", MonascaShapes.NotificationMethodId))
            .WithHeader("X-Auth-Token", Contract.AnyToken)
            .WithHeader("Content-Type", MonascaShapes.JsonRequest)
            .WithJsonBody(new { address = "not-an-address" })
            .WillRespond()
            .WithStatus(400)
            .WithJsonBody(MonascaShapes.Error("Bad Request", "Address not-an-address is not of correct format"));

        await pact.VerifyAsync(async ctx =>
        {
            var ex = await Assert.ThrowsAnyAsync<MonascaApiException>(() => new NotificationMethodsClient(Clients.Monasca(ctx))
                .PatchAsync(new NotificationMethodPatch { Address = "not-an-address" }, MonascaShapes.NotificationMethodId));

            Assert.Equal(400, ex.StatusCode);
            Assert.Contains("not of correct format", ex.Message);
        });
    }

    [Fact]
    public async Task NotificationMethods_Delete_deletes_one_method()
    {
        using var pact = Contract.MonascaPact();
        pact.UponReceiving("a request to delete a notification method")
            .Given(MonascaStates.NotificationMethod)
            .WithRequest(HttpMethod.Delete, MonascaShapes.IdPath("notification-methods", MonascaShapes.NotificationMethodId))
            .WithHeader("X-Auth-Token", Contract.AnyToken)
            .WillRespond()
            .WithStatus(204);

        await pact.VerifyAsync(ctx => new NotificationMethodsClient(Clients.Monasca(ctx)).DeleteAsync(MonascaShapes.NotificationMethodId));
    }

    [Fact]
    public async Task NotificationMethods_Delete_of_an_unknown_id_is_404()
    {
        using var pact = Contract.MonascaPact();
        pact.UponReceiving("a request to delete a notification method that does not exist")
            .WithRequest(HttpMethod.Delete, $"/v2.0/notification-methods/{MonascaShapes.UnknownId}")
            .WithHeader("X-Auth-Token", Contract.AnyToken)
            .WillRespond()
            .WithStatus(404)
            .WithJsonBody(MonascaShapes.NotFound());

        await pact.VerifyAsync(async ctx =>
        {
            var ex = await Assert.ThrowsAnyAsync<MonascaApiException>(
                () => new NotificationMethodsClient(Clients.Monasca(ctx)).DeleteAsync(MonascaShapes.UnknownId));

            Assert.True(ex.IsNotFound);
        });
    }
}
