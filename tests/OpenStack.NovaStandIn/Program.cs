// Minimal read-only Nova (compute) + Placement API stand-in for OpenStack Watcher.
//
// Watcher's decision engine needs a compute model (at least one hypervisor) before
// any strategy, `dummy` included, can run. This serves exactly what Watcher 9.0.0
// (Zed)'s Nova cluster-data-model collector asks for (novaclient, microversion 2.56,
// placement 1.29), plus a few cheap neighbours, with a small fixed data set:
// 2 hypervisors, 3 servers, 1 flavor, no aggregates. Ids are stable (uuid5).
//
//     compute   : http://127.0.0.1:<compute-port>/v2.1   (default 8774)
//     placement : http://127.0.0.1:<placement-port>      (default 8778)
//
// Calls the collector makes during an audit (empty audit scope):
//     GET /v2.1/os-hypervisors/detail
//     GET /v2.1/os-hypervisors/detail?hypervisor_hostname_pattern=H&with_servers=True
//     GET /resource_providers/{hypervisor id}/inventories
//     GET /v2.1/servers/detail?all_tenants=True&host=H&limit=N
//
// Tokens are not validated (X-Auth-Token must be present, else 401). Nothing is
// ever written: POST/PUT/PATCH/DELETE answer 403.
//
// Usage: OpenStack.NovaStandIn [--compute-port 8774] [--placement-port 8778]
//            [--project-id ID] [--user-id ID] [--log FILE]
// Environment fallbacks: COMPUTE_PORT, PLACEMENT_PORT, NOVA_STANDIN_LOG.
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Obj = System.Collections.Generic.Dictionary<string, object?>;

const string Host = "127.0.0.1";
const string MicroversionMin = "2.1", MicroversionMax = "2.90"; // Zed's maximum
const string PlacementMax = "1.39";

var opts = ParseArgs(args);
int computePort = int.Parse(opts.GetValueOrDefault("compute-port") ?? Environment.GetEnvironmentVariable("COMPUTE_PORT") ?? "8774");
int placementPort = int.Parse(opts.GetValueOrDefault("placement-port") ?? Environment.GetEnvironmentVariable("PLACEMENT_PORT") ?? "8778");
string projectId = opts.GetValueOrDefault("project-id") ?? Data.Uuid5("project/demo").Replace("-", "");
string userId = opts.GetValueOrDefault("user-id") ?? Data.Uuid5("user/demo").Replace("-", "");
string? logPath = opts.GetValueOrDefault("log") ?? Environment.GetEnvironmentVariable("NOVA_STANDIN_LOG");

var data = new Data(projectId, userId);
StreamWriter? accessLog = logPath is null ? null : new StreamWriter(logPath, append: true) { AutoFlush = true };
var logLock = new object();
var json = new JsonSerializerOptions { Converters = { new PythonFloatConverter() } };

var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.WebHost.ConfigureKestrel(k =>
{
    k.AddServerHeader = false;
    k.Listen(IPAddress.Loopback, computePort);
    k.Listen(IPAddress.Loopback, placementPort);
});
var app = builder.Build();

app.Run(async ctx =>
{
    string kind = ctx.Connection.LocalPort == computePort ? "compute" : "placement";
    var req = ctx.Request;
    string mv = Microversion(kind, req.Headers);
    var (status, body) = await Dispatch(kind, mv, ctx);

    var h = ctx.Response.Headers;
    string reqId = "req-" + Guid.NewGuid();
    if (kind == "compute")
    {
        h["X-Compute-Request-Id"] = reqId;
        h["X-OpenStack-Nova-API-Version"] = mv;
        h["OpenStack-API-Version"] = "compute " + mv;
    }
    else
    {
        h["OpenStack-API-Version"] = "placement " + mv;
    }
    h["X-Openstack-Request-Id"] = reqId;
    h["Vary"] = "OpenStack-API-Version";
    h["Server"] = "nova-standin/1";
    ctx.Response.StatusCode = status;
    byte[] raw = JsonSerializer.SerializeToUtf8Bytes<object?>(body, json);
    ctx.Response.ContentType = "application/json";
    ctx.Response.ContentLength = raw.Length;
    if (!HttpMethods.IsHead(req.Method))
    {
        await ctx.Response.Body.WriteAsync(raw);
    }

    if (accessLog is not null)
    {
        string api = req.Headers["OpenStack-API-Version"].ToString();
        lock (logLock)
        {
            accessLog.WriteLine($"{DateTime.Now:HH:mm:ss} {kind} \"{req.Method} {req.Path}{req.QueryString} {req.Protocol}\" {status} [{(api.Length > 0 ? api : "-")}]");
        }
    }
});

