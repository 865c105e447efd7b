using Newtonsoft.Json.Linq;

namespace OpenStack.Watcher;

/// <summary>
/// An error answer from Watcher (or from something in front of it), or a 2xx body that cannot be read. Core builds
/// it (<see cref="OpenStackApiException"/>: status, request, request id, scrubbed body and headers, keystonemiddleware,
/// HTML and text bodies, the message); this type reads Watcher's own body: WSME's double-encoded
/// <c>{"error_message": "{\"faultcode\": ..., \"faultstring\": ..., \"debuginfo\": ...}"}</c>
/// (<see cref="OpenStackException.ServerMessage"/> is <c>faultstring</c>, <see cref="OpenStackApiException.ErrorCode"/>
/// <c>faultcode</c>, <see cref="OpenStackApiException.Details"/> <c>debuginfo</c>).
/// </summary>
public class WatcherApiException : OpenStackApiException
{
    /// <summary>Creates the exception (the generated clients' constructor shape).</summary>
    /// <param name="message">What the generated code says went wrong.</param>
    /// <param name="statusCode">The HTTP status.</param>
    /// <param name="response">The (bounded) body.</param>
    /// <param name="headers">The answer's headers.</param>
    /// <param name="innerException">The cause.</param>
    public WatcherApiException(string message, int statusCode, string? response,
        IReadOnlyDictionary<string, IEnumerable<string>>? headers, Exception? innerException)
        : base(message, statusCode, response, headers, innerException)
    {
    }

    /// <summary>The microversion the server used (<c>OpenStack-API-Version</c> response header), if it said.</summary>
    public WatcherApiVersion? ServerVersion => WatcherMicroversionHandler.ParseVersionHeader(Header("OpenStack-API-Version"));

    /// <summary>The server's lowest microversion (<c>OpenStack-API-Minimum-Version</c> response header), if it said.</summary>
    public WatcherApiVersion? ServerMinimumVersion =>
        WatcherApiVersion.TryParse(Header("OpenStack-API-Minimum-Version"), out var v) ? v : null;

    /// <summary>The server's highest microversion (<c>OpenStack-API-Maximum-Version</c> response header), if it said.</summary>
    public WatcherApiVersion? ServerMaximumVersion =>
        WatcherApiVersion.TryParse(Header("OpenStack-API-Maximum-Version"), out var v) ? v : null;

    /// <inheritdoc />
    protected override string ServiceName => "Watcher";

    /// <summary>Core's description; a 406 also names the server's microversion range.</summary>
    protected override string Describe()
    {
        var text = base.Describe();
        if (StatusCode == 406 && ServerMinimumVersion is { } min && ServerMaximumVersion is { } max)
        {
            text += $" (the server supports microversions {min} to {max}" + (ServerVersion is { } used ? $"; this request used {used})" : ")");
        }
        return text;
    }

    /// <summary>WSME's fault, top-level or inside <c>error_message</c> (an object or a JSON string).</summary>
    protected override ApiError? ParseServiceError(JObject body)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (body["error_message"] is { } inner)
        {
            if (inner is JObject fault)
            {
                return FromFault(fault);
            }
            var text = Text(inner);
            return text is null ? ApiError.None : TryParseJson(text) is JObject encoded ? FromFault(encoded) : new ApiError(null, ReadableText(text), null, null);
        }
        return body["faultstring"] is not null ? FromFault(body) : null;
    }

    private static ApiError FromFault(JObject fault) =>
        new(null, Text(fault["faultstring"]), Text(fault["debuginfo"]), Text(fault["faultcode"]));
}
