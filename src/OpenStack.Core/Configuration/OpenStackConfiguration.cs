using Microsoft.Extensions.Configuration;
using OpenStack.Configuration;

namespace OpenStack;

/// <summary>Builds <see cref="OpenStackClientOptions"/> from an <see cref="IConfiguration"/> section.</summary>
public static class OpenStackConfiguration
{
    /// <summary>
    /// Reads a section such as <c>"OpenStack": { "AuthUrl": ..., "Username": ..., "Interfaces": ["internal"] }</c>.
    /// Keys may be the option property names (<c>AuthUrl</c>, <c>UserDomainName</c>) or the Python-style names
    /// (<c>auth_url</c>, <c>os_user_domain_name</c>, <c>endpoint_type</c>); an <c>auth</c> subsection is read like the
    /// <c>auth:</c> block of clouds.yaml. A <c>Cloud</c> key loads that cloud from clouds.yaml first (the section's own
    /// keys override it). Per-service settings are flat keys as in clouds.yaml: <c>infra_optim_endpoint_override</c>,
    /// <c>monitoring_interface</c> (a string or a list), <c>monitoring_region_name</c> (see
    /// <see cref="OpenStackClientOptions.ServiceOverrides"/>). Other subsections are ignored (they belong to the service clients).
    /// </summary>
    /// <param name="section">The configuration section.</param>
    /// <param name="cloudLoader">The loader for a <c>Cloud</c> key (default: the process environment and directories).</param>
    /// <exception cref="ArgumentException">An unknown key (the message names it) or a value of the wrong type.</exception>
    public static OpenStackClientOptions FromConfiguration(IConfiguration section, CloudConfigLoader? cloudLoader = null)
    {
        ArgumentNullException.ThrowIfNull(section);
        var values = new List<(string Path, string Canonical, object? Value)>();
        string? cloud = null;
        foreach (var child in section.GetChildren())
        {
            var children = child.GetChildren().ToList();
            var path = child.Path;
            if (string.Equals(child.Key, "cloud", StringComparison.OrdinalIgnoreCase) || string.Equals(child.Key, "os_cloud", StringComparison.OrdinalIgnoreCase))
            {
                cloud = child.Value;
                continue;
            }
            if (children.Count == 0)
            {
                if (child.Value is null)
                {
                    continue;
                }
                var canonical = OptionNames.Normalize(child.Key) is { } c && c != "session"
                    ? c
                    : throw new ArgumentException($"Unknown OpenStack setting '{path}'. Accepted: {string.Join(", ", OptionNames.Canonical.Where(n => n != "session"))} " +
                        $"and {OptionNames.ServiceSettingNames} (also as property names such as AuthUrl, or with an os_ prefix).", nameof(section));
                values.Add((path, canonical, child.Value));
            }
            else if (string.Equals(child.Key, "auth", StringComparison.OrdinalIgnoreCase))
            {
                foreach (var a in children.Where(a => a.Value is not null))
                {
                    var canonical = OptionNames.Normalize(a.Key) ?? throw new ArgumentException($"Unknown OpenStack setting '{a.Path}'.", nameof(section));
                    values.Add((a.Path, canonical, a.Value));
                }
            }
            else if (OptionNames.Normalize(child.Key) is { } list && (list == "interface" || list.EndsWith("_interface", StringComparison.Ordinal)))
            {
                values.Add((path, list, children.Select(i => i.Value).OfType<string>().ToList()));
            }
        }
        var options = cloud is null ? new OpenStackClientOptions() : (cloudLoader ?? new CloudConfigLoader()).Load(cloud);
        foreach (var (path, canonical, value) in values)
        {
            OptionNames.Apply(options, canonical, value, path);
        }
        return options;
    }
}
