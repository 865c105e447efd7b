using OpenStack.Configuration;

namespace OpenStack;

/// <summary>
/// Maps Python-style keyword arguments (as given to <c>watcherclient.client.get_client(1, **kwargs)</c> or
/// <c>monascaclient.client.Client('2_0', **kwargs)</c>) onto <see cref="OpenStackClientOptions"/>.
/// </summary>
public static class KeywordArguments
{
    /// <summary>
    /// Every accepted name: each keystoneauth name (<c>username</c>, <c>auth_url</c>, <c>interface</c>, ...), its
    /// <c>os_</c>-prefixed form, and the legacy aliases (<c>tenant_name</c>, <c>endpoint_type</c>, <c>auth_token</c>, ...).
    /// The per-service names <c>[os_]&lt;service_type&gt;_endpoint_override</c>, <c>_interface</c> and <c>_region_name</c>
    /// (<see cref="OpenStackClientOptions.ServiceOverrides"/>) are accepted too but not listed.
    /// </summary>
    public static IReadOnlyList<string> AcceptedNames { get; } = BuildAcceptedNames();

    /// <summary>
    /// Builds options from <paramref name="kwargs"/>. Names listed in <paramref name="serviceSpecificNames"/> (for example
    /// <c>watcher_url</c>, <c>os_infra_optim_api_version</c>) are returned untouched in
    /// <paramref name="serviceSpecificValues"/>; null values are ignored (Python's <c>None</c> default).
    /// </summary>
    /// <param name="kwargs">Keyword arguments, for example <c>os_username</c>, <c>os_password</c>, <c>os_auth_url</c>,
    /// <c>os_auth_token</c>, <c>os_endpoint_type</c> (<c>publicURL</c> is accepted), <c>insecure</c>, <c>timeout</c> (seconds),
    /// <c>session</c> (a <see cref="KeystoneSession"/>).</param>
    /// <param name="serviceSpecificNames">Names the calling service client handles itself.</param>
    /// <param name="serviceSpecificValues">The values of the service-specific names that were given.</param>
    /// <exception cref="ArgumentException">An unknown name (the message names it and lists the accepted names), a name given
    /// twice with different values, or a value of the wrong type (the message names the key, never the value).</exception>
    public static OpenStackClientOptions ToOptions(
        IReadOnlyDictionary<string, object?> kwargs,
        IReadOnlyCollection<string> serviceSpecificNames,
        out IReadOnlyDictionary<string, object?> serviceSpecificValues)
    {
        ArgumentNullException.ThrowIfNull(kwargs);
        ArgumentNullException.ThrowIfNull(serviceSpecificNames);
        var options = new OpenStackClientOptions();
        var specific = new Dictionary<string, object?>(StringComparer.Ordinal);
        var seen = new Dictionary<string, (string Name, object Value)>(StringComparer.Ordinal);
        foreach (var (name, value) in kwargs)
        {
            if (serviceSpecificNames.Contains(name))
            {
                specific[name] = value;
                continue;
            }
            var canonical = OptionNames.Normalize(name)
                ?? throw new ArgumentException(
                    $"Unknown keyword argument '{name}'. Accepted: {string.Join(", ", AcceptedNames.Concat(serviceSpecificNames))}, {OptionNames.ServiceSettingNames}.",
                    nameof(kwargs));
            if (value is null)
            {
                continue;
            }
            if (seen.TryGetValue(canonical, out var earlier) && !Equals(earlier.Value, value))
            {
                throw new ArgumentException(
                    $"Keyword arguments '{earlier.Name}' and '{name}' set the same option to different values.", nameof(kwargs));
            }
            seen[canonical] = (name, value);
            OptionNames.Apply(options, canonical, value, name);
        }
        serviceSpecificValues = specific;
        return options;
    }

    private static List<string> BuildAcceptedNames()
    {
        var names = new List<string>();
        foreach (var canonical in OptionNames.Canonical)
        {
            names.Add("os_" + canonical);
            names.Add(canonical);
        }
        names.AddRange(["os_tenant_name", "tenant_name", "os_tenant_id", "tenant_id", "os_auth_token", "auth_token",
            "os_endpoint_type", "endpoint_type", "os_endpoint_override", "endpoint_override"]);
        return names;
    }
}
