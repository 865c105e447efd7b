using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json;
using OpenStack.Monasca;
using OpenStack.Testing;
using OpenStack.Watcher;
using LeakLogs = OpenStack.Testing.CapturingLoggerProvider;
using LeakActivities = OpenStack.Testing.ActivityCapture;

namespace OpenStack.Hosting.Tests;

/// <summary>
/// No secret in any output, in any encoding: every auth mode (password, application credential, token, pre-issued token
/// with an endpoint), each echoing fault (Keystone 500/400/200 quoting the token request, a service error page or JSON
/// error echoing the token, a 2xx body echoing it, malformed or not), both services, direct and through DI, with Trace
/// logs and every Activity captured, scanned by <see cref="SecretLeakScanner"/> for raw, JSON-escaped, URL-encoded and
/// base64 forms.
/// </summary>
public sealed class SecretLeakMatrixTests
{
    public enum Auth
    {
        Password,
        ApplicationCredential,
        Token,
        PreIssuedToken,
    }

    public enum Fault
    {
        Keystone500QuotingTheRequest,
        Keystone400QuotingTheRequest,
        Keystone200HtmlQuotingTheRequest,
        ServiceErrorPageEchoingTheToken,
        ServiceJsonErrorEchoingTheToken,
        Service2xxMalformedEchoingTheToken,
        Service2xxHtmlEchoingTheToken,
        Service2xxValidEchoingTheToken,
    }

    public enum Service
    {
        Watcher,
        Monasca,
    }

    public static TheoryData<Auth, Fault, Service, bool> Cases()
    {
        var data = new TheoryData<Auth, Fault, Service, bool>();
        foreach (var auth in Enum.GetValues<Auth>())
        {
            foreach (var fault in Enum.GetValues<Fault>())
            {
                if (auth == Auth.PreIssuedToken && fault.ToString().StartsWith("Keystone", StringComparison.Ordinal))
                {
                    continue; // no Keystone is called
                }
                foreach (var service in Enum.GetValues<Service>())
                {
                    data.Add(auth, fault, service, false);
                    data.Add(auth, fault, service, true);
                }
            }
        }
        return data;
    }

    /// <summary>Every form of <paramref name="text"/> (a request body, a token), as an echoing server or proxy writes them.</summary>
    private static string Echo(string text) => string.Join(" | ", LeakSecrets.Forms(text)) + " | html " + WebUtility.HtmlEncode(text);

    private static int _projects;

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task No_form_of_any_secret_reaches_logs_activities_exceptions_or_ToString(Auth auth, Fault fault, Service service, bool throughDependencyInjection)
    {
        await using var serviceServer = await FakeServer.StartAsync(r => ServiceAnswer(r, fault, service));
        await using var keystone = await FakeServer.StartAsync(r => KeystoneAnswer(r, fault, serviceServer.BaseAddress));
        var options = Options(auth, keystone, serviceServer, service);
        var logs = new LeakLogs();
        using var activities = new LeakActivities();

        Exception? error = null;
        try
        {
            if (throughDependencyInjection)
            {
                await CallThroughDependencyInjectionAsync(options, service, logs);
            }
            else
            {
                options.LoggerFactory = logs;
                await CallDirectlyAsync(options, service);
            }
        }
        catch (Exception e)
        {
            error = e;
        }

        var scanner = new SecretLeakScanner().Logs(logs).Activities(activities).Exception(error).Object(options);
        if (auth != Auth.PreIssuedToken)
        {
            using var session = new KeystoneSession(options);
            scanner.Object(session);
        }
        scanner.AssertClean();
        if (fault != Fault.Service2xxValidEchoingTheToken)
        {
            Assert.NotNull(error); // the fault happened and became an exception
            Assert.True(error is OpenStackApiException or KeystoneAuthenticationException, error.ToString());
        }
        else
        {
            Assert.Null(error);
            Assert.Contains(logs.Texts, e => e.Contains("[Trace]", StringComparison.Ordinal) && e.Contains("***", StringComparison.Ordinal));
        }
        // The secret was really sent (and so could be echoed).
        var sent = serviceServer.Requests.Select(r => r.Header("X-Auth-Token")).Concat(keystone.Requests.Select(r => r.Body));
        Assert.Contains(sent, s => s is not null && LeakSecrets.All.Any(secret => s.Contains(JsonConvert.ToString(secret)[1..^1], StringComparison.Ordinal) || s == secret));
    }

    private static OpenStackClientOptions Options(Auth auth, FakeServer keystone, FakeServer serviceServer, Service service)
    {
        var authUrl = new Uri(keystone.BaseAddress, "v3").ToString();
        var project = $"leak-project-{Interlocked.Increment(ref _projects)}";
        return auth switch
        {
            Auth.Password => new OpenStackClientOptions
            {
                AuthUrl = authUrl, Username = "admin", Password = LeakSecrets.Password, UserDomainName = "Default",
                ProjectName = project, ProjectDomainName = "Default",
            },
            Auth.ApplicationCredential => new OpenStackClientOptions
            {
                AuthUrl = authUrl, ApplicationCredentialId = project, ApplicationCredentialSecret = LeakSecrets.ApplicationCredentialSecret,
            },
            Auth.Token => new OpenStackClientOptions
            {
                AuthUrl = authUrl, Token = LeakSecrets.GivenToken, ProjectName = project, ProjectDomainName = "Default",
            },
            _ => new OpenStackClientOptions
            {
                Token = LeakSecrets.GivenToken,
                Endpoint = serviceServer.BaseAddress + (service == Service.Watcher ? "v1" : "v2.0"),
            },
        };
    }

