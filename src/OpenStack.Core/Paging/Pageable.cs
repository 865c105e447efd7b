using System.Runtime.CompilerServices;

namespace OpenStack;

/// <summary>
/// Every item of a paged list, fetched page after page as it is enumerated; <see cref="AsPages"/> gives the pages
/// themselves with a continuation token that resumes exactly where a page ended.
/// </summary>
/// <remarks>
/// <para>
/// Each page re-sends the caller's own filters with the server's cursor (Watcher's <c>marker</c>, Monasca's
/// <c>offset</c>); the host and the query written in a server's <c>next</c> link are never used. Nothing is sent
/// until the enumeration starts, and each enumeration starts again from the first page (or from the token given).
/// </para>
/// <para>
/// A continuation token is an opaque string (URL-safe, no secret in it). It carries the cursor and a digest of the
/// list's filters: resume it through the same method with the same filters; another list's token is refused with an
/// <see cref="ArgumentException"/>.
/// </para>
/// </remarks>
/// <typeparam name="T">The item type.</typeparam>
public abstract class Pageable<T> : IAsyncEnumerable<T>
{
    /// <summary>For derived types (and mocks: see <see cref="Pageable.FromPages"/>).</summary>
    protected Pageable()
    {
    }

    /// <summary>The pages of the list, from the first one or from where <paramref name="continuationToken"/> left off.</summary>
    /// <param name="continuationToken">A <see cref="Page{T}.ContinuationToken"/> of an earlier walk of this list, or null for the first page.</param>
    /// <param name="pageSizeHint">Items to ask for per request (the server's <c>limit</c>); null leaves it to the server.</param>
    /// <returns>The pages; the last one has a null <see cref="Page{T}.ContinuationToken"/>.</returns>
    /// <exception cref="ArgumentException">The token was not made by this list, or it is malformed.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="pageSizeHint"/> is zero or negative.</exception>
    public abstract IAsyncEnumerable<Page<T>> AsPages(string? continuationToken = null, int? pageSizeHint = null);

    /// <summary>
    /// The same list, ending after <paramref name="maxItems"/> items across pages (python-watcherclient's <c>limit</c>).
    /// The last request asks for no more than the items still wanted; the last page's token resumes after its last item.
    /// </summary>
    /// <param name="maxItems">The most items to yield, at least 1.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxItems"/> is zero or negative.</exception>
    public abstract Pageable<T> WithMaxItems(int maxItems);

    /// <summary>Enumerates every item, fetching the next page when the current one is used up.</summary>
    /// <param name="cancellationToken">Cancels the walk (combined with the token the list was created with).</param>
    public virtual async IAsyncEnumerator<T> GetAsyncEnumerator(CancellationToken cancellationToken = default)
    {
        await foreach (var page in AsPages().WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            foreach (var item in page.Values)
            {
                yield return item;
            }
        }
    }
}

/// <summary>Makes <see cref="Pageable{T}"/> values that are not walked from a server.</summary>
public static class Pageable
{
    /// <summary>A list made of the given pages, for tests and mocks of the client interfaces.</summary>
    /// <param name="pages">The pages, in order; their tokens are returned as given.</param>
    public static Pageable<T> FromPages<T>(IEnumerable<Page<T>> pages)
    {
        ArgumentNullException.ThrowIfNull(pages);
        return new StaticPageable<T>(pages.ToArray(), null);
    }

    private sealed class StaticPageable<T>(Page<T>[] pages, int? maxItems) : Pageable<T>
    {
        public override IAsyncEnumerable<Page<T>> AsPages(string? continuationToken = null, int? pageSizeHint = null) =>
            Walk(continuationToken);

        public override Pageable<T> WithMaxItems(int maxItems)
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxItems);
            return new StaticPageable<T>(pages, maxItems);
        }

        private async IAsyncEnumerable<Page<T>> Walk(string? continuationToken, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            var start = 0;
            if (continuationToken is not null)
            {
                start = Array.FindIndex(pages, p => p.ContinuationToken == continuationToken) + 1;
                if (start == 0)
                {
                    throw new ArgumentException("The continuation token was not made by this list.", nameof(continuationToken));
                }
            }
            var remaining = maxItems ?? int.MaxValue;
            for (var i = start; i < pages.Length && remaining > 0; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var page = pages[i];
                if (page.Values.Count > remaining)
                {
                    page = new Page<T>(page.Values.Take(remaining).ToArray(), null);
                }
                remaining -= page.Values.Count;
                yield return page;
            }
            await Task.CompletedTask.ConfigureAwait(false);
        }
    }
}

/// <summary>One page of a <see cref="Pageable{T}"/>.</summary>
/// <typeparam name="T">The item type.</typeparam>
/// <param name="values">The items of the page.</param>
/// <param name="continuationToken">Where the next page starts, or null on the last page.</param>
public sealed class Page<T>(IReadOnlyList<T> values, string? continuationToken)
{
    /// <summary>The items of the page, in the server's order.</summary>
    public IReadOnlyList<T> Values { get; } = values ?? throw new ArgumentNullException(nameof(values));

    /// <summary>
    /// Give it to <see cref="Pageable{T}.AsPages"/> of the same list (same method, same filters) to go on after this
    /// page, now or in another process; null on the last page.
    /// </summary>
    public string? ContinuationToken { get; } = continuationToken;
}
