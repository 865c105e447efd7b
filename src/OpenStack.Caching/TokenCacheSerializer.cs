using System.Globalization;
using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace OpenStack.Caching;

/// <summary>A <see cref="KeystoneToken"/> as JSON bytes (before protection), the catalog in Keystone's own v3 shape.</summary>
internal static class TokenCacheSerializer
{
    public static byte[] Serialize(KeystoneToken token)
    {
        var json = new JObject
        {
            ["value"] = token.Value,
            ["expires_at"] = token.ExpiresAt?.ToString("O", CultureInfo.InvariantCulture),
            ["issued_at"] = token.IssuedAt?.ToString("O", CultureInfo.InvariantCulture),
            ["user_id"] = token.UserId,
            ["user_name"] = token.UserName,
            ["project_id"] = token.ProjectId,
            ["project_name"] = token.ProjectName,
            ["domain_id"] = token.DomainId,
            ["domain_name"] = token.DomainName,
            ["system"] = token.SystemScope,
            ["roles"] = new JArray(token.Roles),
            ["methods"] = new JArray(token.Methods),
            ["application_credential_id"] = token.ApplicationCredentialId,
            ["catalog"] = new JArray(token.Catalog.Services.Select(s => new JObject
            {
                ["type"] = s.Type,
                ["name"] = s.Name,
                ["id"] = s.Id,
                ["endpoints"] = new JArray(s.Endpoints.Select(e => new JObject
                {
                    ["interface"] = e.Interface,
                    ["region"] = e.Region,
                    ["region_id"] = e.RegionId,
                    ["url"] = e.Url,
                    ["id"] = e.Id,
                })),
            })),
        };
        return Encoding.UTF8.GetBytes(json.ToString(Formatting.None));
    }

    /// <exception cref="JsonException">Not a serialized token.</exception>
    /// <exception cref="FormatException">A date that is not one.</exception>
    public static KeystoneToken Deserialize(byte[] bytes)
    {
        using var reader = new JsonTextReader(new StringReader(Encoding.UTF8.GetString(bytes))) { DateParseHandling = DateParseHandling.None };
        var j = JObject.Load(reader);
        var value = (string?)j["value"];
        if (string.IsNullOrEmpty(value))
        {
            throw new JsonSerializationException("A cached token without a value.");
        }
        return new KeystoneToken(value, Date(j["expires_at"]), Catalog(j["catalog"] as JArray))
        {
            IssuedAt = Date(j["issued_at"]),
            UserId = (string?)j["user_id"],
            UserName = (string?)j["user_name"],
            ProjectId = (string?)j["project_id"],
            ProjectName = (string?)j["project_name"],
            DomainId = (string?)j["domain_id"],
            DomainName = (string?)j["domain_name"],
            SystemScope = (string?)j["system"],
            Roles = (j["roles"] as JArray ?? []).Select(r => (string?)r).OfType<string>().ToList(),
            Methods = (j["methods"] as JArray ?? []).Select(r => (string?)r).OfType<string>().ToList(),
            ApplicationCredentialId = (string?)j["application_credential_id"],
        };
    }

    private static ServiceCatalog Catalog(JArray? services) => new((services ?? []).OfType<JObject>().Select(s => new CatalogService(
        (string?)s["type"] ?? throw new JsonSerializationException("A cached catalog service without a type."),
        (string?)s["name"],
        (string?)s["id"],
        (s["endpoints"] as JArray ?? []).OfType<JObject>().Select(e => new CatalogEndpoint(
            (string?)e["interface"] ?? throw new JsonSerializationException("A cached catalog endpoint without an interface."),
            (string?)e["region"],
            (string?)e["region_id"],
            (string?)e["url"] ?? throw new JsonSerializationException("A cached catalog endpoint without a URL."),
            (string?)e["id"])).ToList())).ToList());

    private static DateTimeOffset? Date(JToken? token) =>
        (string?)token is { } s ? DateTimeOffset.Parse(s, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind) : null;
}
