using System.CommandLine;

namespace OpenStack.Cli;

/// <summary>One global option with the environment variables that supply its default, like osc-lib's <c>env('OS_...')</c>.</summary>
internal sealed class EnvOption
{
    public EnvOption(string setting, string name, string[] aliases, string[] envVars, string description, bool secret = false, bool hidden = false)
    {
        Setting = setting;
        EnvVars = envVars;
        Secret = secret;
        var env = envVars.Length == 0 ? "" : " Defaults to " + string.Join(" or ", envVars.Select(v => $"env[{v}]")) + ".";
        // The help's metavar, python-style: --os-auth-url <auth-url>; a long one by its last word (<secret>).
        var metavar = name.TrimStart('-').Replace("os-", "", StringComparison.Ordinal);
        Option = new Option<string?>(name, aliases)
        {
            Description = description + env,
            Recursive = true,
            Hidden = hidden,
            HelpName = metavar.Length > 20 ? metavar[(metavar.LastIndexOf('-') + 1)..] : metavar,
        };
    }

    /// <summary>The keystoneauth setting name this option feeds (<c>auth_url</c>, <c>password</c>, ...), or a CLI-specific name.</summary>
    public string Setting { get; }

    /// <summary>Environment variables consulted, in order, when the option is not given.</summary>
    public IReadOnlyList<string> EnvVars { get; }

    /// <summary>Whether the value is a secret (never echoed).</summary>
    public bool Secret { get; }

    /// <summary>The System.CommandLine option.</summary>
    public Option<string?> Option { get; }

    /// <summary>The option's value, else the first set environment variable, else null.</summary>
    public string? Resolve(ParseResult parse, CliContext context, bool useEnvironment = true)
    {
        var value = parse.GetValue(Option);
        if (string.IsNullOrEmpty(value) && useEnvironment)
        {
            value = EnvVars.Select(context.Env).FirstOrDefault(v => v is not null);
        }
        return string.IsNullOrEmpty(value) ? null : value;
    }

    /// <summary>Whether the option itself was given on the command line.</summary>
    public bool GivenOnCommandLine(ParseResult parse) => !string.IsNullOrEmpty(parse.GetValue(Option));
}

/// <summary>
/// The global options both tools share: the osc-lib/keystoneauth authentication, catalog and TLS options, each
/// backed by its <c>OS_*</c> environment variable. The Watcher tool adds the python-watcherclient short aliases.
/// </summary>
internal sealed class GlobalOptions
{
    private readonly List<EnvOption> _all = [];

