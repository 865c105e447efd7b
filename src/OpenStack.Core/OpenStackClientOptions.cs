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
    /// System scope (<c>system_scope</c>, <c>OS_SYSTEM_SCOPE</c>): <c>all</c> asks for a system-scoped token
    /// (<c>"scope": {"system": {"all": true}}</c>) for the system-wide APIs; it excludes a project or domain scope.
    /// </summary>
    public string? SystemScope { get; set; }

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

    /// <summary>
    /// Per-service settings keyed by service type (<c>monitoring</c>, <c>infra-optim</c>; <c>infra_optim</c> is the same key),
    /// from openstacksdk's <c>&lt;service_type&gt;_endpoint_override</c>, <c>_interface</c> and <c>_region_name</c>.
    /// When a client for a service is created, its entry's non-null values replace <see cref="Endpoint"/>,
    /// <see cref="Interfaces"/> and <see cref="RegionName"/> (see <see cref="ForService"/>); other services keep the global values.
    /// A client's own settings (<see cref="OpenStackServiceClientOptions"/>) that are set win over both.
    /// </summary>
    public IDictionary<string, ServiceOverrides> ServiceOverrides { get; set; } =
        new Dictionary<string, ServiceOverrides>(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// A copy with the <see cref="ServiceOverrides"/> entry of <paramref name="serviceType"/> applied: its endpoint,
    /// interfaces and region replace the global ones; without an entry the copy has the global settings.
    /// </summary>
    /// <param name="serviceType">The catalog service type, for example <c>infra-optim</c>.</param>
    public OpenStackClientOptions ForService(string serviceType)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        var copy = Clone();
        if (FindOverrides(serviceType) is { } o)
        {
            copy.Endpoint = o.Endpoint ?? copy.Endpoint;
            copy.RegionName = o.RegionName ?? copy.RegionName;
            if (o.Interfaces is { Count: > 0 } interfaces)
            {
                copy.Interfaces = new List<string>(interfaces);
            }
        }
        return copy;
    }

    /// <summary><see cref="ForService(string)"/> for the catalog type a client of <paramref name="service"/> looks up.</summary>
    internal OpenStackClientOptions ForClientOf(OpenStackService service) =>
        ForService(ServiceType is { Length: > 0 } type && FindOverrides(type) is not null ? type : service.ServiceType);

    private ServiceOverrides? FindOverrides(string serviceType)
    {
        if (ServiceOverrides is not { Count: > 0 } all)
        {
            return null;
        }
        var key = OpenStack.ServiceOverrides.NormalizeServiceType(serviceType);
        foreach (var (type, value) in all)
        {
            if (value is not null && OpenStack.ServiceOverrides.NormalizeServiceType(type) == key)
            {
                return value;
            }
        }
        return null;
    }

    /// <summary>The entry of <paramref name="serviceType"/> in <see cref="ServiceOverrides"/>, created when missing.</summary>
    internal ServiceOverrides GetOrAddOverrides(string serviceType)
    {
        if (FindOverrides(serviceType) is { } existing)
        {
            return existing;
        }
        ServiceOverrides ??= new Dictionary<string, ServiceOverrides>(StringComparer.OrdinalIgnoreCase);
        var created = new ServiceOverrides();
        ServiceOverrides[OpenStack.ServiceOverrides.NormalizeServiceType(serviceType)] = created;
        return created;
    }

    /// <summary>
    /// Skip TLS certificate verification. Off by default; for tests only. A session created with it logs a Warning (as
    /// python's stack does), since anyone on the path can then read the password and tokens.
    /// </summary>
    public bool Insecure { get; set; }

    /// <summary>A PEM bundle of CA certificates to trust.</summary>
    public string? CaCertFile { get; set; }

    /// <summary>A PEM client certificate.</summary>
    public string? ClientCertFile { get; set; }

    /// <summary>The PEM key of <see cref="ClientCertFile"/>.</summary>
    public string? ClientKeyFile { get; set; }

    /// <summary>
    /// The largest answer body read, in bytes (default 64 MB; 0 turns the limit off). A success announcing more is refused
    /// unread; any body is read only up to the limit; past it the call fails with <see cref="ResponseTooLargeException"/>
    /// naming the limit, the status and the size seen. Error bodies are besides kept only up to
    /// <see cref="Http.OpenStackClientBase.MaxErrorBodyBytes"/>. Keystone's answers are bounded by it too. A client's own
    /// <see cref="OpenStackServiceClientOptions.MaxResponseBytes"/>, when set, applies to that client's answers instead.
    /// </summary>
    public long MaxResponseBytes { get; set; } = DefaultMaxResponseBytes;

    /// <summary>The default of <see cref="MaxResponseBytes"/>: 64 MB.</summary>
    public const long DefaultMaxResponseBytes = ResponseLimit.DefaultMaxResponseBytes;

    /// <summary>
    /// The most connections opened to one endpoint (host and port) at once, per session (default
    /// <see cref="DefaultMaxConnectionsPerServer"/>; further concurrent calls wait for a free connection). <c>null</c> or 0
    /// leaves it unbounded. Read when the session's connection pool is created.
    /// </summary>
    public int? MaxConnectionsPerServer { get; set; } = DefaultMaxConnectionsPerServer;

    /// <summary>The default of <see cref="MaxConnectionsPerServer"/>, chosen by measurement (see docs/faults.md).</summary>
    public const int DefaultMaxConnectionsPerServer = 64;

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

    /// <summary>A shallow copy (the interface list and the <see cref="ServiceOverrides"/> entries are copied).</summary>
    public OpenStackClientOptions Clone()
    {
        var copy = (OpenStackClientOptions)MemberwiseClone();
        copy.Interfaces = new List<string>(Interfaces);
        copy.ServiceOverrides = new Dictionary<string, ServiceOverrides>(StringComparer.OrdinalIgnoreCase);
        foreach (var (type, value) in ServiceOverrides ?? new Dictionary<string, ServiceOverrides>())
        {
            if (value is not null)
            {
                copy.ServiceOverrides[type] = value.Clone();
            }
        }
        return copy;
    }

    /// <inheritdoc />
    public override string ToString() =>
        $"OpenStackClientOptions {{ AuthUrl = {AuthUrl}, User = {Username ?? UserId}, Project = {ProjectName ?? ProjectId}, " +
        (SystemScope is null ? "" : $"SystemScope = {SystemScope}, ") +
        $"Endpoint = {Endpoint}, Region = {RegionName}, Interfaces = [{string.Join(", ", Interfaces)}], " +
        (ServiceOverrides is { Count: > 0 } so ? $"ServiceOverrides = [{string.Join(", ", so.Select(p => $"{p.Key}: {p.Value}"))}], " : "") +
        $"Password = {(Password is null ? "null" : "***")}, Token = {(Token is null ? "null" : "***")}, " +
        $"ApplicationCredential = {ApplicationCredentialId ?? ApplicationCredentialName}, " +
        $"ApplicationCredentialSecret = {(ApplicationCredentialSecret is null ? "null" : "***")} }}";
}
