using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace OpenStack.Http;

/// <summary>
/// Authenticates requests to one OpenStack service. It resolves the service root (the endpoint override, or the catalog
/// endpoint on first use: requests made against the placeholder base address <see cref="BaseAddress"/> are moved onto
/// it), adds <c>X-Auth-Token</c> only for the host of that endpoint, follows redirects itself (the token never follows
/// a redirect to another host), and on a 401 drops the token, gets a new one and resends a clone of the request once.
/// A request that already carries <c>X-Auth-Token</c> is sent with it unchanged (no retry).
/// </summary>
public sealed partial class KeystoneAuthHandler : DelegatingHandler
{
    private const string TokenHeader = "X-Auth-Token";
    private const int MaxRedirects = 10;

    private readonly KeystoneSession _session;
    private readonly OpenStackService _service;
    private readonly OpenStackClientOptions _endpointOptions;
    private readonly Uri? _fixedRoot;
    private readonly bool _ownsSession;
    private readonly ILogger _logger;
    private volatile Resolved? _resolved;

    private sealed record Resolved(KeystoneToken Token, Uri Root);

    /// <summary>Creates the handler (without an inner handler).</summary>
    /// <param name="session">The session that supplies tokens and the catalog.</param>
    /// <param name="service">The service's catalog type and version segment.</param>
    /// <param name="endpointOptions">Endpoint override, service type override, interfaces, region and service name;
    /// default: the session's settings. The <see cref="OpenStackClientOptions.ServiceOverrides"/> entry of the service's
    /// type replaces the global endpoint, interfaces and region.</param>
    public KeystoneAuthHandler(KeystoneSession session, OpenStackService service, OpenStackClientOptions? endpointOptions = null)
        : this(session, service, endpointOptions, ownsSession: false)
    {
    }

