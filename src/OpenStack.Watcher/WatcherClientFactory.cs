using System.Globalization;
using OpenStack.Http;

namespace OpenStack.Watcher;

/// <summary>
/// Creates Watcher clients, like python-watcherclient's <c>watcherclient.client.get_client(1, **kwargs)</c>.
/// </summary>
public static class WatcherClientFactory
{
    /// <summary>The catalog type and version segment of Watcher.</summary>
    public static OpenStackService Service { get; } = new("infra-optim", "v1");

    /// <summary>
    /// The Watcher-specific keyword arguments <see cref="GetClient(int, IReadOnlyDictionary{string, object?})"/> accepts
    /// besides the common OpenStack ones (<c>os_username</c>, <c>os_auth_url</c>, <c>os_auth_token</c>, ...).
    /// </summary>
    public static IReadOnlyList<string> WatcherArgumentNames { get; } =
        ["watcher_url", "os_infra_optim_api_version", "max_retries", "retry_interval", "ca_file", "cert_file", "key_file"];

    /// <summary>
    /// Like <c>watcherclient.client.get_client(api_version, **kwargs)</c>. A token with an endpoint
    /// (<c>os_auth_token</c> + <c>watcher_url</c> or <c>os_endpoint_override</c>) calls no Keystone; otherwise Keystone
    /// credentials are needed (<c>os_auth_url</c> with <c>os_username</c>/<c>os_password</c>, or with <c>os_auth_token</c>),
    /// or a shared <c>session</c>. Unlike Python, an unknown or missing argument is an error that names it.
    /// </summary>
    /// <param name="version">
    /// <c>1</c> or <c>"1"</c> or <c>"1.latest"</c>: negotiate the highest microversion both sides support (Python's
    /// <c>get_client(1)</c> silently pins 1.0 instead); <c>"1.N"</c>: pin microversion 1.N. <c>os_infra_optim_api_version</c>,
    /// when given, wins, as in Python.
    /// </param>
    /// <param name="kwargs">Python-style keyword arguments; <c>null</c> values are ignored (Python's <c>None</c>).</param>
    /// <exception cref="ArgumentException">An unsupported version, an unknown argument, a value of the wrong type, or
    /// missing credentials; the message names the argument (never its value).</exception>
    public static IWatcherClient GetClient(int version, IReadOnlyDictionary<string, object?> kwargs)
    {
        var (credentials, options) = ToOptions(version, kwargs);
        return GetClient(credentials, options);
    }

    /// <summary>Python's <c>watcherclient.client.get_client("1.N", **kwargs)</c>: a version as text.</summary>
    /// <param name="version"><c>"1"</c> or <c>"1.latest"</c> negotiate; <c>"1.N"</c> pins microversion 1.N.</param>
    /// <param name="kwargs">Python-style keyword arguments; <c>null</c> values are ignored (Python's <c>None</c>).</param>
    /// <exception cref="ArgumentException">As for <see cref="GetClient(int, IReadOnlyDictionary{string, object?})"/>.</exception>
    public static IWatcherClient GetClient(string version, IReadOnlyDictionary<string, object?> kwargs)
    {
        var (credentials, options) = ToOptions(version, kwargs);
        return GetClient(credentials, options);
    }

    /// <summary>Creates a client from the cloud's credentials and the client's own settings (the typed twin of the keyword-argument overloads).</summary>
    /// <param name="credentials">Credentials, scope, TLS settings and the cloud's endpoint selection (or a
    /// <see cref="OpenStackClientOptions.Session"/>); a pre-issued token needs an endpoint here or in <paramref name="options"/>.</param>
    /// <param name="options">The microversion, endpoint selection, timeout, limits, retries and logging of this client;
    /// <see langword="null"/>: the defaults (negotiated microversion, python-watcherclient's 5 retries 2 s apart).</param>
    /// <exception cref="ArgumentException">Missing or contradictory credentials, or invalid options; the message names them.</exception>
    public static IWatcherClient GetClient(OpenStackClientOptions credentials, WatcherClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        options ??= new WatcherClientOptions();
        RequireCredentials(credentials, options.Endpoint);
        var (http, microversions) = CreatePipeline(credentials, options);
        return new WatcherClient(http, microversions, disposeHttpClient: true);
    }

    /// <summary>The HttpClient of a Watcher client and the microversion handler in it.</summary>
    internal static (HttpClient Http, WatcherMicroversionHandler Microversions) CreatePipeline(OpenStackClientOptions cloud, WatcherClientOptions options)
    {
        options.ThrowIfInvalid(nameof(options)); // before the microversion handler reads ApiVersion
        var microversions = new WatcherMicroversionHandler(options.ApiVersion);
        var http = OpenStackHttpClient.CreateForService(cloud, options, WatcherDiagnostics.Source, typeof(WatcherClient).FullName!, microversions);
        return (http, microversions);
    }

