using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace OpenStack.Testing;

/// <summary>A request as the fake server received it.</summary>
public sealed record RecordedRequest(
    string Method,
    string Path,
    string QueryString,
    IReadOnlyDictionary<string, string> Headers,
    string Body)
{
    /// <summary>Path plus raw query string, exactly as sent.</summary>
    public string PathAndQuery => Path + QueryString;

    /// <summary>A header value, or null.</summary>
    public string? Header(string name) =>
        Headers.TryGetValue(name, out var v) ? v : null;
}

/// <summary>A canned answer.</summary>
public sealed record FakeResponse(int Status, string Body = "", string ContentType = "application/json")
{
    /// <summary>Extra response headers.</summary>
    public IDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>The body as bytes (any bytes, not only UTF-8); when set, <see cref="Body"/> is ignored.</summary>
    public byte[]? RawBody { get; init; }
}

/// <summary>
/// An in-process Kestrel server on 127.0.0.1 (a free port) that records every request and answers
/// from a handler the test sets. Used by unit tests to assert the exact requests a client sends.
/// </summary>
public sealed class FakeServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private readonly ConcurrentDictionary<string, byte> _connections = new();
    private readonly ManualResetEventSlim _releaseHeld = new(false);
    private readonly TaskCompletionSource _held = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The handler that answers each request; the default answers 404.</summary>
    public Func<RecordedRequest, FakeResponse> Handler { get; set; } = _ => new FakeResponse(404, "{}");

    /// <summary>How many distinct TCP connections requests arrived on.</summary>
    public int ConnectionCount => _connections.Count;

    /// <summary>Every request received, in order.</summary>
    public IReadOnlyList<RecordedRequest> Requests => _requests.ToArray();

    /// <summary>The server's base address, ending with a slash.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    private FakeServer()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _app = builder.Build();
        _app.Run(async ctx =>
        {
            _connections.TryAdd(ctx.Connection.Id, 0);
            using var reader = new StreamReader(ctx.Request.Body);
            var body = await reader.ReadToEndAsync();
            var headers = ctx.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
            var recorded = new RecordedRequest(ctx.Request.Method, ctx.Request.Path.Value ?? "/", ctx.Request.QueryString.Value ?? "", headers, body);
            _requests.Enqueue(recorded);
            var response = Handler(recorded);
            ctx.Response.StatusCode = response.Status;
            foreach (var (k, v) in response.Headers)
            {
                ctx.Response.Headers[k] = v;
            }
            if (response.RawBody is { } raw)
            {
                ctx.Response.ContentType = response.ContentType;
                await ctx.Response.Body.WriteAsync(raw);
            }
            else if (response.Body.Length > 0)
            {
                ctx.Response.ContentType = response.ContentType;
                await ctx.Response.WriteAsync(response.Body);
            }
        });
    }

    /// <summary>Starts a server on a free loopback port.</summary>
    public static async Task<FakeServer> StartAsync(Func<RecordedRequest, FakeResponse>? handler = null)
    {
        var server = new FakeServer();
        if (handler is not null)
        {
            server.Handler = handler;
        }
        await server._app.StartAsync();
        var address = server._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseAddress = new Uri(address.TrimEnd('/') + "/");
        return server;
    }

    /// <summary>
    /// For a handler that must not answer (timeouts, cancellation): signals <see cref="Held"/>, then holds
    /// the request until the server is disposed (30 s at most) and answers <paramref name="response"/>.
    /// </summary>
    public FakeResponse Hold(FakeResponse response)
    {
        _held.TrySetResult();
        _releaseHeld.Wait(TimeSpan.FromSeconds(30));
        return response;
    }

    /// <summary>Completes when a request is first held by <see cref="Hold"/>.</summary>
    public Task Held => _held.Task;

    /// <summary>An HttpClient whose base address is this server (plus an optional path prefix).</summary>
    public HttpClient CreateClient(string pathPrefix = "") =>
        new() { BaseAddress = new Uri(BaseAddress, pathPrefix) };

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        _releaseHeld.Set();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _releaseHeld.Dispose();
    }
}
