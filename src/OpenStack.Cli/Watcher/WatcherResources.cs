using OpenStack.Watcher;

namespace OpenStack.Cli.Watcher;

/// <summary>A list filter of one Watcher resource (<c>--goal</c>, <c>--audit</c>, ...): text, or a UUID checked when parsed.</summary>
/// <param name="Name">The option, for example <c>--goal</c>.</param>
/// <param name="Description">Its help text.</param>
/// <param name="IsUuid">Whether the value must be a UUID.</param>
internal sealed record Filter(string Name, string Description, bool IsUuid = false);

/// <summary>Reads one page walk of a resource's list (see <see cref="ListQuery"/>).</summary>
internal delegate Task<IReadOnlyList<JObject>> ListFetch(WatcherSession session, ListQuery query, CancellationToken cancellationToken);

/// <summary>Reads, changes or deletes one item by its identifier.</summary>
internal delegate Task<T> ItemCall<T>(WatcherSession session, string id, CancellationToken cancellationToken);

/// <summary>Applies a JSON patch to one item.</summary>
internal delegate Task<JObject> PatchCall(WatcherSession session, string id, IEnumerable<PatchOperation> patch, CancellationToken cancellationToken);

/// <summary>
/// One Watcher resource as python-watcherclient shows it: its command group, the Lister (<c>list</c>, short or
/// <c>--detail</c> columns, filters) and ShowOne (<c>show</c>) commands, and optionally <c>update</c> (JSON patch) and
/// <c>delete</c>.
/// </summary>
/// <param name="Group">The command group, for example <c>audittemplate</c>.</param>
/// <param name="Description">The group's help text.</param>
/// <param name="What">The resource in words (<c>audit template</c>): command help, argument help, messages.</param>
/// <param name="Identifier">How an item is named on the command line: <c>UUID</c>, <c>UUID or name</c>, <c>ID or name</c>.</param>
/// <param name="Short">The list's columns.</param>
/// <param name="Detail">The columns of <c>list --detail</c> and <c>show</c>.</param>
/// <param name="List">Reads the list.</param>
/// <param name="Show">Reads one item.</param>
internal sealed record WatcherResource(
    string Group, string Description, string What, string Identifier,
    IReadOnlyList<Column> Short, IReadOnlyList<Column> Detail, ListFetch List, ItemCall<JObject> Show)
{
    /// <summary>The list's filters.</summary>
    public IReadOnlyList<Filter> Filters { get; init; } = [];

    /// <summary>The columns of <c>show</c> when they differ from <see cref="Detail"/>.</summary>
    public IReadOnlyList<Column>? ShowColumns { get; init; }

    /// <summary>The JSON-patch <c>update</c> command, when the resource has one.</summary>
    public PatchCall? Update { get; init; }

    /// <summary>The <c>delete</c> command, when the resource has one.</summary>
    public ItemCall<bool>? Delete { get; init; }

    /// <summary>The group's other commands (<c>create</c>, <c>start</c>, ...), after <c>show</c> and before <c>update</c>.</summary>
    public IReadOnlyList<Func<WatcherApp, Command>> Commands { get; init; } = [];

    /// <summary>The argument name of one item (<c>audit-template</c>).</summary>
    public string Argument => What.Replace(' ', '-');

    /// <summary>The help text of the item argument.</summary>
    public string ArgumentDescription => $"{Identifier} of the {What}";
}

/// <summary>
/// python-watcherclient's resources (<c>watcherclient/v1/*_shell.py</c>), one record each, and <see cref="All"/>, the
/// table the <c>watcher</c> tool registers its groups from (help, completion and the CLI tests follow it).
/// </summary>
internal static class WatcherResources
{
    private static readonly Filter Goal = new("--goal", "UUID or name of the goal used for filtering.");
    private static readonly Filter Strategy = new("--strategy", "UUID or name of the strategy used for filtering.");
    private static readonly Filter Audit = new("--audit", "UUID of an audit used for filtering.", IsUuid: true);
    private static readonly Filter ActionPlan = new("--action-plan", "UUID of an action plan used for filtering.", IsUuid: true);

