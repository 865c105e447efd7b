using System.Runtime.CompilerServices;

namespace OpenStack.Monasca;

/// <summary>The all-pages walkers: re-send the caller's query with the next offset until a page is empty or has no next link.</summary>
internal static class MonascaPaging
{
    public static string? NextLink(IEnumerable<Link>? links) =>
        links?.FirstOrDefault(l => string.Equals(l.Rel, "next", StringComparison.OrdinalIgnoreCase))?.Href;

    public static string? OffsetOf(string? href)
    {
        if (href is null)
        {
            return null;
        }
        var q = href.IndexOf('?', StringComparison.Ordinal);
        if (q < 0)
        {
            return null;
        }
        foreach (var part in href[(q + 1)..].Split('&'))
        {
            if (part.StartsWith("offset=", StringComparison.Ordinal))
            {
                return Uri.UnescapeDataString(part["offset=".Length..]);
            }
        }
        return null;
    }

    /// <summary>Walks resources whose offset is taken from the last element (or the server's next link).</summary>
    public static async IAsyncEnumerable<T> WalkByMarker<TPage, T>(
        Func<string?, CancellationToken, Task<TPage>> fetch,
        Func<TPage, ICollection<T>?> elements,
        Func<TPage, IReadOnlyList<T>, string?> nextOffset,
        [EnumeratorCancellation] CancellationToken cancellationToken)
        where TPage : IMonascaPage
    {
        string? offset = null;
        while (true)
        {
            var page = await fetch(offset, cancellationToken).ConfigureAwait(false);
            var items = elements(page)?.ToList() ?? new List<T>();
            if (items.Count == 0)
            {
                yield break;
            }
            foreach (var item in items)
            {
                yield return item;
            }
            if (page.NextLink is null)
            {
                yield break;
            }
            var next = nextOffset(page, items);
            if (next is null || next == offset)
            {
                yield break;
            }
            offset = next;
        }
    }

    /// <summary>Walks resources with an integer row offset: next offset = offset + elements received.</summary>
    public static async IAsyncEnumerable<T> WalkByCount<TPage, T>(
        Func<int?, CancellationToken, Task<TPage>> fetch,
        Func<TPage, ICollection<T>?> elements,
        [EnumeratorCancellation] CancellationToken cancellationToken)
        where TPage : IMonascaPage
    {
        int? offset = null;
        while (true)
        {
            var page = await fetch(offset, cancellationToken).ConfigureAwait(false);
            var items = elements(page);
            if (items is null || items.Count == 0)
            {
                yield break;
            }
            foreach (var item in items)
            {
                yield return item;
            }
            if (page.NextLink is null)
            {
                yield break;
            }
            offset = (offset ?? 0) + items.Count;
        }
    }

    /// <summary>Yields the elements of a list that the server does not page.</summary>
    public static async IAsyncEnumerable<T> Single<TPage, T>(
        Func<CancellationToken, Task<TPage>> fetch,
        Func<TPage, ICollection<T>?> elements,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var page = await fetch(cancellationToken).ConfigureAwait(false);
        foreach (var item in elements(page) ?? Array.Empty<T>())
        {
            yield return item;
        }
    }
}
