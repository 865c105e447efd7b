using System.Collections.ObjectModel;
using System.Globalization;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace OpenStack.Monasca;

// Measurement and statistics rows: on the wire positional arrays whose positions the series' `columns` name, in
// whatever order the series' properties arrive. A row is read in one pass into typed cells (no JToken, no boxed
// number kept); when the series is complete, its columns are bound to every row and the rows are checked, so that a
// malformed row is a MonascaApiException of the call, never an exception of a later accessor.

/// <summary>
/// One measurement of a <see cref="MeasurementSeries"/>: the <c>timestamp</c>, <c>value</c> and <c>value_meta</c>
/// columns, located by name in the series' <see cref="MeasurementSeries.Columns"/> (by position when the server
/// sent none); other columns are kept and readable by name.
/// </summary>
[JsonConverter(typeof(SeriesRowConverter))]
public sealed class MeasurementRow : SeriesRow
{
    // The common row, [text, number or null, object or null], is held in fields instead of a cell array; once bound,
    // a timestamp in the common form is kept only as the instant and its count of fractional digits, from which its
    // text is made again exactly when asked for (so that a page's rows do not keep a string each).
    private string? _text;
    private readonly CellKind _numberKind;
    private byte _digits;
    private bool _standard;
    private readonly IReadOnlyDictionary<string, string?>? _meta;

    internal MeasurementRow(RowCell[] cells)
        : base(cells)
    {
    }

    internal MeasurementRow(string text, CellKind numberKind, double number, IReadOnlyDictionary<string, string?>? meta)
        : base(null)
    {
        _text = text;
        _numberKind = numberKind;
        Value = numberKind == CellKind.Null ? double.NaN : number;
        _meta = meta;
    }

    /// <summary>The value (NaN when the server sent null).</summary>
    public double Value { get; private set; }

    /// <summary>The value's metadata (empty when there is none).</summary>
    public IReadOnlyDictionary<string, string?> ValueMeta => _standard
        ? _meta ?? RowCell.EmptyMeta
        : Layout.ValueMeta is var i and >= 0 && i < Cells.Length && Cells[i].Other is IReadOnlyDictionary<string, string?> meta ? meta : RowCell.EmptyMeta;

    /// <inheritdoc />
    public override string RawTimestamp => _standard ? CompactText : base.RawTimestamp;

    private string CompactText => _text ?? MonascaTime.FormatCommon(Timestamp, _digits);

    private protected override RowCell[] Materialize() =>
        [RowCell.OfText(CompactText), _numberKind == CellKind.Null ? RowCell.Null : RowCell.OfNumber(_numberKind, Value), RowCell.OfMeta(_meta)];

    internal override void Bind(RowLayout layout, int row)
    {
        _standard = IsCompact && layout.IsStandard;
        if (_standard)
        {
            SetLayout(layout);
            if (_text is null)
            {
                // Bound before: the instant is already read.
                return;
            }
            if (MonascaTime.TryParseCommon(_text, out var common, out var digits) && digits <= 7)
            {
                Timestamp = common;
                _digits = (byte)digits;
                _text = null;
                return;
            }
            Timestamp = MonascaTime.TryParse(_text, out var time) ? time : throw Bad(row, 0, "a timestamp");
            return;
        }
        base.Bind(layout, row);
        Value = ReadNumber(layout.Value, row) ?? double.NaN;
        if (layout.ValueMeta >= 0 && layout.ValueMeta < Cells.Length && Cells[layout.ValueMeta].Kind is not (CellKind.Meta or CellKind.Null))
        {
            throw Bad(row, layout.ValueMeta, "an object of strings");
        }
    }
}

/// <summary>
/// One period of a <see cref="StatisticsSeries"/>: a timestamp and one value per requested statistic, by the series'
/// column names (<c>avg</c>, <c>count</c>, ...).
/// </summary>
[JsonConverter(typeof(SeriesRowConverter))]
public sealed class StatisticsRow : SeriesRow
{
    internal StatisticsRow(RowCell[] cells)
        : base(cells)
    {
    }

    /// <summary>The value of a statistic column (case-insensitive), or null when absent or null.</summary>
    /// <param name="statistic">A column name such as <see cref="Statistic.Average"/>.</param>
    public double? this[string statistic] =>
        Layout.IndexOf(statistic) is var i and >= 0 && i != Layout.Timestamp && i < Cells.Length ? Cells[i].AsNumber() : null;

