using System.Collections;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using OpenStack.Configuration;

namespace OpenStack;

/// <summary>
/// Loads cloud settings the way openstacksdk's <c>OpenStackConfig</c> does. The first existing file among
/// <c>$OS_CLIENT_CONFIG_FILE</c>, then <c>clouds.yaml</c>/<c>clouds.yml</c>/<c>clouds.json</c> in the current directory,
/// the user config directory (<c>$XDG_CONFIG_HOME/openstack</c>, default <c>~/.config/openstack</c>) and
/// <c>/etc/openstack</c> is read, and <c>secure.yaml</c> (<c>$OS_CLIENT_SECURE_FILE</c> first, same directories) is merged
/// on top of it. <c>OS_*</c> environment variables form one more cloud named <c>envvars</c> (or <c>$OS_CLOUD_NAME</c>).
/// The cloud used is the one named by the caller, else <c>$OS_CLOUD</c>, else <c>envvars</c> when any <c>OS_*</c>
/// variable other than a selector is set, else the only cloud. Explicit arguments override the cloud's settings.
/// </summary>
public sealed class CloudConfigLoader
{
    private static readonly string[] Selectors = ["OS_CLOUD", "OS_REGION_NAME", "OS_CLIENT_CONFIG_FILE", "OS_CLIENT_SECURE_FILE", "OS_CLOUD_NAME"];
    private static readonly string[] Suffixes = [".yaml", ".yml", ".json"];

