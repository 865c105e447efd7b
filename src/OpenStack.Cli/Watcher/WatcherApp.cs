using OpenStack.Watcher;

namespace OpenStack.Cli.Watcher;

/// <summary>The list options of one run: <c>--detail</c>, <c>--limit</c>, <c>--sort-key</c>, <c>--sort-dir</c>, <c>--marker</c>, filters.</summary>
/// <param name="Detail">Use the detail lists (every field).</param>
/// <param name="Limit">null: one page, the server's default size; 0: every page; N: the first N items.</param>
/// <param name="SortKey">Field to sort by.</param>
/// <param name="SortDir">Sort direction.</param>
/// <param name="Marker">Start after this item.</param>
/// <param name="Filters">The filter values given, by option name.</param>
/// <param name="Session">The run's client, whose answers are read as sent.</param>
internal sealed record ListQuery(bool Detail, int? Limit, string? SortKey, SortDirection? SortDir, string? Marker, IReadOnlyDictionary<string, object?> Filters, WatcherSession Session)
{
    /// <summary>The page size to ask for when walking pages.</summary>
    public int? PageSize => Limit > 0 ? Limit : null;

    /// <summary>A text filter's value.</summary>
    public string? Text(Filter filter) => Filters.GetValueOrDefault(filter.Name) as string;

    /// <summary>A UUID filter's value.</summary>
    /// <remarks>Checked here, not by the parser: a script sees exit 1, as python-watcherclient's answer from Watcher gives it.</remarks>
    public Guid? Uuid(Filter filter) => Filters.GetValueOrDefault(filter.Name) switch
    {
        null => null,
        string text when Guid.TryParse(text, out var uuid) => uuid,
        var other => throw new CliException($"Invalid input for {filter.Name}: '{other}' is not a UUID (for example 736c9587-5f75-4808-af50-8950237e9a6f)."),
    };

    /// <summary>
    /// The items of <paramref name="list"/> this query asks for: no <c>--limit</c> is one page (the server's size),
    /// <c>--limit 0</c> every page, <c>--limit N</c> the first N items (N per request); <c>--marker</c> starts after that
    /// item. <paramref name="keep"/> filters what the server cannot.
    /// </summary>
    public async Task<IReadOnlyList<JObject>> Take<T>(Pageable<T> list, CancellationToken cancellationToken, Func<T, bool>? keep = null) where T : notnull
    {
        var result = new List<JObject>();
        var start = Marker is null ? null : ContinuationTokens.FromCursor(Marker);
        await foreach (var page in list.AsPages(start, PageSize).WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            // The page as the server sent it: its one list, item for item with the typed page.
            var raw = (Session.Tap.LastJson() as JObject)?.Properties().Select(p => p.Value).OfType<JArray>().FirstOrDefault();
            if (raw is null || raw.Count != page.Values.Count)
            {
                raw = null;
            }
            for (var i = 0; i < page.Values.Count; i++)
            {
                var item = page.Values[i];
                if (keep is null || keep(item))
                {
                    result.Add(raw?[i] as JObject ?? Formatter.ToJson(item));
                    if (Limit > 0 && result.Count >= Limit)
                    {
                        return result;
                    }
                }
            }
            if (Limit is null)
            {
                break;
            }
        }
        return result;
    }
}

/// <summary>Shared plumbing of the <c>watcher</c> commands: connecting, running, and the list/show/update/delete shapes.</summary>
internal sealed class WatcherApp(CliContext context, GlobalOptions globals, EnvOption apiVersion, Option<int> maxRetries, Option<double> retryInterval)
{
    public CliContext Context { get; } = context;

