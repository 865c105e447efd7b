namespace OpenStack;

/// <summary>Creates the <see cref="HttpClient"/> a service client talks through.</summary>
public static class OpenStackHttpClient
{
    /// <summary>
    /// Creates an HttpClient for <paramref name="service"/>: requests made with paths relative to the
    /// service root are sent to the endpoint override or the catalog's endpoint, carry
    /// <c>X-Auth-Token</c>, and are resent once with a fresh token after a 401.
    /// </summary>
    /// <param name="options">Credentials, scope, endpoint selection and TLS settings.</param>
    /// <param name="service">The service's catalog type and version segment.</param>
    /// <param name="outerHandlers">Handlers placed before authentication (for example a microversion header).</param>
    public static HttpClient Create(OpenStackClientOptions options, ServiceDescriptor service, params DelegatingHandler[] outerHandlers)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(service);
        // Bootstrap: only a pre-issued token with an explicit endpoint. Keystone auth replaces this.
        if (options.Token is null || options.Endpoint is null)
        {
            throw new NotSupportedException("Keystone authentication is not available yet: give Token and Endpoint.");
        }
        HttpMessageHandler handler = new FixedTokenHandler(options.Token) { InnerHandler = new SocketsHttpHandler() };
        for (var i = outerHandlers.Length - 1; i >= 0; i--)
        {
            outerHandlers[i].InnerHandler = handler;
            handler = outerHandlers[i];
        }
        var client = new HttpClient(handler) { BaseAddress = ServiceRoot(new Uri(options.Endpoint), service.VersionSegment) };
        if (options.Timeout is { } timeout)
        {
            client.Timeout = timeout;
        }
        return client;
    }

    /// <summary>
    /// The service root for an endpoint URL: the URL without a trailing version segment, ending in a
    /// slash (<c>http://h:8070/v2.0</c> and <c>http://h:8070</c> both give <c>http://h:8070/</c>).
    /// </summary>
    public static Uri ServiceRoot(Uri endpoint, string versionSegment)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        var path = endpoint.AbsolutePath.TrimEnd('/');
        if (path.EndsWith("/" + versionSegment, StringComparison.OrdinalIgnoreCase))
        {
            path = path[..^(versionSegment.Length + 1)];
        }
        return new UriBuilder(endpoint) { Path = path + "/", Query = "" }.Uri;
    }

    private sealed class FixedTokenHandler(string token) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.Headers.Remove("X-Auth-Token");
            request.Headers.TryAddWithoutValidation("X-Auth-Token", token);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
