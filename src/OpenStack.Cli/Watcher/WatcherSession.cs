using OpenStack.Watcher;

namespace OpenStack.Cli.Watcher;

/// <summary>The Watcher client one command run talks through (one HttpClient, one token, one negotiated microversion).</summary>
internal sealed class WatcherSession(IWatcherClient client) : IDisposable
{
    /// <summary>Creates the client with <see cref="WatcherClientFactory"/>.</summary>
    public static WatcherSession Create(OpenStackClientOptions connection, string? apiVersion, int maxRetries, TimeSpan retryInterval) =>
        new(WatcherClientFactory.GetClient(new WatcherClientOptions
        {
            Connection = connection,
            ApiVersion = apiVersion,
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
