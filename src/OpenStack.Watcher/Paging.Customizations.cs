using System.Runtime.CompilerServices;

namespace OpenStack.Watcher;

// All-pages streams. The server's `next` link drops the caller's filters and ignores a path prefix, so the walker
// never follows it: it asks its own endpoint again with the same filters and the last item's uuid (services: id) as
// `marker`, and stops on an empty page or when the server sends no `next` (a page that is not full).

internal static class WatcherPager
{
    public static async IAsyncEnumerable<TItem> WalkAsync<TPage, TItem>(
        string? firstMarker,
        Func<string?, CancellationToken, Task<TPage>> fetchPage,
        Func<TPage, ICollection<TItem>?> itemsOf,
        Func<TPage, string?> nextOf,
        Func<TItem, string?> markerOf,
        Func<TItem, bool>? keep,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var marker = firstMarker;
        while (true)
        {
            var page = await fetchPage(marker, cancellationToken).ConfigureAwait(false);
            var items = itemsOf(page);
            if (items is null || items.Count == 0)
            {
                yield break;
            }
            TItem last = default!;
            foreach (var item in items)
            {
                last = item;
                if (keep is null || keep(item))
                {
                    yield return item;
                }
            }
            if (nextOf(page) is null)
            {
                yield break;
            }
            var nextMarker = markerOf(last);
            if (nextMarker is null || nextMarker == marker)
            {
                yield break;
            }
            marker = nextMarker;
        }
    }
}

public partial interface IGoalsClient
{
    /// <summary>
    /// Every goals (the short form, or every field with <paramref name="detail"/>), walking the pages by <c>marker</c>
    /// and keeping the filters on every page.
    /// </summary>
    /// <param name="detail">Use the <c>/detail</c> list (every field).</param>
    /// <param name="pageSize">Items per request (<c>limit</c>); <c>null</c> leaves it to the server (<c>max_limit</c>, 1000).</param>
    /// <param name="sortKey">A field to sort by (default <c>id</c>).</param>
    /// <param name="sortDir">Sort direction.</param>
    /// <param name="marker">Start after this item.</param>
    /// <param name="cancellationToken">Cancels the walk.</param>
    IAsyncEnumerable<Goal> ListAllAsync(bool detail = false, int? pageSize = null, string? sortKey = null, SortDirection? sortDir = null, string? marker = null, CancellationToken cancellationToken = default);
}

public partial class GoalsClient
{
    /// <inheritdoc />
    public virtual IAsyncEnumerable<Goal> ListAllAsync(bool detail = false, int? pageSize = null, string? sortKey = null, SortDirection? sortDir = null, string? marker = null, CancellationToken cancellationToken = default) =>
        WatcherPager.WalkAsync<GoalCollection, Goal>(
            marker,
            (m, ct) => detail
                ? ListDetailAsync(pageSize, m, sortKey, sortDir, ct)
                : ListAsync(pageSize, m, sortKey, sortDir, ct),
            page => page.Goals,
            page => page.Next,
            item => item.Uuid.ToString(),
            null,
            cancellationToken);
}

public partial interface IStrategiesClient
{
    /// <summary>
    /// Every strategies (the short form, or every field with <paramref name="detail"/>), walking the pages by <c>marker</c>
    /// and keeping the filters on every page.
    /// </summary>
    /// <param name="goal">Only those of this goal (UUID or name).</param>
    /// <param name="detail">Use the <c>/detail</c> list (every field).</param>
    /// <param name="pageSize">Items per request (<c>limit</c>); <c>null</c> leaves it to the server (<c>max_limit</c>, 1000).</param>
    /// <param name="sortKey">A field to sort by (default <c>id</c>).</param>
    /// <param name="sortDir">Sort direction.</param>
    /// <param name="marker">Start after this item.</param>
    /// <param name="cancellationToken">Cancels the walk.</param>
    IAsyncEnumerable<Strategy> ListAllAsync(string? goal = null, bool detail = false, int? pageSize = null, string? sortKey = null, SortDirection? sortDir = null, string? marker = null, CancellationToken cancellationToken = default);
}

