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
    public enum Service
    {
        Watcher,
        Monasca,
    }

    public static IEnumerable<object[]> Cases() => LeakMatrix.Cases(Service.Watcher, Service.Monasca);

    private static int _projects;

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task No_form_of_any_secret_reaches_logs_activities_exceptions_or_ToString(LeakAuth auth, LeakFault fault, Service service, bool throughDependencyInjection)
    {
        await using var serviceServer = await FakeServer.StartAsync(r => LeakMatrix.ServiceAnswer(r, fault, service == Service.Watcher));
        await using var keystone = await FakeServer.StartAsync(r => LeakMatrix.KeystoneAnswer(r, fault, serviceServer.BaseAddress));
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
        if (auth != LeakAuth.PreIssuedToken)
        {
            using var session = new KeystoneSession(options);
            scanner.Object(session);
        }
        scanner.AssertClean();
        if (fault != LeakFault.Service2xxValidEchoingTheToken)
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

    private static OpenStackClientOptions Options(LeakAuth auth, FakeServer keystone, FakeServer serviceServer, Service service)
    {
        var authUrl = new Uri(keystone.BaseAddress, "v3").ToString();
        var project = $"leak-project-{Interlocked.Increment(ref _projects)}";
        return auth switch
        {
            LeakAuth.Password => new OpenStackClientOptions
            {
                AuthUrl = authUrl, Username = "admin", Password = LeakSecrets.Password, UserDomainName = "Default",
                ProjectName = project, ProjectDomainName = "Default",
            },
            LeakAuth.ApplicationCredential => new OpenStackClientOptions
            {
                AuthUrl = authUrl, ApplicationCredentialId = project, ApplicationCredentialSecret = LeakSecrets.ApplicationCredentialSecret,
            },
            LeakAuth.Token => new OpenStackClientOptions
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
            using var watcher = WatcherClientFactory.GetClient(options, new WatcherClientOptions { ApiVersion = new(1, 0), Retries = null });
            await watcher.Goals.ListAsync();
        }
        else
        {
            using var monasca = MonascaClientFactory.Create("2_0", options);
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
            o.Retries = null;
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
}
