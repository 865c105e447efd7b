using System.Globalization;

namespace OpenStack.Http;

// The hooks the generated all-pages methods call (src/Generator/Templates/Client.Class.Body.liquid, from a spec's x-paging).
public abstract partial class OpenStackClientBase
{
    /// <summary>
    /// A list walked page after page by Core's one walker. The cursor of the next page comes from
    /// <paramref name="itemCursor"/> (the last item), else from the <paramref name="nextLinkCursor"/> parameter of the
    /// server's <c>next</c> link, else from the count of items so far.
    /// </summary>
    /// <typeparam name="TPage">The page type of the list operation.</typeparam>
    /// <typeparam name="TItem">The item type.</typeparam>
    /// <param name="query">The list's digest (<see cref="PageQuery"/>), which tokens must match.</param>
    /// <param name="fetch">Calls the list operation with a cursor and a page size, and the caller's own filters.</param>
    /// <param name="items">The items of a page (a generated collection, or typed rows such as Monasca's <c>GetRows()</c>).</param>
    /// <param name="next">The page's <c>next</c> link (null on the last page); only tested and read for a cursor, never followed.</param>
    /// <param name="itemCursor">The cursor an item stands for, or null.</param>
    /// <param name="nextLinkCursor">The query parameter of the <c>next</c> link that holds the cursor, or null.</param>
    /// <param name="distinct">The server repeats values and resumes at a repeat (Monasca dimension values): yield each once.</param>
    /// <param name="cancellationToken">Cancels every request of every walk of the list.</param>
    protected static Pageable<TItem> CreatePageable<TPage, TItem>(
        string query,
        Func<string?, int?, CancellationToken, Task<TPage>> fetch,
        Func<TPage, IEnumerable<TItem>?> items,
        Func<TPage, string?> next,
        Func<TItem, string?>? itemCursor,
        string? nextLinkCursor,
        bool distinct,
        CancellationToken cancellationToken)
    {
        if (distinct && itemCursor is null)
        {
            throw new ArgumentException("A distinct list needs an item cursor.", nameof(distinct));
        }
        return new PageWalker<TPage, TItem>(
            new PagingPlan<TPage, TItem>(query, fetch, items, next, itemCursor, nextLinkCursor, distinct),
            cancellationToken);
    }

    /// <summary>The digest of a list operation and its filters, which its continuation tokens carry.</summary>
    /// <param name="operation">The operation id.</param>
    /// <param name="filters">The caller's filters (everything but the cursor and the page size).</param>
    protected static string PageQuery(string operation, params object?[] filters) => ContinuationTokens.Digest(operation, filters);

    /// <summary>The <c>href</c> of the <c>next</c> link among a page's <c>links</c>, or null.</summary>
    protected static string? NextLink<TLink>(IEnumerable<TLink>? links, Func<TLink, string?> rel, Func<TLink, string?> href)
    {
        ArgumentNullException.ThrowIfNull(rel);
        ArgumentNullException.ThrowIfNull(href);
        if (links is null)
        {
            return null;
        }
        foreach (var link in links)
        {
            if (string.Equals(rel(link), "next", StringComparison.OrdinalIgnoreCase))
            {
                return href(link);
            }
        }
        return null;
    }

    /// <summary>A cursor from an item's text field.</summary>
    protected static string? CursorOf(string? value) => value;

    /// <summary>A cursor from an item's UUID.</summary>
    protected static string? CursorOf(Guid? value) => value?.ToString();

    /// <summary>A cursor from an item's integer id.</summary>
    protected static string? CursorOf(long? value) => value?.ToString(CultureInfo.InvariantCulture);

    /// <summary>An integer cursor parameter from a cursor (a continuation token's, so it may be anything).</summary>
    /// <exception cref="ArgumentException">The cursor is not an integer.</exception>
    protected static int? CursorToInt32(string? cursor) =>
        cursor is null ? null
        : int.TryParse(cursor, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? n
        : throw new ArgumentException("The continuation token does not hold an integer cursor.", "continuationToken");
}
