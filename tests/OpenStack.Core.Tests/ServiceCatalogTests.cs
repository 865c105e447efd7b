using Newtonsoft.Json.Linq;

namespace OpenStack.Core.Tests;

public sealed class ServiceCatalogTests
{
    private static readonly ServiceCatalog Captured = TokenProvider.ParseToken("t", (JObject)JObject.Parse(CapturedKeystone.TokenBody)["token"]!).Catalog;

    private static ServiceCatalog Catalog(params Ep[] eps) =>
        ServiceCatalog.Parse(JObject.Parse(FakeKeystone.TokenBody(DateTimeOffset.UtcNow, eps))["token"]!["catalog"]);

    [Fact]
    public void Real_catalog_gives_watchers_bare_root_and_monascas_versioned_url()
    {
        Assert.Equal(new Uri("http://127.0.0.1:9322"), Captured.GetEndpoint("infra-optim"));
        Assert.Equal(new Uri("http://127.0.0.1:8070/v2.0"), Captured.GetEndpoint("monitoring", ["internal"], "RegionOne", "monasca"));
    }

    [Theory]
    [InlineData("publicURL", "public")]
    [InlineData("internalURL", "internal")]
    [InlineData("adminURL", "admin")]
    [InlineData("Public", "public")]
    [InlineData("internal", "internal")]
    public void Keystone_v2_interface_names_are_normalised(string given, string expected) =>
        Assert.Equal(expected, ServiceCatalog.NormalizeInterface(given));

    [Fact]
    public void First_interface_in_the_preference_list_that_exists_wins()
    {
        var catalog = Catalog(
            new Ep("monitoring", "monasca", "admin", "R1", "http://admin/"),
            new Ep("monitoring", "monasca", "public", "R1", "http://public/"));

        Assert.Equal(new Uri("http://admin/"), catalog.GetEndpoint("monitoring", ["internal", "admin", "public"]));
        Assert.Equal(new Uri("http://public/"), catalog.GetEndpoint("monitoring", ["publicURL", "admin"]));
        Assert.Equal(new Uri("http://public/"), catalog.GetEndpoint("monitoring"));
    }

    [Fact]
    public void Region_matches_region_id_or_region_name_and_no_region_means_any()
    {
        var catalog = new ServiceCatalog([new CatalogService("monitoring", "monasca", "s", [
            new CatalogEndpoint("public", "Region One", "r1", "http://one/", "e1"),
            new CatalogEndpoint("public", "Region Two", "r2", "http://two/", "e2")])]);

        Assert.Equal(new Uri("http://two/"), catalog.GetEndpoint("monitoring", regionName: "r2"));
        Assert.Equal(new Uri("http://two/"), catalog.GetEndpoint("monitoring", regionName: "Region Two"));
        Assert.Equal(new Uri("http://one/"), catalog.GetEndpoint("monitoring"));
    }

    [Fact]
    public void Service_name_picks_among_services_of_one_type()
    {
        var catalog = Catalog(
            new Ep("monitoring", "monasca-a", "public", "R1", "http://a/"),
            new Ep("monitoring", "monasca-b", "public", "R1", "http://b/"));

        Assert.Equal(new Uri("http://b/"), catalog.GetEndpoint("monitoring", serviceName: "monasca-b"));
    }

    [Fact]
    public void No_match_names_what_was_asked_for_and_what_the_catalog_has()
    {
        var e = Assert.Throws<EndpointNotFoundException>(() => Captured.GetEndpoint("monitoring", ["internal", "admin"], "RegionTwo"));

        Assert.StartsWith("No endpoint for service type 'monitoring' (interface internal or admin, region 'RegionTwo', service name any) in the catalog. The catalog has: identity (keystone): public RegionOne http://127.0.0.1:5000/v3,", e.Message);
        Assert.Contains("monitoring (monasca): public RegionOne http://127.0.0.1:8070/v2.0, internal RegionOne http://127.0.0.1:8070/v2.0, admin RegionOne http://127.0.0.1:8070/v2.0.", e.Message);
        Assert.Equal("RegionTwo", e.RegionName);
        Assert.Equal(["internal", "admin"], e.Interfaces);
    }

    [Fact]
    public void Empty_catalog_says_so()
    {
        var e = Assert.Throws<EndpointNotFoundException>(() => ServiceCatalog.Empty.GetEndpoint("infra-optim"));

        Assert.EndsWith("The catalog has: an empty catalog.", e.Message);
    }

    [Theory]
    [InlineData("http://h:8070/v2.0", "v2.0", "http://h:8070/")]
    [InlineData("http://h:8070", "v2.0", "http://h:8070/")]
    [InlineData("http://h/prefix/v2.0", "v2.0", "http://h/prefix/")]
    [InlineData("http://h:9322/", "v1", "http://h:9322/")]
    [InlineData("http://h:9322/v1", "v1", "http://h:9322/")]
    [InlineData("http://h:9322/v1/", "v1", "http://h:9322/")]
    [InlineData("https://h/infra-optim", "v1", "https://h/infra-optim/")]
    public void Service_root_strips_the_version_segment_and_keeps_the_prefix(string endpoint, string version, string root) =>
        Assert.Equal(new Uri(root), OpenStackHttpClient.ServiceRoot(new Uri(endpoint), version));
}
