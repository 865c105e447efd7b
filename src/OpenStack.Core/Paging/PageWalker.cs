using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using OpenStack.Http;

namespace OpenStack;

/// <summary>
/// How one paged operation is walked: what the generated all-pages method hands to Core. The next cursor is the last
/// item's <see cref="ItemCursor"/> (Watcher marker, Monasca ids and names), else the <see cref="CursorParameter"/> of
/// the server's <c>next</c> link (measurements, statistics), else the count of items so far (Monasca's integer offsets).
/// </summary>
/// <typeparam name="TPage">The page type the list operation returns.</typeparam>
/// <typeparam name="T">The item type.</typeparam>
internal sealed record PagingPlan<TPage, T>(
    string Query,
    Func<string?, int?, CancellationToken, Task<TPage>> Fetch,
    Func<TPage, IEnumerable<T>?> Items,
    Func<TPage, string?> Next,
    Func<T, string?>? ItemCursor,
    string? CursorParameter,
    bool Distinct);

/// <summary>The one walker of every paged list of every service: marker, offset-by-link and offset-by-count.</summary>
internal sealed class PageWalker<TPage, T>(PagingPlan<TPage, T> plan, CancellationToken listToken, int? maxItems = null) : Pageable<T>
{
    /// <summary>How large a page may grow while stepping past repeated values before the walker gives up.</summary>
    private const int MaxGrownPage = 1 << 20;

    private PagingPlan<TPage, T> Plan => plan;

    private CancellationToken ListToken => listToken;