    /// <summary>
    /// The credentials and client settings <see cref="GetClient(int, IReadOnlyDictionary{string, object?})"/> builds from its
    /// arguments (validated the same way, nothing is connected): <c>watcher_url</c> is the client's
    /// <see cref="OpenStackServiceClientOptions.Endpoint"/>, <c>max_retries</c> and <c>retry_interval</c> its
    /// <see cref="OpenStackServiceClientOptions.Retries"/>, <c>os_infra_optim_api_version</c> its
    /// <see cref="WatcherClientOptions.ApiVersion"/>; the rest are the cloud's.
    /// </summary>
    /// <param name="version">As for <see cref="GetClient(int, IReadOnlyDictionary{string, object?})"/>.</param>
    /// <param name="kwargs">Python-style keyword arguments.</param>
    public static (OpenStackClientOptions Credentials, WatcherClientOptions Options) ToOptions(int version, IReadOnlyDictionary<string, object?> kwargs) =>
        ToOptions(VersionArgument(version.ToString(CultureInfo.InvariantCulture)), kwargs);

    /// <summary>The credentials and client settings <see cref="GetClient(string, IReadOnlyDictionary{string, object?})"/> builds (nothing is connected).</summary>
    /// <param name="version">As for <see cref="GetClient(string, IReadOnlyDictionary{string, object?})"/>.</param>
    /// <param name="kwargs">Python-style keyword arguments.</param>
    public static (OpenStackClientOptions Credentials, WatcherClientOptions Options) ToOptions(string version, IReadOnlyDictionary<string, object?> kwargs) =>
        ToOptions(VersionArgument(version), kwargs);

    private static (OpenStackClientOptions, WatcherClientOptions) ToOptions(WatcherApiVersion? apiVersion, IReadOnlyDictionary<string, object?> kwargs)
    {
        ArgumentNullException.ThrowIfNull(kwargs);
        var connection = KeywordArguments.ToOptions(kwargs, WatcherArgumentNames, out var specific);
        var options = new WatcherClientOptions { ApiVersion = apiVersion };
        var retries = options.Retries!;
        foreach (var (name, value) in specific)
        {
            if (value is null)
            {
                continue;
            }
            switch (name)
            {
                case "watcher_url":
                    options.Endpoint = Text(value, name);
                    break;
                case "os_infra_optim_api_version":
                    options.ApiVersion = WatcherMicroversionHandler.ParseSetting(Text(value, name)); // validated, naming the argument
                    break;
                case "max_retries":
                    retries = retries with { MaxRetries = NonNegativeInt(value, name) };
                    break;
                case "retry_interval":
                    retries = retries with { Interval = Seconds(value, name) };
                    break;
                case "ca_file":
                    connection.CaCertFile ??= Text(value, name);
                    break;
                case "cert_file":
                    connection.ClientCertFile ??= Text(value, name);
                    break;
                case "key_file":
                    connection.ClientKeyFile ??= Text(value, name);
                    break;
            }
        }
        options.Retries = retries;
        RequireCredentials(connection, options.Endpoint);
        return (connection, options);
    }

    private static WatcherApiVersion? VersionArgument(string version)
    {
        ArgumentNullException.ThrowIfNull(version);
        const string supported = "1 (or \"1\", \"1.latest\": negotiated) and \"1.0\" to \"1.N\" (pinned)";
        try
        {
            return WatcherMicroversionHandler.ParseSetting(version);
        }
        catch (ArgumentException)
        {
            throw new ArgumentException($"Unsupported Watcher API version '{version}': supported are {supported}.", nameof(version));
        }
    }

    private static void RequireCredentials(OpenStackClientOptions o, string? serviceEndpoint)
    {
        if (o.Session is not null || (o.Token is not null && (o.Endpoint ?? serviceEndpoint) is not null))
        {
            return;
        }
        if (o.AuthUrl is null)
        {
            var missing = o.Token is not null ? "watcher_url (with os_auth_token) or os_auth_url" : "os_auth_url (or os_auth_token with watcher_url)";
            throw new ArgumentException(
                $"Must provide Keystone credentials or a user-defined endpoint and token: missing {missing}.", "kwargs");
        }
        var hasUser = o.Username is not null || o.UserId is not null;
        if (o.Token is not null || o.ApplicationCredentialSecret is not null || (hasUser && o.Password is not null))
        {
            return;
        }
        var names = new List<string>();
        if (!hasUser)
        {
            names.Add("os_username");
        }
        if (o.Password is null)
        {
            names.Add("os_password");
        }
        throw new ArgumentException(
            $"Keystone credentials are incomplete: missing {string.Join(" and ", names)} (or give os_auth_token).", "kwargs");
    }

    private static string Text(object value, string name) =>
        value as string ?? throw new ArgumentException($"Keyword argument '{name}' must be a string.", "kwargs");

    private static int NonNegativeInt(object value, string name)
    {
        var result = value switch
        {
            int i => i,
            long l and >= 0 and <= int.MaxValue => (int)l,
            string s when int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) => parsed,
            _ => -1,
        };
        return result >= 0 ? result : throw new ArgumentException($"Keyword argument '{name}' must be a non-negative integer.", "kwargs");
    }

    private static TimeSpan Seconds(object value, string name)
    {
        double? seconds = value switch
        {
            TimeSpan t => t.TotalSeconds,
            int i => i,
            long l => l,
            double d => d,
            float f => f,
            decimal m => (double)m,
            string s when double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) => parsed,
            _ => null,
        };
        return seconds is >= 0 and < 86400
            ? TimeSpan.FromSeconds(seconds.Value)
            : throw new ArgumentException($"Keyword argument '{name}' must be a non-negative number of seconds.", "kwargs");
    }
}