    internal KeystoneAuthHandler(KeystoneSession session, OpenStackService service, OpenStackClientOptions? endpointOptions, bool ownsSession)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(service);
        _session = session;
        _service = service;
        _endpointOptions = (endpointOptions ?? session.Options).ForClientOf(service); // per-service settings win
        _ownsSession = ownsSession;
        _logger = (ILogger?)endpointOptions?.LoggerFactory?.CreateLogger("OpenStack.KeystoneAuthHandler")
            ?? session.Options.LoggerFactory?.CreateLogger("OpenStack.KeystoneAuthHandler")
            ?? NullLogger.Instance;
        if (!string.IsNullOrEmpty(_endpointOptions.Endpoint))
        {
            _fixedRoot = OpenStackHttpClient.ServiceRoot(KeystoneSession.ParseEndpoint(_endpointOptions.Endpoint), service.VersionSegment);
        }
        BaseAddress = _fixedRoot ?? PlaceholderFor(_endpointOptions.ServiceType ?? service.ServiceType);
    }

    /// <summary>The session the handler takes tokens from.</summary>
    internal KeystoneSession Session => _session;

    /// <summary>
    /// The base address for the HttpClient: the service root of the endpoint override, or a placeholder
    /// (<c>https://&lt;service-type&gt;.catalog.invalid/</c>) that is replaced by the catalog's service root on send.
    /// </summary>
    public Uri BaseAddress { get; }

    /// <summary>Whether <paramref name="uri"/> is on a catalog placeholder host (<c>*.catalog.invalid</c>).</summary>
    public static bool IsPlaceholder(Uri? uri) =>
        uri is { IsAbsoluteUri: true } && uri.Host.EndsWith(".catalog.invalid", StringComparison.OrdinalIgnoreCase);

    private static Uri PlaceholderFor(string serviceType)
    {
        var label = new string(serviceType.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray()).Trim('-');
        return new Uri($"https://{(label.Length == 0 ? "service" : label)}.catalog.invalid/");
    }

    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var uri = request.RequestUri ?? throw new InvalidOperationException("The request has no URI.");
        KeystoneToken? token = null;
        Uri root;
        if (_fixedRoot is not null)
        {
            root = _fixedRoot;
        }
        else
        {
            token = await GetTokenAsync(cancellationToken).ConfigureAwait(false);
            root = ResolveRoot(token);
        }
        if (IsPlaceholder(uri))
        {
            request.RequestUri = uri = Rebase(uri, root);
        }

        if (request.Headers.Contains(TokenHeader))
        {
            // The caller chose the token: send it as is (but never to another host after a redirect).
            var callerToken = string.Join(",", request.Headers.GetValues(TokenHeader));
            var (own, _) = await SendFollowingRedirectsAsync(request, new KeystoneToken(callerToken, null), root, cancellationToken).ConfigureAwait(false);
            return own;
        }

        if (request.Content is { } content and not ByteArrayContent)
        {
            // So that the retry can resend it; a body of bytes (every generated client's) can be resent as it is.
            await content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
        }
        token ??= await GetTokenAsync(cancellationToken).ConfigureAwait(false);
        var (response, tokenSent) = await SendFollowingRedirectsAsync(request, token, root, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.Unauthorized || !tokenSent || !_session.Provider.Invalidate(token))
        {
            return response;
        }

        LogReauthenticating(_logger, request.Method, uri, token.Fingerprint);
        response.Dispose();
        var fresh = await GetTokenAsync(cancellationToken).ConfigureAwait(false);
        using var retry = await CloneAsync(request, uri, cancellationToken).ConfigureAwait(false);
        var (second, _) = await SendFollowingRedirectsAsync(retry, fresh, root, cancellationToken).ConfigureAwait(false);
        return second;
    }

    /// <summary>
    /// A token from the session; when the call's timeout elapses (or the caller cancels) while Keystone has not answered,
    /// the cancellation names Keystone and its URL (HttpClient makes it the inner <see cref="TimeoutException"/>'s message).
    /// </summary>
    private async Task<KeystoneToken> GetTokenAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await _session.Provider.GetTokenAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException e) when (cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException(
                $"Keystone at {_session.AuthUrl} had not issued a token when the call's timeout elapsed or the call was cancelled.", e, cancellationToken);
        }
    }

    private Uri ResolveRoot(KeystoneToken token)
    {
        var resolved = _resolved;
        if (resolved is not null && ReferenceEquals(resolved.Token, token))
        {
            return resolved.Root;
        }
        var endpoint = KeystoneSession.SelectEndpoint(token, _service, _endpointOptions);
        var root = OpenStackHttpClient.ServiceRoot(endpoint, _service.VersionSegment);
        _resolved = new Resolved(token, root);
        return root;
    }

    private static Uri Rebase(Uri placeholderUri, Uri root) =>
        new(root.AbsoluteUri + placeholderUri.PathAndQuery.TrimStart('/'));

    private static bool IsAllowedHost(Uri uri, Uri root) =>
        uri.IsAbsoluteUri
        && string.Equals(uri.Scheme, root.Scheme, StringComparison.OrdinalIgnoreCase)
        && string.Equals(uri.IdnHost, root.IdnHost, StringComparison.OrdinalIgnoreCase)
        && uri.Port == root.Port;

    private async Task<(HttpResponseMessage Response, bool TokenSent)> SendFollowingRedirectsAsync(
        HttpRequestMessage request, KeystoneToken token, Uri root, CancellationToken cancellationToken)
    {
        var current = request;
        try
        {
            for (var hop = 0; ; hop++)
            {
                var target = current.RequestUri!;
                var allowed = IsAllowedHost(target, root);
                // Whatever the answer echoes, the session's secrets are scrubbed from it (Redaction).
                current.Options.Set(Redaction.SecretsKey, _session.Provider.Secrets);
                current.Headers.Remove(TokenHeader);
                if (allowed)
                {
                    current.Headers.TryAddWithoutValidation(TokenHeader, token.Value);
                    if (_logger.IsEnabled(LogLevel.Debug))
                    {
                        // The fingerprint is a SHA-256: computed only for a log that is written.
                        LogSending(_logger, current.Method, target, token.Fingerprint);
                    }
                }
                else
                {
                    LogSendingWithoutToken(_logger, current.Method, target);
                }
                var response = await base.SendAsync(current, cancellationToken).ConfigureAwait(false);
                if (hop >= MaxRedirects || !IsRedirect(response.StatusCode) || response.Headers.Location is not { } location)
                {
                    return (response, allowed);
                }
                var next = await RedirectAsync(current, response.StatusCode, location.IsAbsoluteUri ? location : new Uri(target, location), cancellationToken).ConfigureAwait(false);
                response.Dispose();
                if (!ReferenceEquals(current, request))
                {
                    current.Dispose();
                }
                current = next;
            }
        }
        finally
        {
            if (!ReferenceEquals(current, request))
            {
                current.Dispose();
            }
        }
    }

    private static bool IsRedirect(HttpStatusCode status) =>
        status is HttpStatusCode.MovedPermanently or HttpStatusCode.Found or HttpStatusCode.SeeOther
            or HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect;

    private static async Task<HttpRequestMessage> RedirectAsync(HttpRequestMessage from, HttpStatusCode status, Uri location, CancellationToken cancellationToken)
    {
        var keepMethod = status is HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect
            || ((status is HttpStatusCode.MovedPermanently or HttpStatusCode.Found) && from.Method != HttpMethod.Post);
        if (status == HttpStatusCode.SeeOther && from.Method == HttpMethod.Head)
        {
            keepMethod = true;
        }
        var next = await CloneAsync(from, location, cancellationToken, withContent: keepMethod).ConfigureAwait(false);
        if (!keepMethod)
        {
            next.Method = HttpMethod.Get;
        }
        return next;
    }

    private static async Task<HttpRequestMessage> CloneAsync(HttpRequestMessage original, Uri uri, CancellationToken cancellationToken, bool withContent = true)
    {
        var clone = new HttpRequestMessage(original.Method, uri) { Version = original.Version, VersionPolicy = original.VersionPolicy };
        foreach (var header in original.Headers)
        {
            if (!string.Equals(header.Key, TokenHeader, StringComparison.OrdinalIgnoreCase))
            {
                clone.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
        }
        foreach (var option in original.Options)
        {
            ((IDictionary<string, object?>)clone.Options)[option.Key] = option.Value;
        }
        if (withContent && original.Content is not null)
        {
            var bytes = await original.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            var content = new ByteArrayContent(bytes);
            foreach (var header in original.Content.Headers)
            {
                content.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
            clone.Content = content;
        }
        return clone;
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing && _ownsSession)
        {
            _session.Dispose();
        }
        base.Dispose(disposing);
    }

    [LoggerMessage(EventId = 10, Level = LogLevel.Debug, Message = "{Method} {Uri} X-Auth-Token: {Token}")]
    private static partial void LogSending(ILogger logger, HttpMethod method, Uri uri, string token);

    [LoggerMessage(EventId = 11, Level = LogLevel.Debug, Message = "{Method} {Uri} without a token: the host is not the service's endpoint")]
    private static partial void LogSendingWithoutToken(ILogger logger, HttpMethod method, Uri uri);

    [LoggerMessage(EventId = 12, Level = LogLevel.Information, Message = "{Method} {Uri} answered 401 to token {Token}: re-authenticating and resending once")]
    private static partial void LogReauthenticating(ILogger logger, HttpMethod method, Uri uri, string token);
}