    /// <summary>Connects, runs <paramref name="body"/>, and turns failures into a message and exit code 1.</summary>
    public async Task<int> RunAsync(ParseResult parse, Func<WatcherSession, CancellationToken, Task> body, CancellationToken cancellationToken)
    {
        try
        {
            globals.Apply(parse, Context);
            var options = Connection.Resolve(parse, globals, Context);
            var interval = parse.GetValue(retryInterval);
            var settings = new WatcherClientOptions
            {
                // Any negative interval is -1 s here, so that the options' own rule rejects it (not TimeSpan's overflow).
                Retries = new RetryOptions { MaxRetries = parse.GetValue(maxRetries), Interval = TimeSpan.FromSeconds(Math.Max(interval, -1)) },
            };
            if (settings.Validate().Any())
            {
                throw new CliException("--max-retries and --retry-interval must not be negative.");
            }
            using var session = WatcherSession.Create(Context, options, apiVersion.Resolve(parse, Context), settings);
            await body(session, cancellationToken).ConfigureAwait(false);
            Context.WriteTiming();
            return 0;
        }
        catch (Exception ex)
        {
            return await CliApp.ReportAsync(ex, Context, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The command group of <paramref name="resource"/>: list, show, its other commands, then update and delete when it has them.</summary>
    public Command Group(WatcherResource resource)
    {
        var group = new Command(resource.Group, resource.Description) { ListCommand(resource), ShowCommand("show", $"Show {Article(resource.What)}.", resource, resource.Show) };
        foreach (var extra in resource.Commands)
        {
            group.Subcommands.Add(extra(this));
        }
        if (resource.Update is { } update)
        {
            group.Subcommands.Add(UpdateCommand(resource, update));
        }
        if (resource.Delete is { } delete)
        {
            group.Subcommands.Add(DeleteCommand(resource, delete));
        }
        return group;
    }

    private static string Article(string what) => ("aeiou".Contains(what[0], StringComparison.Ordinal) ? "an " : "a ") + what;

    private static string Plural(string what) => what.EndsWith('y') ? what[..^1] + "ies" : what + "s";

    /// <summary>A cliff Lister: short columns, or every column with <c>--detail</c>.</summary>
    private Command ListCommand(WatcherResource resource)
    {
        var detail = new Option<bool>("--detail") { Description = "Show detailed information." };
        var limit = new Option<int?>("--limit") { Description = "Maximum number of items to return; 0 for all. Default: one page of the server's maximum size." };
        var sortKey = new Option<string?>("--sort-key") { Description = "Field (or column label) to sort by." };
        var sortDir = new Option<string?>("--sort-dir") { Description = "Sort direction: asc or desc." };
        sortDir.AcceptOnlyFromAmong("asc", "desc");
        var marker = new Option<string?>("--marker") { Description = "UUID of the last item of the previous page; items after it are shown." };
        var command = new Command("list", $"List {Plural(resource.What)}.") { detail, limit, sortKey, sortDir, marker };
        var filters = resource.Filters.Select(f => (f.Name, Option: (Option)new Option<string?>(f.Name) { Description = f.Description })).ToList();
        foreach (var (_, option) in filters)
        {
            command.Options.Add(option);
        }
        var format = FormatOptions.Add(command);
        command.SetAction((r, ct) => RunAsync(r, async (session, ct2) =>
        {
            var l = r.GetValue(limit);
            if (l < 0)
            {
                throw new CliException($"Expected non-negative --limit, got {l}");
            }
            var isDetail = r.GetValue(detail);
            var key = r.GetValue(sortKey);
            if (key is not null)
            {
                // python-watcherclient accepts a field name or a column label.
                key = resource.Detail.FirstOrDefault(c => string.Equals(c.Label, key, StringComparison.OrdinalIgnoreCase))?.Field ?? key;
            }
            var dir = r.GetValue(sortDir) switch { "asc" => SortDirection.Asc, "desc" => SortDirection.Desc, _ => (SortDirection?)null };
            var values = filters.ToDictionary(f => f.Name, f => r.GetResult(f.Option)?.GetValueOrDefault<object?>());
            var items = await resource.List(session, new ListQuery(isDetail, l, key, dir, r.GetValue(marker), values, session), ct2).ConfigureAwait(false);
            format.WriteList(Context, r, WatcherColumns.ForVersion(isDetail ? resource.Detail : resource.Short, session.Version), items);
        }, ct));
        return command;
    }

    /// <summary>A cliff ShowOne over the item argument of <paramref name="resource"/> (<c>show</c>, <c>start</c>, <c>cancel</c>).</summary>
    /// <param name="name">The command.</param>
    /// <param name="description">Its help text.</param>
    /// <param name="resource">The resource it shows.</param>
    /// <param name="fetch">Reads (or changes) the item.</param>
    /// <param name="then">Follows up on the item before it is shown (for example waits for it), and what to check after the output.</param>
    public Command ShowCommand(string name, string description, WatcherResource resource, ItemCall<JObject> fetch,
        Func<ParseResult, WatcherSession, JObject, CancellationToken, Task<(JObject Item, Action After)>>? then = null)
    {
        var id = new Argument<string>(resource.Argument) { Description = resource.ArgumentDescription };
        var command = new Command(name, description) { id };
        var format = FormatOptions.AddShowOne(command);
        command.SetAction((r, ct) => RunAsync(r, async (session, ct2) =>
        {
            var item = await fetch(session, r.GetValue(id)!, ct2).ConfigureAwait(false);
            var after = () => { };
            if (then is not null)
            {
                (item, after) = await then(r, session, item, ct2).ConfigureAwait(false);
            }
            format.WriteOne(Context, r, WatcherColumns.ForVersion(resource.ShowColumns ?? resource.Detail, session.Version), item);
            after();
        }, ct));
        return command;
    }

    /// <summary><c>update &lt;id&gt; &lt;op&gt; &lt;path=value&gt;...</c>: a JSON patch (op add, replace or remove).</summary>
    private Command UpdateCommand(WatcherResource resource, PatchCall update)
    {
        var id = new Argument<string>(resource.Argument) { Description = resource.ArgumentDescription };
        var op = new Argument<string>("op") { Description = "Operation: add, replace or remove." };
        op.AcceptOnlyFromAmong("add", "replace", "remove");
        var attributes = new Argument<string[]>("attributes") { Description = "Attribute to add, replace or remove: path=value (remove: path). Repeatable.", Arity = ArgumentArity.OneOrMore };
        var command = new Command("update", $"Update {Article(resource.What)} with a JSON patch.") { id, op, attributes };
        var format = FormatOptions.AddShowOne(command);
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
                if (attribute.IndexOf('=', StringComparison.Ordinal) <= 0)
                {
                    // python-watcherclient's words (the path as it would send it).
                    throw new CliException($"Attributes must be a list of PATH=VALUE not \"{(attribute.StartsWith('/') ? attribute : "/" + attribute)}\"");
                }
                var (key, value) = KeyValues.Split(attribute, "attributes");
                var decoded = KeyValues.JsonOrString(value);
                patch.Add(operation == "add" ? WatcherPatch.Add(key, decoded) : WatcherPatch.Replace(key, decoded));
            }
            var item = await update(session, r.GetValue(id)!, patch, ct2).ConfigureAwait(false);
            format.WriteOne(Context, r, WatcherColumns.ForVersion(resource.Detail, session.Version), item);
        }, ct));
        return command;
    }

    /// <summary><c>delete &lt;id&gt;...</c>.</summary>
    private Command DeleteCommand(WatcherResource resource, ItemCall<bool> delete)
    {
        var ids = new Argument<string[]>(Plural(resource.Argument)) { Description = resource.ArgumentDescription + " (one or more)", Arity = ArgumentArity.OneOrMore };
        var command = new Command("delete", $"Delete {Plural(resource.What)}.") { ids };
        command.SetAction((r, ct) => RunAsync(r, async (session, ct2) =>
        {
            foreach (var id in r.GetValue(ids)!)
            {
                await delete(session, id, ct2).ConfigureAwait(false);
            }
        }, ct));
        return command;
    }
}