    /// <summary>A loader that reads the process environment, current directory and home directory.</summary>
    public CloudConfigLoader()
    {
        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry e in Environment.GetEnvironmentVariables())
        {
            if (e.Key is string k && e.Value is string v)
            {
                env[k] = v;
            }
        }
        EnvironmentVariables = env;
        CurrentDirectory = Directory.GetCurrentDirectory();
        HomeDirectory = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
    }

    /// <summary>The environment variables to read (default: the process's).</summary>
    public IReadOnlyDictionary<string, string> EnvironmentVariables { get; init; }

    /// <summary>The current directory, searched first (default: the process's).</summary>
    public string CurrentDirectory { get; init; }

    /// <summary>The home directory (default: the user's profile directory).</summary>
    public string HomeDirectory { get; init; }

    /// <summary>The site directory, searched last (default <c>/etc/openstack</c>).</summary>
    public string SiteDirectory { get; init; } = "/etc/openstack";

    /// <summary>Loads with the process environment and directories.</summary>
    /// <param name="cloudName">The cloud to use; null follows openstacksdk (<c>OS_CLOUD</c>, <c>envvars</c>, the only cloud).</param>
    /// <param name="arguments">Explicit settings (Python-style names, as <see cref="KeywordArguments"/>) overriding the cloud's.</param>
    public static OpenStackClientOptions LoadCloud(string? cloudName = null, IReadOnlyDictionary<string, object?>? arguments = null) =>
        new CloudConfigLoader().Load(cloudName, arguments);

    /// <summary>The paths searched for clouds.yaml, in order.</summary>
    public IReadOnlyList<string> ConfigFileCandidates() => Candidates("clouds", "OS_CLIENT_CONFIG_FILE");

    /// <summary>The paths searched for secure.yaml, in order.</summary>
    public IReadOnlyList<string> SecureFileCandidates() => Candidates("secure", "OS_CLIENT_SECURE_FILE");

    private List<string> Candidates(string baseName, string overrideVariable)
    {
        var list = new List<string>();
        if (Env(overrideVariable) is { } explicitFile)
        {
            list.Add(explicitFile);
        }
        var xdg = Env("XDG_CONFIG_HOME");
        var userDir = Path.Combine(string.IsNullOrEmpty(xdg) ? Path.Combine(HomeDirectory, ".config") : xdg, "openstack");
        foreach (var dir in new[] { CurrentDirectory, userDir, SiteDirectory })
        {
            list.AddRange(Suffixes.Select(s => Path.Combine(dir, baseName + s)));
        }
        return list;
    }

    private string? Env(string name) => EnvironmentVariables.TryGetValue(name, out var v) && !string.IsNullOrEmpty(v) ? v : null;

    /// <summary>The clouds that can be selected: those of the config file (with secure.yaml merged) and <c>envvars</c>.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, object?>> LoadClouds() => ReadClouds(out _);

    private Dictionary<string, IReadOnlyDictionary<string, object?>> ReadClouds(out string? configFile)
    {
        configFile = ConfigFileCandidates().FirstOrDefault(File.Exists);
        var secureFile = SecureFileCandidates().FirstOrDefault(File.Exists);
        var config = configFile is null ? new Dictionary<string, object?>() : ReadFile(configFile);
        if (secureFile is not null)
        {
            config = Merge(config, ReadFile(secureFile));
        }
        var clouds = new Dictionary<string, IReadOnlyDictionary<string, object?>>(StringComparer.Ordinal);
        if (config.TryGetValue("clouds", out var c) && c is Dictionary<string, object?> cloudMap)
        {
            foreach (var (name, value) in cloudMap)
            {
                clouds[name] = value as Dictionary<string, object?> ?? new Dictionary<string, object?>();
            }
        }
        if (EnvCloud() is { } envCloud)
        {
            clouds[Env("OS_CLOUD_NAME") ?? "envvars"] = envCloud;
        }
        return clouds;
    }

    /// <summary>
    /// The options of the selected cloud, overridden by <paramref name="arguments"/>.
    /// </summary>
    /// <param name="cloudName">The cloud to use; null follows openstacksdk (<c>OS_CLOUD</c>, <c>envvars</c>, the only cloud).</param>
    /// <param name="arguments">Explicit settings (Python-style names, as <see cref="KeywordArguments"/>) overriding the cloud's.</param>
    /// <exception cref="ArgumentException">The named cloud does not exist (the message lists those that do), or an argument is unknown.</exception>
    /// <exception cref="FormatException">A config file is not valid (the message names the file and line).</exception>
    public OpenStackClientOptions Load(string? cloudName = null, IReadOnlyDictionary<string, object?>? arguments = null)
    {
        var clouds = ReadClouds(out var configFile);
        var envCloudName = Env("OS_CLOUD_NAME") ?? "envvars";
        var name = cloudName ?? Env("OS_CLOUD") ?? (clouds.ContainsKey(envCloudName) ? envCloudName : null)
            ?? (clouds.Count == 1 ? clouds.Keys.First() : null);
        var options = new OpenStackClientOptions();
        if (name is not null)
        {
            if (!clouds.TryGetValue(name, out var cloud))
            {
                throw new ArgumentException(
                    $"Cloud '{name}' is not defined in {configFile ?? "any clouds.yaml (searched: " + string.Join(", ", ConfigFileCandidates()) + ")"}" +
                    $"; clouds: {(clouds.Count == 0 ? "none" : string.Join(", ", clouds.Keys))}.", nameof(cloudName));
            }
            ApplyCloud(options, cloud, name);
        }
        if (arguments is not null)
        {
            foreach (var (key, value) in arguments)
            {
                var canonical = OptionNames.Normalize(key) ?? throw new ArgumentException(
                    $"Unknown setting '{key}'. Accepted: {string.Join(", ", KeywordArguments.AcceptedNames)}, {OptionNames.ServiceSettingNames}.", nameof(arguments));
                OptionNames.Apply(options, canonical, value, key);
            }
        }
        return options;
    }

    /// <summary>Applies one cloud's settings (top level and <c>auth:</c>); unknown keys are ignored as openstacksdk keeps them.</summary>
    internal static void ApplyCloud(OpenStackClientOptions options, IReadOnlyDictionary<string, object?> cloud, string cloudName)
    {
        if (cloud.TryGetValue("regions", out var regions) && regions is IList list && list.Count > 0 && !cloud.ContainsKey("region_name"))
        {
            var first = list[0] is IDictionary<string, object?> r ? r.TryGetValue("name", out var n) ? n : null : list[0];
            OptionNames.Apply(options, "region_name", first, $"clouds.{cloudName}.regions");
        }
        foreach (var (key, value) in cloud)
        {
            if (key == "auth" && value is IReadOnlyDictionary<string, object?> auth)
            {
                foreach (var (authKey, authValue) in auth)
                {
                    ApplyKnown(options, authKey, authValue, $"clouds.{cloudName}.auth.{authKey}");
                }
            }
            else if (value is not IDictionary)
            {
                ApplyKnown(options, key, value, $"clouds.{cloudName}.{key}");
            }
        }
    }

    private static void ApplyKnown(OpenStackClientOptions options, string key, object? value, string path)
    {
        // An unquoted number (project_id: 1234, api_timeout: 30) is the text python's str() gives it.
        value = value switch
        {
            long l => l.ToString(System.Globalization.CultureInfo.InvariantCulture),
            double d => d.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
            _ => value,
        };
        if (OptionNames.Normalize(key) is { } canonical && canonical != "session" && value is string or bool or IList)
        {
            OptionNames.Apply(options, canonical, value, path);
        }
    }

    private Dictionary<string, object?>? EnvCloud()
    {
        var keys = EnvironmentVariables.Keys.Where(k => k.StartsWith("OS_", StringComparison.Ordinal)
            && !k.StartsWith("OS_TEST", StringComparison.Ordinal) && !k.StartsWith("OS_STD", StringComparison.Ordinal)
            && !k.StartsWith("OS_LOG", StringComparison.Ordinal)).ToList();
        if (!keys.Except(Selectors).Any())
        {
            return null;
        }
        var cloud = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var k in keys)
        {
            cloud[k[3..].ToLowerInvariant()] = EnvironmentVariables[k];
        }
        return cloud;
    }

    private static Dictionary<string, object?> ReadFile(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new FormatException($"{path} could not be read: {e.Message}", e);
        }
        try
        {
            var parsed = path.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? FromJson(JToken.Parse(text)) : YamlReader.Parse(text);
            return parsed as Dictionary<string, object?> ?? throw new FormatException("the document is not a mapping");
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            // The parsers never put the offending text into their messages (it may hold a password).
            throw new FormatException($"{path}: {(e is JsonException ? "invalid JSON" : e.Message)}", e is FormatException ? null : e);
        }
    }

    private static object? FromJson(JToken token) => token switch
    {
        JObject o => o.Properties().ToDictionary(p => p.Name, p => FromJson(p.Value), StringComparer.Ordinal),
        JArray a => a.Select(FromJson).ToList(),
        JValue { Type: JTokenType.Null } => null,
        JValue { Type: JTokenType.Boolean } v => (bool)v,
        JValue { Type: JTokenType.Integer } v => v.Value is long l ? l : Convert.ToString(v.Value, System.Globalization.CultureInfo.InvariantCulture),
        JValue { Type: JTokenType.Float } v => (double)v,
        JValue v => Convert.ToString(v.Value, System.Globalization.CultureInfo.InvariantCulture),
        _ => token.ToString(),
    };

    internal static Dictionary<string, object?> Merge(Dictionary<string, object?> baseMap, Dictionary<string, object?> overlay)
    {
        var result = new Dictionary<string, object?>(baseMap, StringComparer.Ordinal);
        foreach (var (key, value) in overlay)
        {
            result[key] = result.TryGetValue(key, out var existing) && existing is Dictionary<string, object?> a && value is Dictionary<string, object?> b
                ? Merge(a, b)
                : value;
        }
        return result;
    }
}
