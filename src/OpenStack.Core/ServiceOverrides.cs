namespace OpenStack;

/// <summary>
/// Settings for one service type that take precedence over the global ones of <see cref="OpenStackClientOptions"/>
/// when a client for that service is created, like openstacksdk's <c>&lt;service_type&gt;_endpoint_override</c>,
/// <c>&lt;service_type&gt;_interface</c> and <c>&lt;service_type&gt;_region_name</c> (<c>infra_optim_endpoint_override</c>,
/// <c>OS_MONITORING_INTERFACE</c>, ...). A null value keeps the global setting.
/// </summary>
public sealed class ServiceOverrides
{
    /// <summary>The service's endpoint (<c>&lt;service_type&gt;_endpoint_override</c>); when set, the catalog is not consulted for it.</summary>
    public string? Endpoint { get; set; }

    /// <summary>Interfaces to try for the service, in order (<c>&lt;service_type&gt;_interface</c>).</summary>
    public IList<string>? Interfaces { get; set; }

    /// <summary>Region of the service's endpoint (<c>&lt;service_type&gt;_region_name</c>).</summary>
    public string? RegionName { get; set; }

    /// <summary>A copy (the interface list is copied).</summary>
    public ServiceOverrides Clone() => new()
    {
        Endpoint = Endpoint,
        Interfaces = Interfaces is null ? null : new List<string>(Interfaces),
        RegionName = RegionName,
    };

    /// <summary>The service type as a dictionary key: lower case, <c>_</c> read as <c>-</c> (<c>infra_optim</c> is <c>infra-optim</c>).</summary>
    public static string NormalizeServiceType(string serviceType)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceType.Trim().ToLowerInvariant().Replace('_', '-');
    }

    /// <inheritdoc />
    public override string ToString() =>
        $"ServiceOverrides {{ Endpoint = {Endpoint}, Interfaces = [{string.Join(", ", Interfaces ?? [])}], Region = {RegionName} }}";
}
