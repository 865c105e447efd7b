using System.Text;
using Microsoft.Extensions.Configuration;

namespace OpenStack.Core.Tests;

public sealed class CloudConfigTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("osconfig-").FullName;
    private readonly string _cwd;
    private readonly string _home;
    private readonly string _site;

    public CloudConfigTests()
    {
        _cwd = Directory.CreateDirectory(Path.Combine(_root, "cwd")).FullName;
        _home = Directory.CreateDirectory(Path.Combine(_root, "home")).FullName;
        _site = Directory.CreateDirectory(Path.Combine(_root, "etc-openstack")).FullName;
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private CloudConfigLoader Loader(Dictionary<string, string>? env = null) =>
        new() { EnvironmentVariables = env ?? [], CurrentDirectory = _cwd, HomeDirectory = _home, SiteDirectory = _site };

    private static string Write(string dir, string name, string text)
    {
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static string Cloud(string name, string authUrl, string extra = "") => $"""
        clouds:
          {name}:
            auth:
              auth_url: {authUrl}
              username: admin
              project_name: admin
              user_domain_name: Default
              project_domain_name: Default
            region_name: RegionOne
        {extra}
        """;

    [Fact]
    public void Clouds_yaml_with_secure_yaml_gives_the_full_cloud()
    {
        Write(_cwd, "clouds.yaml", """
            clouds:
              openstack-admin:
                auth:
                  auth_url: http://127.0.0.1:5000/v3
                  username: admin
                  project_name: admin
                  user_domain_name: Default
                  project_domain_name: Default
                region_name: RegionOne
                interface: internal
                verify: false
                cacert: /etc/ssl/ca.pem
                cert: /etc/ssl/client.pem
                key: /etc/ssl/client.key
                api_timeout: 12
                identity_api_version: 3
            """);
        Write(_cwd, "secure.yaml", """
            clouds:
              openstack-admin:
                auth:
                  password: admin-secret
            """);

        var o = Loader().Load("openstack-admin");

        Assert.Equal("http://127.0.0.1:5000/v3", o.AuthUrl);
        Assert.Equal("admin", o.Username);
        Assert.Equal("admin-secret", o.Password);
        Assert.Equal("admin", o.ProjectName);
        Assert.Equal("Default", o.UserDomainName);
        Assert.Equal("Default", o.ProjectDomainName);
        Assert.Equal("RegionOne", o.RegionName);
        Assert.Equal(["internal"], o.Interfaces);
        Assert.True(o.Insecure);
        Assert.Equal("/etc/ssl/ca.pem", o.CaCertFile);
        Assert.Equal("/etc/ssl/client.pem", o.ClientCertFile);
        Assert.Equal("/etc/ssl/client.key", o.ClientKeyFile);
        Assert.Equal(TimeSpan.FromSeconds(12), o.Timeout);
    }

    [Fact]
    public void Clouds_yaml_with_anchors_merge_keys_and_unquoted_numbers_reads_as_openstacksdk_reads_it()
    {
        Write(_cwd, "clouds.yaml", """
            defaults: &defaults
              auth:
                auth_url: http://keystone:5000/v3
                username: admin
                user_domain_name: Default
              region_name: RegionOne
              verify: no
              api_timeout: 7.5
            clouds:
              numbered:
                <<: *defaults
                auth:
                  auth_url: http://keystone:5000/v3
                  username: admin
                  user_domain_name: Default
                  project_id: 1234
                region_name: RegionTwo
            """);

        var o = Loader().Load("numbered");

        Assert.Equal("http://keystone:5000/v3", o.AuthUrl);
        Assert.Equal("1234", o.ProjectId);
        Assert.Equal("RegionTwo", o.RegionName);
        Assert.True(o.Insecure);
        Assert.Equal(TimeSpan.FromSeconds(7.5), o.Timeout);
    }

    [Fact]
    public void Search_order_is_client_config_file_then_current_dir_then_user_dir_then_site_dir()
    {
        var explicitFile = Write(Path.Combine(_root, "explicit"), "my-clouds.yaml", Cloud("c", "http://explicit/v3"));
        Write(_cwd, "clouds.yaml", Cloud("c", "http://cwd/v3"));
        Write(Path.Combine(_home, ".config", "openstack"), "clouds.yaml", Cloud("c", "http://home/v3"));
        Write(_site, "clouds.yaml", Cloud("c", "http://site/v3"));

        Assert.Equal("http://explicit/v3", Loader(new() { ["OS_CLIENT_CONFIG_FILE"] = explicitFile }).Load("c").AuthUrl);
        Assert.Equal("http://cwd/v3", Loader().Load("c").AuthUrl);
        File.Delete(Path.Combine(_cwd, "clouds.yaml"));
        Assert.Equal("http://home/v3", Loader().Load("c").AuthUrl);
        Assert.Equal("http://xdg/v3", Loader(new() { ["XDG_CONFIG_HOME"] = Path.GetDirectoryName(Write(Path.Combine(_root, "xdg", "openstack"), "clouds.yml", Cloud("c", "http://xdg/v3")))! + "/.." }).Load("c").AuthUrl);
        File.Delete(Path.Combine(_home, ".config", "openstack", "clouds.yaml"));
        Assert.Equal("http://site/v3", Loader().Load("c").AuthUrl);
    }

    [Fact]
    public void Json_clouds_file_is_read_too()
    {
        Write(_cwd, "clouds.json", """{"clouds": {"j": {"auth": {"auth_url": "http://json/v3", "username": "u"}, "verify": false, "regions": ["R9"]}}}""");

        var o = Loader().Load("j");

        Assert.Equal("http://json/v3", o.AuthUrl);
        Assert.True(o.Insecure);
        Assert.Equal("R9", o.RegionName);
    }

    [Fact]
    public void Os_cloud_selects_the_cloud_and_other_os_variables_are_ignored()
    {
        Write(_cwd, "clouds.yaml", Cloud("a", "http://a/v3") + "\n" + Cloud("b", "http://b/v3").Replace("clouds:\n", ""));

        var o = Loader(new() { ["OS_CLOUD"] = "b", ["OS_REGION_NAME"] = "Elsewhere" }).Load();

        Assert.Equal("http://b/v3", o.AuthUrl);
        Assert.Equal("RegionOne", o.RegionName);
    }

    [Fact]
    public void Os_variables_form_the_envvars_cloud_which_is_the_default_without_os_cloud()
    {
        Write(_cwd, "clouds.yaml", Cloud("a", "http://a/v3"));
        var env = new Dictionary<string, string>
        {
            ["OS_AUTH_URL"] = "http://env/v3",
            ["OS_USERNAME"] = "envuser",
            ["OS_PASSWORD"] = "envpw",
            ["OS_PROJECT_NAME"] = "p",
            ["OS_USER_DOMAIN_NAME"] = "Default",
            ["OS_PROJECT_DOMAIN_NAME"] = "Default",
            ["OS_REGION_NAME"] = "R2",
            ["OS_INTERFACE"] = "admin",
            ["OS_INSECURE"] = "true",
            ["OS_IDENTITY_API_VERSION"] = "3",
            ["OS_TEST_TIMEOUT"] = "60",
        };

        var o = Loader(env).Load();

        Assert.Equal("http://env/v3", o.AuthUrl);
        Assert.Equal("envuser", o.Username);
        Assert.Equal("envpw", o.Password);
        Assert.Equal("R2", o.RegionName);
        Assert.Equal(["admin"], o.Interfaces);
        Assert.True(o.Insecure);
        Assert.Contains("envvars", Loader(env).LoadClouds().Keys);
        Assert.Equal("http://a/v3", Loader(env).Load("a").AuthUrl);
    }

    [Fact]
    public void Only_selector_variables_do_not_make_an_envvars_cloud_and_the_only_cloud_is_used()
    {
        Write(_cwd, "clouds.yaml", Cloud("only", "http://only/v3"));

        var o = Loader(new() { ["OS_REGION_NAME"] = "R2" }).Load();

        Assert.Equal("http://only/v3", o.AuthUrl);
        Assert.DoesNotContain("envvars", Loader(new() { ["OS_REGION_NAME"] = "R2" }).LoadClouds().Keys);
    }

    [Fact]
    public void Explicit_arguments_override_the_cloud()
    {
        Write(_cwd, "clouds.yaml", Cloud("a", "http://a/v3"));

        var o = Loader().Load("a", new Dictionary<string, object?> { ["os_region_name"] = "R7", ["project_id"] = "pid", ["interface"] = "internal", ["os_password"] = "pw" });

        Assert.Equal("R7", o.RegionName);
        Assert.Equal("pid", o.ProjectId);
        Assert.Equal(["internal"], o.Interfaces);
        Assert.Equal("pw", o.Password);
        Assert.Equal("http://a/v3", o.AuthUrl);
    }

    [Fact]
    public void Unknown_cloud_names_the_file_and_lists_the_clouds()
    {
        var file = Write(_cwd, "clouds.yaml", Cloud("a", "http://a/v3"));

        var e = Assert.Throws<ArgumentException>(() => Loader().Load("nope"));

        Assert.StartsWith($"Cloud 'nope' is not defined in {file}; clouds: a.", e.Message);
    }

    [Fact]
    public void Broken_yaml_names_the_file_and_line_but_not_the_secret()
    {
        var file = Write(_cwd, "clouds.yaml", "clouds:\n  a:\n    auth:\n      password: 'unterminated-secret\n");

        var e = Assert.Throws<FormatException>(() => Loader().Load("a"));

        Assert.StartsWith($"{file}: YAML line 4, column ", e.Message);
        Assert.DoesNotContain("unterminated-secret", e.Message);
    }

    [Fact]
    public void Configuration_section_accepts_property_and_python_names_and_an_auth_block()
    {
        var json = """
            {"OpenStack": {
              "AuthUrl": "http://cfg/v3",
              "os_username": "admin",
              "auth": { "password": "pw", "user_domain_name": "Default" },
              "ProjectName": "admin",
              "project_domain_id": "default",
              "Interfaces": ["internal", "public"],
              "RegionName": "RegionOne",
              "Insecure": "true",
              "Timeout": "00:00:30",
              "Monasca": { "ApiVersion": "2_0" }
            }}
            """;
        var config = new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(json))).Build();

        var o = OpenStackConfiguration.FromConfiguration(config.GetSection("OpenStack"));

        Assert.Equal("http://cfg/v3", o.AuthUrl);
        Assert.Equal("admin", o.Username);
        Assert.Equal("pw", o.Password);
        Assert.Equal("Default", o.UserDomainName);
        Assert.Equal("default", o.ProjectDomainId);
        Assert.Equal(["internal", "public"], o.Interfaces);
        Assert.True(o.Insecure);
        Assert.Equal(TimeSpan.FromSeconds(30), o.Timeout);
    }

    [Fact]
    public void Configuration_section_can_name_a_cloud_and_override_it()
    {
        Write(_cwd, "clouds.yaml", Cloud("a", "http://a/v3"));
        var config = new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes("""{"Cloud": "a", "RegionName": "R5"}"""))).Build();

        var o = OpenStackConfiguration.FromConfiguration(config, Loader());

        Assert.Equal("http://a/v3", o.AuthUrl);
        Assert.Equal("R5", o.RegionName);
    }

    [Fact]
    public void Configuration_typo_is_rejected_naming_the_key()
    {
        var config = new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes("""{"OpenStack": {"AuthURL": "x", "Pasword": "hunter2"}}"""))).Build();

        var e = Assert.Throws<ArgumentException>(() => OpenStackConfiguration.FromConfiguration(config.GetSection("OpenStack")));

        Assert.Contains("'OpenStack:Pasword'", e.Message);
        Assert.DoesNotContain("hunter2", e.Message);
    }
}