    /// <summary>The statistics by column name (every column but <c>timestamp</c>); null where the server sent null.</summary>
    public IReadOnlyDictionary<string, double?> Values
    {
        get
        {
            var values = new Dictionary<string, double?>(StringComparer.OrdinalIgnoreCase);
            for (var i = 0; i < Layout.Columns.Count && i < Cells.Length; i++)
            {
                if (i != Layout.Timestamp)
                {
                    values[Layout.Columns[i]] = Cells[i].AsNumber();
                }
            }
            return new ReadOnlyDictionary<string, double?>(values);
        }
    }

    /// <summary>The <c>avg</c> column.</summary>
    public double? Average => this[Statistic.Average];

    /// <summary>The <c>min</c> column.</summary>
    public double? Minimum => this[Statistic.Minimum];

    /// <summary>The <c>max</c> column.</summary>
    public double? Maximum => this[Statistic.Maximum];

    /// <summary>The <c>count</c> column.</summary>
    public double? Count => this[Statistic.Count];

    /// <summary>The <c>sum</c> column.</summary>
    public double? Sum => this[Statistic.Sum];

    internal override void Bind(RowLayout layout, int row)
    {
        base.Bind(layout, row);
        for (var i = 0; i < Cells.Length; i++)
        {
            if (i != layout.Timestamp)
            {
                ReadNumber(i, row);
            }
        }
    }
}

/// <summary>A row of a series: typed cells and the names of their columns.</summary>
public abstract class SeriesRow
{
    private RowLayout? _layout;
    private RowCell[]? _cells;

    private protected SeriesRow(RowCell[]? cells) => _cells = cells;

    private protected bool IsCompact => _cells is null;

    internal RowCell[] Cells => _cells ??= Materialize();

    internal RowLayout Layout => _layout ?? RowLayout.Measurements;

    /// <summary>When the value was measured (measurements) or the start of the period (statistics).</summary>
    public DateTimeOffset Timestamp { get; private protected set; }

    /// <summary>The timestamp exactly as the server sent it.</summary>
    public virtual string RawTimestamp => Layout.Timestamp is var i and >= 0 && i < Cells.Length ? Cells[i].Text ?? "" : "";

    /// <summary>The column names of the row (the series' <c>columns</c>).</summary>
    public IReadOnlyList<string> Columns => Layout.Columns;

    /// <summary>
    /// The value of any column by name (case-insensitive), as sent: a <see cref="string"/>, a <see cref="double"/>, a
    /// <see cref="long"/>, a dictionary of strings for an object of strings, a <see cref="JToken"/> for anything
    /// else, or null.
    /// </summary>
    /// <param name="column">The column name.</param>
    public object? GetValue(string column) => Layout.IndexOf(column) is var i and >= 0 && i < Cells.Length ? Cells[i].AsObject() : null;

    private protected virtual RowCell[] Materialize() => [];

    private protected void SetLayout(RowLayout layout) => _layout = layout;

    internal virtual void Bind(RowLayout layout, int row)
    {
        _layout = layout;
        Timestamp = ReadTime(layout.Timestamp, row);
    }

    private protected DateTimeOffset ReadTime(int column, int row)
    {
        if (column < 0 || column >= Cells.Length)
        {
            throw Bad(row, column, "a timestamp");
        }
        ref readonly var cell = ref Cells[column];
        if (cell.Kind == CellKind.Text && MonascaTime.TryParse(cell.Text!, out var time))
        {
            return time;
        }
        if (cell.Kind == CellKind.Integer && cell.Number is >= -62135596800000d and <= 253402300799999d)
        {
            return DateTimeOffset.FromUnixTimeMilliseconds((long)cell.Number);
        }
        throw Bad(row, column, "a timestamp");
    }

    private protected double? ReadNumber(int column, int row)
    {
        if (column < 0 || column >= Cells.Length)
        {
            return null;
        }
        ref readonly var cell = ref Cells[column];
        return cell.Kind switch
        {
            CellKind.Null => null,
            CellKind.Integer or CellKind.Float => cell.Number,
            CellKind.Text when double.TryParse(cell.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d,
            _ => throw Bad(row, column, "a number"),
        };
    }

    private protected JsonSerializationException Bad(int row, int column, string expected)
    {
        var name = column >= 0 && column < Layout.Columns.Count ? Layout.Columns[column] : $"#{column}";
        var found = column >= 0 && column < Cells.Length ? Cells[column].Describe() : "nothing";
        return new JsonSerializationException($"Row {row} of the series has {found} in column '{name}' where {expected} was expected.");
    }
}

/// <summary>The positions of a series' columns, shared by all its rows.</summary>
internal sealed class RowLayout
{
    public static readonly RowLayout Measurements = new(["timestamp", "value", "value_meta"]);

