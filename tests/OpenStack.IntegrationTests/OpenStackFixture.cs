using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace OpenStack.IntegrationTests;

/// <summary>The xunit collection that shares one <see cref="OpenStackFixture"/>.</summary>
[CollectionDefinition(Name)]
public sealed class OpenStackCollection : ICollectionFixture<OpenStackFixture>
{
    /// <summary>Collection name: put <c>[Collection(OpenStackCollection.Name)]</c> on test classes.</summary>
    public const string Name = "openstack";
}

/// <summary>Password credentials of one cloud in <c>clouds.yaml</c>.</summary>
public sealed record OpenStackCredentials(
    string AuthUrl, string Username, string Password, string ProjectName,
    string UserDomainName, string ProjectDomainName, string RegionName, string Interface);

/// <summary>A Keystone token and the token body (user, project, roles, catalog).</summary>
public sealed record KeystoneToken(string Id, JsonObject Body)
{
    /// <summary>The URL of <paramref name="serviceType"/> for <paramref name="iface"/> in <paramref name="region"/>.</summary>
    public string Endpoint(string serviceType, string iface = "public", string region = "RegionOne")
    {
        foreach (var svc in Body["token"]!["catalog"]!.AsArray())
        {
            if ((string?)svc!["type"] != serviceType)
            {
                continue;
            }

            foreach (var ep in svc["endpoints"]!.AsArray())
            {
                if ((string?)ep!["interface"] == iface && (string?)ep["region_id"] == region)
                {
                    return ((string)ep["url"]!).TrimEnd('/');
                }
            }
        }
        throw new InvalidOperationException($"no {iface} endpoint for '{serviceType}' in region {region} in the catalog");
    }
}

/// <summary>
/// Real OpenStack services on loopback for the integration tests. Reads
/// <c>$STATE/clouds.yaml</c> (STATE = env <c>OPENSTACK_STATE_DIR</c>, else
/// <c>&lt;repo&gt;/.openstack</c>) and checks that Keystone, Watcher and the Nova stand-in
/// answer; otherwise runs <c>scripts/openstack-up.sh STATE</c> and waits for it.
/// The services are left running (stop them with <c>scripts/openstack-down.sh</c>).
/// </summary>
public sealed class OpenStackFixture : IAsyncLifetime
{
    /// <summary>How long <c>openstack-up.sh</c> may take (it may have to apt-get install first).</summary>
    private static readonly TimeSpan UpTimeout = TimeSpan.FromMinutes(10);

    /// <summary>Repository root (the directory holding Build.sln or .git).</summary>
    public string RepoRoot { get; } = FindRepoRoot();

    /// <summary>State directory of openstack-up.sh.</summary>
    public string StateDir { get; }

