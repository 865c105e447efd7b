using System.Globalization;

namespace OpenStack;

/// <summary>
/// An answer's body was larger than <see cref="OpenStackClientOptions.MaxResponseBytes"/>: the client stopped reading at
/// the limit (or, when <c>Content-Length</c> announced more, did not read at all) and closed the connection. The message
/// names the limit, the status and the size seen so far. Raise the limit (or set it to 0 to turn it off) for answers
/// that are legitimately that large, or ask for fewer items per page.
/// </summary>
public sealed class ResponseTooLargeException : OpenStackApiException
{
    private readonly string _description;

    /// <summary>Creates the exception.</summary>
    /// <param name="limit">The limit in bytes.</param>
    /// <param name="bytesRead">How many bytes of the body were read before reading stopped (0 when refused up front).</param>
    /// <param name="contentLength">The announced <c>Content-Length</c>, if any.</param>
    /// <param name="statusCode">The HTTP status of the answer.</param>
    /// <param name="method">The request's method.</param>
    /// <param name="requestUri">The request's URL.</param>
    /// <param name="headers">The answer's headers.</param>
    public ResponseTooLargeException(long limit, long bytesRead, long? contentLength, int statusCode, string? method, Uri? requestUri,
        IReadOnlyDictionary<string, IEnumerable<string>>? headers = null)
        : base(Describe(limit, bytesRead, contentLength, statusCode, method, requestUri), statusCode, null, headers, null)
    {
        _description = Describe(limit, bytesRead, contentLength, statusCode, method, requestUri);
        RequestMethod = method;
        RequestPath = PathOf(requestUri);
        Limit = limit;
        BytesRead = bytesRead;
        ContentLength = contentLength;
    }

    /// <summary>The limit (<see cref="OpenStackClientOptions.MaxResponseBytes"/>) in bytes.</summary>
    public long Limit { get; }

    /// <summary>How many bytes of the body were read before reading stopped (0 when <c>Content-Length</c> was refused up front).</summary>
    public long BytesRead { get; }

    /// <summary>The answer's announced <c>Content-Length</c>, if it had one.</summary>
    public long? ContentLength { get; }

    /// <summary>The service (the request's host): the limit applies before any service's parsing.</summary>
    protected override string ServiceName => "The service";

    /// <summary>The limit, the status, the request and the size seen, and what to do (the body was not kept).</summary>
    public override string Message => _description + (RequestId is { } id ? $" (Request-ID: {id})" : "");

    private static string Describe(long limit, long bytesRead, long? contentLength, int statusCode, string? method, Uri? requestUri)
    {
        var what = $"The HTTP {statusCode} answer to {method} {Display(requestUri)}";
        var seen = contentLength is { } announced && bytesRead == 0
            ? $"it announced {announced.ToString("N0", CultureInfo.InvariantCulture)} bytes (Content-Length) and was not read"
            : $"reading stopped after {bytesRead.ToString("N0", CultureInfo.InvariantCulture)} bytes";
        return $"{what} is larger than the {Size(limit)} limit (MaxResponseBytes = {limit.ToString(CultureInfo.InvariantCulture)}): {seen}. " +
            "Raise MaxResponseBytes (0 turns the limit off) or ask for fewer items per page.";
    }

    private static string Size(long bytes) => bytes % (1024 * 1024) == 0
        ? $"{(bytes / (1024 * 1024)).ToString(CultureInfo.InvariantCulture)} MB"
        : $"{bytes.ToString("N0", CultureInfo.InvariantCulture)}-byte";

    private static string Display(Uri? uri) =>
        uri is { IsAbsoluteUri: true } && !string.IsNullOrEmpty(uri.UserInfo) ? new UriBuilder(uri) { UserName = "", Password = "" }.Uri.ToString() : uri?.ToString() ?? "";
}
