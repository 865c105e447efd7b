using System.Text;
using Newtonsoft.Json;
using OpenStack.Http;

namespace OpenStack.Monasca;

/// <summary>
/// The base of the generated Monasca clients: Monasca's serializer settings and exception, and its time query values
/// (Core's base reads error bodies bounded and scrubbed, and builds <see cref="MonascaApiException"/> from them).
/// </summary>
public abstract partial class MonascaClientBase : OpenStackClientBase
{
    private static readonly JsonSerializer SharedSerializer = CreateSerializer(MonascaJson.Configure);

    /// <summary>Creates the base over the HttpClient the generated client sends through.</summary>
    /// <param name="httpClient">An HttpClient whose base address is the Monasca service root ending in <c>/</c>.</param>
    protected MonascaClientBase(HttpClient httpClient)
        : base(httpClient, SharedSerializer, static (message, status, body, headers, inner) => new MonascaApiException(message, status, body, headers, inner))
    {
    }

    /// <inheritdoc />
    protected override ValueTask PrepareRequestAsync(HttpClient client, HttpRequestMessage request, StringBuilder urlBuilder, CancellationToken cancellationToken)
    {
        MonascaJson.NormalizeQueryTimes(urlBuilder);
        return default;
    }
}
