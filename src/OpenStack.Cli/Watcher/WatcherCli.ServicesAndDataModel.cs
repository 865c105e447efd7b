using OpenStack.Watcher;

namespace OpenStack.Cli.Watcher;

internal static partial class WatcherCli
{
    private static Command ScoringEngineCommands(WatcherApp app)
    {
        var se = new Command("scoringengine", "Scoring engines.");
        se.Subcommands.Add(app.ListCommand("list", "List scoring engines.", WatcherColumns.ScoringEngineShort, WatcherColumns.ScoringEngine,
            (s, _, q, ct) => Items(q.Detail ? s.ScoringEngines.ListAllDetailAsync(sortKey: q.SortKey, sortDir: q.SortDir, cancellationToken: ct) : s.ScoringEngines.ListAllAsync(sortKey: q.SortKey, sortDir: q.SortDir, cancellationToken: ct), q, ct)));
        se.Subcommands.Add(app.ShowCommand("show", "Show a scoring engine.", "scoring-engine", "UUID or name of the scoring engine", WatcherColumns.ScoringEngine,
            (s, id, ct) => Json(s.ScoringEngines.GetAsync(id, ct), ct)));
        return se;
    }

    private static Command ServiceCommands(WatcherApp app)
    {
        var service = new Command("service", "Watcher services (API, decision engine, applier).");
        service.Subcommands.Add(app.ListCommand("list", "List services.", WatcherColumns.ServiceShort, WatcherColumns.Service,
            (s, _, q, ct) =>
            {
                if (q.Marker is not null && !int.TryParse(q.Marker, out int _))
                {
                    throw new CliException("--marker must be a service id (an integer).", 2);
                }
                return Items(q.Detail ? s.Services.ListAllDetailAsync(sortKey: q.SortKey, sortDir: q.SortDir, cancellationToken: ct) : s.Services.ListAllAsync(sortKey: q.SortKey, sortDir: q.SortDir, cancellationToken: ct), q, ct);
            }));
        service.Subcommands.Add(app.ShowCommand("show", "Show a service.", "service", "ID or name of the service", WatcherColumns.Service,
            (s, id, ct) => Json(s.Services.GetAsync(id, ct), ct)));
        return service;
    }


    private static Command DataModelCommands(WatcherApp app)
    {
        var dm = new Command("datamodel", "The decision engine's cluster data model (microversion 1.3).");
        var type = new Option<string>("--type") { Description = "Type of data model to list: compute (default; the only one the server has), storage or baremetal.", DefaultValueFactory = _ => "compute" };
        type.AcceptOnlyFromAmong("compute", "storage", "baremetal");
        var audit = new Option<Guid?>("--audit") { Description = "UUID of the audit whose scope limits the model." };
        var detail = new Option<bool>("--detail") { Description = "Show detailed information about the data model." };
        var list = new Command("list", "List information on the retrieved data model: one row per server and its node.") { type, audit, detail };
        var format = FormatOptions.Add(list);
        list.SetAction((r, ct) => app.RunAsync(r, async (s, ct2) =>
        {
            if (s.Version is { } v && v < new WatcherApiVersion(1, 3))
            {
                throw new CliException($"The data model needs API microversion 1.3 or later (this run uses {v}); use --os-infra-optim-api-version 1.3 or later.", 2);
            }
            var model = await s.DataModel.ListAsync(dataModelType: r.GetValue(type), auditUuid: r.GetValue(audit), cancellationToken: ct2).ConfigureAwait(false);
            var rows = (model.Context ?? []).Select(row => Formatter.ToJson(row));
            format.WriteList(app.Context, r, r.GetValue(detail) ? WatcherColumns.DataModel : WatcherColumns.DataModelShort, rows);
        }, ct));
        dm.Subcommands.Add(list);
        return dm;
    }
}