Console.WriteLine($"nova-standin: compute http://{Host}:{computePort}/v2.1  placement http://{Host}:{placementPort}");
app.Run();
return 0;

// ------------------------------------------------------------------ dispatch ---
async Task<(int, object)> Dispatch(string kind, string mv, HttpContext ctx)
{
    var req = ctx.Request;
    if (!HttpMethods.IsGet(req.Method) && !HttpMethods.IsHead(req.Method))
    {
        await req.Body.CopyToAsync(Stream.Null);
        return Error(kind, 403, "nova-standin is read-only");
    }
    // like Python's parse_qs: last value wins, blank values are dropped
    var q = new Dictionary<string, string>();
    foreach (var (k, v) in req.Query)
    {
        if (v.Count > 0 && !string.IsNullOrEmpty(v[^1]))
        {
            q[k] = v[^1]!;
        }
    }

    string path = (req.PathBase + req.Path).Value ?? "/";
    path = path.TrimEnd('/');
    if (path.Length == 0)
    {
        path = "/";
    }

    try
    {
        return kind == "compute"
            ? Compute(path, q, req.Headers, ctx.Connection.LocalPort)
            : Placement(path, q, req.Headers);
    }
    catch (Exception e) // never kill the server
    {
        return Error(kind, 500, $"stand-in error: {e.GetType().Name}: {e.Message}");
    }
}

