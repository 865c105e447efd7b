using System.Collections;
using System.Globalization;
using System.Text;

namespace OpenStack.Configuration;

/// <summary>
/// The one mapping from keystoneauth/openstacksdk setting names (<c>os_username</c>, <c>username</c>,
/// <c>OS_USERNAME</c>, <c>Username</c>, <c>user-name</c> ...) onto <see cref="OpenStackClientOptions"/>,
/// shared by keyword arguments, environment variables, clouds.yaml and IConfiguration.
/// </summary>
internal static class OptionNames
{
    /// <summary>Canonical names (keystoneauth spelling) of every setting.</summary>
    public static readonly IReadOnlyList<string> Canonical =
    [
        "auth_url", "auth_type", "username", "user_id", "password", "user_domain_name", "user_domain_id",
        "project_name", "project_id", "project_domain_name", "project_domain_id", "domain_name", "domain_id", "system_scope",
        "token", "application_credential_id", "application_credential_name", "application_credential_secret",
        "endpoint", "region_name", "interface", "service_type", "service_name",
        "insecure", "verify", "cacert", "cert", "key", "timeout", "session",
    ];

    private static readonly Dictionary<string, string> Aliases = new(StringComparer.Ordinal)
    {
        ["tenant_name"] = "project_name",
        ["tenant_id"] = "project_id",
        ["auth_token"] = "token",
        ["endpoint_type"] = "interface",
        ["interfaces"] = "interface",
        ["endpoint_override"] = "endpoint",
        ["api_timeout"] = "timeout",
        ["ca_cert_file"] = "cacert",
        ["ca_cert"] = "cacert",
        ["client_cert_file"] = "cert",
        ["client_key_file"] = "key",
        ["auth_plugin"] = "auth_type",
    };

    /// <summary>Names whose values are secrets: never echoed.</summary>
    public static readonly IReadOnlySet<string> Secrets =
        new HashSet<string>(StringComparer.Ordinal) { "password", "token", "application_credential_secret" };

    private static readonly HashSet<string> CanonicalSet = new(Canonical, StringComparer.Ordinal);

    /// <summary>The canonical name for <paramref name="name"/>, or null when it is not a known setting.</summary>
    public static string? Normalize(string name)
    {
        var snake = ToSnake(name);
        if (Resolve(snake) is { } direct)
        {
            return direct;
        }
        var bare = snake.StartsWith("os_", StringComparison.Ordinal) ? snake[3..] : snake;
        if (!ReferenceEquals(bare, snake) && Resolve(bare) is { } prefixed)
        {
            return prefixed;
        }
        return TryParseServiceSetting(bare, out _, out _) ? bare : null;
    }

    /// <summary>The per-service settings, as suffixes of <c>&lt;service_type&gt;_</c> (openstacksdk).</summary>
    public static readonly IReadOnlyList<string> ServiceSettingSuffixes = ["endpoint_override", "interface", "region_name"];

    /// <summary>How the per-service names are listed in messages.</summary>
    public static readonly string ServiceSettingNames =
        string.Join(", ", ServiceSettingSuffixes.Select(x => "<service_type>_" + x)) + " (service type with '-' as '_', e.g. infra_optim_endpoint_override)";

    /// <summary>
    /// Whether <paramref name="snake"/> is <c>&lt;service_type&gt;_endpoint_override</c>, <c>_interface</c> or
    /// <c>_region_name</c>; <paramref name="serviceType"/> gets the type with <c>-</c> (<c>infra_optim</c> → <c>infra-optim</c>).
    /// </summary>
    public static bool TryParseServiceSetting(string snake, out string serviceType, out string setting)
    {
        foreach (var suffix in ServiceSettingSuffixes)
        {
            if (snake.Length > suffix.Length + 1 && snake.EndsWith("_" + suffix, StringComparison.Ordinal))
            {
                var type = snake[..^(suffix.Length + 1)];
                if (type.Length > 0 && type.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_')
                    && char.IsAsciiLetterLower(type[0]) && type != "os" && !CanonicalSet.Contains(type) && !Aliases.ContainsKey(type))
                {
                    serviceType = ServiceOverrides.NormalizeServiceType(type);
                    setting = suffix;
                    return true;
                }
            }
        }
        serviceType = "";
        setting = "";
        return false;
    }

    private static string? Resolve(string snake) =>
        CanonicalSet.Contains(snake) ? snake : Aliases.GetValueOrDefault(snake);

