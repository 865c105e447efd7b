using System.Net;
using System.Text;
using Microsoft.Extensions.Configuration;
using OpenStack.Testing;

namespace OpenStack.Core.Tests;

/// <summary>Per-service settings: openstacksdk's &lt;service_type&gt;_endpoint_override, _interface and _region_name.</summary>
public sealed class ServiceOverridesTests : IDisposable
{
    private static readonly OpenStackService Monitoring = new("monitoring", "v2.0");
    private static readonly OpenStackService InfraOptim = new("infra-optim", "v1");

    private readonly string _root = Directory.CreateTempSubdirectory("osoverrides-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private CloudConfigLoader Loader(Dictionary<string, string>? env = null) =>
        new() { EnvironmentVariables = env ?? [], CurrentDirectory = _root, HomeDirectory = _root, SiteDirectory = Path.Combine(_root, "etc") };

    private static IConfiguration Json(string json) =>
        new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(json))).Build();

    private static void AssertOverrides(OpenStackClientOptions o)
    {
        Assert.Equal("http://watcher.example:9322", o.ServiceOverrides["infra-optim"].Endpoint);
        Assert.Equal(["internal", "public"], o.ServiceOverrides["monitoring"].Interfaces!);
        Assert.Equal("RegionTwo", o.ServiceOverrides["monitoring"].RegionName);
        Assert.Null(o.ServiceOverrides["infra-optim"].Interfaces);
        Assert.Null(o.Endpoint);
        Assert.Equal(["public"], o.Interfaces);
        Assert.Equal("RegionOne", o.RegionName);
    }

    [Fact]
    public void Clouds_yaml_service_keys_fill_the_overrides()
    {
        File.WriteAllText(Path.Combine(_root, "clouds.yaml"), """
            clouds:
              c:
                auth:
                  auth_url: http://keystone.example/v3
                  username: admin
                  password: pw
                  user_domain_name: Default
                  project_name: admin
                  project_domain_name: Default
                region_name: RegionOne
                infra_optim_endpoint_override: http://watcher.example:9322
                monitoring_interface: [internal, public]
                monitoring_region_name: RegionTwo
            """);

        AssertOverrides(Loader().Load("c"));
    }

    [Fact]
    public void OS_environment_variables_fill_the_overrides()
    {
        var o = Loader(new()
        {
            ["OS_AUTH_URL"] = "http://keystone.example/v3",
            ["OS_REGION_NAME"] = "RegionOne",
            ["OS_INFRA_OPTIM_ENDPOINT_OVERRIDE"] = "http://watcher.example:9322",
            ["OS_MONITORING_INTERFACE"] = "internal,public",
            ["OS_MONITORING_REGION_NAME"] = "RegionTwo",
        }).Load();

        AssertOverrides(o);
    }

    [Fact]
    public void IConfiguration_keys_fill_the_overrides_in_any_spelling()
    {
        var o = OpenStackConfiguration.FromConfiguration(Json("""
            {"AuthUrl": "http://keystone.example/v3", "RegionName": "RegionOne",
             "InfraOptimEndpointOverride": "http://watcher.example:9322",
             "os_monitoring_interface": ["internal", "public"],
             "monitoring_region_name": "RegionTwo"}
            """));

        AssertOverrides(o);
    }

    [Fact]
    public void Keyword_arguments_fill_the_overrides()
    {
        var o = KeywordArguments.ToOptions(new Dictionary<string, object?>
        {
            ["os_auth_url"] = "http://keystone.example/v3",
            ["os_region_name"] = "RegionOne",
            ["os_infra_optim_endpoint_override"] = "http://watcher.example:9322",
            ["monitoring_interface"] = new[] { "internal", "public" },
            ["os_monitoring_region_name"] = "RegionTwo",
        }, [], out _);

        AssertOverrides(o);
    }

    [Fact]
    public void Unknown_keys_are_still_rejected_and_the_message_names_the_service_settings()
    {
        var e = Assert.Throws<ArgumentException>(() => OpenStackConfiguration.FromConfiguration(Json("""{"infra_optim_endpoint_overide": "x"}""")));
        Assert.Contains("infra_optim_endpoint_overide", e.Message);
        Assert.Contains("<service_type>_endpoint_override", e.Message);

        var k = Assert.Throws<ArgumentException>(() => KeywordArguments.ToOptions(new Dictionary<string, object?> { ["os_monitoring_regoin_name"] = "R" }, [], out _));
        Assert.Contains("os_monitoring_regoin_name", k.Message);
    }

    [Fact]
    public void Global_names_keep_their_meaning()
    {
        var o = KeywordArguments.ToOptions(new Dictionary<string, object?>
        {
            ["os_endpoint_override"] = "http://e/", ["os_interface"] = "internal", ["os_region_name"] = "R1", ["endpoint_type"] = "internal",
        }, [], out _);

        Assert.Equal("http://e/", o.Endpoint);
        Assert.Equal(["internal"], o.Interfaces);
        Assert.Equal("R1", o.RegionName);
        Assert.Empty(o.ServiceOverrides);
    }

    [Fact]
    public void ForService_applies_only_the_entry_of_that_service_whatever_its_spelling()
    {
        var o = new OpenStackClientOptions { Endpoint = "http://global/", RegionName = "R1", Interfaces = ["public"] };
        o.ServiceOverrides["infra_optim"] = new ServiceOverrides { Endpoint = "http://watcher/", Interfaces = ["admin"] };

        var watcher = o.ForService("infra-optim");
        var monasca = o.ForService("monitoring");

        Assert.Equal("http://watcher/", watcher.Endpoint);
        Assert.Equal(["admin"], watcher.Interfaces);
        Assert.Equal("R1", watcher.RegionName);
        Assert.Equal("http://global/", monasca.Endpoint);
        Assert.Equal(["public"], monasca.Interfaces);
        Assert.Equal("http://global/", o.Endpoint); // the original is untouched
    }

    [Fact]
    public void Clone_copies_the_overrides()
    {
        var o = new OpenStackClientOptions();
        o.ServiceOverrides["monitoring"] = new ServiceOverrides { Interfaces = ["internal"], RegionName = "R2" };

        var copy = o.Clone();
        copy.ServiceOverrides["monitoring"].Interfaces!.Add("admin");
        copy.ServiceOverrides["monitoring"].RegionName = "R3";

        Assert.Equal(["internal"], o.ServiceOverrides["monitoring"].Interfaces!);
        Assert.Equal("R2", o.ServiceOverrides["monitoring"].RegionName);
        Assert.Contains("monitoring: ServiceOverrides { Endpoint = , Interfaces = [internal], Region = R2 }", o.ToString());
    }

    [Fact]
    public async Task Clients_of_each_service_use_their_own_endpoint_interface_and_region()
    {
        await using var watcher = await FakeServer.StartAsync(_ => new FakeResponse(200, "{}"));
        await using var monasca = await FakeServer.StartAsync(_ => new FakeResponse(200, "{}"));
        await using var keystone = await FakeServer.StartAsync(_ => FakeKeystone.Token("tok-s", DateTimeOffset.UtcNow.AddHours(1),
            new Ep("monitoring", "monasca", "public", "RegionOne", "http://wrong.example/v2.0"),
            new Ep("monitoring", "monasca", "internal", "RegionOne", "http://wrong-region.example/v2.0"),
            new Ep("monitoring", "monasca", "internal", "RegionTwo", monasca.BaseAddress + "v2.0"),
            new Ep("infra-optim", "watcher", "public", "RegionOne", "http://catalog-watcher.example:9322")));
        var options = FakeKeystone.Password(keystone);
        options.RegionName = "RegionOne";
        options.ServiceOverrides["infra-optim"] = new ServiceOverrides { Endpoint = watcher.BaseAddress.ToString() };
        options.ServiceOverrides["monitoring"] = new ServiceOverrides { Interfaces = ["internal"], RegionName = "RegionTwo" };

        using var watcherClient = OpenStackHttpClient.Create(options, InfraOptim);
        using var monascaClient = OpenStackHttpClient.Create(options, Monitoring);
        using var w = await watcherClient.GetAsync("v1/goals");
        using var m = await monascaClient.GetAsync("v2.0/metrics");

        Assert.Equal(watcher.BaseAddress, watcherClient.BaseAddress);
        Assert.Equal(HttpStatusCode.OK, w.StatusCode);
        Assert.Equal(HttpStatusCode.OK, m.StatusCode);
        Assert.Equal("tok-s", Assert.Single(watcher.Requests).Header("X-Auth-Token"));
        Assert.Equal("/v2.0/metrics", Assert.Single(monasca.Requests).Path);
        Assert.Equal(1, FakeKeystone.TokenRequests(keystone)); // one identity, one shared token

        var session = new KeystoneSession(options);
        Assert.Equal(watcher.BaseAddress, await session.GetEndpointAsync(InfraOptim));
        Assert.Equal(new Uri(monasca.BaseAddress + "v2.0"), await session.GetEndpointAsync(Monitoring));
        Assert.Equal(new Uri(monasca.BaseAddress + "v2.0"), await session.GetEndpointAsync(Monitoring, new OpenStackClientOptions { ServiceOverrides = options.ServiceOverrides }));
        session.Dispose();
    }

    [Fact]
    public async Task A_global_endpoint_still_applies_to_services_without_an_override()
    {
        await using var service = await FakeServer.StartAsync(_ => new FakeResponse(200, "{}"));
        await using var keystone = await FakeServer.StartAsync(_ => FakeKeystone.Token("tok-g", DateTimeOffset.UtcNow.AddHours(1)));
        var options = FakeKeystone.Password(keystone);
        options.Endpoint = service.BaseAddress + "v2.0";
        options.ServiceOverrides["infra-optim"] = new ServiceOverrides { Endpoint = "http://watcher.example:9322/" };

        using var client = OpenStackHttpClient.Create(options, Monitoring);
        using var response = await client.GetAsync("v2.0/metrics");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("tok-g", Assert.Single(service.Requests).Header("X-Auth-Token"));
    }

    [Fact]
    public async Task A_pre_issued_token_with_a_service_endpoint_override_calls_no_keystone()
    {
        await using var service = await FakeServer.StartAsync(_ => new FakeResponse(200, "{}"));
        var options = KeywordArguments.ToOptions(new Dictionary<string, object?>
        {
            ["os_auth_token"] = "pre-issued-token", ["os_infra_optim_endpoint_override"] = service.BaseAddress + "v1",
        }, [], out _);

        using var client = OpenStackHttpClient.Create(options, InfraOptim);
        using var response = await client.GetAsync("v1/goals");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var request = Assert.Single(service.Requests);
        Assert.Equal("/v1/goals", request.Path);
        Assert.Equal("pre-issued-token", request.Header("X-Auth-Token"));
    }

    [Fact]
    public void An_override_of_a_bad_endpoint_fails_when_the_client_is_created() =>
        Assert.Throws<ArgumentException>(() =>
        {
            var o = new OpenStackClientOptions { Token = "t", Endpoint = "http://ok/" };
            o.ServiceOverrides["monitoring"] = new ServiceOverrides { Endpoint = "not a url" };
            return OpenStackHttpClient.Create(o, Monitoring);
        });
}
