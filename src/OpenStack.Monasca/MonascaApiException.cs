using Newtonsoft.Json.Linq;

namespace OpenStack.Monasca;

/// <summary>
/// An error answer from Monasca (or from something in front of it), or a 2xx body that cannot be read. Core builds
/// it (<see cref="OpenStackApiException"/>: status, request, request id, scrubbed body and headers, keystonemiddleware,
/// HTML and text bodies, the message); this type reads Monasca's own bodies: the Python server's
/// <c>{"title", "description"}</c> and the Java server's <c>{"&lt;fault&gt;": {"code", "message", "details"}}</c>.
/// </summary>
public class MonascaApiException : OpenStackApiException
{
    private string? _fault;

    /// <summary>Creates the exception (the generated clients' constructor shape).</summary>
    /// <param name="message">What the generated code says went wrong.</param>
    /// <param name="statusCode">The HTTP status.</param>
    /// <param name="response">The (bounded) body.</param>
    /// <param name="headers">The answer's headers.</param>
    /// <param name="innerException">The cause.</param>
    public MonascaApiException(string message, int statusCode, string? response,
        IReadOnlyDictionary<string, IEnumerable<string>>? headers, Exception? innerException)
        : base(message, statusCode, response, headers, innerException)
    {
    }

    /// <summary>The Java server's fault name (<c>unprocessable_entity</c>, ...), when that shape arrived.</summary>
    public string? Fault => Error is not null ? _fault : null;

    /// <summary>
    /// Whether this is an authorization denial: 403, or (as the Python server sends it) 401 with title
    /// <c>Forbidden</c>. A plain 401 means a missing, bad or expired token instead.
    /// </summary>
    public override bool IsForbidden =>
        StatusCode == 403 || (StatusCode == 401 && string.Equals(Title, "Forbidden", StringComparison.OrdinalIgnoreCase));

    /// <summary>Whether this is a missing, bad or expired token (401 that is not a policy denial).</summary>
    public override bool IsUnauthorized => StatusCode == 401 && !IsForbidden;

    /// <inheritdoc />
    protected override string ServiceName => "Monasca";

    /// <summary>Core's description; a 401 that is a policy denial says so.</summary>
    protected override string Describe() =>
        StatusCode == 401 && IsForbidden ? "a policy denial, not a token problem: " + base.Describe() : base.Describe();

    /// <summary>The Python server's <c>title</c>/<c>description</c>, or the Java server's single fault object.</summary>
    protected override ApiError? ParseServiceError(JObject body)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (body["title"] is JValue || body["description"] is JValue)
        {
            return new ApiError(Text(body["title"]), Text(body["description"]), null, Text(body["code"]));
        }
        if (body.Count == 1 && body.First is JProperty { Value: JObject fault } property)
        {
            _fault = property.Name;
            var details = Text(fault["details"]);
            return new ApiError(Text(fault["message"]) ?? property.Name, string.IsNullOrEmpty(details) ? null : details, null, Text(fault["code"]));
        }
        return null;
    }
}