(int, object) Compute(string path, Dictionary<string, string> q, IHeaderDictionary headers, int port)
{
    if (path == "/")
    {
        return (200, VersionDoc("compute", true, port));
    }

    if (!path.StartsWith("/v2.1"))
    {
        return Error("compute", 404, "not found");
    }

    path = path["/v2.1".Length..];
    if (path.Length == 0)
    {
        path = "/";
    }

    if (path == "/")
    {
        return (200, VersionDoc("compute", false, port));
    }

    if (string.IsNullOrEmpty(headers["X-Auth-Token"]))
    {
        return Error("compute", 401, "The request you have made requires authentication.");
    }

    Match m;
    if ((m = Regex.Match(path, @"^/os-hypervisors(/detail)?$")).Success)
    {
        q.TryGetValue("hypervisor_hostname_pattern", out var pat);
        var hvs = data.Hypervisors.Where(h => pat is null || ((string)h["hypervisor_hostname"]!).Contains(pat)).ToList();
        if (pat is not null && hvs.Count == 0)
        {
            return Error("compute", 404, $"No hypervisor matching '{pat}' could be found.");
        }

        bool ws = q.TryGetValue("with_servers", out var w) && w.ToLowerInvariant() is "1" or "true" or "yes";
        return (200, new Obj { ["hypervisors"] = hvs.Select(h => data.HvView(h, m.Groups[1].Success, ws)).ToList() });
    }
    if ((m = Regex.Match(path, @"^/os-hypervisors/([^/]+)$")).Success)
    {
        foreach (var h in data.Hypervisors)
        {
            if ((string)h["id"]! == m.Groups[1].Value)
            {
                bool ws = q.TryGetValue("with_servers", out var w) && w.ToLowerInvariant() is "1" or "true";
                return (200, new Obj { ["hypervisor"] = data.HvView(h, true, ws) });
            }
        }

        return Error("compute", 404, $"Hypervisor {m.Groups[1].Value} could not be found.");
    }
    if ((m = Regex.Match(path, @"^/servers(/detail)?$")).Success)
    {
        IEnumerable<Obj> srv = data.Servers;
        foreach (var (key, attr) in new[] { ("host", "OS-EXT-SRV-ATTR:host"), ("node", "OS-EXT-SRV-ATTR:hypervisor_hostname"),
                                            ("uuid", "id"), ("project_id", "tenant_id"), ("tenant_id", "tenant_id") })
        {
            if (q.TryGetValue(key, out var val))
            {
                srv = srv.Where(s => (string?)s[attr] == val).ToList();
            }
        }

        if (q.TryGetValue("name", out var name))
        {
            srv = srv.Where(s => Regex.IsMatch((string)s["name"]!, name)).ToList();
        }

        if (q.TryGetValue("status", out var st))
        {
            srv = srv.Where(s => (string)s["status"]! == st.ToUpperInvariant()).ToList();
        }

        var list = srv.ToList();
        if (q.TryGetValue("marker", out var marker))
        {
            int i = list.FindIndex(s => (string)s["id"]! == marker);
            if (i < 0)
            {
                return Error("compute", 400, $"marker [{marker}] not found");
            }

            list = list.Skip(i + 1).ToList();
        }
        if (q.TryGetValue("limit", out var lim) && int.Parse(lim) >= 0)
        {
            list = list.Take(int.Parse(lim)).ToList();
        }

        object outList = m.Groups[1].Success
            ? list
            : list.Select(s => new Obj { ["id"] = s["id"], ["name"] = s["name"], ["links"] = Array.Empty<object>() }).ToList();
        return (200, new Obj { ["servers"] = outList });
    }
    if ((m = Regex.Match(path, @"^/servers/([^/]+)$")).Success)
    {
        var s = data.Servers.FirstOrDefault(s => (string)s["id"]! == m.Groups[1].Value);
        return s is null ? Error("compute", 404, $"Instance {m.Groups[1].Value} could not be found.") : (200, new Obj { ["server"] = s });
    }
    if ((m = Regex.Match(path, @"^/flavors(/detail)?$")).Success)
    {
        var f = data.Flavor;
        object item = m.Groups[1].Success ? f : new Obj { ["id"] = f["id"], ["name"] = f["name"], ["description"] = null, ["links"] = Array.Empty<object>() };
        return (200, new Obj { ["flavors"] = new[] { item } });
    }
    if ((m = Regex.Match(path, @"^/flavors/([^/]+)(/os-extra_specs)?$")).Success)
    {
        if (m.Groups[1].Value != (string)data.Flavor["id"]!)
        {
            return Error("compute", 404, $"Flavor {m.Groups[1].Value} could not be found.");
        }

        return m.Groups[2].Success ? (200, new Obj { ["extra_specs"] = new Obj() }) : (200, new Obj { ["flavor"] = data.Flavor });
    }
    if (path == "/os-aggregates")
    {
        return (200, new Obj { ["aggregates"] = Array.Empty<object>() });
    }

    if (path == "/os-services")
    {
        var svc = data.Services.Where(s => (!q.TryGetValue("binary", out var b) || (string)s["binary"]! == b)
                                         && (!q.TryGetValue("host", out var hh) || (string)s["host"]! == hh)).ToList();
        return (200, new Obj { ["services"] = svc });
    }
    if (path is "/os-availability-zone" or "/os-availability-zone/detail")
    {
        object? hosts = null;
        if (path.EndsWith("detail"))
        {
            hosts = data.Services.ToDictionary(s => (string)s["host"]!, s => (object?)new Obj
            {
                ["nova-compute"] = new Obj { ["available"] = true, ["active"] = true, ["updated_at"] = s["updated_at"] },
            });
        }

        var zone = new Obj { ["zoneName"] = "nova", ["zoneState"] = new Obj { ["available"] = true }, ["hosts"] = hosts };
        return (200, new Obj { ["availabilityZoneInfo"] = new[] { zone } });
    }
    return Error("compute", 404, $"nova-standin: no route for GET {path}");
}

