using System.Globalization;
using System.Text.RegularExpressions;

namespace OpenStack.Monasca;

/// <summary>
/// Monasca's times: parses what servers send (ISO 8601 with 0 to 9 fractional digits, with or without
/// an offset; no offset means UTC) and formats what the client sends (UTC ISO 8601 ending in <c>Z</c>).
/// </summary>
public static partial class MonascaTime
{
    [GeneratedRegex(@"^(?<y>\d{4})-(?<mo>\d{2})-(?<d>\d{2})[Tt ](?<h>\d{2}):(?<mi>\d{2})(?::(?<s>\d{2})(?:[.,](?<f>\d{1,9}))?)?(?<z>[Zz]|[+-]\d{2}(?::?\d{2})?)?$", RegexOptions.CultureInvariant)]
    private static partial Regex IsoPattern();

    /// <summary>
    /// Parses a Monasca timestamp such as <c>2024-01-02T03:04:05Z</c>, <c>2024-01-02T03:04:05.123Z</c>,
    /// <c>2024-01-02T03:04:05.123456789Z</c> or <c>2024-01-02T03:04:05+02:00</c>. Digits beyond the 7th
    /// (100 ns) are truncated. A time without an offset is taken as UTC.
    /// </summary>
    /// <param name="value">The text to parse.</param>
    /// <returns>The instant, keeping the offset the text gave (zero when none).</returns>
    /// <exception cref="FormatException">The text is not an ISO 8601 date and time.</exception>
    public static DateTimeOffset Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return TryParse(value, out var result)
            ? result
            : throw new FormatException($"'{value}' is not an ISO 8601 time (expected for example 2024-01-02T03:04:05.123Z).");
    }

    /// <summary>
    /// The form servers send on every row (<c>yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z</c>), parsed without allocating; anything
    /// else goes through the general pattern.
    /// </summary>
    private static bool TryParseCommon(ReadOnlySpan<char> s, out DateTimeOffset result) => TryParseCommon(s, out result, out _);

    /// <summary>
    /// The common form (see <see cref="TryParseCommon(ReadOnlySpan{char}, out DateTimeOffset)"/>) and how many fractional
    /// digits it had: with at most 7, <see cref="FormatCommon"/> gives the text back exactly.
    /// </summary>
    internal static bool TryParseCommon(ReadOnlySpan<char> s, out DateTimeOffset result, out int fractionDigits)
    {
        result = default;
        fractionDigits = 0;
        if (s.Length < 20 || s[^1] != 'Z' || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' || s[16] != ':')
        {
            return false;
        }
        if (!Digits(s[..4], out var year) || !Digits(s.Slice(5, 2), out var month) || !Digits(s.Slice(8, 2), out var day)
            || !Digits(s.Slice(11, 2), out var hour) || !Digits(s.Slice(14, 2), out var minute) || !Digits(s.Slice(17, 2), out var second))
        {
            return false;
        }
        long ticks = 0;
        var fraction = s[19..^1];
        if (fraction.Length > 0)
        {
            if (fraction[0] != '.' || fraction.Length < 2 || fraction.Length > 10)
            {
                return false;
            }
            fraction = fraction[1..];
            fractionDigits = fraction.Length;
            for (var i = 0; i < 7; i++)
            {
                var digit = i < fraction.Length ? fraction[i] - '0' : 0;
                if (digit is < 0 or > 9)
                {
                    return false;
                }
                ticks = ticks * 10 + digit;
            }
            foreach (var c in fraction[Math.Min(7, fraction.Length)..])
            {
                if (c is < '0' or > '9')
                {
                    return false;
                }
            }
        }
        if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(Math.Max(1, year), month) || hour > 23 || minute > 59 || second > 59 || year < 1)
        {
            return false;
        }
        result = new DateTimeOffset(new DateTime(year, month, day, hour, minute, second, DateTimeKind.Unspecified).AddTicks(ticks), TimeSpan.Zero);
        return true;
    }

    private static bool Digits(ReadOnlySpan<char> s, out int value)
    {
        value = 0;
        foreach (var c in s)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
            value = value * 10 + (c - '0');
        }
        return true;
    }

    /// <summary>Tries to parse a Monasca timestamp; see <see cref="Parse"/>.</summary>
    /// <param name="value">The text to parse.</param>
    /// <param name="result">The instant when the text parses.</param>
    /// <returns>Whether the text parsed.</returns>
    public static bool TryParse(string? value, out DateTimeOffset result)
    {
        result = default;
        if (value is null)
        {
            return false;
        }
        if (TryParseCommon(value, out result))
        {
            return true;
        }
        var m = IsoPattern().Match(value.Trim());
        if (!m.Success)
        {
            return false;
        }
        try
        {
            int I(string g) => int.Parse(m.Groups[g].Value, CultureInfo.InvariantCulture);
            var offset = TimeSpan.Zero;
            var z = m.Groups["z"].Value;
            if (z.Length > 1)
            {
                var sign = z[0] == '-' ? -1 : 1;
                var digits = z[1..].Replace(":", "", StringComparison.Ordinal);
                var hours = int.Parse(digits[..2], CultureInfo.InvariantCulture);
                var minutes = digits.Length >= 4 ? int.Parse(digits[2..4], CultureInfo.InvariantCulture) : 0;
                offset = sign * new TimeSpan(hours, minutes, 0);
            }
            var seconds = m.Groups["s"].Success ? I("s") : 0;
            long ticks = 0;
            if (m.Groups["f"].Success)
            {
                var f = m.Groups["f"].Value;
                f = f.Length > 7 ? f[..7] : f.PadRight(7, '0');
                ticks = long.Parse(f, CultureInfo.InvariantCulture);
            }
            var local = new DateTime(I("y"), I("mo"), I("d"), I("h"), I("mi"), seconds, DateTimeKind.Unspecified).AddTicks(ticks);
            result = new DateTimeOffset(local, offset);
            return true;
        }
        catch (ArgumentOutOfRangeException)
        {
            return false;
        }
    }

    /// <summary>
    /// Formats an instant as Monasca expects it in queries: UTC, ISO 8601, ending in <c>Z</c>, with only the
    /// fractional digits needed (<c>2024-01-02T01:04:05Z</c>, <c>2024-01-02T01:04:05.5Z</c>).
    /// </summary>
    /// <param name="value">The instant; any offset is converted to UTC.</param>
    public static string Format(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture) + "Z";

    private static readonly string[] CommonFormats =
        [.. Enumerable.Range(0, 8).Select(d => "yyyy-MM-dd'T'HH:mm:ss" + (d == 0 ? "" : "." + new string('f', d)) + "'Z'")];

    /// <summary>The common form with <paramref name="fractionDigits"/> digits (0 to 7): the text the instant was parsed from.</summary>
    internal static string FormatCommon(DateTimeOffset value, int fractionDigits) =>
        value.UtcDateTime.ToString(CommonFormats[fractionDigits], CultureInfo.InvariantCulture);

    /// <summary>Milliseconds since the Unix epoch, the unit of <see cref="MetricCreate.Timestamp"/>.</summary>
    /// <param name="value">The instant.</param>
    public static long ToEpochMilliseconds(DateTimeOffset value) => value.ToUnixTimeMilliseconds();

    /// <summary>The instant of a number of milliseconds since the Unix epoch, in UTC.</summary>
    /// <param name="milliseconds">Milliseconds since the Unix epoch.</param>
    public static DateTimeOffset FromEpochMilliseconds(long milliseconds) => DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);
}
