using OpenStack.Http;

namespace OpenStack;

/// <summary>
/// A service could not be reached (connection refused, host not found, TLS failure; after the retries the client's
/// <see cref="RetryPolicy"/> makes), or the connection broke before its answer was complete. The inner exception is the
/// transport's (<see cref="HttpRequestException"/> or <see cref="IOException"/>). Keystone's failures are
/// <see cref="KeystoneAuthenticationException"/> instead.
/// </summary>
public sealed class OpenStackConnectionException : OpenStackException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="method">The request's method.</param>
    /// <param name="requestUri">The request's URL (shown without user information or query).</param>
    /// <param name="error">The transport's classification of the failure.</param>
    /// <param name="innerException">The transport's exception.</param>
    public OpenStackConnectionException(string message, string? method, Uri? requestUri, HttpRequestError error, Exception? innerException)
        : base(message, innerException)
    {
        RequestMethod = method;
        RequestUri = requestUri is null ? null : Display(requestUri);
        HttpRequestError = error;
    }

    /// <summary>The HTTP method of the failed request.</summary>
    public string? RequestMethod { get; }

    /// <summary>The URL of the failed request, without user information or query.</summary>
    public string? RequestUri { get; }

    /// <summary>The transport's classification (<see cref="System.Net.Http.HttpRequestError.ConnectionError"/>, ...).</summary>
    public HttpRequestError HttpRequestError { get; }

    /// <summary>Always <see langword="null"/>: no answer (or no complete answer) came.</summary>
    public override int? HttpStatus => null;

    /// <summary>Always <see langword="null"/>: no answer came.</summary>
    public override string? RequestId => null;

    /// <summary>Always <see langword="null"/>: no answer came.</summary>
    public override string? ServerMessage => null;

    /// <summary>The exception for a request that failed in the transport.</summary>
    internal static OpenStackConnectionException Unreachable(HttpRequestMessage request, string serviceType, HttpRequestException e)
    {
        var uri = request.RequestUri;
        var root = uri is { IsAbsoluteUri: true } ? $"{uri.Scheme}://{uri.Authority}/" : "(unknown)";
        var why = e.InnerException is System.Net.Sockets.SocketException socket ? socket.Message
            : e.InnerException is { } inner && !e.Message.Contains(inner.Message, StringComparison.Ordinal) ? $"{e.Message} ({inner.Message})"
            : e.Message;
        return new OpenStackConnectionException(
            $"Could not reach the {serviceType} service at {root} for {request.Method} {uri?.AbsolutePath}: {why}",
            request.Method.Method, uri, e.HttpRequestError, e);
    }

    /// <summary>The exception for an answer whose body ended early (the connection broke while it was read).</summary>
    internal static OpenStackConnectionException CutOff(HttpResponseMessage response, Exception e)
    {
        var request = response.RequestMessage;
        return new OpenStackConnectionException(
            $"The connection ended before the HTTP {(int)response.StatusCode} answer to {request?.Method} {request?.RequestUri?.AbsolutePath} was complete ({e.Message})",
            request?.Method.Method, request?.RequestUri, HttpRequestError.ResponseEnded, e);
    }

    private static string Display(Uri uri) =>
        uri.IsAbsoluteUri ? new UriBuilder(uri) { UserName = "", Password = "", Query = "" }.Uri.ToString() : uri.OriginalString.Split('?')[0];
}

/// <summary>
/// The outermost handler of a service's HttpClient: it marks the request with the end of the call's timeout (so that
/// <see cref="RetryPolicy"/> takes no pause the timeout would cut short), and a transport failure that reaches it (after
/// the retries inside it) becomes <see cref="OpenStackConnectionException"/>; a cancellation or the client's timeout is
/// left to HttpClient.
/// </summary>
internal sealed class ConnectionFailureHandler(string serviceType, TimeSpan? timeout) : DelegatingHandler
{
    /// <summary>HttpClient's default timeout.</summary>
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(100);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        RetryPolicy.SetDeadline(request, timeout ?? DefaultTimeout);
        try
        {
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw OpenStackConnectionException.Unreachable(request, serviceType, e);
        }
    }
}