(int, object) Placement(string path, Dictionary<string, string> q, IHeaderDictionary headers)
{
    if (path == "/")
    {
        return (200, VersionDoc("placement", true, 0));
    }

    if (string.IsNullOrEmpty(headers["X-Auth-Token"]))
    {
        return Error("placement", 401, "authentication required");
    }

    var hvs = data.Hypervisors.ToDictionary(h => (string)h["id"]!);
    if (path == "/resource_providers")
    {
        var rps = hvs.Values.Where(h => !q.TryGetValue("name", out var n) || n == (string)h["hypervisor_hostname"]!)
            .Select(h => new Obj
            {
                ["uuid"] = h["id"], ["name"] = h["hypervisor_hostname"], ["generation"] = 1,
                ["parent_provider_uuid"] = null, ["root_provider_uuid"] = h["id"], ["links"] = Array.Empty<object>(),
            }).ToList();
        return (200, new Obj { ["resource_providers"] = rps });
    }
    Match m;
    if ((m = Regex.Match(path, @"^/resource_providers/([^/]+)(/[a-z_]+)?$")).Success)
    {
        if (!hvs.TryGetValue(m.Groups[1].Value, out var hv))
        {
            return Error("placement", 404, $"No resource provider with uuid {m.Groups[1].Value} found");
        }

        string? sub = m.Groups[2].Success ? m.Groups[2].Value : null;
        switch (sub)
        {
            case "/inventories":
                return (200, new Obj { ["resource_provider_generation"] = 1, ["inventories"] = Data.Inventories(hv) });
            case "/traits":
                return (200, new Obj { ["resource_provider_generation"] = 1, ["traits"] = new[] { "COMPUTE_NODE" } });
            case "/usages":
                return (200, new Obj
                {
                    ["resource_provider_generation"] = 1,
                    ["usages"] = new Obj { ["VCPU"] = hv["vcpus_used"], ["MEMORY_MB"] = (int)hv["memory_mb_used"]! - 512, ["DISK_GB"] = hv["local_gb_used"] },
                });
            case null:
                return (200, new Obj { ["uuid"] = hv["id"], ["name"] = hv["hypervisor_hostname"], ["generation"] = 1, ["links"] = Array.Empty<object>() });
        }
    }
    if ((m = Regex.Match(path, @"^/allocations/([^/]+)$")).Success)
    {
        var s = data.Servers.FirstOrDefault(s => (string)s["id"]! == m.Groups[1].Value);
        if (s is null)
        {
            return (200, new Obj { ["allocations"] = new Obj() });
        }

        var hv = hvs.Values.First(h => (string)h["hypervisor_hostname"]! == (string)s["OS-EXT-SRV-ATTR:hypervisor_hostname"]!);
        var f = (Obj)s["flavor"]!;
        return (200, new Obj
        {
            ["allocations"] = new Obj
            {
                [(string)hv["id"]!] = new Obj
                {
                    ["generation"] = 1,
                    ["resources"] = new Obj { ["VCPU"] = f["vcpus"], ["MEMORY_MB"] = f["ram"], ["DISK_GB"] = f["disk"] },
                },
            },
            ["project_id"] = s["tenant_id"],
            ["user_id"] = s["user_id"],
        });
    }
    return Error("placement", 404, $"nova-standin: no route for GET {path}");
}

// ------------------------------------------------------------------ helpers ---
static string Microversion(string kind, IHeaderDictionary headers)
{
    string? mv = null;
    var parts = headers["OpenStack-API-Version"].ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries);
    if (parts.Length > 1 && parts[0].Equals(kind, StringComparison.OrdinalIgnoreCase))
    {
        mv = parts[1];
    }
    else if (kind == "compute" && !string.IsNullOrEmpty(headers["X-OpenStack-Nova-API-Version"]))
    {
        mv = headers["X-OpenStack-Nova-API-Version"].ToString();
    }

    if (string.IsNullOrEmpty(mv))
    {
        return kind == "compute" ? MicroversionMin : "1.0";
    }

    if (mv == "latest")
    {
        return kind == "compute" ? MicroversionMax : PlacementMax;
    }

    return mv;
}

static (int, object) Error(string kind, int status, string msg)
{
    if (kind == "placement")
    {
        string title = status switch
        {
            400 => "Bad Request", 401 => "Unauthorized", 403 => "Forbidden", 404 => "Not Found",
            405 => "Method Not Allowed", 501 => "Not Implemented", _ => "Internal Server Error",
        };
        return (status, new Obj
        {
            ["errors"] = new[] { new Obj { ["status"] = status, ["title"] = title, ["detail"] = msg, ["request_id"] = null } },
        });
    }
    string key = status switch
    {
        400 => "badRequest", 401 => "unauthorized", 403 => "forbidden", 404 => "itemNotFound",
        405 => "badMethod", 501 => "notImplemented", _ => "computeFault",
    };
    return (status, new Obj { [key] = new Obj { ["code"] = status, ["message"] = msg } });
}

static Obj VersionDoc(string kind, bool root, int port)
{
    Obj v = kind == "compute"
        ? new Obj
        {
            ["id"] = "v2.1", ["status"] = "CURRENT", ["version"] = MicroversionMax, ["min_version"] = MicroversionMin,
            ["updated"] = "2013-07-23T11:33:21Z",
            ["links"] = new[] { new Obj { ["rel"] = "self", ["href"] = $"http://{Host}:{port}/v2.1/" } },
            ["media-types"] = new[] { new Obj { ["base"] = "application/json", ["type"] = "application/vnd.openstack.compute+json;version=2.1" } },
        }
        : new Obj
        {
            ["id"] = "v1.0", ["status"] = "CURRENT", ["max_version"] = PlacementMax, ["min_version"] = "1.0",
            ["links"] = new[] { new Obj { ["rel"] = "self", ["href"] = "" } },
        };
    return root ? new Obj { ["versions"] = new[] { v } } : new Obj { ["version"] = v };
}

