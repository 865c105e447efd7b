using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenStack.ContractTests.Infrastructure;
using OpenStack.Pact;

namespace OpenStack.ContractTests.Provider;

/// <summary>
/// A contract break cannot pass unseen: the committed Watcher pact's goal-list interaction is verified
/// against a small Kestrel fake Watcher, once answering the right shape (it verifies, which also shows
/// that the token arrives as the custom header) and once a broken one (it fails, naming the field).
/// </summary>
[Collection(ProviderCollection.Name)]
public sealed class BrokenProviderTests
{
    private const string Token = "fake-provider-token";
    private const string Description = "a request to list goals";

    private static object Goal(string uuid) => new Dictionary<string, object?>
    {
        ["uuid"] = uuid,
        ["name"] = "dummy",
        ["display_name"] = "Dummy goal",
        ["efficacy_specification"] = Array.Empty<object>(),
        ["links"] = new[] { new { href = $"http://127.0.0.1:9322/v1/goals/{uuid}", rel = "self" } },
    };

    private static async Task<(WebApplication App, Uri Url)> StartFakeWatcherAsync(Func<object> goals)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.MapGet("/v1/goals", (HttpRequest request) => request.Headers["X-Auth-Token"] == Token
            ? Results.Json(goals(), contentType: "application/json")
            : Results.Json(new { error = new { code = 401, title = "Unauthorized", message = "bad token" } }, statusCode: 401));
        app.MapPost("/_pact/provider-states", () => Results.Json(new Dictionary<string, object>()));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return (app, new Uri(address + "/"));
    }

    private static PactVerificationResult Verify(Uri url) => new PactVerifier(Contract.WatcherProvider)
        .WithHttpEndpoint(url)
        .WithPactFile(Contract.WatcherPactFile)
        .WithProviderStateUrl(new Uri(url, "_pact/provider-states"))
        .WithFilter(description: PactVerifier.ExactDescription(Description))
        .WithCustomHeader("X-Auth-Token", Token)
        .Verify();

    [Fact]
    public async Task The_goal_list_interaction_verifies_against_a_provider_with_the_right_shape()
    {
        var (app, url) = await StartFakeWatcherAsync(() => new { goals = new[] { Goal("736c9587-5f75-4808-af50-8950237e9a6f") } });
        await using var _ = app;

        var result = Verify(url);

        Assert.True(result.Success, result.Output);
        Assert.Contains(Description, result.Output);
    }

    [Fact]
    public async Task Verification_fails_when_the_provider_breaks_the_shape()
    {
        // A goal whose uuid is no UUID breaks the contract.
        var (app, url) = await StartFakeWatcherAsync(() => new { goals = new[] { Goal("not-a-uuid") } });
        await using var _ = app;

        var result = Verify(url);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("$.goals[0].uuid", result.Output);
        Assert.Contains("not-a-uuid", result.Output);
    }

    [Fact]
    public async Task Verification_fails_when_the_provider_drops_a_list()
    {
        var (app, url) = await StartFakeWatcherAsync(() => new { elements = Array.Empty<object>() });
        await using var _ = app;

        var result = Verify(url);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("goals", result.Output);
    }
}
