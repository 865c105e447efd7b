using OpenStack.Watcher;

namespace OpenStack.Cli.Watcher;

internal static partial class WatcherCli
{
    private static Command GoalCommands(WatcherApp app)
    {
        var goal = new Command("goal", "Goals: what an audit optimizes for.");
        goal.Subcommands.Add(app.ListCommand("list", "List goals.", WatcherColumns.GoalShort, WatcherColumns.Goal,
            (s, _, q, ct) => Items(q.Detail ? s.Goals.ListAllDetailAsync(sortKey: q.SortKey, sortDir: q.SortDir, cancellationToken: ct) : s.Goals.ListAllAsync(sortKey: q.SortKey, sortDir: q.SortDir, cancellationToken: ct), q, ct)));
        goal.Subcommands.Add(app.ShowCommand("show", "Show a goal.", "goal", "UUID or name of the goal", WatcherColumns.Goal,
            (s, id, ct) => Json(s.Goals.GetAsync(id, ct), ct)));
        return goal;
    }


    private static Command StrategyCommands(WatcherApp app)
    {
        var strategy = new Command("strategy", "Strategies: algorithms that reach a goal.");
        var goalFilter = new Option<string?>("--goal") { Description = "UUID or name of the goal used for filtering." };
        var list = app.ListCommand("list", "List strategies.", WatcherColumns.StrategyShort, WatcherColumns.Strategy,
            (s, r, q, ct) =>
            {
                var g = r.GetValue(goalFilter);
                return Items(q.Detail ? s.Strategies.ListAllDetailAsync(goal: g, sortKey: q.SortKey, sortDir: q.SortDir, cancellationToken: ct) : s.Strategies.ListAllAsync(goal: g, sortKey: q.SortKey, sortDir: q.SortDir, cancellationToken: ct), q, ct);
            });
        list.Options.Add(goalFilter);
        strategy.Subcommands.Add(list);

        // python-watcherclient prints the parameters spec's properties as indented JSON.
        var showColumns = WatcherColumns.Strategy.Select(c => c.Field == "parameters_spec"
            ? c with { Format = v => v?["properties"] is { } p ? p.ToString(Formatting.Indented) : Formatter.ToText(v) }
            : c).ToArray();
        strategy.Subcommands.Add(app.ShowCommand("show", "Show a strategy.", "strategy", "UUID or name of the strategy", showColumns,
            (s, id, ct) => Json(s.Strategies.GetAsync(id, ct), ct)));

        var stateArg = new Argument<string>("strategy") { Description = "UUID or name of the strategy" };
        var state = new Command("state", "Show the state of a strategy's requirements (datasources, metrics, CDM).") { stateArg };
        var stateFormat = FormatOptions.Add(state);
        state.SetAction((r, ct) => app.RunAsync(r, async (s, ct2) =>
        {
            var items = await s.Strategies.StateAsync(r.GetValue(stateArg)!, ct2).ConfigureAwait(false);
            stateFormat.WriteList(app.Context, r, WatcherColumns.StrategyState, items.Select(Formatter.ToJson));
        }, ct));
        strategy.Subcommands.Add(state);
        return strategy;
    }
}