static Dictionary<string, string?> ParseArgs(string[] argv)
{
    var d = new Dictionary<string, string?>();
    for (int i = 0; i < argv.Length; i++)
    {
        if (!argv[i].StartsWith("--"))
        {
            continue;
        }

        string k = argv[i][2..];
        int eq = k.IndexOf('=');
        if (eq >= 0)
        {
            d[k[..eq]] = k[(eq + 1)..];
        }
        else if (i + 1 < argv.Length)
        {
            d[k] = argv[++i];
        }
    }
    return d;
}

/// <summary>Writes doubles as Python's json does (1.0, not 1), e.g. placement allocation ratios.</summary>
sealed class PythonFloatConverter : System.Text.Json.Serialization.JsonConverter<double>
{
    public override double Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.GetDouble();

    public override void Write(Utf8JsonWriter writer, double value, JsonSerializerOptions options) =>
        writer.WriteRawValue(value == Math.Floor(value) && Math.Abs(value) < 1e15
            ? value.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture)
            : value.ToString("R", System.Globalization.CultureInfo.InvariantCulture));
}

// --------------------------------------------------------------------- data ---
sealed class Data
{
    public Obj Flavor { get; }
    public List<Obj> Hypervisors { get; } = [];
    public List<Obj> Servers { get; } = [];
    public List<Obj> Services { get; }
    private readonly Dictionary<Obj, List<Obj>> _hvServers = [];

    public Data(string projectId, string userId)
    {
        Flavor = new Obj
        {
            ["id"] = "1", ["name"] = "m1.small", ["vcpus"] = 1, ["ram"] = 2048, ["disk"] = 20,
            ["OS-FLV-EXT-DATA:ephemeral"] = 0, ["OS-FLV-DISABLED:disabled"] = false,
            ["swap"] = "", ["rxtx_factor"] = 1.0, ["os-flavor-access:is_public"] = true,
            ["description"] = null, ["extra_specs"] = new Obj(),
        };
        string[] hosts = ["compute-1", "compute-2"];
        foreach (var h in hosts)
        {
            Hypervisors.Add(new Obj
            {
                ["id"] = U("hypervisor/" + h), ["hypervisor_hostname"] = h, ["hypervisor_type"] = "QEMU",
                ["hypervisor_version"] = 6002000, ["host_ip"] = "127.0.0.1", ["state"] = "up", ["status"] = "enabled",
                ["vcpus"] = 8, ["memory_mb"] = 16384, ["local_gb"] = 200, ["current_workload"] = 0,
                ["cpu_info"] = "{\"arch\": \"x86_64\", \"model\": \"qemu64\", \"vendor\": \"Intel\", \"features\": [], "
                             + "\"topology\": {\"cells\": 1, \"sockets\": 1, \"cores\": 8, \"threads\": 1}}",
                ["service"] = new Obj { ["host"] = h, ["id"] = U("service/" + h), ["disabled_reason"] = null },
            });
        }
        // 2 servers on compute-1, 1 on compute-2
        (string Name, string Host)[] placement = [("vm-1", hosts[0]), ("vm-2", hosts[0]), ("vm-3", hosts[1])];
        int n = 0;
        foreach (var (name, h) in placement)
        {
            n++;
            Servers.Add(new Obj
            {
                ["id"] = U("server/" + name), ["name"] = name, ["status"] = "ACTIVE",
                ["tenant_id"] = projectId, ["user_id"] = userId,
                ["metadata"] = new Obj(), ["hostId"] = U("hostid/" + h).Replace("-", ""),
                ["image"] = new Obj { ["id"] = U("image/cirros"), ["links"] = Array.Empty<object>() },
                ["flavor"] = new Obj
                {
                    ["vcpus"] = Flavor["vcpus"], ["ram"] = Flavor["ram"], ["disk"] = Flavor["disk"], ["ephemeral"] = 0,
                    ["swap"] = 0, ["original_name"] = Flavor["name"], ["extra_specs"] = new Obj(),
                },
                ["created"] = $"2024-01-01T00:00:0{n}Z", ["updated"] = $"2024-01-01T00:01:0{n}Z",
                ["addresses"] = new Obj(), ["accessIPv4"] = "", ["accessIPv6"] = "",
                ["links"] = Array.Empty<object>(), ["key_name"] = null, ["config_drive"] = "", ["progress"] = 0,
                ["OS-DCF:diskConfig"] = "MANUAL",
                ["OS-EXT-AZ:availability_zone"] = "nova",
                ["OS-EXT-SRV-ATTR:host"] = h,
                ["OS-EXT-SRV-ATTR:hypervisor_hostname"] = h,
                ["OS-EXT-SRV-ATTR:instance_name"] = $"instance-{n:x8}",
                ["OS-EXT-STS:power_state"] = 1, ["OS-EXT-STS:task_state"] = null,
                ["OS-EXT-STS:vm_state"] = "active",
                ["OS-SRV-USG:launched_at"] = "2024-01-01T00:01:00.000000",
                ["OS-SRV-USG:terminated_at"] = null,
                ["os-extended-volumes:volumes_attached"] = Array.Empty<object>(),
                ["security_groups"] = new[] { new Obj { ["name"] = "default" } },
                ["locked"] = false, ["description"] = null, ["tags"] = Array.Empty<object>(),
            });
        }
        foreach (var hv in Hypervisors)
        {
            string host = (string)((Obj)hv["service"]!)["host"]!;
            var mine = Servers.Where(s => (string)s["OS-EXT-SRV-ATTR:host"]! == host).ToList();
            int Sum(string k) => mine.Sum(s => (int)((Obj)s["flavor"]!)[k]!);
            hv["running_vms"] = mine.Count;
            hv["vcpus_used"] = Sum("vcpus");
            hv["memory_mb_used"] = 512 + Sum("ram");
            hv["local_gb_used"] = Sum("disk");
            hv["free_ram_mb"] = (int)hv["memory_mb"]! - (int)hv["memory_mb_used"]!;
            hv["free_disk_gb"] = (int)hv["local_gb"]! - (int)hv["local_gb_used"]!;
            hv["disk_available_least"] = hv["free_disk_gb"];
            _hvServers[hv] = mine.Select(s => new Obj { ["uuid"] = s["id"], ["name"] = s["name"] }).ToList();
        }
        Services = Hypervisors.Select(hv => new Obj
        {
            ["id"] = ((Obj)hv["service"]!)["id"], ["binary"] = "nova-compute", ["host"] = ((Obj)hv["service"]!)["host"],
            ["zone"] = "nova", ["status"] = "enabled", ["state"] = "up", ["updated_at"] = "2024-01-01T00:00:00.000000",
            ["disabled_reason"] = null, ["forced_down"] = false,
        }).ToList();
    }

