using Newtonsoft.Json;

namespace OpenStack.Watcher;

/// <summary>
/// The base of the generated Watcher clients: Watcher's serializer settings and exception, and error bodies guarded
/// (an echoed token replaced) before the generated dispatch parses them.
/// </summary>
public abstract class WatcherClientBase : OpenStackClientBase
{
    private static readonly JsonSerializerSettings Settings = CreateSettings();
    private static readonly JsonSerializer SharedSerializer = JsonSerializer.Create(Settings);

    /// <summary>Creates the base over the HttpClient the generated client sends through.</summary>
    /// <param name="httpClient">An HttpClient whose base address is the Watcher service root ending in <c>/</c>.</param>
    protected WatcherClientBase(HttpClient httpClient)
        : base(httpClient)
    {
    }

    /// <inheritdoc />
    protected override JsonSerializer Serializer => SharedSerializer;

    /// <inheritdoc />
    protected override JsonSerializerSettings SerializerSettings => Settings;

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

    private static JsonSerializerSettings CreateSettings()
    {
        var settings = new JsonSerializerSettings { CheckAdditionalContent = true };
        WatcherJson.Configure(settings);
        return settings;
    }
}
