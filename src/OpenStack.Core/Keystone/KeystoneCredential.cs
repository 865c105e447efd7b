using System.Security.Cryptography;
using System.Text;
using Newtonsoft.Json.Linq;

namespace OpenStack;

/// <summary>The authentication methods this library implements.</summary>
internal enum AuthMethod
{
    Password,
    Token,
    ApplicationCredential,
    FixedToken,
}

/// <summary>
/// What to send to <c>POST /v3/auth/tokens</c> for a set of options, the URL to send it to, and the key under which its
/// tokens are shared in the process. Validated on creation so that configuration errors surface when a client is created.
/// </summary>
internal sealed class KeystoneCredential
{
    private readonly OpenStackClientOptions _o;

    private KeystoneCredential(OpenStackClientOptions o, AuthMethod method, string? authUrl, Uri? tokensUri, Uri? discoveryUri = null)
    {
        _o = o;
        Method = method;
        AuthUrl = authUrl;
        TokensUri = tokensUri;
        DiscoveryUri = discoveryUri;
    }

    public AuthMethod Method { get; }

    /// <summary>The auth URL as configured (for messages).</summary>
    public string? AuthUrl { get; }

    /// <summary><c>{auth_url}/auth/tokens</c> for an auth URL ending in a v3 segment; null when the version is discovered.</summary>
    public Uri? TokensUri { get; }

    /// <summary>The unversioned auth URL whose versions document names the v3 URL (null when <see cref="TokensUri"/> is known).</summary>
    public Uri? DiscoveryUri { get; }

    /// <summary>The pre-issued token (FixedToken only).</summary>
    public string? FixedToken => Method == AuthMethod.FixedToken ? _o.Token : null;

    /// <summary>The secrets of this credential, for scrubbing messages.</summary>
    public IReadOnlyList<string?> Secrets => [_o.Password, _o.Token, _o.ApplicationCredentialSecret];

    /// <summary>Who and what scope, without secrets: "user 'admin' (domain 'Default'), project 'admin' (domain 'Default')".</summary>
    public string Describe()
    {
        var who = Method switch
        {
            AuthMethod.ApplicationCredential => _o.ApplicationCredentialId is { } id
                ? $"application credential {id}"
                : $"application credential '{_o.ApplicationCredentialName}' of {DescribeUser()}",
            AuthMethod.Token => "an existing token",
            AuthMethod.FixedToken => "a pre-issued token",
            _ => DescribeUser(),
        };
        return $"{who}, {DescribeScope()}";
    }

    private string DescribeUser() => _o.UserId is { } uid
        ? $"user id {uid}"
        : $"user '{_o.Username}' (domain {Quote(_o.UserDomainName ?? _o.DomainName) ?? _o.UserDomainId ?? _o.DomainId})";

    private string DescribeScope()
    {
        if (Method is AuthMethod.ApplicationCredential or AuthMethod.FixedToken)
        {
            return "its own scope";
        }
        if (_o.SystemScope is { } system)
        {
            return $"system scope '{system}'";
        }
        if (_o.ProjectId is { } pid)
        {
            return $"project id {pid}";
        }
        if (_o.ProjectName is { } pname)
        {
            return $"project '{pname}' (domain {Quote(ProjectDomainName) ?? ProjectDomainId})";
        }
        if (_o.DomainId is { } did)
        {
            return $"domain id {did}";
        }
        return _o.DomainName is { } dname ? $"domain '{dname}'" : "unscoped";
    }

    private static string? Quote(string? s) => s is null ? null : $"'{s}'";

    private bool HasProjectScope => _o.ProjectId is not null || _o.ProjectName is not null;

