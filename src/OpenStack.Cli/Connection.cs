using System.CommandLine;

namespace OpenStack.Cli;

/// <summary>
/// Turns the global options, the <c>OS_*</c> environment and (with <c>--os-cloud</c>/<c>OS_CLOUD</c>) clouds.yaml into
/// <see cref="OpenStackClientOptions"/>. Explicit options beat environment variables, which beat clouds.yaml (osc-lib).
/// </summary>
internal static class Connection
{
    /// <summary>Builds the client options for one service.</summary>
    /// <param name="parse">The parsed command line.</param>
    /// <param name="options">The global options.</param>
    /// <param name="context">The run's environment and output.</param>
    /// <param name="serviceEndpoint">A service-specific endpoint (for example <c>--monasca-api-url</c>) that overrides the catalog.</param>
    public static OpenStackClientOptions Resolve(ParseResult parse, GlobalOptions options, CliContext context, string? serviceEndpoint = null)
    {
        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        var cloud = options.Cloud.Resolve(parse, context);
        foreach (var option in options.All)
        {
            if (option == options.Cloud || option.Setting.StartsWith("cli_", StringComparison.Ordinal))
            {
                continue;
            }
            var value = option.Resolve(parse, context);
            if (value is null)
            {
                continue;
            }
            if (option.Secret)
            {
                context.AddSecret(value);
            }
            // --os-project-name beats the deprecated --os-tenant-name (and the same for ids).
            if (settings.ContainsKey(option.Setting) && (option == options.TenantName || option == options.TenantId))
            {
                continue;
            }
            settings[option.Setting] = value;
        }
        if (serviceEndpoint is not null)
        {
            settings["endpoint"] = serviceEndpoint;
        }
        var insecure = parse.GetValue(options.Insecure);
        var hasToken = settings.ContainsKey("token");
        var hasEndpoint = settings.ContainsKey("endpoint");

        if (hasToken && hasEndpoint && !settings.ContainsKey("auth_type"))
        {
            // python-watcherclient and osc-lib: a token with an endpoint is used as is, without Keystone.
            settings["auth_type"] = "admin_token";
        }
        var result = CloudConfig.Load(cloud, context, settings);
        if (insecure)
        {
            result.Insecure = true;
        }
        context.AddSecret(result.Password);
        context.AddSecret(result.Token);
        context.AddSecret(result.ApplicationCredentialSecret);
        if (result.AuthUrl is null && !(result.Token is not null && result.Endpoint is not null) && result.Session is null)
        {
            throw new CliException(
                "You must provide an auth URL (--os-auth-url or env[OS_AUTH_URL]) or a cloud (--os-cloud or env[OS_CLOUD]), "
                + "or a token with an endpoint (--os-auth-token and --os-endpoint-override).");
        }
        return result;
    }
}