    public GlobalOptions(bool watcherAliases)
    {
        string[] A(params string[] a) => watcherAliases ? a : [];
        Cloud = Add("cloud", "--os-cloud", [], ["OS_CLOUD"], "Cloud name in clouds.yaml (OS_CLIENT_CONFIG_FILE names the file).");
        AuthUrl = Add("auth_url", "--os-auth-url", A("-A"), ["OS_AUTH_URL"], "Keystone URL, for example http://127.0.0.1:5000/v3.");
        AuthType = Add("auth_type", "--os-auth-type", [], ["OS_AUTH_TYPE"], "Authentication type (password, token, v3applicationcredential, admin_token).");
        Username = Add("username", "--os-username", A("-U"), ["OS_USERNAME"], "User name.");
        UserId = Add("user_id", "--os-user-id", [], ["OS_USER_ID"], "User id.");
        Password = Add("password", "--os-password", A("-P"), ["OS_PASSWORD"], "Password.", secret: true);
        UserDomainName = Add("user_domain_name", "--os-user-domain-name", [], ["OS_USER_DOMAIN_NAME"], "Domain name of the user.");
        UserDomainId = Add("user_domain_id", "--os-user-domain-id", [], ["OS_USER_DOMAIN_ID"], "Domain id of the user.");
        ProjectName = Add("project_name", "--os-project-name", [], ["OS_PROJECT_NAME"], "Project to scope to.");
        ProjectId = Add("project_id", "--os-project-id", [], ["OS_PROJECT_ID"], "Project id to scope to.");
        TenantName = Add("project_name", "--os-tenant-name", A("-T"), ["OS_TENANT_NAME"], "Deprecated spelling of --os-project-name.");
        TenantId = Add("project_id", "--os-tenant-id", A("-I"), ["OS_TENANT_ID"], "Deprecated spelling of --os-project-id.");
        ProjectDomainName = Add("project_domain_name", "--os-project-domain-name", [], ["OS_PROJECT_DOMAIN_NAME"], "Domain name of the project.");
        ProjectDomainId = Add("project_domain_id", "--os-project-domain-id", [], ["OS_PROJECT_DOMAIN_ID"], "Domain id of the project.");
        DomainName = Add("domain_name", "--os-domain-name", [], ["OS_DOMAIN_NAME"], "Domain name for a domain-scoped token.");
        DomainId = Add("domain_id", "--os-domain-id", [], ["OS_DOMAIN_ID"], "Domain id for a domain-scoped token.");
        Token = Add("token", "--os-auth-token", ["--os-token"], ["OS_AUTH_TOKEN", "OS_TOKEN"], "A pre-issued token.", secret: true);
        AppCredId = Add("application_credential_id", "--os-application-credential-id", [], ["OS_APPLICATION_CREDENTIAL_ID"], "Application credential id.");
        AppCredName = Add("application_credential_name", "--os-application-credential-name", [], ["OS_APPLICATION_CREDENTIAL_NAME"], "Application credential name.");
        AppCredSecret = Add("application_credential_secret", "--os-application-credential-secret", [], ["OS_APPLICATION_CREDENTIAL_SECRET"], "Application credential secret.", secret: true);
        RegionName = Add("region_name", "--os-region-name", A("-R"), ["OS_REGION_NAME"], "Region of the endpoint to use.");
        Interface = Add("interface", "--os-interface", ["--os-endpoint-type"], ["OS_INTERFACE", "OS_ENDPOINT_TYPE"], "Endpoint interface: public (default), internal or admin (publicURL and the like are accepted).");
        EndpointOverride = Add("endpoint", "--os-endpoint-override", ["--os-endpoint"], ["OS_ENDPOINT_OVERRIDE", "OS_ENDPOINT"], "Use this service endpoint instead of the catalog's.");
        CaCert = Add("cacert", "--os-cacert", [], ["OS_CACERT"], "PEM bundle of CA certificates to trust.");
        Cert = Add("cert", "--os-cert", [], ["OS_CERT"], "PEM client certificate.");
        Key = Add("key", "--os-key", [], ["OS_KEY"], "PEM key of the client certificate.");
        Timeout = Add("timeout", "--timeout", [], [], "Timeout of one HTTP request, in seconds.");
        SystemScope = Add("system_scope", "--os-system-scope", [], ["OS_SYSTEM_SCOPE"], "System scope to ask for (all) instead of a project or domain.");
        DefaultDomainId = Add("cli_default_domain_id", "--os-default-domain-id", ["--os-default-domain"], ["OS_DEFAULT_DOMAIN_ID", "OS_DEFAULT_DOMAIN"],
            "Domain id of the user and the project when neither names its own (--os-default-domain: the same, as openstackclient spells it).");
        DefaultDomainName = Add("cli_default_domain_name", "--os-default-domain-name", [], ["OS_DEFAULT_DOMAIN_NAME"], "Domain name of the user and the project when neither names its own.");
        TrustId = Add("cli_trust_id", "--os-trust-id", [], ["OS_TRUST_ID"], "Trust id (not supported: the command stops and says what to use instead).");
        Insecure = new Option<bool>("--insecure") { Description = "Do not verify the server's TLS certificate.", Recursive = true };
        Verify = new Option<bool>("--verify") { Description = "Verify the server's TLS certificate (the default; overrides --insecure).", Recursive = true };
        NoAuth = new Option<bool>("--no-auth", "-N") { Description = "Not supported (calls without a token): use --os-auth-token with --os-endpoint-override, which asks no Keystone.", Recursive = true, Hidden = !watcherAliases };
        Debug = new Option<bool>("--debug") { Description = "Log each request and answer (tokens hashed) and print exception details on errors.", Recursive = true };
        IdentityApiVersion = Add("cli_identity_api_version", "--os-identity-api-version", [], ["OS_IDENTITY_API_VERSION"], "Identity API version: 3 (the only one Keystone serves today).");
        Verbose = new Option<int>("--verbose", "-v") { Description = "Increase verbosity of output. Can be repeated.", Recursive = true, Arity = ArgumentArity.Zero, CustomParser = r => r.Parent is System.CommandLine.Parsing.OptionResult o ? o.IdentifierTokenCount : 0 };
        Quiet = new Option<bool>("--quiet", "-q") { Description = "Suppress output except warnings and errors.", Recursive = true };
        LogFile = new Option<string?>("--log-file") { Description = "Specify a file to log output (each request and answer, as --debug shows them). Disabled by default.", Recursive = true };
        Timing = new Option<bool>("--timing") { Description = "Print API call timing info.", Recursive = true };
        // python-watcherclient's: it collects the times and prints nothing of them (--timing prints them).
        CollectTiming = new Option<bool>("--collect-timing") { Description = "Collect per-API call timing information (accepted, as python-watcherclient does; --timing prints it).", Recursive = true, Hidden = !watcherAliases };
    }

