using OpenStack.Watcher;

namespace OpenStack.Cli.Watcher;

/// <summary>The Watcher client one command run talks through (one HttpClient, one token, one negotiated microversion).</summary>
internal sealed class WatcherSession(IWatcherClient client) : IDisposable
{
    // --os-infra-optim-api-version as configuration reads it: 1.N pins, 1 / 1.latest negotiate.
    private static WatcherApiVersion? ParseVersion(string? text)
    {
        try
        {
            return text is null ? null : (WatcherApiVersion?)new WatcherApiVersionConverter().ConvertFromInvariantString(text);
        }
        catch (FormatException e)
        {
            throw new CliException(e.Message, 2);
        }
    }

    /// <summary>Creates the client with <see cref="WatcherClientFactory"/>.</summary>
    public static WatcherSession Create(OpenStackClientOptions connection, string? apiVersion, int maxRetries, TimeSpan retryInterval) =>
        new(WatcherClientFactory.GetClient(new WatcherClientOptions
        {
            Connection = connection,
            ApiVersion = ParseVersion(apiVersion),
            MaxRetries = maxRetries,
            RetryInterval = retryInterval,
        }));

    public IGoalsClient Goals => client.Goals;
    public IStrategiesClient Strategies => client.Strategies;
    public IAuditTemplatesClient AuditTemplates => client.AuditTemplates;
    public IAuditsClient Audits => client.Audits;
    public IActionPlansClient ActionPlans => client.ActionPlans;
    public IActionsClient Actions => client.Actions;
    public IScoringEnginesClient ScoringEngines => client.ScoringEngines;
    public IServicesClient Services => client.Services;
    public IDataModelClient DataModel => client.DataModel;

    /// <summary>The microversion the requests used (pinned or negotiated), once known.</summary>
    public WatcherApiVersion? Version => client.ApiVersion;

    public void Dispose() => client.Dispose();
}
