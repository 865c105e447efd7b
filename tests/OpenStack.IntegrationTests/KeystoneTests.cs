using System.Net;
using System.Text.Json.Nodes;

namespace OpenStack.IntegrationTests;

[Collection(OpenStackCollection.Name)]
public sealed class KeystoneTests(OpenStackFixture os)
{
    [Fact]
    public async Task Admin_gets_a_project_scoped_token()
    {
        using var resp = await os.PostTokenAsync(os.Admin);

        Assert.Equal(HttpStatusCode.Created, resp.StatusCode);
        Assert.False(string.IsNullOrEmpty(resp.Headers.GetValues("X-Subject-Token").Single()));
        var token = JsonNode.Parse(await resp.Content.ReadAsStringAsync())!["token"]!;
        Assert.Equal("admin", (string?)token["user"]!["name"]);
        Assert.Equal("admin", (string?)token["project"]!["name"]);
        Assert.Contains(token["roles"]!.AsArray(), r => (string?)r!["name"] == "admin");
    }

    [Fact]
    public async Task Demo_gets_a_member_token_without_admin()
    {
        using var resp = await os.PostTokenAsync(os.Demo);

        Assert.Equal(HttpStatusCode.Created, resp.StatusCode);
        Assert.False(string.IsNullOrEmpty(resp.Headers.GetValues("X-Subject-Token").Single()));
        var token = JsonNode.Parse(await resp.Content.ReadAsStringAsync())!["token"]!;
        Assert.Equal("demo", (string?)token["user"]!["name"]);
        Assert.Equal("demo", (string?)token["project"]!["name"]);
        var roles = token["roles"]!.AsArray().Select(r => (string?)r!["name"]).ToList();
        Assert.Contains("member", roles);
        Assert.DoesNotContain("admin", roles);
    }

    [Fact]
    public async Task Wrong_password_gets_401()
    {
        using var resp = await os.PostTokenAsync(os.Demo with { Password = "not-the-password" });

        Assert.Equal(HttpStatusCode.Unauthorized, resp.StatusCode);
        Assert.False(resp.Headers.Contains("X-Subject-Token"));
    }

    [Theory]
    [InlineData("identity")]
    [InlineData("infra-optim")]
    [InlineData("compute")]
    [InlineData("placement")]
    [InlineData("monitoring")]
    public async Task Catalog_has_public_internal_and_admin_endpoints(string serviceType)
    {
        var token = await os.AuthenticateAsync(os.Admin);

        var service = token.Body["token"]!["catalog"]!.AsArray().Single(s => (string?)s!["type"] == serviceType)!;
        var interfaces = service["endpoints"]!.AsArray()
            .Where(e => (string?)e!["region_id"] == "RegionOne")
            .Select(e => (string?)e!["interface"]).OrderBy(i => i).ToList();
        Assert.Equal(["admin", "internal", "public"], interfaces);
        foreach (var iface in new[] { "public", "internal", "admin" })
        {
            Assert.StartsWith("http://127.0.0.1:", token.Endpoint(serviceType, iface));
        }
    }

    [Fact]
    public async Task Monitoring_endpoint_is_the_monasca_v2_url()
    {
        var token = await os.AuthenticateAsync(os.Admin);
        string port = Environment.GetEnvironmentVariable("MONASCA_PORT") is { Length: > 0 } p ? p : "8070";

        Assert.Equal($"http://127.0.0.1:{port}/v2.0", token.Endpoint("monitoring"));
    }

    [Fact]
    public async Task Demo_token_sees_the_same_catalog()
    {
        var token = await os.AuthenticateAsync(os.Demo);

        Assert.Equal(os.AuthUrl, token.Endpoint("identity"));
        Assert.StartsWith("http://127.0.0.1:", token.Endpoint("infra-optim"));
    }
}