public partial class StrategiesClient
{
    /// <inheritdoc />
    public virtual IAsyncEnumerable<Strategy> ListAllAsync(string? goal = null, bool detail = false, int? pageSize = null, string? sortKey = null, SortDirection? sortDir = null, string? marker = null, CancellationToken cancellationToken = default) =>
        WatcherPager.WalkAsync<StrategyCollection, Strategy>(
            marker,
            (m, ct) => detail
                ? ListDetailAsync(goal, pageSize, m, sortKey, sortDir, ct)
                : ListAsync(goal, pageSize, m, sortKey, sortDir, ct),
            page => page.Strategies,
            page => page.Next,
            item => item.Uuid.ToString(),
            null,
            cancellationToken);
}

public partial interface IAuditTemplatesClient
{
    /// <summary>
    /// Every audit templates (the short form, or every field with <paramref name="detail"/>), walking the pages by <c>marker</c>
    /// and keeping the filters on every page.
    /// </summary>
    /// <param name="goal">Only those of this goal (UUID or name).</param>
    /// <param name="strategy">Only those of this strategy (UUID or name).</param>
    /// <param name="detail">Use the <c>/detail</c> list (every field).</param>
    /// <param name="pageSize">Items per request (<c>limit</c>); <c>null</c> leaves it to the server (<c>max_limit</c>, 1000).</param>
    /// <param name="sortKey">A field to sort by (default <c>id</c>).</param>
    /// <param name="sortDir">Sort direction.</param>
    /// <param name="marker">Start after this item.</param>
    /// <param name="cancellationToken">Cancels the walk.</param>
    IAsyncEnumerable<AuditTemplate> ListAllAsync(string? goal = null, string? strategy = null, bool detail = false, int? pageSize = null, string? sortKey = null, SortDirection? sortDir = null, string? marker = null, CancellationToken cancellationToken = default);
}

public partial class AuditTemplatesClient
{
    /// <inheritdoc />
    public virtual IAsyncEnumerable<AuditTemplate> ListAllAsync(string? goal = null, string? strategy = null, bool detail = false, int? pageSize = null, string? sortKey = null, SortDirection? sortDir = null, string? marker = null, CancellationToken cancellationToken = default) =>
        WatcherPager.WalkAsync<AuditTemplateCollection, AuditTemplate>(
            marker,
            (m, ct) => detail
                ? ListDetailAsync(goal, strategy, pageSize, m, sortKey, sortDir, ct)
                : ListAsync(goal, strategy, pageSize, m, sortKey, sortDir, ct),
            page => page.AuditTemplates,
            page => page.Next,
            item => item.Uuid.ToString(),
            null,
            cancellationToken);
}

public partial interface IAuditsClient
{
    /// <summary>
    /// Every audits (the short form, or every field with <paramref name="detail"/>), walking the pages by <c>marker</c>
    /// and keeping the filters on every page.
    /// </summary>
    /// <param name="goal">Only those of this goal (UUID or name).</param>
    /// <param name="strategy">Only those of this strategy (UUID or name). With <paramref name="detail"/>, Watcher 9.0.0 cannot filter by strategy, so the detailed pages are filtered here.</param>
    /// <param name="detail">Use the <c>/detail</c> list (every field).</param>
    /// <param name="pageSize">Items per request (<c>limit</c>); <c>null</c> leaves it to the server (<c>max_limit</c>, 1000).</param>
    /// <param name="sortKey">A field to sort by (default <c>id</c>).</param>
    /// <param name="sortDir">Sort direction.</param>
    /// <param name="marker">Start after this item.</param>
    /// <param name="cancellationToken">Cancels the walk.</param>
    IAsyncEnumerable<Audit> ListAllAsync(string? goal = null, string? strategy = null, bool detail = false, int? pageSize = null, string? sortKey = null, SortDirection? sortDir = null, string? marker = null, CancellationToken cancellationToken = default);
}

