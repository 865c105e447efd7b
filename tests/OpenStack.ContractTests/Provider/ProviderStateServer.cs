using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace OpenStack.ContractTests.Provider;

/// <summary>One provider-state request from the verifier.</summary>
/// <param name="State">The state name.</param>
/// <param name="Params">The state parameters.</param>
/// <param name="Action"><c>setup</c> or <c>teardown</c>.</param>
public sealed record ProviderStateCall(string State, IReadOnlyDictionary<string, string> Params, string Action);

/// <summary>Arranges (setup) or cleans up (teardown) one provider state; returns values for provider-state generators.</summary>
public delegate Task<IReadOnlyDictionary<string, object?>> ProviderStateHandler(ProviderStateCall call);

/// <summary>
/// The state-change endpoint: a Kestrel minimal API on 127.0.0.1 (a free port) answering
/// <c>POST /_pact/provider-states</c> with <c>{"state", "params", "action"}</c> from the verifier.
/// Setup answers a JSON object whose values feed the pact's <c>ProviderState</c> generators (for
/// example the UUID of the audit it created). An unknown state answers 400, which fails the
/// interaction: no state is silently ignored.
/// </summary>
public sealed class ProviderStateServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ProviderStateCall> _calls = new();
    private readonly ConcurrentQueue<string> _errors = new();

    private ProviderStateServer(WebApplication app) => _app = app;

    /// <summary>The state-change URL.</summary>
    public Uri Url { get; private set; } = null!;

    /// <summary>Every call received, in order.</summary>
    public IReadOnlyList<ProviderStateCall> Calls => _calls.ToArray();

    /// <summary>Every state that failed to set up, with the reason.</summary>
    public IReadOnlyList<string> Errors => _errors.ToArray();

    /// <summary>Starts the endpoint with the given handlers, one per state name.</summary>
    public static async Task<ProviderStateServer> StartAsync(IReadOnlyDictionary<string, ProviderStateHandler> handlers)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var server = new ProviderStateServer(app);
        app.MapPost("/_pact/provider-states", async (HttpRequest request) =>
        {
            var body = await JsonNode.ParseAsync(request.Body) as JsonObject ?? new JsonObject();
            var call = new ProviderStateCall(
                (string?)body["state"] ?? "",
                (body["params"] as JsonObject ?? new JsonObject())
                    .ToDictionary(p => p.Key, p => p.Value is JsonValue v && v.TryGetValue<string>(out var s) ? s : p.Value?.ToJsonString() ?? ""),
                (string?)body["action"] ?? "setup");
            server._calls.Enqueue(call);
            if (!handlers.TryGetValue(call.State, out var handler))
            {
                server._errors.Enqueue($"unknown provider state '{call.State}'");
                return Results.BadRequest(new { error = $"unknown provider state '{call.State}'" });
            }
            try
            {
                var values = await handler(call);
                return Results.Json(values, JsonSerializerOptions.Web);
            }
            catch (Exception ex)
            {
                server._errors.Enqueue($"{call.Action} of '{call.State}' failed: {ex}");
                return Results.Json(new { error = ex.Message }, statusCode: 500);
            }
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.Url = new Uri(new Uri(address), "/_pact/provider-states");
        return server;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