    // openstacksdk: with a project scope, domain_name/domain_id are the default user and project domains.
    private string? ProjectDomainName => _o.ProjectDomainName ?? (_o.ProjectDomainId is null ? _o.DomainName : null);
    private string? ProjectDomainId => _o.ProjectDomainId ?? (_o.ProjectDomainName is null ? _o.DomainId : null);
    private string? UserDomainName => _o.UserDomainName ?? (_o.UserDomainId is null && HasProjectScope ? _o.DomainName : null);
    private string? UserDomainId => _o.UserDomainId ?? (_o.UserDomainName is null && HasProjectScope ? _o.DomainId : null);

    /// <summary>Validates <paramref name="options"/> and builds the credential.</summary>
    /// <exception cref="ArgumentException">Incomplete or contradictory settings (the message says what is missing).</exception>
    public static KeystoneCredential From(OpenStackClientOptions options)
    {
        var method = ResolveMethod(options);
        if (method == AuthMethod.FixedToken)
        {
            if (string.IsNullOrEmpty(options.Token) || string.IsNullOrEmpty(options.Endpoint))
            {
                throw new ArgumentException("A pre-issued token needs both Token (os_auth_token) and Endpoint (the service URL).", nameof(options));
            }
            return new KeystoneCredential(options, method, options.AuthUrl, null);
        }
        if (string.IsNullOrWhiteSpace(options.AuthUrl))
        {
            throw new ArgumentException("AuthUrl (os_auth_url) is required to authenticate with Keystone.", nameof(options));
        }
        var (tokensUri, discoveryUri) = ParseAuthUrl(options.AuthUrl);
        var credential = new KeystoneCredential(options, method, options.AuthUrl, tokensUri, discoveryUri);
        credential.BuildRequestBody(); // validates
        return credential;
    }

    private static AuthMethod ResolveMethod(OpenStackClientOptions o)
    {
        if (o.AuthType is { } type)
        {
            return type.Trim().ToLowerInvariant().Replace('-', '_') switch
            {
                "password" or "v3password" => AuthMethod.Password,
                "token" or "v3token" => AuthMethod.Token,
                "v3applicationcredential" or "applicationcredential" or "application_credential" or "v3_application_credential" => AuthMethod.ApplicationCredential,
                "none" or "noauth" or "admin_token" or "token_endpoint" or "v3adminToken" => AuthMethod.FixedToken,
                _ => throw new ArgumentException(
                    $"Auth type '{type}' is not supported; use password, v3token, v3applicationcredential or none (a token with an endpoint).", nameof(o)),
            };
        }
        if (o.Token is not null && o.Endpoint is not null)
        {
            return AuthMethod.FixedToken;
        }
        if (o.ApplicationCredentialSecret is not null)
        {
            return AuthMethod.ApplicationCredential;
        }
        if (o.Password is not null)
        {
            return AuthMethod.Password;
        }
        if (o.Token is not null)
        {
            return AuthMethod.Token;
        }
        throw new ArgumentException(
            "No credentials: give a password (Username or UserId, Password), an application credential " +
            "(ApplicationCredentialId or ApplicationCredentialName, ApplicationCredentialSecret), a token with AuthUrl (re-scope), " +
            "or a token with Endpoint.", nameof(o));
    }

