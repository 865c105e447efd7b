using Newtonsoft.Json.Linq;

namespace OpenStack;

/// <summary>One endpoint of a catalog service.</summary>
/// <param name="Interface">The interface, normalised (<c>public</c>, <c>internal</c> or <c>admin</c>).</param>
/// <param name="Region">The region name (<c>region</c>).</param>
/// <param name="RegionId">The region id (<c>region_id</c>).</param>
/// <param name="Url">The endpoint URL exactly as the catalog gives it.</param>
/// <param name="Id">The endpoint id.</param>
public sealed record CatalogEndpoint(string Interface, string? Region, string? RegionId, string Url, string? Id);

/// <summary>One service of the catalog.</summary>
/// <param name="Type">The service type, for example <c>monitoring</c>.</param>
/// <param name="Name">The service name, for example <c>monasca</c>.</param>
/// <param name="Id">The service id.</param>
/// <param name="Endpoints">The service's endpoints.</param>
public sealed record CatalogService(string Type, string? Name, string? Id, IReadOnlyList<CatalogEndpoint> Endpoints);

/// <summary>The service catalog of a Keystone v3 token, and endpoint selection as keystoneauth1 does it.</summary>
public sealed class ServiceCatalog
{
    /// <summary>An empty catalog (unscoped tokens, pre-issued tokens).</summary>
    public static ServiceCatalog Empty { get; } = new([]);

    /// <summary>Creates a catalog from its services.</summary>
    public ServiceCatalog(IReadOnlyList<CatalogService> services)
    {
        ArgumentNullException.ThrowIfNull(services);
        Services = services;
    }

    /// <summary>The services, in catalog order.</summary>
    public IReadOnlyList<CatalogService> Services { get; }

    /// <summary>
    /// <c>public</c> for <c>publicURL</c>, <c>internal</c> for <c>internalURL</c>, <c>admin</c> for <c>adminURL</c>
    /// (keystone v2 names); other values are lower-cased.
    /// </summary>
    public static string NormalizeInterface(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var v = value.Trim().ToLowerInvariant();
        return v.EndsWith("url", StringComparison.Ordinal) ? v[..^3] : v;
    }

    /// <summary>
    /// The URL of the first endpoint of <paramref name="serviceType"/> that matches the region (by <c>region_id</c> or
    /// <c>region</c>; any region when null) and the service name (any when null), trying the interfaces in order.
    /// </summary>
    /// <exception cref="EndpointNotFoundException">Nothing matches; the message names what was asked for and what the catalog has.</exception>
    public Uri GetEndpoint(string serviceType, IEnumerable<string>? interfaces = null, string? regionName = null, string? serviceName = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(serviceType);
        var wanted = (interfaces ?? ["public"]).Select(NormalizeInterface).ToList();
        if (wanted.Count == 0)
        {
            wanted.Add("public");
        }
        var candidates = Services
            .Where(s => string.Equals(s.Type, serviceType, StringComparison.OrdinalIgnoreCase))
            .Where(s => serviceName is null || string.Equals(s.Name, serviceName, StringComparison.Ordinal))
            .ToList();
        foreach (var iface in wanted)
        {
            foreach (var service in candidates)
            {
                foreach (var ep in service.Endpoints)
                {
                    if (ep.Interface == iface
                        && (string.IsNullOrEmpty(regionName) || ep.RegionId == regionName || ep.Region == regionName)
                        && Uri.TryCreate(ep.Url, UriKind.Absolute, out var uri))
                    {
                        return uri;
                    }
                }
            }
        }
        throw new EndpointNotFoundException(serviceType, wanted, regionName, serviceName, Describe());
    }

    /// <summary>A one-line summary: <c>type (name): interface region url; ...</c>.</summary>
    public string Describe()
    {
        if (Services.Count == 0)
        {
            return "an empty catalog";
        }
        return string.Join("; ", Services.Select(s =>
            $"{s.Type}{(s.Name is null ? "" : $" ({s.Name})")}: " +
            (s.Endpoints.Count == 0 ? "no endpoints" : string.Join(", ", s.Endpoints.Select(e => $"{e.Interface} {e.RegionId ?? e.Region ?? "(no region)"} {e.Url}")))));
    }

    /// <inheritdoc />
    public override string ToString() => $"ServiceCatalog {{ {Describe()} }}";

    /// <summary>Parses a v3 <c>catalog</c> array (a missing catalog is empty).</summary>
    internal static ServiceCatalog Parse(JToken? catalog)
    {
        if (catalog is not JArray array)
        {
            return Empty;
        }
        var services = new List<CatalogService>();
        foreach (var s in array.OfType<JObject>())
        {
            var type = (string?)s["type"];
            if (type is null)
            {
                continue;
            }
            var endpoints = new List<CatalogEndpoint>();
            foreach (var e in (s["endpoints"] as JArray ?? []).OfType<JObject>())
            {
                var url = (string?)e["url"];
                var iface = (string?)e["interface"];
                if (url is null || iface is null)
                {
                    continue;
                }
                endpoints.Add(new CatalogEndpoint(NormalizeInterface(iface), (string?)e["region"], (string?)e["region_id"], url, (string?)e["id"]));
            }
            services.Add(new CatalogService(type, (string?)s["name"], (string?)s["id"], endpoints));
        }
        return new ServiceCatalog(services);
    }
}
