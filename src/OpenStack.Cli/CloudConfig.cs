namespace OpenStack.Cli;

/// <summary>Loads connection settings with Core's <see cref="CloudConfigLoader"/> (clouds.yaml, secure.yaml, the <c>envvars</c> cloud).</summary>
internal static class CloudConfig
{
    /// <summary>
    /// The options of cloud <paramref name="cloud"/> (null follows openstacksdk: <c>OS_CLOUD</c>, then the <c>envvars</c>
    /// cloud, then the only cloud, then none), overridden by <paramref name="overrides"/> (explicit options and the
    /// <c>OS_*</c> variables behind them, as osc-lib's argparse defaults do).
    /// </summary>
    public static OpenStackClientOptions Load(string? cloud, CliContext context, IReadOnlyDictionary<string, string> overrides)
    {
        var env = context.Environment
            .Where(kv => kv.Value is not null)
            .ToDictionary(kv => kv.Key, kv => kv.Value!, StringComparer.Ordinal);
        var loader = new CloudConfigLoader
        {
            EnvironmentVariables = env,
            CurrentDirectory = Directory.GetCurrentDirectory(),
            // Only the environment the run was given (tests pass their own): HOME, else USERPROFILE.
            HomeDirectory = context.Env("HOME") ?? context.Env("USERPROFILE") ?? "",
        };
        var arguments = overrides.ToDictionary(kv => kv.Key, kv => (object?)kv.Value, StringComparer.Ordinal);
        try
        {
            return loader.Load(cloud, arguments);
        }
        catch (FormatException ex)
        {
            throw new CliException(ex.Message);
        }
    }
}