    public static readonly RowLayout Statistics = new(["timestamp"]);

    private readonly Dictionary<string, int>? _byName;

    public RowLayout(IReadOnlyList<string> columns)
    {
        Columns = columns;
        if (columns.Count > 4)
        {
            _byName = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
            for (var i = columns.Count - 1; i >= 0; i--)
            {
                _byName[columns[i]] = i;
            }
        }
        Timestamp = Fallback(IndexOf("timestamp"), 0);
        Value = Fallback(IndexOf("value"), columns.Count == 0 ? 1 : -1);
        ValueMeta = Fallback(IndexOf("value_meta"), columns.Count == 0 ? 2 : -1);
    }

    public IReadOnlyList<string> Columns { get; }

    /// <summary>Timestamp, value and value_meta at positions 0, 1 and 2 (the layout of nearly every series).</summary>
    public bool IsStandard => Timestamp == 0 && Value == 1 && ValueMeta == 2;

    public int Timestamp { get; }

    public int Value { get; }

    public int ValueMeta { get; }

    public static RowLayout For(ICollection<string>? columns, RowLayout fallback) =>
        columns is null || columns.Count == 0 ? fallback : new RowLayout(columns as IReadOnlyList<string> ?? columns.ToList());

    public int IndexOf(string name)
    {
        if (_byName is not null)
        {
            return _byName.TryGetValue(name, out var i) ? i : -1;
        }
        for (var i = 0; i < Columns.Count; i++)
        {
            if (string.Equals(Columns[i], name, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }
        return -1;
    }

    private static int Fallback(int found, int fallback) => found >= 0 ? found : fallback;
}

internal enum CellKind : byte
{
    Null,
    Text,
    Integer,
    Float,
    Meta,
    Other,
}

/// <summary>One cell of a row, typed; numbers unboxed (24 bytes).</summary>
internal readonly struct RowCell
{
    public static readonly IReadOnlyDictionary<string, string?> EmptyMeta = new ReadOnlyDictionary<string, string?>(new Dictionary<string, string?>());

    private readonly object? _ref;

    private RowCell(CellKind kind, object? reference, double number)
    {
        Kind = kind;
        _ref = reference;
        Number = number;
    }

    public CellKind Kind { get; }

    public double Number { get; }

    public string? Text => _ref as string;

    /// <summary>A value_meta dictionary, or a <see cref="JToken"/> for anything else.</summary>
    public object? Other => Kind is CellKind.Meta or CellKind.Other ? _ref : null;

    public static RowCell Null => default;

    public static RowCell OfText(string text) => new(CellKind.Text, text, 0);

    public static RowCell OfInteger(double value) => new(CellKind.Integer, null, value);

    public static RowCell OfFloat(double value) => new(CellKind.Float, null, value);

    public static RowCell OfNumber(CellKind kind, double value) => new(kind, null, value);

    public static RowCell OfMeta(IReadOnlyDictionary<string, string?>? meta) => meta is null ? Null : new(CellKind.Meta, meta, 0);

    public static RowCell OfOther(JToken token) => new(CellKind.Other, token, 0);

    public double? AsNumber() => Kind is CellKind.Integer or CellKind.Float ? Number
        : Kind == CellKind.Text && double.TryParse(Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d
        : null;

    public object? AsObject() => Kind switch
    {
        CellKind.Text => Text,
        CellKind.Integer when Number is >= long.MinValue and <= long.MaxValue => (long)Number,
        CellKind.Integer or CellKind.Float => Number,
        CellKind.Meta or CellKind.Other => Other,
        _ => null,
    };

    public string Describe() => Kind switch
    {
        CellKind.Null => "null",
        CellKind.Text => $"the text '{(Text!.Length > 40 ? Text[..40] + "..." : Text)}'",
        CellKind.Integer or CellKind.Float => $"the number {Number.ToString(CultureInfo.InvariantCulture)}",
        CellKind.Meta => "an object",
        _ => $"a JSON {((JToken)Other!).Type.ToString().ToLowerInvariant()}",
    };
}
