using OpenStack.Http;
using Microsoft.Extensions.Logging;

namespace OpenStack;

/// <summary>Creates the <see cref="HttpClient"/> a service client talks through.</summary>
public static class OpenStackHttpClient
{
    /// <summary>
    /// Creates an HttpClient for <paramref name="service"/>: requests made with paths relative to the service root
    /// (<c>v2.0/metrics</c>, <c>v1/goals</c>) go to the endpoint override or to the catalog's endpoint (service type
    /// <see cref="OpenStackClientOptions.ServiceType"/> or the service's, interface preference list, region, service name),
    /// carry <c>X-Auth-Token</c> (only to that endpoint's host), and are resent once with a fresh token after a 401.
    /// Tokens come from <see cref="OpenStackClientOptions.Session"/>, or from the process-wide session for these
    /// credentials (<see cref="KeystoneSession.GetShared"/>); a pre-issued token with an endpoint calls no Keystone.
    /// The <see cref="OpenStackClientOptions.ServiceOverrides"/> entry of the service's type (from
    /// <c>&lt;service_type&gt;_endpoint_override</c>, <c>_interface</c>, <c>_region_name</c>) replaces the global endpoint,
    /// interfaces and region for this client.
    /// Without an endpoint override the base address is a placeholder (<c>https://&lt;type&gt;.catalog.invalid/</c>)
    /// that is replaced by the catalog's service root when a request is sent.
    /// </summary>
    /// <param name="options">Credentials, scope, endpoint selection and TLS settings.</param>
    /// <param name="service">The service's catalog type and version segment.</param>
    /// <param name="outerHandlers">Handlers placed before authentication (for example a microversion header).</param>
    /// <remarks>
    /// A transport failure (connection refused, host not found, TLS) that reaches the caller after the retries of the
    /// <paramref name="outerHandlers"/> is an <see cref="OpenStackConnectionException"/>; the client's timeout stays
    /// HttpClient's <see cref="TaskCanceledException"/> with an inner <see cref="TimeoutException"/>.
    /// </remarks>
    /// <exception cref="ArgumentException">The settings are incomplete or contradictory; the message says what is missing.</exception>
    public static HttpClient Create(OpenStackClientOptions options, OpenStackService service, params DelegatingHandler[] outerHandlers)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(outerHandlers);
        var auth = CreateAuthHandler(options, service);
        auth.InnerHandler = new SharedTransportHandler(auth.Session.ServiceTransport, options.MaxResponseBytes);
        HttpMessageHandler handler = auth;
        for (var i = outerHandlers.Length - 1; i >= 0; i--)
        {
            outerHandlers[i].InnerHandler = handler;
            handler = outerHandlers[i];
        }
        // Outermost: a transport failure that the retries inside did not overcome becomes OpenStackConnectionException.
        handler = new ConnectionFailureHandler(service.ServiceType, options.Timeout) { InnerHandler = handler };
        var client = new HttpClient(handler) { BaseAddress = auth.BaseAddress };
        if (options.Timeout is { } timeout)
        {
            client.Timeout = timeout;
        }
        return client;
    }

    /// <summary>
    /// Creates the HttpClient of a service client (what <c>MonascaClientFactory.Create</c>, <c>WatcherClientFactory.GetClient</c>
    /// and the clients' session constructors use): <paramref name="serviceOptions"/> laid over <paramref name="cloud"/>
    /// (<see cref="KeystoneSession.CreateClientOptions"/> gives a session's), every call traced and logged
    /// (<see cref="Diagnostics.OpenStackTelemetryHandler"/>), then <paramref name="serviceHandlers"/>, then the options'
    /// <see cref="OpenStackServiceClientOptions.Retries"/> right outside authentication (see <see cref="Create"/>).
    /// </summary>
    /// <param name="cloud">Credentials, scope, TLS and the cloud's endpoint selection, or a session's client options.</param>
    /// <param name="serviceOptions">The client's own settings; their values that are set win over the cloud's.</param>
    /// <param name="activitySource">The source of the per-call spans.</param>
    /// <param name="loggerCategory">The category of the per-call logs (the client's type name).</param>
    /// <param name="serviceHandlers">The service's own handlers (for example a microversion header), outside the retries.</param>
    /// <exception cref="ArgumentException">Invalid service settings (<see cref="OpenStackServiceClientOptions.Validate"/>), or
    /// incomplete or contradictory credentials; the message says what is wrong.</exception>
    public static HttpClient CreateForService(OpenStackClientOptions cloud, OpenStackServiceClientOptions serviceOptions,
        System.Diagnostics.ActivitySource activitySource, string loggerCategory, params DelegatingHandler[] serviceHandlers)
    {
        ArgumentNullException.ThrowIfNull(cloud);
        ArgumentNullException.ThrowIfNull(serviceOptions);
        ArgumentNullException.ThrowIfNull(activitySource);
        ArgumentNullException.ThrowIfNull(serviceHandlers);
        serviceOptions.ThrowIfInvalid(nameof(serviceOptions));
        var options = serviceOptions.ApplyTo(cloud);
        var service = options.ServiceType is { Length: > 0 } type && type != serviceOptions.Service.ServiceType
            ? serviceOptions.Service with { ServiceType = type }
            : serviceOptions.Service;
        var logger = options.LoggerFactory?.CreateLogger(loggerCategory);
        var handlers = new List<DelegatingHandler> { new Diagnostics.OpenStackTelemetryHandler(activitySource, service.ServiceType, options.RegionName, logger) };
        handlers.AddRange(serviceHandlers);
        if (serviceOptions.Retries is { MaxRetries: > 0 } retries)
        {
            handlers.Add(RetryPolicy.CreateHandler(retries));
        }
        return Create(options, service, [.. handlers]);
    }

    /// <summary>
    /// The authentication handler <see cref="Create"/> uses, without an inner handler (for <c>IHttpClientBuilder</c>:
    /// add it with <c>AddHttpMessageHandler</c>, use <see cref="CreatePrimaryHandler"/> as the primary handler and
    /// <see cref="KeystoneAuthHandler.BaseAddress"/> as the client's base address).
    /// </summary>
    public static KeystoneAuthHandler CreateAuthHandler(OpenStackClientOptions options, OpenStackService service)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(service);
        if (options.Session is { } session)
        {
            return new KeystoneAuthHandler(session, service, options);
        }
        // Without an auth URL, a token with this service's endpoint override (<type>_endpoint_override) is a pre-issued
        // token; with one, the credentials are those of the global settings (a per-service endpoint changes no identity).
        var authOptions = string.IsNullOrWhiteSpace(options.AuthUrl) ? options.ForClientOf(service) : options;
        var credential = KeystoneCredential.From(authOptions);
        if (credential.Method == AuthMethod.FixedToken)
        {
            // A pre-issued token is not shared process-wide (tokens come and go); the handler owns its session.
            return new KeystoneAuthHandler(new KeystoneSession(authOptions), service, options, ownsSession: true);
        }
        return new KeystoneAuthHandler(KeystoneSession.GetShared(options), service, options);
    }

    /// <summary>
    /// A primary handler for service requests with the session's TLS settings and connection pool (redirects are left to
    /// <see cref="KeystoneAuthHandler"/>). Disposing it leaves the pool open for the session's other clients.
    /// </summary>
    public static HttpMessageHandler CreatePrimaryHandler(OpenStackClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var session = options.Session ?? KeystoneSession.GetShared(options);
        return new SharedTransportHandler(session.ServiceTransport, options.MaxResponseBytes);
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

    /// <summary>
    /// Sends through a pool it does not own. A request from a generated client (<see cref="OpenStackClientBase"/>) is
    /// answered with its body unread: the client reads it from the stream under the rest of the timeout. Any other
    /// request has its body read here, under the same cancellation token: a caller that sends with
    /// <see cref="HttpCompletionOption.ResponseHeadersRead"/> would otherwise hang past <see cref="HttpClient.Timeout"/>
    /// (which only covers the handler pipeline) on a server that sends headers and then stalls the body; this way the
    /// timeout covers the whole answer and surfaces as HttpClient's usual <see cref="TaskCanceledException"/> with an
    /// inner <see cref="TimeoutException"/>.
    /// </summary>
    private sealed class SharedTransportHandler(HttpMessageHandler transport, long maxResponseBytes) : HttpMessageHandler
    {
        private readonly HttpMessageInvoker _invoker = new(transport, disposeHandler: false);

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await _invoker.SendAsync(request, cancellationToken).ConfigureAwait(false);
            try
            {
                // The size limit (OpenStackClientOptions.MaxResponseBytes) holds for every reader of the body from here on.
                await ResponseLimit.ApplyAsync(response, maxResponseBytes, cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                response.Dispose();
                throw;
            }
            if (request.Options.TryGetValue(OpenStackClientBase.StreamedBody, out var streamed) && streamed)
            {
                return response;
            }
            try
            {
                await response.Content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                response.Dispose();
                throw;
            }
            return response;
        }
    }
}
