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
        if (options.TrustId.Resolve(parse, context) is not null)
        {
            throw new CliException("--os-trust-id: trust-scoped tokens are not supported. Scope to the trustor's project "
                + "(--os-project-name or --os-project-id), or pass a trust-scoped token from `openstack token issue` with --os-auth-token.");
        }
        // keystoneauth's default domain: the user's and the project's, when neither names its own.
        foreach (var (setting, value) in new[] { ("domain_id", options.DefaultDomainId.Resolve(parse, context)), ("domain_name", options.DefaultDomainName.Resolve(parse, context)) })
        {
            if (value is null)
            {
                continue;
            }
            foreach (var who in new[] { "user", "project" })
            {
                if (!settings.ContainsKey($"{who}_domain_id") && !settings.ContainsKey($"{who}_domain_name"))
                {
                    settings[$"{who}_{setting}"] = value;
                }
            }
        }
        if (parse.GetValue(options.NoAuth))
        {
            throw new CliException("--no-auth: calls without a token are not supported. Give a token and the endpoint instead "
                + "(--os-auth-token and --os-endpoint-override): Keystone is then not asked.");
        }
        if (serviceEndpoint is not null)
        {
            settings["endpoint"] = serviceEndpoint;
        }
        var insecure = parse.GetValue(options.Insecure) && !parse.GetValue(options.Verify);
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
        if (context.Logging && result.Session is null && result.AuthUrl is not null
            && result.AuthType is not ("none" or "noauth" or "admin_token" or "token_endpoint"))
        {
            // --debug traces the Keystone requests too: a session of this run's own, logging to this run's output.
            result.LoggerFactory = new KeystoneLog(context);
            result.Session = new KeystoneSession(result);
        }
        context.AddSecret(result.Password);
        context.AddSecret(result.Token);
        context.AddSecret(result.ApplicationCredentialSecret);
        if (result.AuthUrl is null && !string.Equals(result.AuthType, "none", StringComparison.Ordinal) && !(result.Token is not null && result.Endpoint is not null) && result.Session is null)
        {
            throw new CliException(
                "You must provide an auth URL (--os-auth-url or env[OS_AUTH_URL]) or a cloud (--os-cloud or env[OS_CLOUD]), "
                + "or a token with an endpoint (--os-auth-token and --os-endpoint-override).");
        }
        return result;
    }
}
