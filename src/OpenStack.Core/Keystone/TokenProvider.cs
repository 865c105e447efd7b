using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace OpenStack;

/// <summary>
/// Gets, caches and refreshes the tokens of one credential. A token is reused while more than
/// <see cref="MarginFor"/> remains: keystoneauth1's <c>MIN_TOKEN_LIFE_SECONDS</c> (120 s), or half the token's lifetime
/// when that is shorter (a 60-s token is refreshed after 30 s, not on every call). Concurrent callers share one
/// Keystone request (single-flight behind a <see cref="SemaphoreSlim"/>); the request does not use any caller's
/// cancellation token, so a caller that gives up stops waiting without failing the others. After a failure every waiter
/// gets the same exception, and callers within <see cref="FailureBackoff"/> get it too instead of asking Keystone again.
/// </summary>
internal sealed partial class TokenProvider : IDisposable
{
    /// <summary>Refresh when less than this remains (keystoneauth1: 120 s), for tokens that live at least twice as long.</summary>
    public static readonly TimeSpan RefreshMargin = TimeSpan.FromSeconds(120);

    /// <summary>
    /// How much of <paramref name="token"/>'s life is left when it is refreshed: <c>min(120 s, lifetime / 2)</c>, the
    /// lifetime being <c>expires_at - issued_at</c> (both Keystone's clock; the time received when Keystone gave no
    /// <c>issued_at</c>).
    /// </summary>
    internal static TimeSpan MarginFor(KeystoneToken token)
    {
        if (token.ExpiresAt is not { } expires || token.IssuedAt is not { } issued)
        {
            return RefreshMargin;
        }
        var half = (expires - issued) / 2;
        return half < TimeSpan.Zero ? TimeSpan.Zero : half < RefreshMargin ? half : RefreshMargin;
    }

    /// <summary>How long a failure is handed to new callers before Keystone is asked again.</summary>
    public TimeSpan FailureBackoff { get; init; } = TimeSpan.FromSeconds(2);

    private readonly KeystoneCredential _credential;
    private readonly HttpClient? _backChannel;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly TimeSpan _requestTimeout;
    private readonly IKeystoneTokenStore _store;
    private readonly Lazy<string> _sharedKey;
    private volatile KeystoneToken? _current;
    private volatile KeystoneToken? _rejected; // the last token a service refused: a shared store must not hand it back
    private Task<KeystoneToken>? _inFlight;
    private (Exception Error, DateTimeOffset Until)? _failure;
    private int _requestCount;
    private int _issuedCount;

    public TokenProvider(KeystoneCredential credential, HttpClient? backChannel, TimeProvider time, ILogger? logger, TimeSpan requestTimeout, IKeystoneTokenStore? store = null)
    {
        _store = store ?? InProcessTokenStore.Instance;
        _credential = credential;
        _sharedKey = new Lazy<string>(credential.SharedKey);
        _backChannel = backChannel;
        _time = time;
        _logger = logger ?? NullLogger.Instance;
        _requestTimeout = requestTimeout;
        Secrets = new SecretSet(credential.Secrets);
        if (credential.FixedToken is { } fixedToken)
        {
            _current = new KeystoneToken(fixedToken, null);
        }
    }

    /// <summary>Whether a new token can be obtained (false for a pre-issued token).</summary>
    public bool CanReauthenticate => _credential.Method != AuthMethod.FixedToken;

    /// <summary>How many token requests were sent to Keystone.</summary>
    public int RequestCount => Volatile.Read(ref _requestCount);

    public KeystoneCredential Credential => _credential;

    /// <summary>The session's secrets: the credential's and the tokens issued (for <see cref="Redaction"/>).</summary>
    public SecretSet Secrets { get; }

    /// <summary>A valid token: the cached one, or a new one from Keystone.</summary>
    public async Task<KeystoneToken> GetTokenAsync(CancellationToken cancellationToken)
    {
        var token = _current;
        if (token is not null && !token.WillExpireSoon(_time.GetUtcNow(), MarginFor(token)))
        {
            return token;
        }
        Task<KeystoneToken> fetch;
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            token = _current;
            if (token is not null && (!CanReauthenticate || !token.WillExpireSoon(_time.GetUtcNow(), MarginFor(token))))
            {
                return token;
            }
            if (_inFlight is null && _failure is { } failure && _time.GetUtcNow() < failure.Until)
            {
                fetch = Task.FromException<KeystoneToken>(failure.Error);
            }
            else
            {
                fetch = _inFlight ??= FetchAndStoreAsync();
            }
        }
        finally
        {
            _gate.Release();
        }
        return await fetch.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>When <paramref name="token"/> is due for refresh: its expiry less <see cref="MarginFor"/> (null: never).</summary>
    private static DateTimeOffset? RefreshAt(KeystoneToken token) => token.ExpiresAt - MarginFor(token);