    public override IAsyncEnumerable<Page<T>> AsPages(string? continuationToken = null, int? pageSizeHint = null)
    {
        if (pageSizeHint is { } size)
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(size, nameof(pageSizeHint));
        }
        var cursor = ContinuationTokens.Read(continuationToken, plan.Query);
        return Walk(cursor, pageSizeHint, listToken);
    }

    public override Pageable<T> WithMaxItems(int maxItems)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxItems);
        return new PageWalker<TPage, T>(plan, listToken, maxItems);
    }

    /// <summary>
    /// Every item, page after page; a page's items are let go (by the walker and by this enumerator) before the next
    /// page is asked for, so that at most one page is held however long the list.
    /// </summary>
    /// <remarks>
    /// Without a cap across pages and for lists that are not distinct, each page is asked to be parsed as its items are
    /// handed on (<see cref="OpenStackClientBase.TryReadLater{T}"/>: Monasca's series come in parts of their rows as
    /// they are read); the next cursor is taken once the page's items are used up.
    /// </remarks>
    public override IAsyncEnumerator<T> GetAsyncEnumerator(CancellationToken cancellationToken = default) =>
        maxItems is null && !plan.Distinct
            ? new StreamingEnumerator(this, cancellationToken)
            : new ItemEnumerator(Walk(null, null, release: true, listToken).GetAsyncEnumerator(cancellationToken));

    private IAsyncEnumerable<Page<T>> Walk(string? cursor, int? pageSize, CancellationToken ct) => Walk(cursor, pageSize, release: false, ct);

    private async IAsyncEnumerable<Page<T>> Walk(string? cursor, int? pageSize, bool release, [EnumeratorCancellation] CancellationToken ct)
    {
        var remaining = maxItems ?? int.MaxValue;
        // Distinct lists (Monasca dimension values) resume *at* a repeated value: skip what equals the last one yielded.
        var lastValue = plan.Distinct ? cursor : null;
        while (remaining > 0)
        {
            var limit = maxItems is null ? pageSize : Math.Min(pageSize ?? remaining, remaining);
            var page = await plan.Fetch(cursor, limit, ct).ConfigureAwait(false);
            var items = plan.Items(page);
            var raw = items as IReadOnlyList<T> ?? items?.ToList();
            if (raw is null || raw.Count == 0)
            {
                yield break;
            }

            var values = Select(raw, remaining, ref lastValue, out var truncated, out var last);
            remaining -= values.Count;
            var next = plan.Next(page);
            var nextCursor = next is null ? null
                : plan.ItemCursor is { } itemCursor ? itemCursor(truncated ? values[^1] : last)
                : plan.CursorParameter is { } parameter ? (truncated ? null : QueryValue(next, parameter))
                : (ParseCount(cursor) + values.Count).ToString(CultureInfo.InvariantCulture);

            if (nextCursor is not null && nextCursor == cursor)
            {
                if (!plan.Distinct || values.Count > 0)
                {
                    // No progress: the server sent the cursor it was given. End rather than loop.
                    nextCursor = null;
                }
                else
                {
                    // A whole page of copies of the value the cursor names: ask again for a larger page.
                    var grown = Math.Max(raw.Count, limit ?? raw.Count) * 2;
                    if (grown > MaxGrownPage || (limit is not null && raw.Count < limit))
                    {
                        yield break;
                    }
                    pageSize = grown;
                    continue;
                }
            }

            var token = nextCursor is null ? null : ContinuationTokens.Write(plan.Query, nextCursor);
            var hand = values.Count > 0 || token is null;
            IReadOnlyList<T> handed = release ? new ReleasableList(values) : values;
            // Nothing of this page stays referenced here while the next one is read.
            page = default!;
            items = null;
            raw = null;
            values = null!;
            last = default!;
            if (hand)
            {
                yield return new Page<T>(handed, token);
            }
            handed = null!;
            if (token is null)
            {
                yield break;
            }
            cursor = nextCursor;
        }
    }

    /// <summary>
    /// The items of the pages, one by one; written out rather than an iterator so that nothing (not even the current
    /// item) of a used-up page is held while the next page is read.
    /// </summary>
    private sealed class ItemEnumerator(IAsyncEnumerator<Page<T>> pages) : IAsyncEnumerator<T>
    {
        private ReleasableList? _values;
        private int _index;

        public T Current { get; private set; } = default!;

        public async ValueTask<bool> MoveNextAsync()
        {
            while (true)
            {
                if (_values is { } values && _index < values.Count)
                {
                    Current = values[_index++];
                    return true;
                }
                Current = default!;
                _values?.Release();
                _values = null;
                if (!await pages.MoveNextAsync().ConfigureAwait(false))
                {
                    return false;
                }
                _values = (ReleasableList)pages.Current.Values;
                _index = 0;
            }
        }

        public ValueTask DisposeAsync()
        {
            Current = default!;
            _values?.Release();
            _values = null;
            return pages.DisposeAsync();
        }
    }

    /// <summary>
    /// The items of every page, each page's items enumerated as they are parsed (a deferred page) or from its list;
    /// nothing of a used-up page (not its items, its enumerator or the page) is held while the next page is read.
    /// </summary>
    private sealed class StreamingEnumerator : IAsyncEnumerator<T>
    {
        private readonly PageWalker<TPage, T> _walker;
        private readonly CancellationTokenSource? _linked;
        private readonly CancellationToken _token;
        private string? _cursor;
        private TPage? _page;
        private IEnumerator<T>? _items;
        private T _last = default!;
        private int _count;
        private bool _done;

        public StreamingEnumerator(PageWalker<TPage, T> walker, CancellationToken cancellationToken)
        {
            _walker = walker;
            if (cancellationToken.CanBeCanceled && walker.ListToken.CanBeCanceled && cancellationToken != walker.ListToken)
            {
                _linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, walker.ListToken);
                _token = _linked.Token;
            }
            else
            {
                _token = cancellationToken.CanBeCanceled ? cancellationToken : walker.ListToken;
            }
        }

        public T Current { get; private set; } = default!;

        public async ValueTask<bool> MoveNextAsync()
        {
            var plan = _walker.Plan;
            // A page parsed as it is handed on reads no network between items: the token is checked here too.
            _token.ThrowIfCancellationRequested();
            while (!_done)
            {
                if (_items is not null)
                {
                    // Fields, not locals: nothing of a used-up page may stay referenced while the next page is read.
                    if (_items.MoveNext())
                    {
                        Current = _last = _items.Current;
                        _count++;
                        return true;
                    }
                    // The page is used up: its cursor, then nothing of it is kept.
                    Current = default!;
                    var next = plan.Next(_page!);
                    var nextCursor = _count == 0 || next is null ? null
                        : plan.ItemCursor is { } itemCursor ? itemCursor(_last)
                        : plan.CursorParameter is { } parameter ? QueryValue(next, parameter)
                        : (ParseCount(_cursor) + _count).ToString(CultureInfo.InvariantCulture);
                    Release();
                    if (nextCursor is null || nextCursor == _cursor)
                    {
                        // The last page, or no progress (the server sent the cursor it was given): end rather than loop.
                        _done = true;
                        return false;
                    }
                    _cursor = nextCursor;
                }
                _token.ThrowIfCancellationRequested();
                var cursor = _cursor;
                _page = await DeferredReads.FetchAsync(() => plan.Fetch(cursor, null, _token)).ConfigureAwait(false);
                _items = plan.Items(_page)?.GetEnumerator();
                _count = 0;
                if (_items is null)
                {
                    Release();
                    _done = true;
                    return false;
                }
            }
            return false;
        }

        private void Release()
        {
            _items?.Dispose();
            _items = null;
            _page = default;
            _last = default!;
            Current = default!;
        }

        public ValueTask DisposeAsync()
        {
            Release();
            _done = true;
            _linked?.Dispose();
            return default;
        }
    }

    /// <summary>A page's items that the item enumerator lets go once it has handed them all on.</summary>
    private sealed class ReleasableList(IReadOnlyList<T> items) : IReadOnlyList<T>
    {
        private IReadOnlyList<T> _items = items;

        public T this[int index] => _items[index];

        public int Count => _items.Count;

        public void Release() => _items = [];

        public IEnumerator<T> GetEnumerator() => _items.GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }

    private IReadOnlyList<T> Select(IReadOnlyList<T> raw, int remaining, ref string? lastValue, out bool truncated, out T last)
    {
        truncated = false;
        last = default!;
        if (!plan.Distinct && raw.Count <= remaining)
        {
            last = raw[^1];
            return raw;
        }
        var values = new List<T>(Math.Min(raw.Count, remaining));
        foreach (var item in raw)
        {
            last = item;
            if (plan.Distinct)
            {
                var value = plan.ItemCursor!(item);
                if (value == lastValue)
                {
                    continue;
                }
                lastValue = value;
            }
            if (values.Count == remaining)
            {
                truncated = true;
                break;
            }
            values.Add(item);
        }
        if (plan.Distinct && !truncated && values.Count > 0)
        {
            // The next cursor is the last distinct value kept, which is also the page's last value.
            last = values[^1];
        }
        return values;
    }

    private static int ParseCount(string? cursor) =>
        cursor is null ? 0 : int.TryParse(cursor, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n
            : throw new ArgumentException("The continuation token does not hold an item count.", "continuationToken");

    /// <summary>The decoded value of <paramref name="name"/> in the query of a link, or null.</summary>
    internal static string? QueryValue(string link, string name)
    {
        var q = link.IndexOf('?', StringComparison.Ordinal);
        if (q < 0)
        {
            return null;
        }
        foreach (var part in link.AsSpan(q + 1).Split('&'))
        {
            var pair = link.AsSpan(q + 1)[part];
            if (pair.Length > name.Length && pair[name.Length] == '=' && pair.StartsWith(name, StringComparison.Ordinal))
            {
                return Uri.UnescapeDataString(pair[(name.Length + 1)..].ToString().Replace('+', ' '));
            }
        }
        return null;
    }
}

