using Newtonsoft.Json;

namespace OpenStack.Watcher;

/// <summary>
/// The base of the generated Watcher clients: Watcher's serializer settings and exception, and error bodies guarded
/// (an echoed token replaced) before the generated dispatch parses them.
/// </summary>
public abstract class WatcherClientBase : OpenStackClientBase
{
    private static readonly JsonSerializer SharedSerializer = CreateSerializer(WatcherJson.Configure);

    /// <summary>Creates the base over the HttpClient the generated client sends through.</summary>
    /// <param name="httpClient">An HttpClient whose base address is the Watcher service root ending in <c>/</c>.</param>
    protected WatcherClientBase(HttpClient httpClient)
        : base(httpClient, SharedSerializer)
    {
    }

    /// <inheritdoc />
    protected override Exception CreateException(string message, int statusCode, string? response,
        IReadOnlyDictionary<string, IEnumerable<string>> headers, Exception? innerException)
        => new WatcherApiException(message, statusCode, response, headers, innerException);

    /// <inheritdoc />
    protected override async ValueTask ProcessResponseAsync(HttpClient client, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        WatcherErrorBody.Guard(response);
        await base.ProcessResponseAsync(client, response, cancellationToken).ConfigureAwait(false);
    }
}