    /// <summary>
    /// Drops <paramref name="stale"/> if it is still the cached token (so that many requests failing with the same token
    /// cause one refresh). Returns whether a new token can be obtained.
    /// </summary>
    public bool Invalidate(KeystoneToken? stale)
    {
        if (!CanReauthenticate)
        {
            return false;
        }
        _rejected = stale ?? _current;
        if (stale is null)
        {
            _current = null;
        }
        else
        {
            Interlocked.CompareExchange(ref _current, null, stale);
        }
        return true;
    }

    private async Task<KeystoneToken> FetchAndStoreAsync()
    {
        KeystoneToken? token = null;
        Exception? error = null;
        try
        {
            await Task.Yield(); // never complete while the caller holds the gate
            token = await _store.GetOrFetchAsync(new KeystoneTokenRequest(_sharedKey, RefreshAt, _rejected, _ => RequestTokenAsync())).ConfigureAwait(false);
            Secrets.Add(token.Value); // also a token another process fetched: its echoes are scrubbed like our own
            return token;
        }
        catch (Exception e)
        {
            error = e;
            throw;
        }
        finally
        {
            await _gate.WaitAsync().ConfigureAwait(false);
            try
            {
                _inFlight = null;
                if (token is not null)
                {
                    _current = token;
                    _failure = null;
                }
                else if (error is not null)
                {
                    _failure = (error, _time.GetUtcNow() + FailureBackoff);
                }
            }
            finally
            {
                _gate.Release();
            }
        }
    }

    private async Task<KeystoneToken> RequestTokenAsync()
    {
        var authUrl = _credential.AuthUrl!;
        var uri = _credential.TokensUri;
        VersionDiscovery.Result? discovered = null;
        if (uri is null)
        {
            // An unversioned auth URL: find the v3 URL in Keystone's versions document (cached per auth URL).
            using var discoveryTimeout = new CancellationTokenSource(_requestTimeout, _time);
            try
            {
                discovered = await VersionDiscovery.ResolveAsync(_backChannel!, _credential.DiscoveryUri!, discoveryTimeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException e) when (discoveryTimeout.IsCancellationRequested)
            {
                discovered = new VersionDiscovery.Result(VersionDiscovery.Fallback(_credential.DiscoveryUri!),
                    $"GET {_credential.DiscoveryUri} did not answer within {_requestTimeout.TotalSeconds:0.###} s ({e.GetType().Name})");
            }
            if (discovered.Value.IsFallback)
            {
                LogDiscoveryFailed(_logger, _credential.DiscoveryUri!, discovered.Value.Problem!, discovered.Value.V3Url);
            }
            uri = KeystoneCredential.TokensUriOf(discovered.Value.V3Url);
        }
        Interlocked.Increment(ref _requestCount);
        var refresh = Volatile.Read(ref _issuedCount) > 0;
        using var activity = Diagnostics.OpenStackDiagnostics.StartTokenRequest(uri, refresh);
        try
        {
            KeystoneToken issued;
            try
            {
                issued = await RequestTokenAsync(authUrl, uri, activity).ConfigureAwait(false);
            }
            catch (KeystoneAuthenticationException e) when (discovered is { IsFallback: true } fallback)
            {
                // Discovery failed and so did the guessed URL: say both.
                throw Fail($"{e.Message} (Version discovery failed: {fallback.Problem}; {fallback.V3Url} was tried instead.)",
                    e.StatusCode, e.KeystoneMessage, e.RequestId, e);
            }
            if (discovered is { IsFallback: true } worked)
            {
                VersionDiscovery.Remember(_credential.DiscoveryUri!, worked.V3Url);
            }
            Interlocked.Increment(ref _issuedCount);
            Diagnostics.OpenStackDiagnostics.TokenIssued(refresh);
            return issued;
        }
        catch (Exception e)
        {
            Diagnostics.OpenStackDiagnostics.TokenFailed(refresh);
            activity?.SetTag(Diagnostics.OpenStackDiagnostics.Tags.ErrorType, e is KeystoneAuthenticationException { StatusCode: { } code }
                ? ((int)code).ToString(CultureInfo.InvariantCulture) : e.GetType().FullName);
            activity?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, e.Message);
            throw;
        }
    }

