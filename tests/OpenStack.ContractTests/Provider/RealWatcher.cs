using System.Net;
using System.Text.Json.Nodes;

namespace OpenStack.ContractTests.Provider;

/// <summary>
/// The real Keystone and Watcher that scripts/openstack-up.sh starts on loopback. Found the way the
/// integration tests find them: <c>$OPENSTACK_STATE_DIR/clouds.yaml</c> (default
/// <c>&lt;repo&gt;/.openstack</c>), cloud <c>openstack-admin</c>; Watcher from the token's catalog
/// (<c>infra-optim</c>, public). A missing server is a failure with a clear message, never a skip.
/// </summary>
public sealed class RealWatcher
{
    private RealWatcher(Uri keystone, Uri watcher, string token, string stateDir)
    {
        KeystoneUrl = keystone;
        WatcherUrl = watcher;
        Token = token;
        StateDir = stateDir;
    }

    /// <summary>Keystone v3, for example http://127.0.0.1:5000/v3.</summary>
    public Uri KeystoneUrl { get; }

    /// <summary>The Watcher service root, for example http://127.0.0.1:9322/.</summary>
    public Uri WatcherUrl { get; }

    /// <summary>An admin token, project scoped.</summary>
    public string Token { get; }

    /// <summary>The state directory of openstack-up.sh.</summary>
    public string StateDir { get; }

    private static readonly SemaphoreSlim UpGate = new(1, 1);

