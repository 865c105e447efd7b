namespace OpenStack.Monasca.Tests;

public class MonascaTimeTests
{
    [Theory]
    [InlineData("2024-01-02T03:04:05Z", 0L, 0)]
    [InlineData("2024-01-02T03:04:05.1Z", 1000000L, 0)]
    [InlineData("2024-01-02T03:04:05.123Z", 1230000L, 0)]
    [InlineData("2024-01-02T03:04:05.123456Z", 1234560L, 0)]
    [InlineData("2024-01-02T03:04:05.1234567Z", 1234567L, 0)]
    [InlineData("2024-01-02T03:04:05.123456789Z", 1234567L, 0)]
    [InlineData("2024-01-02T03:04:05.000Z", 0L, 0)]
    [InlineData("2024-01-02T03:04:05z", 0L, 0)]
    [InlineData("2024-01-02T03:04:05", 0L, 0)]
    [InlineData("2024-01-02 03:04:05.5", 5000000L, 0)]
    [InlineData("2024-01-02T05:04:05+02:00", 0L, 120)]
    [InlineData("2024-01-01T21:34:05.25-0530", 2500000L, -330)]
    [InlineData("2024-01-02T04:04:05.000000001+01", 0L, 60)]
    public void Parses_0_to_9_fractional_digits_with_or_without_an_offset(string text, long ticks, int offsetMinutes)
    {
        var parsed = MonascaTime.Parse(text);
        Assert.Equal(new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.Zero).AddTicks(ticks), parsed);
        Assert.Equal(TimeSpan.FromMinutes(offsetMinutes), parsed.Offset);
    }

    [Theory]
    [InlineData("")]
    [InlineData("yesterday")]
    [InlineData("2024-13-02T03:04:05Z")]
    [InlineData("2024-01-02T03:04:05.1234567890Z")]
    [InlineData("2024-01-02")]
    public void Rejects_what_is_not_an_iso_time(string text)
    {
        Assert.False(MonascaTime.TryParse(text, out _));
        var ex = Assert.Throws<FormatException>(() => MonascaTime.Parse(text));
        Assert.Contains("ISO 8601", ex.Message);
    }

    [Theory]
    [InlineData(0L, 0, "2024-01-02T03:04:05Z")]
    [InlineData(5000000L, 0, "2024-01-02T03:04:05.5Z")]
    [InlineData(1230000L, 0, "2024-01-02T03:04:05.123Z")]
    [InlineData(1234567L, 0, "2024-01-02T03:04:05.1234567Z")]
    [InlineData(0L, 120, "2024-01-02T01:04:05Z")]
    [InlineData(0L, -330, "2024-01-02T08:34:05Z")]
    public void Formats_in_utc_with_z_and_only_the_needed_digits(long ticks, int offsetMinutes, string expected)
    {
        var value = new DateTimeOffset(new DateTime(2024, 1, 2, 3, 4, 5).AddTicks(ticks), TimeSpan.FromMinutes(offsetMinutes));
        Assert.Equal(expected, MonascaTime.Format(value));
        Assert.Equal(value, MonascaTime.Parse(MonascaTime.Format(value)));
    }

    [Fact]
    public void Converts_epoch_milliseconds_both_ways()
    {
        var t = new DateTimeOffset(2023, 11, 14, 22, 13, 20, 123, TimeSpan.Zero);
        Assert.Equal(1700000000123L, MonascaTime.ToEpochMilliseconds(t));
        Assert.Equal(t, MonascaTime.FromEpochMilliseconds(1700000000123L));
    }

    [Fact]
    public async Task Query_times_are_sent_in_utc_with_z_whatever_the_callers_offset()
    {
        await using var fake = await Fake.JsonAsync("""{"links": [], "elements": []}""");
        await fake.Client.Alarms.HistoryListAsync(
            startTime: new DateTimeOffset(2024, 1, 2, 5, 4, 5, TimeSpan.FromHours(2)).AddTicks(1230000),
            endTime: new DateTimeOffset(2024, 1, 1, 23, 0, 0, TimeSpan.FromHours(-5)));
        Assert.Equal("?start_time=2024-01-02T03%3A04%3A05.123Z&end_time=2024-01-02T04%3A00%3A00Z", fake.Request.QueryString);
    }
}

public class MonascaTimeFastPathTests
{
    [Theory]
    [InlineData("2024-01-02T03:04:05Z")]
    [InlineData("2024-01-02T03:04:05.1Z")]
    [InlineData("2024-01-02T03:04:05.123Z")]
    [InlineData("2024-02-29T23:59:59.123456789Z")]
    [InlineData("2024-01-02T03:04:05.1234567Z")]
    public void The_common_form_parses_to_the_same_instant_as_the_general_form(string text)
    {
        Assert.True(MonascaTime.TryParse(text, out var fast));
        // The same text with an explicit +00:00 offset does not take the fast path.
        Assert.True(MonascaTime.TryParse(text[..^1] + "+00:00", out var general));
        Assert.Equal(general, fast);
        Assert.Equal(TimeSpan.Zero, fast.Offset);
    }

    [Theory]
    [InlineData("2023-02-29T00:00:00Z")]
    [InlineData("2024-13-01T00:00:00Z")]
    [InlineData("2024-01-02T24:00:00Z")]
    [InlineData("2024-01-02T03:04:05.Z")]
    [InlineData("2024-01-02T03:04:05.12a4Z")]
    [InlineData("2024-01-02T03:04:05.1234567890Z")]
    [InlineData("20x4-01-02T03:04:05Z")]
    public void Impossible_or_malformed_times_are_refused(string text) => Assert.False(MonascaTime.TryParse(text, out _));
}