/// <summary>Continuation tokens: base64url of a version, the list's query digest and the cursor.</summary>
internal static class ContinuationTokens
{
    private const string Version = "1";

    public static string Write(string query, string cursor) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(Version + "\n" + query + "\n" + cursor))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>The cursor in a token, null for no token.</summary>
    /// <param name="token">The token.</param>
    /// <param name="query">The digest of the list it must belong to; a token with an empty digest (made by the CLI from a marker) fits any list.</param>
    public static string? Read(string? token, string query)
    {
        if (token is null)
        {
            return null;
        }
        string text;
        try
        {
            var b64 = token.Replace('-', '+').Replace('_', '/');
            text = Encoding.UTF8.GetString(Convert.FromBase64String(b64.PadRight(b64.Length + ((4 - (b64.Length % 4)) % 4), '=')));
        }
        catch (FormatException)
        {
            throw new ArgumentException("The continuation token is malformed.", "continuationToken");
        }
        var parts = text.Split('\n', 3);
        if (parts.Length != 3 || parts[0] != Version)
        {
            throw new ArgumentException("The continuation token is malformed.", "continuationToken");
        }
        if (parts[1].Length > 0 && parts[1] != query)
        {
            throw new ArgumentException("The continuation token was made by another list (another method or other filters).", "continuationToken");
        }
        return parts[2];
    }

    /// <summary>A token that starts after <paramref name="cursor"/> on any list (the CLI's <c>--marker</c>).</summary>
    public static string FromCursor(string cursor) => Write("", cursor);

    /// <summary>A short digest of an operation and the values of its filters (FNV-1a, 64 bits).</summary>
    public static string Digest(string operation, object?[] values)
    {
        var hash = 14695981039346656037UL;
        Mix(ref hash, operation);
        foreach (var value in values)
        {
            Mix(ref hash, "\u001f");
            switch (value)
            {
                case null:
                    Mix(ref hash, "\u0000");
                    break;
                case string s:
                    Mix(ref hash, s);
                    break;
                case DateTimeOffset d:
                    Mix(ref hash, d.ToString("O", CultureInfo.InvariantCulture));
                    break;
                case System.Collections.IEnumerable items:
                    foreach (var item in items)
                    {
                        Mix(ref hash, Convert.ToString(item, CultureInfo.InvariantCulture) ?? "\u0000");
                        Mix(ref hash, "\u001e");
                    }
                    break;
                default:
                    Mix(ref hash, Convert.ToString(value, CultureInfo.InvariantCulture) ?? "");
                    break;
            }
        }
        return hash.ToString("x16", CultureInfo.InvariantCulture);
    }

    private static void Mix(ref ulong hash, string text)
    {
        foreach (var c in text)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }
    }
}