public partial class AuditsClient
{
    /// <inheritdoc />
    public virtual IAsyncEnumerable<Audit> ListAllAsync(string? goal = null, string? strategy = null, bool detail = false, int? pageSize = null, string? sortKey = null, SortDirection? sortDir = null, string? marker = null, CancellationToken cancellationToken = default) =>
        WatcherPager.WalkAsync<AuditCollection, Audit>(
            marker,
            (m, ct) => detail
                ? ListDetailAsync(goal, pageSize, m, sortKey, sortDir, ct)
                : ListAsync(goal, strategy, pageSize, m, sortKey, sortDir, ct),
            page => page.Audits,
            page => page.Next,
            item => item.Uuid.ToString(),
            detail && strategy is not null
                ? a => string.Equals(a.StrategyUuid?.ToString(), strategy, StringComparison.OrdinalIgnoreCase) || a.StrategyName == strategy
                : null,
            cancellationToken);
}

public partial interface IActionPlansClient
{
    /// <summary>
    /// Every action plans (the short form, or every field with <paramref name="detail"/>), walking the pages by <c>marker</c>
    /// and keeping the filters on every page.
    /// </summary>
    /// <param name="auditUuid">Only the plans of this audit.</param>
    /// <param name="strategy">Only those of this strategy (UUID or name).</param>
    /// <param name="detail">Use the <c>/detail</c> list (every field).</param>
    /// <param name="pageSize">Items per request (<c>limit</c>); <c>null</c> leaves it to the server (<c>max_limit</c>, 1000).</param>
    /// <param name="sortKey">A field to sort by (default <c>id</c>).</param>
    /// <param name="sortDir">Sort direction.</param>
    /// <param name="marker">Start after this item.</param>
    /// <param name="cancellationToken">Cancels the walk.</param>
    IAsyncEnumerable<ActionPlan> ListAllAsync(Guid? auditUuid = null, string? strategy = null, bool detail = false, int? pageSize = null, string? sortKey = null, SortDirection? sortDir = null, string? marker = null, CancellationToken cancellationToken = default);
}

public partial class ActionPlansClient
{
    /// <inheritdoc />
    public virtual IAsyncEnumerable<ActionPlan> ListAllAsync(Guid? auditUuid = null, string? strategy = null, bool detail = false, int? pageSize = null, string? sortKey = null, SortDirection? sortDir = null, string? marker = null, CancellationToken cancellationToken = default) =>
        WatcherPager.WalkAsync<ActionPlanCollection, ActionPlan>(
            marker,
            (m, ct) => detail
                ? ListDetailAsync(auditUuid, strategy, pageSize, m, sortKey, sortDir, ct)
                : ListAsync(auditUuid, strategy, pageSize, m, sortKey, sortDir, ct),
            page => page.ActionPlans,
            page => page.Next,
            item => item.Uuid.ToString(),
            null,
            cancellationToken);
}

public partial interface IActionsClient
{
    /// <summary>
    /// Every actions (the short form, or every field with <paramref name="detail"/>), walking the pages by <c>marker</c>
    /// and keeping the filters on every page.
    /// </summary>
    /// <param name="actionPlanUuid">Only the actions of this plan.</param>
    /// <param name="auditUuid">Only the actions of this audit's plans.</param>
    /// <param name="detail">Use the <c>/detail</c> list (every field).</param>
    /// <param name="pageSize">Items per request (<c>limit</c>); <c>null</c> leaves it to the server (<c>max_limit</c>, 1000).</param>
    /// <param name="sortKey">A field to sort by (default <c>id</c>).</param>
    /// <param name="sortDir">Sort direction.</param>
    /// <param name="marker">Start after this item.</param>
    /// <param name="cancellationToken">Cancels the walk.</param>
    IAsyncEnumerable<WatcherAction> ListAllAsync(Guid? actionPlanUuid = null, Guid? auditUuid = null, bool detail = false, int? pageSize = null, string? sortKey = null, SortDirection? sortDir = null, string? marker = null, CancellationToken cancellationToken = default);
}

