using OpenStack.Watcher;
using OpenStack.Http;

namespace OpenStack.Cli.Watcher;

/// <summary>The Watcher client one command run talks through (one HttpClient, one token, one negotiated microversion).</summary>
internal sealed class WatcherSession(IWatcherClient client, Answers answers) : IDisposable
{
    /// <summary>What the server last answered, as sent.</summary>
    public Answers Tap { get; } = answers;

    /// <summary>
    /// Runs a typed call and returns the server's answer as it sent it (the typed result only checks it): output then
    /// carries the server's numbers, times and nulls, and nothing the client model adds.
    /// </summary>
    public async Task<JObject> Json<T>(Task<T> call, CancellationToken cancellationToken) where T : notnull
    {
        var typed = await call.WaitAsync(cancellationToken).ConfigureAwait(false);
        return Tap.LastJson() as JObject ?? Formatter.ToJson(typed);
    }

    // --os-infra-optim-api-version as configuration reads it: 1.N pins, 1 / 1.latest negotiate.
    private static WatcherApiVersion? ParseVersion(string? text)
    {
        try
        {
            return text is null ? null : (WatcherApiVersion?)new WatcherApiVersionConverter().ConvertFromInvariantString(text);
        }
        catch (FormatException e)
        {
            throw new CliException(e.Message, 2);
        }
    }

    /// <summary>
    /// Creates the client from the library's public parts, as <see cref="WatcherClientFactory"/> does, with the CLI's
    /// <see cref="HttpTap"/> under the microversion handler. The retries wrap the microversion negotiation and the
    /// call together, so that a Watcher that does not answer costs one retry budget, not one per request.
    /// </summary>
    public static WatcherSession Create(CliContext context, OpenStackClientOptions connection, string? apiVersion, WatcherClientOptions settings)
    {
        var retries = settings.Retries;
        var microversions = new WatcherMicroversionHandler(ParseVersion(apiVersion));
        var tap = new HttpTap(context, "Watcher", retries);
        var http = retries is { MaxRetries: > 0 }
            ? OpenStackHttpClient.Create(connection, WatcherClientFactory.Service, RetryPolicy.CreateHandler(retries), microversions, tap)
            : OpenStackHttpClient.Create(connection, WatcherClientFactory.Service, microversions, tap);
        return new(new WatcherClient(http, microversions, disposeHttpClient: true), tap.Answers);
    }


    /// <summary>The library's client: every resource client the commands call (<c>Client.Goals</c>, ...).</summary>
    public IWatcherClient Client => client;

    /// <summary>The microversion the requests used (pinned or negotiated), once known.</summary>
    public WatcherApiVersion? Version => client.ApiVersion;

    public void Dispose() => client.Dispose();
}
