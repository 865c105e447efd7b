namespace OpenStack.IntegrationTests;

public sealed class CloudsYamlTests
{
    [Fact]
    public void Parses_nested_maps_into_dotted_paths()
    {
        const string yaml = """
            # comment
            clouds:
              openstack-admin:
                auth:
                  auth_url: http://127.0.0.1:5000/v3
                  password: 'a:b'
                region_name: RegionOne
            """;

        var y = OpenStackFixture.ParseCloudsYaml(yaml);

        Assert.Equal("http://127.0.0.1:5000/v3", y["clouds.openstack-admin.auth.auth_url"]);
        Assert.Equal("a:b", y["clouds.openstack-admin.auth.password"]);
        Assert.Equal("RegionOne", y["clouds.openstack-admin.region_name"]);
    }
}