    private static string U(string name) => Uuid5(name);

    public Obj HvView(Obj hv, bool detailed, bool withServers)
    {
        Obj o = detailed
            ? new Obj(hv)
            : new Obj { ["id"] = hv["id"], ["hypervisor_hostname"] = hv["hypervisor_hostname"], ["state"] = hv["state"], ["status"] = hv["status"] };
        if (withServers && _hvServers[hv].Count > 0) // Nova omits the key when empty
        {
            o["servers"] = _hvServers[hv];
        }

        return o;
    }

    public static Obj Inventories(Obj hv)
    {
        static Obj Inv(int total, int reserved, double ratio) => new()
        {
            ["total"] = total, ["reserved"] = reserved, ["min_unit"] = 1, ["max_unit"] = total,
            ["step_size"] = 1, ["allocation_ratio"] = ratio,
        };
        return new Obj
        {
            ["VCPU"] = Inv((int)hv["vcpus"]!, 0, 16.0),
            ["MEMORY_MB"] = Inv((int)hv["memory_mb"]!, 512, 1.5),
            ["DISK_GB"] = Inv((int)hv["local_gb"]!, 0, 1.0),
        };
    }

    /// <summary>RFC 4122 name-based UUID (version 5, SHA-1) of "nova-standin/" + name in the URL namespace,
    /// the same ids as Python's uuid.uuid5(uuid.NAMESPACE_URL, ...).</summary>
    public static string Uuid5(string name)
    {
        byte[] ns = Convert.FromHexString("6ba7b8119dad11d180b400c04fd430c8"); // uuid.NAMESPACE_URL
        byte[] hash = SHA1.HashData([.. ns, .. Encoding.UTF8.GetBytes("nova-standin/" + name)]);
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        string hex = Convert.ToHexStringLower(hash, 0, 16);
        return $"{hex[..8]}-{hex[8..12]}-{hex[12..16]}-{hex[16..20]}-{hex[20..32]}";
    }
}
