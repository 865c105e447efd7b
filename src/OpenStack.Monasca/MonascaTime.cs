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

    /// <summary>Milliseconds since the Unix epoch, the unit of <see cref="MetricCreate.Timestamp"/>.</summary>
    /// <param name="value">The instant.</param>
    public static long ToEpochMilliseconds(DateTimeOffset value) => value.ToUnixTimeMilliseconds();

    /// <summary>The instant of a number of milliseconds since the Unix epoch, in UTC.</summary>
    /// <param name="milliseconds">Milliseconds since the Unix epoch.</param>
    public static DateTimeOffset FromEpochMilliseconds(long milliseconds) => DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);
}
