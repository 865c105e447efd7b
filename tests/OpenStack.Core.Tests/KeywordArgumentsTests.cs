namespace OpenStack.Core.Tests;

public sealed class KeywordArgumentsTests
{
    private static readonly string[] WatcherNames = ["watcher_url", "os_infra_optim_api_version", "max_retries"];

    [Fact]
    public void Os_prefixed_names_map_onto_options_and_service_names_are_returned_untouched()
    {
        var options = KeywordArguments.ToOptions(new Dictionary<string, object?>
        {
            ["os_username"] = "admin",
            ["os_password"] = "pw",
            ["os_auth_url"] = "http://k:5000/v3",
            ["os_project_name"] = "admin",
            ["os_user_domain_name"] = "Default",
            ["os_project_domain_id"] = "default",
            ["os_region_name"] = "RegionOne",
            ["os_endpoint_type"] = "internalURL",
            ["os_service_type"] = "infra-optim",
            ["os_service_name"] = "watcher",
            ["os_cacert"] = "/ca.pem",
            ["os_cert"] = "/c.pem",
            ["os_key"] = "/k.pem",
            ["insecure"] = false,
            ["timeout"] = "2.5",
            ["watcher_url"] = "http://w:9322/",
            ["max_retries"] = 3,
            ["os_tenant_id"] = null,
        }, WatcherNames, out var specific);

        Assert.Equal("admin", options.Username);
        Assert.Equal("pw", options.Password);
        Assert.Equal("http://k:5000/v3", options.AuthUrl);
        Assert.Equal("admin", options.ProjectName);
        Assert.Equal("Default", options.UserDomainName);
        Assert.Equal("default", options.ProjectDomainId);
        Assert.Equal("RegionOne", options.RegionName);
        Assert.Equal(["internal"], options.Interfaces);
        Assert.Equal("infra-optim", options.ServiceType);
        Assert.Equal("watcher", options.ServiceName);
        Assert.Equal("/ca.pem", options.CaCertFile);
        Assert.Equal("/c.pem", options.ClientCertFile);
        Assert.Equal("/k.pem", options.ClientKeyFile);
        Assert.False(options.Insecure);
        Assert.Equal(TimeSpan.FromSeconds(2.5), options.Timeout);
        Assert.Null(options.ProjectId);
        Assert.Equal(new Dictionary<string, object?> { ["watcher_url"] = "http://w:9322/", ["max_retries"] = 3 }, specific);
    }

    [Fact]
    public void Bare_keystoneauth_names_and_legacy_aliases_map_too()
    {
        var session = new KeystoneSession(new OpenStackClientOptions { Token = "t", Endpoint = "http://x/" });
        var options = KeywordArguments.ToOptions(new Dictionary<string, object?>
        {
            ["user_id"] = "u1",
            ["tenant_name"] = "demo",
            ["auth_token"] = "tok",
            ["interface"] = new[] { "internal", "public" },
            ["application_credential_id"] = "ac",
            ["os_application_credential_secret"] = "acs",
            ["domain_name"] = "d",
            ["timeout"] = 30,
            ["insecure"] = "True",
            ["session"] = session,
        }, [], out var specific);

        Assert.Equal("u1", options.UserId);
        Assert.Equal("demo", options.ProjectName);
        Assert.Equal("tok", options.Token);
        Assert.Equal(["internal", "public"], options.Interfaces);
        Assert.Equal("ac", options.ApplicationCredentialId);
        Assert.Equal("acs", options.ApplicationCredentialSecret);
        Assert.Equal("d", options.DomainName);
        Assert.Equal(TimeSpan.FromSeconds(30), options.Timeout);
        Assert.True(options.Insecure);
        Assert.Same(session, options.Session);
        Assert.Empty(specific);
    }

    [Fact]
    public void Unknown_name_is_rejected_naming_it_and_listing_accepted_names()
    {
        var e = Assert.Throws<ArgumentException>(() => KeywordArguments.ToOptions(
            new Dictionary<string, object?> { ["os_pasword"] = "hunter2" }, WatcherNames, out _));

        Assert.Contains("Unknown keyword argument 'os_pasword'", e.Message);
        Assert.Contains("os_password", e.Message);
        Assert.Contains("watcher_url", e.Message);
        Assert.DoesNotContain("hunter2", e.Message);
    }

    [Theory]
    [InlineData("os_password", 12345)]
    [InlineData("os_auth_token", 9.5)]
    [InlineData("insecure", "maybe")]
    [InlineData("timeout", "soon")]
    [InlineData("session", "not-a-session")]
    public void Wrong_value_type_is_rejected_naming_the_key_but_not_the_value(string key, object value)
    {
        var e = Assert.Throws<ArgumentException>(() => KeywordArguments.ToOptions(new Dictionary<string, object?> { [key] = value }, [], out _));

        Assert.Contains($"'{key}'", e.Message);
        Assert.Equal(key, e.ParamName);
        Assert.DoesNotContain(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)!, e.Message);
    }

    [Fact]
    public void Same_option_given_twice_with_different_values_is_rejected()
    {
        var e = Assert.Throws<ArgumentException>(() => KeywordArguments.ToOptions(
            new Dictionary<string, object?> { ["os_username"] = "a", ["username"] = "b" }, [], out _));

        Assert.Contains("'os_username' and 'username'", e.Message);
    }
}