    public static readonly WatcherResource Goals = new("goal", "Goals: what an audit optimizes for.", "goal", "UUID or name", WatcherColumns.GoalShort, WatcherColumns.Goal,
        (s, q, ct) => q.Take(q.Detail
            ? s.Client.Goals.ListAllDetailAsync(sortKey: q.SortKey, sortDir: q.SortDir, cancellationToken: ct)
            : s.Client.Goals.ListAllAsync(sortKey: q.SortKey, sortDir: q.SortDir, cancellationToken: ct), ct),
        (s, id, ct) => s.Json(s.Client.Goals.GetAsync(id, ct), ct))
    {
        ShowColumns = WatcherColumns.GoalShow,
    };

    public static readonly WatcherResource Strategies = new("strategy", "Strategies: algorithms that reach a goal.", "strategy", "UUID or name", WatcherColumns.StrategyShort, WatcherColumns.Strategy,
        (s, q, ct) => q.Take(q.Detail
            ? s.Client.Strategies.ListAllDetailAsync(goal: q.Text(Goal), sortKey: q.SortKey, sortDir: q.SortDir, cancellationToken: ct)
            : s.Client.Strategies.ListAllAsync(goal: q.Text(Goal), sortKey: q.SortKey, sortDir: q.SortDir, cancellationToken: ct), ct),
        (s, id, ct) => s.Json(s.Client.Strategies.GetAsync(id, ct), ct))
    {
        Commands = [WatcherCli.StrategyState],
        Filters = [Goal],
        // python-watcherclient prints the parameters spec's properties as indented JSON.
        ShowColumns = [.. WatcherColumns.Strategy.Select(c => c.Field == "parameters_spec" ? c with { Transform = WatcherColumns.ParametersSpec } : c)],
    };

    public static readonly WatcherResource AuditTemplates = new("audittemplate", "Audit templates: reusable goal, strategy and scope.", "audit template", "UUID or name", WatcherColumns.AuditTemplateShort, WatcherColumns.AuditTemplate,
        (s, q, ct) => q.Take(q.Detail
            ? s.Client.AuditTemplates.ListAllDetailAsync(goal: q.Text(Goal), strategy: q.Text(Strategy), sortKey: q.SortKey, sortDir: q.SortDir, cancellationToken: ct)
            : s.Client.AuditTemplates.ListAllAsync(goal: q.Text(Goal), strategy: q.Text(Strategy), sortKey: q.SortKey, sortDir: q.SortDir, cancellationToken: ct), ct),
        (s, id, ct) => s.Json(s.Client.AuditTemplates.GetAsync(id, ct), ct))
    {
        Commands = [WatcherCli.AuditTemplateCreate],
        Filters = [Goal, Strategy],
        Update = (s, id, patch, ct) => s.Json(s.Client.AuditTemplates.UpdateAsync(id, patch, ct), ct),
        Delete = (s, id, ct) => Done(s.Client.AuditTemplates.DeleteAsync(id, ct)),
    };

    public static readonly WatcherResource Audits = new("audit", "Audits: one run (or a periodic run) of a strategy.", "audit", "UUID or name",
        WatcherColumns.AuditShort, WatcherColumns.Audit,         // /audits/detail has no strategy filter (LP 2162057): the detailed pages are filtered here.
        (s, q, ct) => q.Detail
            ? q.Take(s.Client.Audits.ListAllDetailAsync(goal: q.Text(Goal), sortKey: q.SortKey, sortDir: q.SortDir, cancellationToken: ct), ct,
                q.Text(Strategy) is not { } st ? null : a => string.Equals(a.StrategyUuid?.ToString(), st, StringComparison.OrdinalIgnoreCase) || a.StrategyName == st)
            : q.Take(s.Client.Audits.ListAllAsync(goal: q.Text(Goal), strategy: q.Text(Strategy), sortKey: q.SortKey, sortDir: q.SortDir, cancellationToken: ct), ct),
        (s, id, ct) => s.Json(s.Client.Audits.GetAsync(id, ct), ct))
    {
        Commands = [WatcherCli.AuditCreate],
        Filters = [Goal, Strategy],
        Update = (s, id, patch, ct) => s.Json(s.Client.Audits.UpdateAsync(id, patch, ct), ct),
        Delete = (s, id, ct) => Done(s.Client.Audits.DeleteAsync(id, ct)),
    };

