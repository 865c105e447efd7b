namespace OpenStack.Monasca;

/// <summary>
/// Version dispatch mirroring <c>monascaclient.client.Client(api_version, **kwargs)</c>: <c>"2_0"</c> (or
/// <c>"2.0"</c>) selects the v2.0 API; anything else is an error listing the supported versions. Unlike the
/// Python library, when no endpoint is given the <c>monitoring</c> endpoint is looked up in the Keystone catalog.
/// </summary>
/// <example>
/// <code>
/// // monascaclient.client.Client('2_0', username='demo', password=pw, auth_url=url, project_name='demo', ...)
/// using var monasca = MonascaClientFactory.Create("2_0", new Dictionary&lt;string, object?&gt;
/// {
///     ["username"] = "demo", ["password"] = pw, ["auth_url"] = "http://keystone:5000/v3",
///     ["project_name"] = "demo", ["user_domain_name"] = "Default", ["project_domain_name"] = "Default",
/// });
/// </code>
/// </example>
public static class MonascaClientFactory
{
    /// <summary>The keyword arguments Monasca handles itself, beyond the common OpenStack ones (none today).</summary>
    private static readonly string[] ServiceSpecificNames = [];

    /// <summary>The API versions this library speaks, as python-monascaclient names them.</summary>
    public static IReadOnlyList<string> SupportedVersions { get; } = ["2_0"];

    /// <summary>Creates a client for <paramref name="apiVersion"/> from the cloud's credentials and the client's own settings.</summary>
    /// <param name="apiVersion"><c>"2_0"</c> or <c>"2.0"</c>.</param>
    /// <param name="credentials">Credentials, scope, TLS settings and the cloud's endpoint selection (or a
    /// <see cref="OpenStackClientOptions.Session"/>); without an endpoint the catalog is searched for <c>monitoring</c>.</param>
    /// <param name="options">This client's endpoint selection, timeout, limits, retries and logging; values left null are the cloud's.</param>
    /// <exception cref="ArgumentException">An unsupported version, incomplete credentials or invalid options.</exception>
    public static MonascaClient Create(string apiVersion, OpenStackClientOptions credentials, MonascaClientOptions? options = null)
    {
        CheckVersion(apiVersion);
        ArgumentNullException.ThrowIfNull(credentials);
        return MonascaClient.Owning(MonascaClient.CreateHttpClient(credentials, options ?? new MonascaClientOptions()));
    }

    /// <summary>
    /// Creates a client for <paramref name="apiVersion"/> from python-monascaclient's keyword arguments:
    /// <c>endpoint</c>, <c>session</c>, <c>token</c>, <c>username</c>, <c>password</c>, <c>auth_url</c>, <c>project_name</c>/<c>_id</c>,
    /// <c>project_domain_*</c>, <c>user_domain_*</c>, <c>region_name</c>, <c>interface</c>/<c>endpoint_type</c>,
    /// <c>service_type</c>, <c>verify</c>, <c>insecure</c>, <c>cacert</c>, <c>cert</c>, <c>key</c>, <c>timeout</c>, <c>tenant_name</c>,
    /// each also with an <c>os_</c> prefix. Unlike python-monascaclient, <c>region_name</c>, <c>interface</c> and <c>cacert</c> are honoured.
    /// </summary>
    /// <param name="apiVersion"><c>"2_0"</c> or <c>"2.0"</c>.</param>
    /// <param name="kwargs">The keyword arguments; null values are ignored.</param>
    /// <exception cref="ArgumentException">An unsupported version, an unknown keyword, a value of the wrong type, or incomplete settings.</exception>
    public static MonascaClient Create(string apiVersion, IReadOnlyDictionary<string, object?> kwargs)
    {
        CheckVersion(apiVersion);
        ArgumentNullException.ThrowIfNull(kwargs);
        return Create(apiVersion, KeywordArguments.ToOptions(kwargs, ServiceSpecificNames, out _));
    }

    /// <summary>Creates a client for <paramref name="apiVersion"/> over an HttpClient whose base address is the service root.</summary>
    /// <param name="apiVersion"><c>"2_0"</c> or <c>"2.0"</c>.</param>
    /// <param name="httpClient">An authenticated HttpClient; the caller keeps owning it.</param>
    /// <exception cref="ArgumentException">An unsupported version or an unusable base address.</exception>
    public static MonascaClient Create(string apiVersion, HttpClient httpClient)
    {
        CheckVersion(apiVersion);
        return new MonascaClient(httpClient);
    }

    private static void CheckVersion(string apiVersion)
    {
        ArgumentNullException.ThrowIfNull(apiVersion);
        var v = apiVersion.Trim();
        if (v is "2_0" or "2.0" or "v2.0" or "v2_0")
        {
            return;
        }
        throw new ArgumentException(
            $"Monasca API version '{apiVersion}' is not supported. Supported versions: {string.Join(", ", SupportedVersions)} (also written 2.0).",
            nameof(apiVersion));
    }
}
