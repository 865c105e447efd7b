using OpenStack.Watcher;

namespace OpenStack.Cli.Watcher;

/// <summary>The list options of one run: <c>--detail</c>, <c>--limit</c>, <c>--sort-key</c>, <c>--sort-dir</c>, <c>--marker</c>.</summary>
/// <param name="Detail">Use the detail lists (every field).</param>
/// <param name="Limit">null: one page, the server's default size; 0: every page; N: the first N items.</param>
/// <param name="SortKey">Field to sort by.</param>
/// <param name="SortDir">Sort direction.</param>
/// <param name="Marker">Start after this item.</param>
internal sealed record ListQuery(bool Detail, int? Limit, string? SortKey, SortDirection? SortDir, string? Marker)
{
    /// <summary>The page size to ask for when walking pages.</summary>
    public int? PageSize => Limit > 0 ? Limit : null;
}

/// <summary>Shared plumbing of the <c>watcher</c> commands: connecting, running, and the list/show/update/delete shapes.</summary>
internal sealed class WatcherApp(CliContext context, GlobalOptions globals, EnvOption apiVersion, Option<int> maxRetries, Option<double> retryInterval)
{
    public CliContext Context { get; } = context;

    /// <summary>Connects, runs <paramref name="body"/>, and turns failures into a message and exit code 1.</summary>
    public async Task<int> RunAsync(ParseResult parse, Func<WatcherSession, CancellationToken, Task> body, CancellationToken cancellationToken)
    {
        Context.Debug = parse.GetValue(globals.Debug);
        try
        {
            var options = Connection.Resolve(parse, globals, Context);
            var retries = parse.GetValue(maxRetries);
            var interval = parse.GetValue(retryInterval);
            if (retries < 0 || interval < 0)
            {
                throw new CliException("--max-retries and --retry-interval must not be negative.", 2);
            }
            using var session = WatcherSession.Create(options, apiVersion.Resolve(parse, Context), retries, TimeSpan.FromSeconds(interval));
            await body(session, cancellationToken).ConfigureAwait(false);
            return 0;
        }
        catch (Exception ex)
        {
            return await CliApp.ReportAsync(ex, Context, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>A cliff Lister: short columns, or every column with <c>--detail</c>.</summary>
    public Command ListCommand(string name, string description, IReadOnlyList<Column> shortColumns, IReadOnlyList<Column> detailColumns,
        Func<WatcherSession, ParseResult, ListQuery, CancellationToken, Task<IReadOnlyList<JObject>>> fetch)
    {
        var detail = new Option<bool>("--detail") { Description = "Show detailed information." };
        var limit = new Option<int?>("--limit") { Description = "Maximum number of items to return; 0 for all. Default: one page of the server's maximum size." };
        var sortKey = new Option<string?>("--sort-key") { Description = "Field (or column label) to sort by." };
        var sortDir = new Option<string?>("--sort-dir") { Description = "Sort direction: asc or desc." };
        sortDir.AcceptOnlyFromAmong("asc", "desc");
        var marker = new Option<string?>("--marker") { Description = "UUID of the last item of the previous page; items after it are shown." };
        var command = new Command(name, description) { detail, limit, sortKey, sortDir, marker };
        var format = FormatOptions.Add(command);
        command.SetAction((r, ct) => RunAsync(r, async (session, ct2) =>
        {
            var l = r.GetValue(limit);
            if (l < 0)
            {
                throw new CliException("Expected non-negative --limit.", 2);
            }
            var isDetail = r.GetValue(detail);
            var columns = isDetail ? detailColumns : shortColumns;
            var key = r.GetValue(sortKey);
            if (key is not null)
            {
                // python-watcherclient accepts a field name or a column label.
                key = detailColumns.FirstOrDefault(c => string.Equals(c.Label, key, StringComparison.OrdinalIgnoreCase))?.Field ?? key;
            }
            var dir = r.GetValue(sortDir) switch { "asc" => SortDirection.Asc, "desc" => SortDirection.Desc, _ => (SortDirection?)null };
            var items = await fetch(session, r, new ListQuery(isDetail, l, key, dir, r.GetValue(marker)), ct2).ConfigureAwait(false);
            format.WriteList(Context, r, WatcherColumns.ForVersion(columns, session.Version), items);
        }, ct));
        return command;
    }

    /// <summary>A cliff ShowOne over one positional identifier.</summary>
    public Command ShowCommand(string name, string description, string argumentName, string argumentDescription, IReadOnlyList<Column> columns,
        Func<WatcherSession, string, CancellationToken, Task<JObject>> fetch)
    {
        var id = new Argument<string>(argumentName) { Description = argumentDescription };
        var command = new Command(name, description) { id };
        var format = FormatOptions.Add(command);
        command.SetAction((r, ct) => RunAsync(r, async (session, ct2) =>
        {
            var item = await fetch(session, r.GetValue(id)!, ct2).ConfigureAwait(false);
            format.WriteOne(Context, r, WatcherColumns.ForVersion(columns, session.Version), item);
        }, ct));
        return command;
    }

    /// <summary><c>update &lt;id&gt; &lt;op&gt; &lt;path=value&gt;...</c>: a JSON patch (op add, replace or remove).</summary>
    public Command UpdateCommand(string argumentName, IReadOnlyList<Column> columns,
        Func<WatcherSession, string, IEnumerable<PatchOperation>, CancellationToken, Task<JObject>> update)
    {
        var id = new Argument<string>(argumentName) { Description = $"UUID or name of the {argumentName.Replace('-', ' ')}" };
        var op = new Argument<string>("op") { Description = "Operation: add, replace or remove." };
        op.AcceptOnlyFromAmong("add", "replace", "remove");
        var attributes = new Argument<string[]>("attributes") { Description = "Attribute to add, replace or remove: path=value (remove: path). Repeatable.", Arity = ArgumentArity.OneOrMore };
        var command = new Command("update", $"Update an {argumentName.Replace('-', ' ')} with a JSON patch.") { id, op, attributes };
        var format = FormatOptions.Add(command);
        command.SetAction((r, ct) => RunAsync(r, async (session, ct2) =>
        {
            var operation = r.GetValue(op)!;
            var patch = new List<PatchOperation>();
            foreach (var attribute in r.GetValue(attributes)!)
            {
                if (operation == "remove")
                {
                    var path = attribute.Split('=', 2)[0];
                    patch.Add(WatcherPatch.Remove(path));
                    continue;
                }
                var (key, value) = KeyValues.Split(attribute, "attributes");
                var decoded = KeyValues.JsonOrString(value);
                patch.Add(operation == "add" ? WatcherPatch.Add(key, decoded) : WatcherPatch.Replace(key, decoded));
            }
            var item = await update(session, r.GetValue(id)!, patch, ct2).ConfigureAwait(false);
            format.WriteOne(Context, r, WatcherColumns.ForVersion(columns, session.Version), item);
        }, ct));
        return command;
    }

    /// <summary><c>delete &lt;id&gt;...</c>.</summary>
    public Command DeleteCommand(string argumentName, string description, string argumentDescription,
        Func<WatcherSession, string, CancellationToken, Task> delete, string what)
    {
        var ids = new Argument<string[]>(argumentName) { Description = argumentDescription + " (one or more)", Arity = ArgumentArity.OneOrMore };
        var command = new Command("delete", description) { ids };
        command.SetAction((r, ct) => RunAsync(r, async (session, ct2) =>
        {
            foreach (var id in r.GetValue(ids)!)
            {
                await delete(session, id, ct2).ConfigureAwait(false);
                await Context.Stdout.WriteLineAsync($"Deleted {what} {id}").ConfigureAwait(false);
            }
        }, ct));
        return command;
    }
}