    // "AuthUrl" -> "auth_url", "OS_AUTH_URL" -> "os_auth_url", "user-domain-name" -> "user_domain_name".
    internal static string ToSnake(string name)
    {
        var sb = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (c == '-' || c == ' ' || c == '.')
            {
                sb.Append('_');
            }
            else if (char.IsUpper(c))
            {
                var prevLower = i > 0 && (char.IsLower(name[i - 1]) || char.IsDigit(name[i - 1]));
                var nextLower = i + 1 < name.Length && char.IsLower(name[i + 1]) && i > 0 && char.IsUpper(name[i - 1]);
                if ((prevLower || nextLower) && sb.Length > 0 && sb[^1] != '_')
                {
                    sb.Append('_');
                }
                sb.Append(char.ToLowerInvariant(c));
            }
            else
            {
                sb.Append(c);
            }
        }
        return sb.ToString();
    }

    /// <summary>
    /// Sets the option named <paramref name="canonical"/> from <paramref name="value"/> (null is ignored).
    /// Throws <see cref="ArgumentException"/> naming <paramref name="sourceName"/> (never the value) when the type is wrong.
    /// </summary>
    public static void Apply(OpenStackClientOptions options, string canonical, object? value, string sourceName)
    {
        if (value is null)
        {
            return;
        }
        switch (canonical)
        {
            case "auth_url": options.AuthUrl = Str(value, sourceName); break;
            case "auth_type": options.AuthType = Str(value, sourceName); break;
            case "username": options.Username = Str(value, sourceName); break;
            case "user_id": options.UserId = Str(value, sourceName); break;
            case "password": options.Password = Str(value, sourceName); break;
            case "user_domain_name": options.UserDomainName = Str(value, sourceName); break;
            case "user_domain_id": options.UserDomainId = Str(value, sourceName); break;
            case "project_name": options.ProjectName = Str(value, sourceName); break;
            case "project_id": options.ProjectId = Str(value, sourceName); break;
            case "project_domain_name": options.ProjectDomainName = Str(value, sourceName); break;
            case "project_domain_id": options.ProjectDomainId = Str(value, sourceName); break;
            case "domain_name": options.DomainName = Str(value, sourceName); break;
            case "domain_id": options.DomainId = Str(value, sourceName); break;
            case "system_scope": options.SystemScope = Str(value, sourceName); break;
            case "token": options.Token = Str(value, sourceName); break;
            case "application_credential_id": options.ApplicationCredentialId = Str(value, sourceName); break;
            case "application_credential_name": options.ApplicationCredentialName = Str(value, sourceName); break;
            case "application_credential_secret": options.ApplicationCredentialSecret = Str(value, sourceName); break;
            case "endpoint": options.Endpoint = Str(value, sourceName); break;
            case "region_name": options.RegionName = Str(value, sourceName); break;
            case "interface": options.Interfaces = Interfaces(value, sourceName); break;
            case "service_type": options.ServiceType = Str(value, sourceName); break;
            case "service_name": options.ServiceName = Str(value, sourceName); break;
            case "insecure": options.Insecure = Bool(value, sourceName); break;
            case "verify":
                if (TryBool(value, out var verify))
                {
                    options.Insecure = !verify;
                }
                else if (value is string caPath)
                {
                    options.CaCertFile = caPath; // keystoneauth: verify may be a CA bundle path
                }
                else
                {
                    throw WrongType(sourceName, "a boolean or a CA bundle path", value);
                }
                break;
            case "cacert": options.CaCertFile = Str(value, sourceName); break;
            case "cert": options.ClientCertFile = Str(value, sourceName); break;
            case "key": options.ClientKeyFile = Str(value, sourceName); break;
            case "timeout": options.Timeout = Seconds(value, sourceName); break;
            case "session":
                options.Session = value as KeystoneSession ?? throw WrongType(sourceName, "a KeystoneSession", value);
                break;
            default:
                if (!TryParseServiceSetting(canonical, out var serviceType, out var setting))
                {
                    throw new ArgumentException($"'{sourceName}' is not an OpenStack setting.", sourceName);
                }
                var overrides = options.GetOrAddOverrides(serviceType);
                switch (setting)
                {
                    case "endpoint_override": overrides.Endpoint = Str(value, sourceName); break;
                    case "interface": overrides.Interfaces = Interfaces(value, sourceName); break;
                    default: overrides.RegionName = Str(value, sourceName); break;
                }
                break;
        }
    }

    private static string Str(object value, string name) => value switch
    {
        string s => s,
        Uri u => u.OriginalString,
        _ => throw WrongType(name, "a string", value),
    };

    public static bool TryBool(object value, out bool result)
    {
        switch (value)
        {
            case bool b:
                result = b;
                return true;
            case string s:
                switch (s.Trim().ToLowerInvariant())
                {
                    case "true" or "yes" or "1" or "on" or "y":
                        result = true;
                        return true;
                    case "false" or "no" or "0" or "off" or "n" or "":
                        result = false;
                        return true;
                }
                break;
            case int i and (0 or 1):
                result = i == 1;
                return true;
        }
        result = false;
        return false;
    }

    private static bool Bool(object value, string name) =>
        TryBool(value, out var b) ? b : throw WrongType(name, "a boolean", value);

    private static TimeSpan Seconds(object value, string name)
    {
        double seconds;
        switch (value)
        {
            case TimeSpan ts:
                seconds = ts.TotalSeconds;
                break;
            case int or long or short or float or double or decimal:
                seconds = Convert.ToDouble(value, CultureInfo.InvariantCulture);
                break;
            case string s when double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d):
                seconds = d;
                break;
            case string s when s.Contains(':') && TimeSpan.TryParse(s, CultureInfo.InvariantCulture, out var span):
                seconds = span.TotalSeconds;
                break;
            default:
                throw WrongType(name, "a number of seconds", value);
        }
        if (!(seconds > 0) || double.IsInfinity(seconds))
        {
            throw new ArgumentException($"'{name}' must be a positive number of seconds.", name);
        }
        return TimeSpan.FromSeconds(seconds);
    }

    private static List<string> Interfaces(object value, string name)
    {
        IEnumerable<string> items = value switch
        {
            string s => s.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            IEnumerable e when e is not IDictionary => e.Cast<object?>().Select(o => o as string ?? throw WrongType(name, "a string or a list of strings", value)),
            _ => throw WrongType(name, "a string or a list of strings", value),
        };
        var list = items.Select(ServiceCatalog.NormalizeInterface).ToList();
        if (list.Count == 0)
        {
            throw new ArgumentException($"'{name}' names no interface.", name);
        }
        return list;
    }

    // Names the setting and the type given, never the value.
    private static ArgumentException WrongType(string name, string expected, object value) =>
        new($"'{name}' must be {expected}, not {value.GetType().Name}.", name);
}