public partial class ActionsClient
{
    /// <inheritdoc />
    public virtual IAsyncEnumerable<WatcherAction> ListAllAsync(Guid? actionPlanUuid = null, Guid? auditUuid = null, bool detail = false, int? pageSize = null, string? sortKey = null, SortDirection? sortDir = null, string? marker = null, CancellationToken cancellationToken = default) =>
        WatcherPager.WalkAsync<ActionCollection, WatcherAction>(
            marker,
            (m, ct) => detail
                ? ListDetailAsync(actionPlanUuid, auditUuid, pageSize, m, sortKey, sortDir, ct)
                : ListAsync(actionPlanUuid, auditUuid, pageSize, m, sortKey, sortDir, ct),
            page => page.Actions,
            page => page.Next,
            item => item.Uuid.ToString(),
            null,
            cancellationToken);
}

public partial interface IScoringEnginesClient
{
    /// <summary>
    /// Every scoring engines (the short form, or every field with <paramref name="detail"/>), walking the pages by <c>marker</c>
    /// and keeping the filters on every page.
    /// </summary>
    /// <param name="detail">Use the <c>/detail</c> list (every field).</param>
    /// <param name="pageSize">Items per request (<c>limit</c>); <c>null</c> leaves it to the server (<c>max_limit</c>, 1000).</param>
    /// <param name="sortKey">A field to sort by (default <c>id</c>).</param>
    /// <param name="sortDir">Sort direction.</param>
    /// <param name="marker">Start after this item.</param>
    /// <param name="cancellationToken">Cancels the walk.</param>
    IAsyncEnumerable<ScoringEngine> ListAllAsync(bool detail = false, int? pageSize = null, string? sortKey = null, SortDirection? sortDir = null, string? marker = null, CancellationToken cancellationToken = default);
}

public partial class ScoringEnginesClient
{
    /// <inheritdoc />
    public virtual IAsyncEnumerable<ScoringEngine> ListAllAsync(bool detail = false, int? pageSize = null, string? sortKey = null, SortDirection? sortDir = null, string? marker = null, CancellationToken cancellationToken = default) =>
        WatcherPager.WalkAsync<ScoringEngineCollection, ScoringEngine>(
            marker,
            (m, ct) => detail
                ? ListDetailAsync(pageSize, m, sortKey, sortDir, ct)
                : ListAsync(pageSize, m, sortKey, sortDir, ct),
            page => page.ScoringEngines,
            page => page.Next,
            item => item.Uuid.ToString(),
            null,
            cancellationToken);
}

public partial interface IServicesClient
{
    /// <summary>
    /// Every services (the short form, or every field with <paramref name="detail"/>), walking the pages by <c>marker</c>
    /// and keeping the filters on every page.
    /// </summary>
    /// <param name="detail">Use the <c>/detail</c> list (every field).</param>
    /// <param name="pageSize">Items per request (<c>limit</c>); <c>null</c> leaves it to the server (<c>max_limit</c>, 1000).</param>
    /// <param name="sortKey">A field to sort by (default <c>id</c>).</param>
    /// <param name="sortDir">Sort direction.</param>
    /// <param name="marker">Start after this item.</param>
    /// <param name="cancellationToken">Cancels the walk.</param>
    IAsyncEnumerable<Service> ListAllAsync(bool detail = false, int? pageSize = null, string? sortKey = null, SortDirection? sortDir = null, int? marker = null, CancellationToken cancellationToken = default);
}

public partial class ServicesClient
{
    /// <inheritdoc />
    public virtual IAsyncEnumerable<Service> ListAllAsync(bool detail = false, int? pageSize = null, string? sortKey = null, SortDirection? sortDir = null, int? marker = null, CancellationToken cancellationToken = default) =>
        WatcherPager.WalkAsync<WatcherServiceCollection, Service>(
            marker?.ToString(System.Globalization.CultureInfo.InvariantCulture),
            (m, ct) => detail
                ? ListDetailAsync(pageSize, m is null ? null : int.Parse(m, System.Globalization.CultureInfo.InvariantCulture), sortKey, sortDir, ct)
                : ListAsync(pageSize, m is null ? null : int.Parse(m, System.Globalization.CultureInfo.InvariantCulture), sortKey, sortDir, ct),
            page => page.Services,
            page => page.Next,
            item => item.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            null,
            cancellationToken);
}
