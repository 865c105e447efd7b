using System.Collections;
using System.Runtime.CompilerServices;

namespace OpenStack.Monasca;

/// <summary>
/// A grouped (<c>group_by</c>) or merged (<c>merge_metrics</c>) read of measurements or statistics was larger than one
/// answer of the server: Monasca answered with a <c>next</c> link, and the client does not follow it because the
/// server's offset for such results loses and repeats points (it applies only the timestamp of a
/// <c>&lt;index&gt;_&lt;timestamp&gt;</c> offset, and to every series; a merged offset skips points that share the last
/// timestamp). Nothing of the incomplete answer is returned.
/// </summary>
/// <remarks>
/// Narrow the read (a shorter time window, more dimensions, a longer statistics period) so that it fits in one answer
/// (the server's page limit, 10,000 rows by default), or read each metric on its own without <c>group_by</c> and
/// <c>merge_metrics</c>: single-metric paging is exact.
/// </remarks>
public sealed class GroupedReadTooLargeException : MonascaApiException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="operation">The list operation (<c>Metrics_ListMeasurements</c>, <c>Metrics_ListStatistics</c>).</param>
    /// <param name="seriesRead">How many series the incomplete answer held.</param>
    public GroupedReadTooLargeException(string operation, int seriesRead)
        : base(Explain(operation), 200, null, null, null)
    {
        Operation = operation;
        SeriesRead = seriesRead;
    }

    /// <summary>The list operation whose answer was incomplete (<c>Metrics_ListMeasurements</c> or <c>Metrics_ListStatistics</c>).</summary>
    public string Operation { get; }

    /// <summary>How many series the incomplete answer held (none of them is returned).</summary>
    public int SeriesRead { get; }

    /// <summary>The answer was a 200 page, not an error body: always <see langword="null"/>.</summary>
    public override string? Title => null;

    /// <summary>The server said nothing wrong: always <see langword="null"/>.</summary>
    public override string? ServerMessage => null;

    /// <summary>Always <see langword="null"/>.</summary>
    public override string? Details => null;

    /// <summary>Always <see langword="null"/>.</summary>
    public override string? ErrorCode => null;

    /// <summary>What happened and what to do instead (no status: the answer was a 200 page).</summary>
    public override string Message => Explain(Operation);

    private static string Explain(string operation)
    {
        var what = operation.EndsWith("Statistics", StringComparison.Ordinal) ? "statistics" : "measurements";
        return $"The grouped (group_by) or merged (merge_metrics) read of {what} does not fit in one answer of Monasca (it sent a next link). " +
            "The client reads such results in one request because Monasca's offset for them loses and repeats points; " +
            "narrow the time window or the dimensions (or lengthen the period), or read each metric without group_by and merge_metrics, whose paging is exact.";
    }
}

public abstract partial class MonascaClientBase
{
    /// <summary>
    /// Whether an all-pages read is one request: any of <paramref name="values"/> is <see langword="true"/>, a non-empty
    /// string or a non-empty list (for measurements and statistics: <c>merge_metrics</c> or <c>group_by</c> is set).
    /// </summary>
    /// <param name="values">The values of the parameters that make a read one request (the spec's <c>x-paging once</c>).</param>
    protected static bool ReadsOnce(params object?[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        foreach (var value in values)
        {
            switch (value)
            {
                case null:
                    break;
                case bool b when b:
                    return true;
                case string s when s.Length > 0:
                    return true;
                case IEnumerable items when value is not string:
                    foreach (var _ in items)
                    {
                        return true;
                    }
                    break;
            }
        }
        return false;
    }

    /// <summary>
    /// An all-pages read that is one request without an offset or a page size (the server's page limit): its one page
    /// is the whole result, and an answer with a <c>next</c> link throws <see cref="GroupedReadTooLargeException"/>
    /// instead of following an offset that is not exact.
    /// </summary>
    /// <typeparam name="TPage">The page type.</typeparam>
    /// <typeparam name="TItem">The item type (a series).</typeparam>
    /// <param name="operation">The operation id, named in the exception.</param>
    /// <param name="fetch">Sends the one request (the caller's filters, no offset, no limit).</param>
    /// <param name="items">The items of the answer.</param>
    /// <param name="next">The answer's <c>next</c> link, or null.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    protected static Pageable<TItem> CreateOneRequestPageable<TPage, TItem>(
        string operation,
        Func<CancellationToken, Task<TPage>> fetch,
        Func<TPage, IEnumerable<TItem>?> items,
        Func<TPage, string?> next,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(fetch);
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(next);
        return new OneRequestPageable<TPage, TItem>(operation, fetch, items, next, null, cancellationToken);
    }

    private sealed class OneRequestPageable<TPage, TItem>(
        string operation,
        Func<CancellationToken, Task<TPage>> fetch,
        Func<TPage, IEnumerable<TItem>?> items,
        Func<TPage, string?> next,
        int? maxItems,
        CancellationToken cancellationToken) : Pageable<TItem>
    {
        public override IAsyncEnumerable<Page<TItem>> AsPages(string? continuationToken = null, int? pageSizeHint = null)
        {
            if (continuationToken is not null)
            {
                throw new ArgumentException(
                    "A grouped or merged read is one request and has no continuation tokens; the token was made by another list.",
                    nameof(continuationToken));
            }
            if (pageSizeHint is { } size)
            {
                // Validated like every list; not sent: a page size would only make the one answer incomplete.
                ArgumentOutOfRangeException.ThrowIfNegativeOrZero(size, nameof(pageSizeHint));
            }
            return Read(cancellationToken);
        }

        public override Pageable<TItem> WithMaxItems(int maxItems)
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxItems);
            return new OneRequestPageable<TPage, TItem>(operation, fetch, items, next, maxItems, cancellationToken);
        }

        private async IAsyncEnumerable<Page<TItem>> Read([EnumeratorCancellation] CancellationToken ct)
        {
            var page = await fetch(ct).ConfigureAwait(false);
            var values = items(page)?.ToList() ?? new List<TItem>();
            if (next(page) is not null)
            {
                throw new GroupedReadTooLargeException(operation, values.Count);
            }
            if (maxItems is { } max && values.Count > max)
            {
                values.RemoveRange(max, values.Count - max);
            }
            yield return new Page<TItem>(values, null);
        }
    }
}
