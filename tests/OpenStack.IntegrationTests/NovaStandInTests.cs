using System.Net;

namespace OpenStack.IntegrationTests;

/// <summary>The compute/placement stand-in answers what Watcher's collector needs.</summary>
[Collection(OpenStackCollection.Name)]
public sealed class NovaStandInTests(OpenStackFixture os)
{
    [Fact]
    public async Task Lists_two_hypervisors_and_three_servers()
    {
        var token = await os.AuthenticateAsync(os.Admin);
        string nova = token.Endpoint("compute");

        var hvs = await os.GetJsonAsync(nova + "/os-hypervisors/detail", token.Id);
        var servers = await os.GetJsonAsync(nova + "/servers/detail?all_tenants=True", token.Id);

        Assert.Equal(["compute-1", "compute-2"], hvs["hypervisors"]!.AsArray().Select(h => (string?)h!["hypervisor_hostname"]));
        Assert.Equal(3, servers["servers"]!.AsArray().Count);
    }

    [Fact]
    public async Task Placement_serves_inventories()
    {
        var token = await os.AuthenticateAsync(os.Admin);
        var hvs = await os.GetJsonAsync(token.Endpoint("compute") + "/os-hypervisors", token.Id);
        string id = (string)hvs["hypervisors"]![0]!["id"]!;

        var inv = await os.GetJsonAsync($"{token.Endpoint("placement")}/resource_providers/{id}/inventories", token.Id);

        Assert.Equal(8, (int)inv["inventories"]!["VCPU"]!["total"]!);
        Assert.Equal(1.5, (double)inv["inventories"]!["MEMORY_MB"]!["allocation_ratio"]!);
    }

    [Fact]
    public async Task Needs_a_token_and_is_read_only()
    {
        var token = await os.AuthenticateAsync(os.Admin);
        string nova = token.Endpoint("compute");

        using var anonymous = await os.SendAsync(HttpMethod.Get, nova + "/servers", null);
        using var write = await os.SendAsync(HttpMethod.Post, nova + "/servers", token.Id, new System.Text.Json.Nodes.JsonObject());

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, write.StatusCode);
    }
}
