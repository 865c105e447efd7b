using System.ComponentModel;
using System.Globalization;

namespace OpenStack.Watcher;

/// <summary>
/// A Watcher API microversion (<c>1.0</c> to <c>1.4</c> in Watcher 9.0.0), as sent in
/// <c>OpenStack-API-Version: infra-optim X.Y</c>.
/// </summary>
/// <param name="Major">The major version; always 1 for Watcher v1.</param>
/// <param name="Minor">The minor version.</param>
[TypeConverter(typeof(WatcherApiVersionConverter))]
public readonly record struct WatcherApiVersion(int Major, int Minor) : IComparable<WatcherApiVersion>
{
    /// <summary>The lowest microversion (1.0): what the server uses when a request names none.</summary>
    public static WatcherApiVersion Minimum { get; } = new(1, 0);

    /// <summary>
    /// The highest microversion this client's contract covers (1.4, the maximum of Watcher 9.0.0). Negotiation never
    /// goes above it; a caller may still pin a higher one.
    /// </summary>
    public static WatcherApiVersion ClientMaximum { get; } = new(1, 4);

    /// <summary>Parses <c>1</c> (meaning 1.0) or <c>1.N</c>.</summary>
    /// <exception cref="FormatException">The text is not a version.</exception>
    public static WatcherApiVersion Parse(string text) =>
        TryParse(text, out var version) ? version : throw new FormatException($"'{text}' is not a microversion (expected MAJOR.MINOR, for example 1.4).");

    /// <summary>Parses <c>1</c> (meaning 1.0) or <c>1.N</c>; false for anything else.</summary>
    public static bool TryParse(string? text, out WatcherApiVersion version)
    {
        version = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }
        var parts = text.Trim().Split('.');
        if (parts.Length > 2
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var major))
        {
            return false;
        }
        var minor = 0;
        if (parts.Length == 2 && !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out minor))
        {
            return false;
        }
        version = new WatcherApiVersion(major, minor);
        return true;
    }

    /// <inheritdoc />
    public int CompareTo(WatcherApiVersion other) =>
        Major != other.Major ? Major.CompareTo(other.Major) : Minor.CompareTo(other.Minor);

    /// <summary>True when <paramref name="left"/> is older than <paramref name="right"/>.</summary>
    public static bool operator <(WatcherApiVersion left, WatcherApiVersion right) => left.CompareTo(right) < 0;

    /// <summary>True when <paramref name="left"/> is newer than <paramref name="right"/>.</summary>
    public static bool operator >(WatcherApiVersion left, WatcherApiVersion right) => left.CompareTo(right) > 0;

    /// <summary>True when <paramref name="left"/> is older than or equal to <paramref name="right"/>.</summary>
    public static bool operator <=(WatcherApiVersion left, WatcherApiVersion right) => left.CompareTo(right) <= 0;

    /// <summary>True when <paramref name="left"/> is newer than or equal to <paramref name="right"/>.</summary>
    public static bool operator >=(WatcherApiVersion left, WatcherApiVersion right) => left.CompareTo(right) >= 0;

    /// <summary><c>MAJOR.MINOR</c>, for example <c>1.4</c>.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Major}.{Minor}");
}

/// <summary>
/// Reads a <see cref="WatcherApiVersion"/> from configuration text: <c>"1.N"</c> pins; <c>"1"</c>, <c>"1.latest"</c> and
/// <c>"latest"</c> mean "negotiate" and give <see langword="null"/> (for a <c>WatcherApiVersion?</c> setting).
/// </summary>
public sealed class WatcherApiVersionConverter : TypeConverter
{
    /// <inheritdoc />
    public override bool CanConvertFrom(ITypeDescriptorContext? context, Type sourceType) =>
        sourceType == typeof(string) || base.CanConvertFrom(context, sourceType);

    /// <inheritdoc />
    /// <exception cref="FormatException">The text is not 1, 1.latest or 1.N.</exception>
    public override object? ConvertFrom(ITypeDescriptorContext? context, CultureInfo? culture, object value)
    {
        if (value is not string text)
        {
            return base.ConvertFrom(context, culture, value);
        }
        try
        {
            return WatcherMicroversionHandler.ParseSetting(text);
        }
        catch (ArgumentException e)
        {
            throw new FormatException(e.Message, e);
        }
    }

    /// <inheritdoc />
    public override object? ConvertTo(ITypeDescriptorContext? context, CultureInfo? culture, object? value, Type destinationType) =>
        destinationType == typeof(string) && value is WatcherApiVersion v ? v.ToString() : base.ConvertTo(context, culture, value, destinationType);
}
