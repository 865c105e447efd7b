namespace OpenStack.Monasca;

/// <summary>
/// One page of a Monasca list, with what python-monascaclient keeps as <c>manager.next</c>. Do not follow
/// <see cref="NextLink"/> verbatim: the server re-encodes the query in it (and, for notification methods,
/// puts an offset in it that it then rejects); the <c>ListAll...Async</c> methods re-send the caller's own
/// query with the next offset instead.
/// </summary>
public interface IMonascaPage
{
    /// <summary>The href of the <c>next</c> link as the server sent it, or null on the last page.</summary>
    string? NextLink { get; }

    /// <summary>The <c>offset</c> query value of <see cref="NextLink"/>, decoded once, or null.</summary>
    string? NextOffset { get; }
}

/// <summary>One page of a list: its <c>links</c> and <c>elements</c>.</summary>
public partial class VersionCollection : IMonascaPage
{
    /// <inheritdoc />
    public string? NextLink => MonascaPaging.NextLink(Links);

    /// <inheritdoc />
    public string? NextOffset => MonascaPaging.OffsetOf(NextLink);
}

/// <summary>One page of a list: its <c>links</c> and <c>elements</c>.</summary>
public partial class MetricCollection : IMonascaPage
{
    /// <inheritdoc />
    public string? NextLink => MonascaPaging.NextLink(Links);

    /// <inheritdoc />
    public string? NextOffset => MonascaPaging.OffsetOf(NextLink);
}

/// <summary>One page of a list: its <c>links</c> and <c>elements</c>.</summary>
public partial class MetricNameCollection : IMonascaPage
{
    /// <inheritdoc />
    public string? NextLink => MonascaPaging.NextLink(Links);

    /// <inheritdoc />
    public string? NextOffset => MonascaPaging.OffsetOf(NextLink);
}

/// <summary>One page of a list: its <c>links</c> and <c>elements</c>.</summary>
public partial class DimensionNameCollection : IMonascaPage
{
    /// <inheritdoc />
    public string? NextLink => MonascaPaging.NextLink(Links);

    /// <inheritdoc />
    public string? NextOffset => MonascaPaging.OffsetOf(NextLink);
}

/// <summary>One page of a list: its <c>links</c> and <c>elements</c>.</summary>
public partial class DimensionValueCollection : IMonascaPage
{
    /// <inheritdoc />
    public string? NextLink => MonascaPaging.NextLink(Links);

    /// <inheritdoc />
    public string? NextOffset => MonascaPaging.OffsetOf(NextLink);
}

/// <summary>One page of a list: its <c>links</c> and <c>elements</c>.</summary>
public partial class MeasurementSeriesCollection : IMonascaPage
{
    /// <inheritdoc />
    public string? NextLink => MonascaPaging.NextLink(Links);

    /// <inheritdoc />
    public string? NextOffset => MonascaPaging.OffsetOf(NextLink);
}

/// <summary>One page of a list: its <c>links</c> and <c>elements</c>.</summary>
public partial class StatisticsSeriesCollection : IMonascaPage
{
    /// <inheritdoc />
    public string? NextLink => MonascaPaging.NextLink(Links);

    /// <inheritdoc />
    public string? NextOffset => MonascaPaging.OffsetOf(NextLink);
}

/// <summary>One page of a list: its <c>links</c> and <c>elements</c>.</summary>
public partial class NotificationMethodCollection : IMonascaPage
{
    /// <inheritdoc />
    public string? NextLink => MonascaPaging.NextLink(Links);

    /// <inheritdoc />
    public string? NextOffset => MonascaPaging.OffsetOf(NextLink);
}

/// <summary>One page of a list: its <c>links</c> and <c>elements</c>.</summary>
public partial class NotificationTypeCollection : IMonascaPage
{
    /// <inheritdoc />
    public string? NextLink => MonascaPaging.NextLink(Links);

    /// <inheritdoc />
    public string? NextOffset => MonascaPaging.OffsetOf(NextLink);
}

/// <summary>One page of a list: its <c>links</c> and <c>elements</c>.</summary>
public partial class AlarmDefinitionCollection : IMonascaPage
{
    /// <inheritdoc />
    public string? NextLink => MonascaPaging.NextLink(Links);

    /// <inheritdoc />
    public string? NextOffset => MonascaPaging.OffsetOf(NextLink);
}

/// <summary>One page of a list: its <c>links</c> and <c>elements</c>.</summary>
public partial class AlarmCollection : IMonascaPage
{
    /// <inheritdoc />
    public string? NextLink => MonascaPaging.NextLink(Links);

    /// <inheritdoc />
    public string? NextOffset => MonascaPaging.OffsetOf(NextLink);
}

/// <summary>One page of a list: its <c>links</c> and <c>elements</c>.</summary>
public partial class AlarmTransitionCollection : IMonascaPage
{
    /// <inheritdoc />
    public string? NextLink => MonascaPaging.NextLink(Links);

    /// <inheritdoc />
    public string? NextOffset => MonascaPaging.OffsetOf(NextLink);
}

/// <summary>Alarm counts: <c>columns</c> and rows of a count followed by the grouped field values.</summary>
public partial class AlarmCount : IMonascaPage
{
    /// <inheritdoc />
    public string? NextLink => MonascaPaging.NextLink(Links);

    /// <inheritdoc />
    public string? NextOffset => MonascaPaging.OffsetOf(NextLink);
}