    private async Task<KeystoneToken> RequestTokenAsync(string authUrl, Uri uri, System.Diagnostics.Activity? activity)
    {
        if (_logger.IsEnabled(LogLevel.Debug))
        {
            var identity = _credential.Describe();
            LogRequesting(_logger, uri, identity);
        }
        using var request = new HttpRequestMessage(HttpMethod.Post, uri)
        {
            Content = new StringContent(_credential.BuildRequestBody().ToString(Formatting.None), Encoding.UTF8, "application/json"),
        };
        request.Headers.Accept.ParseAdd("application/json");
        using var timeout = new CancellationTokenSource(_requestTimeout, _time);
        HttpResponseMessage response;
        try
        {
            response = await _backChannel!.SendAsync(request, HttpCompletionOption.ResponseContentRead, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException e) when (timeout.IsCancellationRequested)
        {
            throw Fail($"Keystone at {authUrl} did not answer within {_requestTimeout.TotalSeconds:0.###} s.", null, null, null, e);
        }
        catch (HttpRequestException e) when (e.HttpRequestError == HttpRequestError.ConfigurationLimitExceeded)
        {
            // Keystone answered, with more than the back channel reads (a body over MaxResponseBytes, or headers over the
            // handler's limit): the answer is dropped unread, and the message says which setting bounds it.
            var limit = _backChannel!.MaxResponseContentBufferSize;
            throw Fail($"Keystone at {authUrl} answered more than this client reads: a body over the " +
                $"{limit.ToString("N0", CultureInfo.InvariantCulture)}-byte limit (MaxResponseBytes = {limit.ToString(CultureInfo.InvariantCulture)}; " +
                "0 turns the limit off) or headers over the handler's header limit. The token was not read.", null, null, null, e);
        }
        catch (HttpRequestException e)
        {
            var why = e.InnerException is SocketException se ? se.SocketErrorCode switch
            {
                SocketError.ConnectionRefused => "connection refused; is Keystone running?",
                SocketError.HostNotFound or SocketError.NoData => "host not found",
                SocketError.TimedOut => "connection timed out",
                _ => se.Message,
            } : e.Message;
            throw Fail($"Could not reach Keystone at {authUrl}: {why}", null, null, null, e);
        }
        using (response)
        {
            var requestId = response.Headers.TryGetValues("x-openstack-request-id", out var ids) ? ids.FirstOrDefault() : null;
            activity?.SetTag(Diagnostics.OpenStackDiagnostics.Tags.HttpStatusCode, (int)response.StatusCode);
            activity?.SetTag(Diagnostics.OpenStackDiagnostics.Tags.RequestId, requestId);
            var body = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
            var status = response.StatusCode;
            if (!response.IsSuccessStatusCode)
            {
                var keystoneMessage = ErrorMessage(body);
                var what = status == HttpStatusCode.Unauthorized
                    ? $"Keystone at {authUrl} refused the credentials of {_credential.Describe()}"
                    : $"Keystone at {authUrl} did not issue a token for {_credential.Describe()}";
                // Only Keystone's parsed error.message (scrubbed) is shown: a proxy's page or an error that quotes the
                // request could carry the password in any encoding.
                var detail = keystoneMessage is null ? Describe(response, body) : Redaction.Scrub(keystoneMessage, Secrets.Items);
                throw Fail($"{what}: {(int)status} {response.ReasonPhrase}{(detail is null ? "" : $": {detail}")}", status, keystoneMessage, requestId, null);
            }
            var tokenValue = response.Headers.TryGetValues("X-Subject-Token", out var values) ? values.FirstOrDefault() : null;
            JObject json;
            try
            {
                using var reader = new JsonTextReader(new StringReader(body)) { DateParseHandling = DateParseHandling.None };
                json = JObject.Load(reader);
            }
            catch (JsonException)
            {
                throw Fail($"Keystone at {authUrl} answered {(int)status} with {response.Content.Headers.ContentType?.MediaType ?? "no content type"} " +
                    $"that is not a JSON token (is the auth URL right?): {Describe(response, body)}", status, null, requestId, null);
            }
            if (string.IsNullOrEmpty(tokenValue) || json["token"] is not JObject t)
            {
                throw Fail($"Keystone at {authUrl} answered {(int)status} without {(string.IsNullOrEmpty(tokenValue) ? "an X-Subject-Token header" : "a token body")} (is the auth URL right?).",
                    status, null, requestId, null);
            }
            KeystoneToken token;
            try
            {
                token = ParseToken(tokenValue, t, _time.GetUtcNow());
            }
            catch (Exception e) when (e is InvalidOperationException or ArgumentException or FormatException or OverflowException or JsonException)
            {
                // A field of the wrong JSON type (a string where an object is expected, an object where a URL is).
                throw Fail($"Keystone at {authUrl} answered {(int)status} with a malformed token body: {e.Message}", status, null, requestId, null);
            }
            Secrets.Add(token.Value);
            if (_logger.IsEnabled(LogLevel.Debug))
            {
                LogIssued(_logger, token.Fingerprint, token.ExpiresAt); // a SHA-256: only for a log that is written
            }
            return token;
        }
    }

    internal static KeystoneToken ParseToken(string value, JObject t, DateTimeOffset? receivedAt = null)
    {
        return new KeystoneToken(value, Date(t["expires_at"]), ServiceCatalog.Parse(t["catalog"]))
        {
            IssuedAt = Date(t["issued_at"]) ?? receivedAt,
            UserId = (string?)t["user"]?["id"],
            UserName = (string?)t["user"]?["name"],
            ProjectId = (string?)t["project"]?["id"],
            ProjectName = (string?)t["project"]?["name"],
            DomainId = (string?)t["domain"]?["id"],
            DomainName = (string?)t["domain"]?["name"],
            SystemScope = t["system"] is JObject system ? system.Properties().Where(p => p.Value.Type == JTokenType.Boolean && (bool)p.Value).Select(p => p.Name).FirstOrDefault() : null,
            Roles = (t["roles"] as JArray ?? []).Select(r => (string?)r["name"]).OfType<string>().ToList(),
            Methods = (t["methods"] as JArray ?? []).Select(m => (string?)m).OfType<string>().ToList(),
            ApplicationCredentialId = (string?)t["application_credential"]?["id"],
        };
    }

    private static DateTimeOffset? Date(JToken? token) =>
        (string?)token is { } s && DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var d) ? d : null;