    public EnvOption IdentityApiVersion { get; }
    public Option<int> Verbose { get; }
    public Option<bool> Quiet { get; }
    public Option<string?> LogFile { get; }
    public Option<bool> Timing { get; }
    public Option<bool> CollectTiming { get; }

    /// <summary>
    /// Applies the logging options to <paramref name="context"/> (<c>--debug</c>, <c>-v/-q</c>, <c>--log-file</c>,
    /// <c>--timing</c>) and checks <c>--os-identity-api-version</c>.
    /// </summary>
    public void Apply(ParseResult parse, CliContext context)
    {
        context.Debug = parse.GetValue(Debug);
        context.Verbosity = parse.GetValue(Quiet) ? 0 : 1 + parse.GetValue(Verbose);
        context.LogFile = parse.GetValue(LogFile);
        if (context.LogFile is { } log && Path.GetDirectoryName(Path.GetFullPath(log)) is { } folder && !Directory.Exists(folder))
        {
            // Python's logging stops the same way (FileNotFoundError).
            throw new CliException($"[Errno 2] No such file or directory: '{Path.GetFullPath(log)}'");
        }
        context.Timing = parse.GetValue(Timing);
        if (IdentityApiVersion.Resolve(parse, context) is { } version && version is not ("3" or "3.0"))
        {
            throw new CliException($"Identity API version {version} is not supported: only 3 (--os-identity-api-version or env[OS_IDENTITY_API_VERSION]).", 2);
        }
    }

    public EnvOption Cloud { get; }
    public EnvOption AuthUrl { get; }
    public EnvOption AuthType { get; }
    public EnvOption Username { get; }
    public EnvOption UserId { get; }
    public EnvOption Password { get; }
    public EnvOption UserDomainName { get; }
    public EnvOption UserDomainId { get; }
    public EnvOption ProjectName { get; }
    public EnvOption ProjectId { get; }
    public EnvOption TenantName { get; }
    public EnvOption TenantId { get; }
    public EnvOption ProjectDomainName { get; }
    public EnvOption ProjectDomainId { get; }
    public EnvOption DomainName { get; }
    public EnvOption DomainId { get; }
    public EnvOption Token { get; }
    public EnvOption AppCredId { get; }
    public EnvOption AppCredName { get; }
    public EnvOption AppCredSecret { get; }
    public EnvOption RegionName { get; }
    public EnvOption Interface { get; }
    public EnvOption EndpointOverride { get; }
    public EnvOption CaCert { get; }
    public EnvOption Cert { get; }
    public EnvOption Key { get; }
    public EnvOption Timeout { get; }
    public Option<bool> Insecure { get; }
    public Option<bool> Verify { get; }
    public Option<bool> NoAuth { get; }
    public EnvOption SystemScope { get; }
    public EnvOption DefaultDomainId { get; }
    public EnvOption DefaultDomainName { get; }
    public EnvOption TrustId { get; }
    public Option<bool> Debug { get; }

    /// <summary>Every string option, in declaration order.</summary>
    public IReadOnlyList<EnvOption> All => _all;

    /// <summary>Adds every global option to <paramref name="root"/>.</summary>
    public void AddTo(Command root)
    {
        foreach (var option in _all)
        {
            root.Options.Add(option.Option);
        }
        root.Options.Add(Insecure);
        root.Options.Add(Verify);
        root.Options.Add(NoAuth);
        root.Options.Add(Debug);
        root.Options.Add(Verbose);
        root.Options.Add(Quiet);
        root.Options.Add(LogFile);
        root.Options.Add(Timing);
        root.Options.Add(CollectTiming);
    }

    /// <summary>Adds a tool-specific option to the list (it is added to the root by <see cref="AddTo"/>).</summary>
    public EnvOption Add(string setting, string name, string[] aliases, string[] envVars, string description, bool secret = false, bool hidden = false)
    {
        var option = new EnvOption(setting, name, aliases, envVars, description, secret, hidden);
        _all.Add(option);
        return option;
    }
}
