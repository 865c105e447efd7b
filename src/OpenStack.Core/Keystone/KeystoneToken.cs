namespace OpenStack;

/// <summary>
/// A Keystone token and what Keystone said about it (keystoneauth's <c>AccessInfo</c>). <see cref="ToString"/> shows
/// the token only as <c>{SHA256}&lt;hex&gt;</c>.
/// </summary>
public sealed class KeystoneToken
{
    /// <summary>Creates a token.</summary>
    /// <param name="value">The token (<c>X-Subject-Token</c>).</param>
    /// <param name="expiresAt">When it expires; null when unknown (a pre-issued token).</param>
    /// <param name="catalog">Its service catalog.</param>
    public KeystoneToken(string value, DateTimeOffset? expiresAt, ServiceCatalog? catalog = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(value);
        Value = value;
        ExpiresAt = expiresAt;
        Catalog = catalog ?? ServiceCatalog.Empty;
    }

    /// <summary>The token, to send as <c>X-Auth-Token</c>. A secret.</summary>
    public string Value { get; }

    /// <summary>When the token expires; null when unknown.</summary>
    public DateTimeOffset? ExpiresAt { get; }

    /// <summary>When the token was issued.</summary>
    public DateTimeOffset? IssuedAt { get; init; }

    /// <summary>The service catalog (empty for unscoped or pre-issued tokens).</summary>
    public ServiceCatalog Catalog { get; }

    /// <summary>User id.</summary>
    public string? UserId { get; init; }

    /// <summary>User name.</summary>
    public string? UserName { get; init; }

    /// <summary>Project id, when project-scoped.</summary>
    public string? ProjectId { get; init; }

    /// <summary>Project name, when project-scoped.</summary>
    public string? ProjectName { get; init; }

    /// <summary>Domain id, when domain-scoped.</summary>
    public string? DomainId { get; init; }

    /// <summary>Domain name, when domain-scoped.</summary>
    public string? DomainName { get; init; }

    /// <summary>The system scope (<c>all</c>) when the token is system-scoped (<c>"system": {"all": true}</c>), else null.</summary>
    public string? SystemScope { get; init; }

    /// <summary>Role names.</summary>
    public IReadOnlyList<string> Roles { get; init; } = [];

    /// <summary>Authentication methods (<c>password</c>, <c>token</c>, <c>application_credential</c>).</summary>
    public IReadOnlyList<string> Methods { get; init; } = [];

    /// <summary>The application credential the token was issued for, if any.</summary>
    public string? ApplicationCredentialId { get; init; }

    /// <summary>Whether the token has less than <paramref name="margin"/> left at <paramref name="now"/> (never, without an expiry).</summary>
    public bool WillExpireSoon(DateTimeOffset now, TimeSpan margin) => ExpiresAt is { } e && e - now < margin;

    /// <summary>The token's value as <c>{SHA256}&lt;hex&gt;</c>, to correlate in logs without revealing it.</summary>
    public string Fingerprint => Redaction.Fingerprint(Value);

    /// <inheritdoc />
    public override string ToString() =>
        $"KeystoneToken {{ Token = {Fingerprint}, ExpiresAt = {ExpiresAt:O}, User = {UserName ?? UserId}, " +
        $"Project = {ProjectName ?? ProjectId}, Domain = {DomainName ?? DomainId}, " +
        (SystemScope is null ? "" : $"System = {SystemScope}, ") + $"Roles = [{string.Join(", ", Roles)}] }}";
}
