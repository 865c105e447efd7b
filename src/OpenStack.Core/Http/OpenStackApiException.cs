namespace OpenStack;

/// <summary>
/// The base of every service's API exception (<c>MonascaApiException</c>, <c>WatcherApiException</c>): a call that
/// got an answer the client cannot return, an HTTP error or a 2xx body that is not what the contract says. It carries
/// the status, the answer's headers and request id, the bounded raw body (with the request's token scrubbed), and the
/// error each service parses out of its own body shapes, in one vocabulary: <see cref="Title"/>,
/// <see cref="ServerMessage"/>, <see cref="Details"/>, <see cref="ErrorCode"/>. Catch this type to handle the errors of
/// every service alike.
/// </summary>
public abstract class OpenStackApiException : Exception
{
    private static readonly IReadOnlyDictionary<string, IEnumerable<string>> NoHeaders =
        new Dictionary<string, IEnumerable<string>>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Creates the exception (the generated clients' constructor shape).</summary>
    /// <param name="message">What went wrong, as the generated code says it; <see cref="Exception.Message"/> may say it better.</param>
    /// <param name="statusCode">The HTTP status of the answer.</param>
    /// <param name="response">The answer's body (bounded), or the beginning of an unreadable success body.</param>
    /// <param name="headers">The answer's headers.</param>
    /// <param name="innerException">The cause, for example the serializer's error.</param>
    protected OpenStackApiException(string message, int statusCode, string? response,
        IReadOnlyDictionary<string, IEnumerable<string>>? headers, Exception? innerException)
        : base(message, innerException)
    {
        StatusCode = statusCode;
        Response = response;
        Headers = headers ?? NoHeaders;
    }

    /// <summary>The HTTP status of the answer.</summary>
    public int StatusCode { get; }

    /// <summary>The answer's body as received (bounded; the request's token replaced by <c>***</c>).</summary>
    public string? Response { get; }

    /// <summary>The answer's headers.</summary>
    public IReadOnlyDictionary<string, IEnumerable<string>> Headers { get; }

    /// <summary>The request id the service gave the call (<c>x-openstack-request-id</c> and its older names), if any.</summary>
    public string? RequestId => Header("x-openstack-request-id") ?? Header("x-compute-request-id") ?? Header("x-request-id");

    /// <summary>The short title of the error, when the body has one (an HTML page's title, keystonemiddleware's <c>title</c>).</summary>
    public abstract string? Title { get; }

    /// <summary>What the server said: the primary message of the error body, or the text of a plain or HTML body.</summary>
    public abstract string? ServerMessage { get; }

    /// <summary>More detail than <see cref="ServerMessage"/>, when the body has it (a traceback, a fault's details).</summary>
    public abstract string? Details { get; }

    /// <summary>The service's own error code, when the body has one (a numeric code, a fault code), as text.</summary>
    public abstract string? ErrorCode { get; }

    /// <summary>Whether the token was missing, invalid or expired (401; a service's policy denial sent as 401 is <see cref="IsForbidden"/>).</summary>
    public virtual bool IsUnauthorized => StatusCode == 401;

    /// <summary>Whether the caller is not allowed to do this (403).</summary>
    public virtual bool IsForbidden => StatusCode == 403;

    /// <summary>Whether the resource does not exist (404).</summary>
    public bool IsNotFound => StatusCode == 404;

    /// <summary>Whether the request conflicts with the resource's state (409).</summary>
    public bool IsConflict => StatusCode == 409;

    /// <summary>The first value of an answer header (case-insensitive), or <see langword="null"/>.</summary>
    protected string? Header(string name)
    {
        foreach (var (key, values) in Headers)
        {
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
            {
                return values.FirstOrDefault();
            }
        }
        return null;
    }
}

/// <summary>Creates a service's <see cref="OpenStackApiException"/> for an error answer or a body that cannot be read.</summary>
/// <param name="message">What went wrong.</param>
/// <param name="statusCode">The HTTP status.</param>
/// <param name="response">The bounded, scrubbed body.</param>
/// <param name="headers">The response headers.</param>
/// <param name="innerException">The cause, if any.</param>
/// <returns>The exception to throw.</returns>
public delegate Exception ApiExceptionFactory(string message, int statusCode, string? response,
    IReadOnlyDictionary<string, IEnumerable<string>> headers, Exception? innerException);