    /// <summary>Shared client, no base address; 30 s timeout per request.</summary>
    public HttpClient Http { get; } = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(1) })
    {
        Timeout = TimeSpan.FromSeconds(30),
    };

    /// <summary>Keystone v3 URL, e.g. http://127.0.0.1:5000/v3.</summary>
    public string AuthUrl => Admin.AuthUrl;

    /// <summary>Cloud <c>openstack-admin</c>: user admin, project admin.</summary>
    public OpenStackCredentials Admin { get; private set; } = null!;

    /// <summary>Cloud <c>openstack-demo</c>: non-admin user demo, project demo, role member.</summary>
    public OpenStackCredentials Demo { get; private set; } = null!;

    /// <summary>Output of openstack-up.sh when the fixture had to run it, else null.</summary>
    public string? UpOutput { get; private set; }

    /// <summary>Creates the fixture; services are found or started in <see cref="InitializeAsync"/>.</summary>
    public OpenStackFixture()
    {
        string? env = Environment.GetEnvironmentVariable("OPENSTACK_STATE_DIR");
        StateDir = Path.GetFullPath(string.IsNullOrEmpty(env) ? Path.Combine(RepoRoot, ".openstack") : env);
    }

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        string? problem = await ProbeAsync();
        if (problem is null)
        {
            return;
        }

        string script = Path.Combine(RepoRoot, "scripts", "openstack-up.sh");
        if (!File.Exists(script))
        {
            throw new InvalidOperationException($"OpenStack services are not usable ({problem}) and {script} is missing");
        }

        UpOutput = await RunUpAsync(script);
        problem = await ProbeAsync();
        if (problem is not null)
        {
            throw new InvalidOperationException($"openstack-up.sh ran but the services are not usable: {problem}\n{UpOutput}");
        }
    }

    /// <inheritdoc />
    public Task DisposeAsync()
    {
        Http.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>POST /v3/auth/tokens (password, project scope). Throws unless Keystone answers 201.</summary>
    public async Task<KeystoneToken> AuthenticateAsync(OpenStackCredentials c, CancellationToken ct = default)
    {
        using var resp = await PostTokenAsync(c, ct);
        string body = await resp.Content.ReadAsStringAsync(ct);
        if (resp.StatusCode != HttpStatusCode.Created)
        {
            throw new InvalidOperationException($"POST {c.AuthUrl}/auth/tokens as {c.Username}: {(int)resp.StatusCode} {body}");
        }

        string id = resp.Headers.GetValues("X-Subject-Token").Single();
        return new KeystoneToken(id, JsonNode.Parse(body)!.AsObject());
    }

    /// <summary>A token id for <paramref name="c"/>.</summary>
    public async Task<string> GetTokenAsync(OpenStackCredentials c, CancellationToken ct = default) =>
        (await AuthenticateAsync(c, ct)).Id;

    /// <summary>The raw token response (status, X-Subject-Token, body); the caller disposes it.</summary>
    public Task<HttpResponseMessage> PostTokenAsync(OpenStackCredentials c, CancellationToken ct = default)
    {
        var body = new JsonObject
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
                            ["name"] = c.Username,
                            ["domain"] = new JsonObject { ["name"] = c.UserDomainName },
                            ["password"] = c.Password,
                        },
                    },
                },
                ["scope"] = new JsonObject
                {
                    ["project"] = new JsonObject
                    {
                        ["name"] = c.ProjectName,
                        ["domain"] = new JsonObject { ["name"] = c.ProjectDomainName },
                    },
                },
            },
        };
        var req = new HttpRequestMessage(HttpMethod.Post, c.AuthUrl.TrimEnd('/') + "/auth/tokens")
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        return Http.SendAsync(req, ct);
    }

    /// <summary>Sends a request with X-Auth-Token (and a JSON body when given).</summary>
    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string url, string? token, JsonNode? json = null,
                                               CancellationToken ct = default)
    {
        var req = new HttpRequestMessage(method, url);
        if (token is not null)
        {
            req.Headers.Add("X-Auth-Token", token);
        }

        req.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (json is not null)
        {
            req.Content = new StringContent(json.ToJsonString(), Encoding.UTF8, "application/json");
        }

        return Http.SendAsync(req, ct);
    }

    /// <summary>GET <paramref name="url"/>, expects 200, returns the JSON body.</summary>
    public async Task<JsonObject> GetJsonAsync(string url, string token, CancellationToken ct = default)
    {
        using var resp = await SendAsync(HttpMethod.Get, url, token, null, ct);
        string body = await resp.Content.ReadAsStringAsync(ct);
        if (resp.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"GET {url}: {(int)resp.StatusCode} {body}");
        }

        return JsonNode.Parse(body)!.AsObject();
    }

    // ------------------------------------------------------------------ internals ---

    /// <summary>null when clouds.yaml exists and Keystone, Watcher and the stand-in answer; else why not.</summary>
    private async Task<string?> ProbeAsync()
    {
        string clouds = Path.Combine(StateDir, "clouds.yaml");
        if (!File.Exists(clouds))
        {
            return $"{clouds} does not exist";
        }

        try
        {
            var y = ParseCloudsYaml(File.ReadAllText(clouds));
            Admin = Credentials(y, "openstack-admin");
            Demo = Credentials(y, "openstack-demo");
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            var token = await AuthenticateAsync(Admin, cts.Token);
            foreach (var type in new[] { "infra-optim", "compute" })
            {
                string url = token.Endpoint(type) + "/";
                using var resp = await SendAsync(HttpMethod.Get, url, token.Id, null, cts.Token);
                if (!resp.IsSuccessStatusCode)
                {
                    return $"GET {url}: {(int)resp.StatusCode}";
                }
            }
            return null;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or InvalidOperationException
                                       or KeyNotFoundException or IOException)
        {
            return e.Message;
        }
    }

    private async Task<string> RunUpAsync(string script)
    {
        var psi = new ProcessStartInfo("bash")
        {
            ArgumentList = { script, StateDir },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepoRoot,
        };
        using var p = Process.Start(psi) ?? throw new InvalidOperationException("could not start bash");
        var output = new StringBuilder();
        var lockObj = new object();
        p.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (lockObj) { output.AppendLine(e.Data); } } };
        p.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (lockObj) { output.AppendLine(e.Data); } } };
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        using var cts = new CancellationTokenSource(UpTimeout);
        try
        {
            await p.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            p.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{script} did not finish within {UpTimeout}:\n{output}");
        }
        p.WaitForExit(); // flush the redirected streams
        if (p.ExitCode != 0)
        {
            throw new InvalidOperationException($"{script} {StateDir} failed with exit code {p.ExitCode}:\n{output}");
        }

        return output.ToString();
    }

    private static OpenStackCredentials Credentials(Dictionary<string, string> y, string cloud)
    {
        string Get(string key) => y[$"clouds.{cloud}.{key}"];
        return new OpenStackCredentials(
            Get("auth.auth_url"), Get("auth.username"), Get("auth.password"), Get("auth.project_name"),
            Get("auth.user_domain_name"), Get("auth.project_domain_name"), Get("region_name"), Get("interface"));
    }

    /// <summary>
    /// Just enough YAML for the clouds.yaml that openstack-up.sh writes: nested maps of
    /// scalars, two-space indentation, '#' comments. Returns dotted paths to values.
    /// </summary>
    internal static Dictionary<string, string> ParseCloudsYaml(string text)
    {
        var result = new Dictionary<string, string>();
        var stack = new List<(int Indent, string Key)>();
        foreach (string raw in text.Split('\n'))
        {
            string line = raw.TrimEnd('\r');
            string trimmed = line.TrimStart();
            if (trimmed.Length == 0 || trimmed.StartsWith('#'))
            {
                continue;
            }

            int indent = line.Length - trimmed.Length;
            int colon = trimmed.IndexOf(':');
            if (colon <= 0)
            {
                continue;
            }

            string key = trimmed[..colon].Trim();
            string value = trimmed[(colon + 1)..].Trim();
            while (stack.Count > 0 && stack[^1].Indent >= indent)
            {
                stack.RemoveAt(stack.Count - 1);
            }

            if (value.Length == 0)
            {
                stack.Add((indent, key));
                continue;
            }
            if (value.Length >= 2 && (value[0] == '"' || value[0] == '\'') && value[^1] == value[0])
            {
                value = value[1..^1];
            }

            result[string.Join('.', stack.Select(s => s.Key).Append(key))] = value;
        }
        return result;
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Build.sln")) || Directory.Exists(Path.Combine(dir.FullName, ".git"))
                || File.Exists(Path.Combine(dir.FullName, ".git")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException($"no Build.sln or .git above {AppContext.BaseDirectory}");
    }
}