    public static readonly WatcherResource ActionPlans = new("actionplan", "Action plans: the actions an audit proposes.", "action plan", "UUID", WatcherColumns.ActionPlanShort, WatcherColumns.ActionPlan,
        (s, q, ct) => q.Take(q.Detail
            ? s.Client.ActionPlans.ListAllDetailAsync(auditUuid: q.Uuid(Audit), sortKey: q.SortKey, sortDir: q.SortDir, cancellationToken: ct)
            : s.Client.ActionPlans.ListAllAsync(auditUuid: q.Uuid(Audit), sortKey: q.SortKey, sortDir: q.SortDir, cancellationToken: ct), ct),
        (s, id, ct) => s.Json(s.Client.ActionPlans.GetAsync(WatcherCli.RequireUuid(id, "action plan"), ct), ct))
    {
        Commands = [WatcherCli.ActionPlanStart, WatcherCli.ActionPlanCancel],
        Filters = [Audit],
        Update = (s, id, patch, ct) => s.Json(s.Client.ActionPlans.UpdateAsync(WatcherCli.RequireUuid(id, "action plan"), patch, ct), ct),
        Delete = (s, id, ct) => Done(s.Client.ActionPlans.DeleteAsync(WatcherCli.RequireUuid(id, "action plan"), ct)),
    };

    public static readonly WatcherResource Actions = new("action", "Actions of action plans.", "action", "UUID", WatcherColumns.ActionShort, WatcherColumns.Action,
        (s, q, ct) => q.Take(q.Detail
            ? s.Client.Actions.ListAllDetailAsync(actionPlanUuid: q.Uuid(ActionPlan), auditUuid: q.Uuid(Audit), sortKey: q.SortKey, sortDir: q.SortDir, cancellationToken: ct)
            : s.Client.Actions.ListAllAsync(actionPlanUuid: q.Uuid(ActionPlan), auditUuid: q.Uuid(Audit), sortKey: q.SortKey, sortDir: q.SortDir, cancellationToken: ct), ct),
        (s, id, ct) => s.Json(s.Client.Actions.GetAsync(WatcherCli.RequireUuid(id, "action"), ct), ct))
    {
        Commands = [WatcherCli.ActionUpdate],
        Filters = [ActionPlan, Audit],
    };

    public static readonly WatcherResource ScoringEngines = new("scoringengine", "Scoring engines.", "scoring engine", "UUID or name", WatcherColumns.ScoringEngineShort, WatcherColumns.ScoringEngine,
        (s, q, ct) => q.Take(q.Detail
            ? s.Client.ScoringEngines.ListAllDetailAsync(sortKey: q.SortKey, sortDir: q.SortDir, cancellationToken: ct)
            : s.Client.ScoringEngines.ListAllAsync(sortKey: q.SortKey, sortDir: q.SortDir, cancellationToken: ct), ct),
        (s, id, ct) => s.Json(s.Client.ScoringEngines.GetAsync(id, ct), ct));

    public static readonly WatcherResource Services = new("service", "Watcher services (API, decision engine, applier).", "service", "ID or name", WatcherColumns.ServiceShort, WatcherColumns.Service,
        (s, q, ct) => q.Marker is not null && !int.TryParse(q.Marker, out int _)
            ? throw new CliException("--marker must be a service id (an integer).")
            : q.Take(q.Detail
                ? s.Client.Services.ListAllDetailAsync(sortKey: q.SortKey, sortDir: q.SortDir, cancellationToken: ct)
                : s.Client.Services.ListAllAsync(sortKey: q.SortKey, sortDir: q.SortDir, cancellationToken: ct), ct),
        (s, id, ct) => s.Json(s.Client.Services.GetAsync(id, ct), ct));

    /// <summary>Every resource, in the order of the tool's groups: a new resource is a record above and an entry here.</summary>
    public static IReadOnlyList<WatcherResource> All { get; } = [Goals, Strategies, AuditTemplates, Audits, ActionPlans, Actions, ScoringEngines, Services];

    private static async Task<bool> Done(Task task)
    {
        await task.ConfigureAwait(false);
        return true;
    }
}
