using Newtonsoft.Json;
using OpenStack.Http;

namespace OpenStack.Watcher;

/// <summary>
/// The base of the generated Watcher clients: Watcher's serializer settings and exception (Core's base reads error
/// bodies bounded, with the token scrubbed, before the generated dispatch parses them).
/// </summary>
public abstract class WatcherClientBase : OpenStackClientBase
{
    private static readonly JsonSerializer SharedSerializer = CreateSerializer(WatcherJson.Configure);

    /// <summary>Creates the base over the HttpClient the generated client sends through.</summary>
    /// <param name="httpClient">An HttpClient whose base address is the Watcher service root ending in <c>/</c>.</param>
    protected WatcherClientBase(HttpClient httpClient)
        : base(httpClient, SharedSerializer, static (message, status, body, headers, inner) => new WatcherApiException(message, status, body, headers, inner))
    {
    }
}