    private static async Task CallDirectlyAsync(OpenStackClientOptions options, Service service)
    {
        if (service == Service.Watcher)
        {
            using var watcher = WatcherClientFactory.GetClient(new WatcherClientOptions { Connection = options, ApiVersion = new(1, 0), MaxRetries = 0 });
            await watcher.Goals.ListAsync();
        }
        else
        {
            using var monasca = new MonascaClient(options);
            await monasca.Alarms.ListAsync();
        }
    }

    private static async Task CallThroughDependencyInjectionAsync(OpenStackClientOptions options, Service service, LeakLogs logs)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.Sources.Clear();
        builder.Logging.ClearProviders().AddProvider(logs).SetMinimumLevel(LogLevel.Trace);
        builder.Services.AddKeystone(o =>
        {
            o.AuthUrl = options.AuthUrl;
            o.Username = options.Username;
            o.Password = options.Password;
            o.UserDomainName = options.UserDomainName;
            o.ProjectName = options.ProjectName;
            o.ProjectDomainName = options.ProjectDomainName;
            o.Token = options.Token;
            o.ApplicationCredentialId = options.ApplicationCredentialId;
            o.ApplicationCredentialSecret = options.ApplicationCredentialSecret;
            o.Endpoint = options.Endpoint;
        });
        builder.Services.AddWatcher(o =>
        {
            o.ApiVersion = new(1, 0);
            o.MaxRetries = 0;
        });
        builder.Services.AddMonasca();
        using var host = builder.Build();
        await host.StartAsync();
        try
        {
            if (service == Service.Watcher)
            {
                await host.Services.GetRequiredService<IWatcherClient>().Goals.ListAsync();
            }
            else
            {
                await host.Services.GetRequiredService<IMonascaClient>().Alarms.ListAsync();
            }
        }
        finally
        {
            await host.StopAsync();
        }
    }

    private static FakeResponse KeystoneAnswer(RecordedRequest r, Fault fault, Uri serviceRoot)
    {
        if (r.Method != "POST" || !r.Path.EndsWith("/auth/tokens", StringComparison.Ordinal))
        {
            return new FakeResponse(404, "{}");
        }
        return fault switch
        {
            Fault.Keystone500QuotingTheRequest => new FakeResponse(500, "Internal error while handling " + Echo(r.Body), "text/plain"),
            Fault.Keystone400QuotingTheRequest => new FakeResponse(400, JsonConvert.SerializeObject(new
            {
                error = new { code = 400, title = "Bad Request", message = "Invalid input for field 'identity': " + Echo(r.Body) },
            })),
            Fault.Keystone200HtmlQuotingTheRequest => new FakeResponse(200, $"<html><body><h1>Proxy</h1><pre>{Echo(r.Body)}</pre></body></html>", "text/html"),
            _ => new FakeResponse(201, TokenBody(serviceRoot)) { Headers = { ["X-Subject-Token"] = LeakSecrets.IssuedToken } },
        };
    }

    private static string TokenBody(Uri serviceRoot) => JsonConvert.SerializeObject(new
    {
        token = new
        {
            methods = new[] { "password" },
            expires_at = DateTimeOffset.UtcNow.AddHours(1).ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", System.Globalization.CultureInfo.InvariantCulture),
            user = new { id = "u1", name = "admin" },
            project = new { id = "p1", name = "admin" },
            catalog = new object[]
            {
                new { type = "infra-optim", name = "watcher", endpoints = new[] { new { @interface = "public", region_id = "RegionOne", url = serviceRoot + "v1" } } },
                new { type = "monitoring", name = "monasca", endpoints = new[] { new { @interface = "public", region_id = "RegionOne", url = serviceRoot + "v2.0" } } },
            },
        },
    });

    private static FakeResponse ServiceAnswer(RecordedRequest r, Fault fault, Service service)
    {
        var echo = Echo(r.Header("X-Auth-Token") ?? "");
        var list = service == Service.Watcher ? "goals" : "elements";
        return fault switch
        {
            Fault.ServiceErrorPageEchoingTheToken => new FakeResponse(502, $"<html><head><title>Bad gateway</title></head><body>{echo}</body></html>", "text/html"),
            Fault.ServiceJsonErrorEchoingTheToken => new FakeResponse(400, service == Service.Watcher
                ? JsonConvert.SerializeObject(new { error_message = JsonConvert.SerializeObject(new { faultcode = "Client", faultstring = echo, debuginfo = echo }) })
                : JsonConvert.SerializeObject(new { badRequest = new { code = 400, message = echo, details = echo } })),
            Fault.Service2xxMalformedEchoingTheToken => new FakeResponse(200, JsonConvert.SerializeObject(new Dictionary<string, object> { [list] = echo, ["links"] = echo })),
            Fault.Service2xxHtmlEchoingTheToken => new FakeResponse(200, $"<html><body>{echo}</body></html>", "text/html"),
            Fault.Service2xxValidEchoingTheToken => new FakeResponse(200, JsonConvert.SerializeObject(new Dictionary<string, object>
            {
                [list] = Array.Empty<object>(), ["links"] = Array.Empty<object>(), ["echo"] = echo,
            })),
            _ => new FakeResponse(500, "{}"),
        };
    }
}
