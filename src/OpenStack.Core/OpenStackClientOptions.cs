using Microsoft.Extensions.Logging;

namespace OpenStack;

/// <summary>
/// How to reach and authenticate against an OpenStack service: Keystone v3 credentials and scope,
/// or a pre-issued token with a fixed endpoint, plus endpoint selection and TLS settings.
/// Property names follow keystoneauth1/openstacksdk (<c>auth_url</c> is <see cref="AuthUrl"/>, ...).
/// </summary>
public sealed class OpenStackClientOptions
{
    /// <summary>Keystone URL, for example <c>http://127.0.0.1:5000/v3</c>.</summary>
    public string? AuthUrl { get; set; }

    /// <summary>User name (password auth); needs <see cref="UserDomainName"/> or <see cref="UserDomainId"/>.</summary>
    public string? Username { get; set; }

    /// <summary>User id (password auth).</summary>
    public string? UserId { get; set; }

    /// <summary>Password. Never logged nor shown by <see cref="ToString"/>.</summary>
    public string? Password { get; set; }

    /// <summary>Domain name of the user.</summary>
    public string? UserDomainName { get; set; }

    /// <summary>Domain id of the user.</summary>
    public string? UserDomainId { get; set; }

    /// <summary>Project name to scope to; needs a project domain.</summary>
    public string? ProjectName { get; set; }

    /// <summary>Project id to scope to.</summary>
    public string? ProjectId { get; set; }

    /// <summary>Domain name of the project.</summary>
    public string? ProjectDomainName { get; set; }

    /// <summary>Domain id of the project.</summary>
    public string? ProjectDomainId { get; set; }

    /// <summary>Domain name for a domain-scoped token.</summary>
    public string? DomainName { get; set; }

    /// <summary>Domain id for a domain-scoped token.</summary>
    public string? DomainId { get; set; }

    /// <summary>
    /// An existing token. With <see cref="Endpoint"/> it is used as is (no Keystone call);
    /// with <see cref="AuthUrl"/> it is exchanged for a (re-)scoped token (v3 token auth).
    /// Never logged nor shown by <see cref="ToString"/>.
    /// </summary>
    public string? Token { get; set; }

    /// <summary>Application credential id.</summary>
    public string? ApplicationCredentialId { get; set; }

    /// <summary>Application credential name (with <see cref="Username"/> or <see cref="UserId"/>).</summary>
    public string? ApplicationCredentialName { get; set; }

    /// <summary>Application credential secret. Never logged nor shown by <see cref="ToString"/>.</summary>
    public string? ApplicationCredentialSecret { get; set; }

    /// <summary>Service endpoint override; when set, the catalog is not consulted.</summary>
    public string? Endpoint { get; set; }

    /// <summary>Region of the endpoint to pick from the catalog.</summary>
    public string? RegionName { get; set; }

    /// <summary>Interfaces to try, in order (<c>public</c>, <c>internal</c>, <c>admin</c>; <c>publicURL</c> and the like are accepted).</summary>
    public IList<string> Interfaces { get; set; } = new List<string> { "public" };

    /// <summary>Service name to pick when a catalog holds several services of one type.</summary>
    public string? ServiceName { get; set; }

    /// <summary>Overrides the service type looked up in the catalog.</summary>
    public string? ServiceType { get; set; }

    /// <summary>Skip TLS certificate verification. Off by default; for tests only.</summary>
    public bool Insecure { get; set; }

    /// <summary>A PEM bundle of CA certificates to trust.</summary>
    public string? CaCertFile { get; set; }

    /// <summary>A PEM client certificate.</summary>
    public string? ClientCertFile { get; set; }

    /// <summary>The PEM key of <see cref="ClientCertFile"/>.</summary>
    public string? ClientKeyFile { get; set; }

    /// <summary>Timeout of one HTTP request; <c>null</c> keeps HttpClient's default (100 s).</summary>
    public TimeSpan? Timeout { get; set; }

    /// <summary>
    /// The authentication method (keystoneauth plugin name): <c>password</c>/<c>v3password</c>,
    /// <c>token</c>/<c>v3token</c>, <c>v3applicationcredential</c>/<c>applicationcredential</c>, or
    /// <c>none</c>/<c>admin_token</c> for a pre-issued token with <see cref="Endpoint"/>.
    /// <c>null</c> infers the method from the settings given (application credential secret, then password, then token).
    /// </summary>
    public string? AuthType { get; set; }

    /// <summary>
    /// An existing session (like keystoneauth's <c>Session</c>): when set, its credentials, token cache and TLS
    /// settings are used, and the authentication and TLS settings of these options are ignored.
    /// </summary>
    public KeystoneSession? Session { get; set; }

    /// <summary>Logger factory for the Keystone and authentication logs (tokens appear only as <c>{SHA256}&lt;hex&gt;</c>).</summary>
    public ILoggerFactory? LoggerFactory { get; set; }

    /// <summary>A shallow copy (the interface list is copied).</summary>
    public OpenStackClientOptions Clone()
    {
        var copy = (OpenStackClientOptions)MemberwiseClone();
        copy.Interfaces = new List<string>(Interfaces);
        return copy;
    }

    /// <inheritdoc />
    public override string ToString() =>
        $"OpenStackClientOptions {{ AuthUrl = {AuthUrl}, User = {Username ?? UserId}, Project = {ProjectName ?? ProjectId}, " +
        $"Endpoint = {Endpoint}, Region = {RegionName}, Interfaces = [{string.Join(", ", Interfaces)}], " +
        $"Password = {(Password is null ? "null" : "***")}, Token = {(Token is null ? "null" : "***")}, " +
        $"ApplicationCredential = {ApplicationCredentialId ?? ApplicationCredentialName}, " +
        $"ApplicationCredentialSecret = {(ApplicationCredentialSecret is null ? "null" : "***")} }}";
}