    /// <summary>
    /// A v3 auth URL (last segment <c>v3</c>, <c>v3.14</c>, ...) gives its tokens URL directly; any other http(s) URL is
    /// discovered (<see cref="VersionDiscovery"/>). Keystone v2.0 and non-http URLs are rejected.
    /// </summary>
    internal static (Uri? TokensUri, Uri? DiscoveryUri) ParseAuthUrl(string authUrl)
    {
        if (!Uri.TryCreate(authUrl.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException($"AuthUrl '{authUrl}' is not an absolute http(s) URL.", nameof(authUrl));
        }
        var path = uri.AbsolutePath.TrimEnd('/');
        var last = path[(path.LastIndexOf('/') + 1)..];
        if (last.Equals("v2.0", StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException($"AuthUrl '{authUrl}' is Keystone v2.0, which is not supported; use the v3 URL.", nameof(authUrl));
        }
        if (!last.StartsWith("v3", StringComparison.OrdinalIgnoreCase))
        {
            return (null, uri);
        }
        return (TokensUriOf(new UriBuilder(uri) { Path = path, Query = "" }.Uri), null);
    }

    /// <summary><c>{v3 URL}/auth/tokens</c>.</summary>
    internal static Uri TokensUriOf(Uri v3Url) =>
        new UriBuilder(v3Url) { Path = v3Url.AbsolutePath.TrimEnd('/') + "/auth/tokens", Query = "", Fragment = "" }.Uri;

    /// <summary>The JSON body of <c>POST /v3/auth/tokens</c>. Holds secrets: never log it.</summary>
    public JObject BuildRequestBody()
    {
        var auth = new JObject();
        switch (Method)
        {
            case AuthMethod.Password:
                if (string.IsNullOrEmpty(_o.Password))
                {
                    throw new ArgumentException("Password auth needs Password (os_password).", "options");
                }
                var user = User("Password auth");
                user["password"] = _o.Password;
                auth["identity"] = new JObject { ["methods"] = new JArray("password"), ["password"] = new JObject { ["user"] = user } };
                AddScope(auth);
                break;
            case AuthMethod.Token:
                if (string.IsNullOrEmpty(_o.Token))
                {
                    throw new ArgumentException("Token auth needs Token (os_auth_token).", "options");
                }
                auth["identity"] = new JObject { ["methods"] = new JArray("token"), ["token"] = new JObject { ["id"] = _o.Token } };
                AddScope(auth);
                break;
            case AuthMethod.ApplicationCredential:
                if (string.IsNullOrEmpty(_o.ApplicationCredentialSecret))
                {
                    throw new ArgumentException("Application credential auth needs ApplicationCredentialSecret.", "options");
                }
                var ac = new JObject();
                if (_o.ApplicationCredentialId is { } acId)
                {
                    ac["id"] = acId;
                }
                else if (_o.ApplicationCredentialName is { } acName)
                {
                    ac["name"] = acName;
                    ac["user"] = User("An application credential given by name");
                }
                else
                {
                    throw new ArgumentException("Application credential auth needs ApplicationCredentialId, or ApplicationCredentialName with the user.", "options");
                }
                ac["secret"] = _o.ApplicationCredentialSecret;
                auth["identity"] = new JObject { ["methods"] = new JArray("application_credential"), ["application_credential"] = ac };
                break;
            default:
                throw new InvalidOperationException("A pre-issued token is never sent to Keystone.");
        }
        return new JObject { ["auth"] = auth };
    }

    private JObject User(string what)
    {
        if (_o.UserId is { } id)
        {
            return new JObject { ["id"] = id };
        }
        if (_o.Username is not { } name)
        {
            throw new ArgumentException($"{what} needs Username (with a user domain) or UserId.", "options");
        }
        var domain = UserDomainId is { } did ? new JObject { ["id"] = did }
            : UserDomainName is { } dname ? new JObject { ["name"] = dname }
            : throw new ArgumentException($"Username '{name}' needs UserDomainName or UserDomainId (os_user_domain_name), for example 'Default'.", "options");
        return new JObject { ["name"] = name, ["domain"] = domain };
    }

    private void AddScope(JObject auth)
    {
        if (_o.SystemScope is { } system)
        {
            // keystoneauth1: a token is scoped to one target; Keystone knows only the system 'all'.
            if (!string.Equals(system.Trim(), "all", StringComparison.OrdinalIgnoreCase))
            {
                throw new ArgumentException($"SystemScope (system_scope) '{system}' is not supported; the only system scope is 'all'.", "options");
            }
            if (HasProjectScope || (_o.DomainId ?? _o.DomainName) is not null)
            {
                throw new ArgumentException(
                    "SystemScope (system_scope) cannot be combined with a project or domain scope (ProjectName/ProjectId/DomainName/DomainId); " +
                    "pick one. Give the user's domain as UserDomainName or UserDomainId.", "options");
            }
            auth["scope"] = new JObject { ["system"] = new JObject { ["all"] = true } };
            return;
        }
        if (_o.ProjectId is { } pid)
        {
            auth["scope"] = new JObject { ["project"] = new JObject { ["id"] = pid } };
        }
        else if (_o.ProjectName is { } pname)
        {
            var domain = ProjectDomainId is { } did ? new JObject { ["id"] = did }
                : ProjectDomainName is { } dname ? new JObject { ["name"] = dname }
                : throw new ArgumentException($"Project '{pname}' needs ProjectDomainName or ProjectDomainId (os_project_domain_name), or give ProjectId.", "options");
            auth["scope"] = new JObject { ["project"] = new JObject { ["name"] = pname, ["domain"] = domain } };
        }
        else if (_o.DomainId is { } did)
        {
            auth["scope"] = new JObject { ["domain"] = new JObject { ["id"] = did } };
        }
        else if (_o.DomainName is { } dname)
        {
            auth["scope"] = new JObject { ["domain"] = new JObject { ["name"] = dname } };
        }
    }

    /// <summary>
    /// The process-wide sharing key: auth URL, method, identity, secret, scope and the transport settings, joined. It stays
    /// in the process's private table of sessions, as the session's own copy of the settings does, and is never logged
    /// or shown. Not hashed: equal keys are equal credentials, without a collision to rule out, and a hash would start
    /// the native crypto library (about 5 ms of a command-line tool's start) for a value that never leaves the process.
    /// </summary>
    public string CacheKey()
    {
        var o = _o;
        var parts = new[]
        {
            TokensUri?.AbsoluteUri ?? (DiscoveryUri is null ? null : "discover " + VersionDiscovery.Key(DiscoveryUri)), Method.ToString(), o.UserId, o.Username, UserDomainId, UserDomainName,
            o.Password, o.Token, o.ApplicationCredentialId, o.ApplicationCredentialName, o.ApplicationCredentialSecret,
            o.ProjectId, o.ProjectName, ProjectDomainId, ProjectDomainName,
            HasProjectScope ? null : o.DomainId, HasProjectScope ? null : o.DomainName, o.SystemScope?.Trim().ToLowerInvariant(),
            o.Insecure ? "insecure" : "verify", o.CaCertFile, o.ClientCertFile, o.ClientKeyFile, o.Timeout?.Ticks.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Method == AuthMethod.FixedToken ? o.Endpoint : null,
        };
        return string.Join("\u001f", parts.Select(p => p ?? "\u0000"));
    }

    /// <summary>
    /// The key of this credential's tokens in a cache shared by processes (<c>AddKeystoneDistributedTokenCache</c>): a SHA-256
    /// of the auth URL, method, identity and scope. No password or application-credential secret goes into it, not even
    /// hashed (a hash of a password can be guessed); a token used to re-scope goes in only as its SHA-256.
    /// </summary>
    public string SharedKey()
    {
        var o = _o;
        var parts = new[]
        {
            "v1", TokensUri?.AbsoluteUri ?? (DiscoveryUri is null ? null : "discover " + VersionDiscovery.Key(DiscoveryUri)), Method.ToString(),
            o.UserId, o.Username, UserDomainId, UserDomainName, Method == AuthMethod.Token && o.Token is { } t ? Redaction.Fingerprint(t) : null,
            o.ApplicationCredentialId, o.ApplicationCredentialName,
            o.ProjectId, o.ProjectName, ProjectDomainId, ProjectDomainName,
            HasProjectScope ? null : o.DomainId, HasProjectScope ? null : o.DomainName, o.SystemScope?.Trim().ToLowerInvariant(),
        };
        var joined = string.Join("\u001f", parts.Select(p => p ?? "\u0000"));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(joined)));
    }
}