    private static string? ErrorMessage(string body)
    {
        try
        {
            var json = JToken.Parse(body);
            return (string?)json["error"]?["message"] ?? (string?)json["message"];
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>What a body was, without any of its text (which may quote the request and its secrets).</summary>
    private static string? Describe(HttpResponseMessage response, string body)
    {
        if (body.Length == 0)
        {
            return null;
        }
        var type = response.Content.Headers.ContentType?.MediaType;
        var html = type?.Contains("html", StringComparison.OrdinalIgnoreCase) == true || body.TrimStart().StartsWith('<');
        return $"the body ({body.Length} characters of {(html ? "HTML" : type ?? "text")}) had no Keystone error message";
    }

    private KeystoneAuthenticationException Fail(string message, HttpStatusCode? status, string? keystoneMessage, string? requestId, Exception? inner)
    {
        var secrets = Secrets.Items;
        var e = new KeystoneAuthenticationException(Redaction.Scrub(message, secrets), _credential.AuthUrl ?? "",
            status, keystoneMessage is null ? null : Redaction.Scrub(keystoneMessage, secrets), requestId, inner);
        LogFailed(_logger, e.Message);
        return e;
    }

    public void Dispose() => _gate.Dispose();

    [LoggerMessage(EventId = 1, Level = LogLevel.Debug, Message = "Requesting a Keystone token from {Uri} for {Identity}")]
    private static partial void LogRequesting(ILogger logger, Uri uri, string identity);

    [LoggerMessage(EventId = 2, Level = LogLevel.Debug, Message = "Keystone issued token {Token} expiring at {ExpiresAt}")]
    private static partial void LogIssued(ILogger logger, string token, DateTimeOffset? expiresAt);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "Keystone version discovery at {AuthUrl} failed ({Reason}); trying {Fallback}")]
    private static partial void LogDiscoveryFailed(ILogger logger, Uri authUrl, string reason, Uri fallback);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "Keystone authentication failed: {Reason}")]
    private static partial void LogFailed(ILogger logger, string reason);
}
