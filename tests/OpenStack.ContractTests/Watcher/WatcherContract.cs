using OpenStack.ContractTests.Infrastructure;
using OpenStack.Pact;
using OpenStack.Watcher;

namespace OpenStack.ContractTests.Watcher;

/// <summary>What every Watcher interaction shares.</summary>
internal static class WatcherContract
{
    /// <summary>The microversion the consumer tests pin (Watcher 9 / Zed's maximum).</summary>
    public const string Microversion = "1.4";

    /// <summary>Provider-state names (WatcherProviderStates implements each against the real Watcher).</summary>
    public static class States
    {
        public const string GoalsExist = "goals exist";
        public const string StrategiesExist = "strategies exist";
        public const string ServicesExist = "services exist";
        public const string ComputeModelAvailable = "the compute data model is available";
        public const string TokenInvalid = "the token is invalid";
        public const string AuditTemplateExists = "an audit template exists";
        public const string NoAuditTemplate = "no audit template exists";
        public const string SucceededAuditWithActionPlan = "a succeeded audit with an action plan exists";
        public const string NoAudit = "no audit exists";
        public const string EventAuditExists = "an event audit exists";

        /// <summary>
        /// "&lt;resource&gt; exist" (<c>Exist(nameof(IWatcherClient.ScoringEngines))</c> is "scoring engines exist"): the
        /// list of that resource client holds an item. <see cref="Provider.WatcherProviderStates"/> checks it for every
        /// paged resource client of <see cref="IWatcherClient"/> that has no handler of its own, so a read-only
        /// resource needs no new state.
        /// </summary>
        /// <param name="resourceClient">The <see cref="IWatcherClient"/> property, for example <c>ScoringEngines</c>.</param>
        public static string Exist(string resourceClient) => Words(resourceClient) + " exist";

        /// <summary><c>ScoringEngines</c> as words: <c>scoring engines</c> (Watcher's path is the same with <c>_</c>).</summary>
        internal static string Words(string resourceClient) =>
            System.Text.RegularExpressions.Regex.Replace(resourceClient, "(?<=[a-z])(?=[A-Z])", " ").ToLowerInvariant();
    }

    /// <summary>The token and microversion headers every Watcher request carries.</summary>
    public static RequestBuilder Authenticated(this RequestBuilder request) => request
        .WithHeader("X-Auth-Token", Contract.AnyToken)
        .WithHeader("OpenStack-API-Version", "infra-optim " + Microversion);

    /// <summary>Provider state with one name parameter.</summary>
    public static RequestBuilder Given(this RequestBuilder request, string state, string name) =>
        request.Given(state, new Dictionary<string, string> { ["name"] = name });

    /// <summary>An HttpClient for Watcher against the mock server, pinned to <see cref="Microversion"/>.</summary>
    public static HttpClient ContractHttp(ConsumerContext ctx, string version = Microversion, string token = Contract.FixedToken) =>
        Clients.Watcher(ctx, token, new WatcherMicroversionHandler(WatcherApiVersion.Parse(version)));

    public static object Links(string resource) => WatcherShapes.Links(resource);

    public static Matcher Uuid => Match.Uuid(WatcherShapes.ExampleUuid);

    public static Matcher Time => WatcherShapes.Timestamp();
}