    /// <summary>
    /// Runs <c>scripts/openstack-up.sh</c> for the state directory: it starts what does not run and reuses
    /// what does (about 0.4 s when everything is up), so the verification never depends on a manual step.
    /// </summary>
    private static async Task EnsureUpAsync(string repoRoot, string stateDir)
    {
        await UpGate.WaitAsync();
        try
        {
            var psi = new System.Diagnostics.ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
            psi.ArgumentList.Add(Path.Combine(repoRoot, "scripts", "openstack-up.sh"));
            psi.ArgumentList.Add(stateDir);
            using var process = System.Diagnostics.Process.Start(psi)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10));
            await process.WaitForExitAsync(timeout.Token);
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"scripts/openstack-up.sh failed ({process.ExitCode}):\n{await stderr}\n{await stdout}");
            }
        }
        finally
        {
            UpGate.Release();
        }
    }

    /// <summary>Starts or finds the services and gets a token; throws with what is missing.</summary>
    public static async Task<RealWatcher> ConnectAsync(string repoRoot)
    {
        var env = Environment.GetEnvironmentVariable("OPENSTACK_STATE_DIR");
        var stateDir = Path.GetFullPath(string.IsNullOrEmpty(env) ? Path.Combine(repoRoot, ".openstack") : env);
        await EnsureUpAsync(repoRoot, stateDir);
        var cloud = CloudsYaml.Read(Path.Combine(stateDir, "clouds.yaml"), "openstack-admin");
        var authUrl = cloud.GetValueOrDefault("auth_url", "http://127.0.0.1:5000/v3").TrimEnd('/');

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var request = new JsonObject
        {
            ["auth"] = new JsonObject
            {
                ["identity"] = new JsonObject
                {
                    ["methods"] = new JsonArray("password"),
                    ["password"] = new JsonObject
                    {
                        ["user"] = new JsonObject
                        {
                            ["name"] = cloud.GetValueOrDefault("username", "admin"),
                            ["domain"] = new JsonObject { ["name"] = cloud.GetValueOrDefault("user_domain_name", "Default") },
                            ["password"] = cloud.GetValueOrDefault("password", "admin-secret"),
                        },
                    },
                },
                ["scope"] = new JsonObject
                {
                    ["project"] = new JsonObject
                    {
                        ["name"] = cloud.GetValueOrDefault("project_name", "admin"),
                        ["domain"] = new JsonObject { ["name"] = cloud.GetValueOrDefault("project_domain_name", "Default") },
                    },
                },
            },
        };
        HttpResponseMessage response;
        try
        {
            // A string body (with Content-Length): Keystone under uwsgi does not read chunked bodies.
            using var content = new StringContent(request.ToJsonString(), System.Text.Encoding.UTF8, "application/json");
            response = await http.PostAsync(authUrl + "/auth/tokens", content);
        }
        catch (HttpRequestException ex)
        {
            throw new InvalidOperationException(
                $"Keystone does not answer at {authUrl} ({ex.Message}). The Watcher provider verification needs the real " +
                "services: run scripts/openstack-up.sh (CI starts them before the tests).", ex);
        }
        using (response)
        {
            var body = await response.Content.ReadAsStringAsync();
            if (response.StatusCode != HttpStatusCode.Created)
            {
                throw new InvalidOperationException($"POST {authUrl}/auth/tokens answered {(int)response.StatusCode}: {body}");
            }
            var token = response.Headers.GetValues("X-Subject-Token").Single();
            var watcher = FindEndpoint(JsonNode.Parse(body)!, "infra-optim", cloud.GetValueOrDefault("region_name", "RegionOne"))
                ?? new Uri("http://127.0.0.1:9322/");
            var root = OpenStackHttpClient.ServiceRoot(watcher, "v1");
            try
            {
                using var probe = await http.GetAsync(root);
            }
            catch (HttpRequestException ex)
            {
                throw new InvalidOperationException(
                    $"Watcher does not answer at {root} ({ex.Message}). Run scripts/openstack-up.sh (CI starts it before the tests).", ex);
            }
            return new RealWatcher(new Uri(authUrl), root, token, stateDir);
        }
    }

    /// <summary>An HttpClient for the Watcher API (service root base address, admin token, JSON).</summary>
    public HttpClient CreateClient(string? microversion = null)
    {
        var http = new HttpClient { BaseAddress = WatcherUrl, Timeout = TimeSpan.FromSeconds(60) };
        http.DefaultRequestHeaders.Add("X-Auth-Token", Token);
        http.DefaultRequestHeaders.Accept.ParseAdd("application/json");
        if (microversion is not null)
        {
            http.DefaultRequestHeaders.Add("OpenStack-API-Version", "infra-optim " + microversion);
        }
        return http;
    }

    private static Uri? FindEndpoint(JsonNode tokenBody, string type, string region)
    {
        foreach (var service in tokenBody["token"]?["catalog"]?.AsArray() ?? new JsonArray())
        {
            if ((string?)service?["type"] != type)
            {
                continue;
            }
            foreach (var endpoint in service["endpoints"]?.AsArray() ?? new JsonArray())
            {
                if ((string?)endpoint?["interface"] == "public" && (string?)endpoint["region_id"] == region)
                {
                    return new Uri((string)endpoint["url"]!);
                }
            }
        }
        return null;
    }
}

/// <summary>Just enough of clouds.yaml: the <c>auth</c> keys and <c>region_name</c> of one cloud.</summary>
internal static class CloudsYaml
{
    public static Dictionary<string, string> Read(string path, string cloud)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!File.Exists(path))
        {
            return values; // fall back to the documented defaults of openstack-up.sh
        }
        var inCloud = false;
        var cloudIndent = -1;
        foreach (var raw in File.ReadAllLines(path))
        {
            var line = raw.TrimEnd();
            var trimmed = line.TrimStart();
            if (trimmed.Length == 0 || trimmed.StartsWith('#'))
            {
                continue;
            }
            var indent = line.Length - trimmed.Length;
            if (trimmed == cloud + ":")
            {
                inCloud = true;
                cloudIndent = indent;
                continue;
            }
            if (inCloud && indent <= cloudIndent)
            {
                break;
            }
            if (inCloud)
            {
                var colon = trimmed.IndexOf(':');
                if (colon > 0 && colon < trimmed.Length - 1)
                {
                    values[trimmed[..colon].Trim()] = trimmed[(colon + 1)..].Trim().Trim('"', '\'');
                }
            }
        }
        return values;
    }
}
