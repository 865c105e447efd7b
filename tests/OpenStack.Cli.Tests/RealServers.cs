namespace OpenStack.Cli.Tests;

/// <summary>
/// The real Keystone, Watcher and Monasca stub that scripts/openstack-up.sh runs (state in $OPENSTACK_STATE_DIR, else
/// &lt;repo&gt;/.openstack): the environment that makes the CLI use its clouds.yaml as the admin.
/// </summary>
internal static class RealServers
{
    public static string StateDir { get; } = Path.GetFullPath(Environment.GetEnvironmentVariable("OPENSTACK_STATE_DIR") is { Length: > 0 } dir
        ? dir : Path.Combine(ProcessRunner.RepoRoot, ".openstack"));

    /// <summary>OS_CLOUD=openstack-admin with the state's clouds.yaml (a clear failure when the services were never set up).</summary>
    public static Dictionary<string, string?> AdminEnvironment()
    {
        var clouds = Path.Combine(StateDir, "clouds.yaml");
        Assert.True(File.Exists(clouds), $"{clouds} is missing: run scripts/openstack-up.sh (or set OPENSTACK_STATE_DIR) first.");
        return new Dictionary<string, string?>
        {
            ["OS_CLIENT_CONFIG_FILE"] = clouds,
            ["OS_CLOUD"] = "openstack-admin",
            ["HOME"] = Path.GetTempPath(),
        };
    }
}
