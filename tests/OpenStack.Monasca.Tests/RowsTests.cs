using Newtonsoft.Json;

namespace OpenStack.Monasca.Tests;

public class RowsTests
{
    private static T Parse<T>(string json) => JsonConvert.DeserializeObject<T>(json, Settings())!;

    private static JsonSerializerSettings Settings()
    {
        var s = new JsonSerializerSettings();
        typeof(MonascaApiException).Assembly.GetType("OpenStack.Monasca.MonascaJson")!.GetMethod("Configure")!.Invoke(null, new object[] { s });
        return s;
    }

    [Fact]
    public void Measurement_columns_are_found_by_name_in_any_order()
    {
        var series = Parse<MeasurementSeries>("""
            {"name": "m", "columns": ["value_meta", "timestamp", "value"],
             "measurements": [[{"k": "v"}, "2024-01-02T03:04:05Z", 1.25], [null, 1704164645000, -3]]}
            """);
        var rows = series.Measurements!.ToList();
        Assert.Equal(1.25, rows[0].Value);
        Assert.Equal("v", rows[0].ValueMeta["k"]);
        Assert.Equal(new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.Zero), rows[1].Timestamp);
        Assert.Equal(1704164645000L, rows[1].GetValue("timestamp"));
        Assert.Equal(-3.0, rows[1].Value);
        Assert.Empty(rows[1].ValueMeta);
    }

    [Theory]
    [InlineData("2024-01-02T03:04:05Z")]
    [InlineData("2024-01-02T03:04:05.100Z")]
    [InlineData("2024-01-02T03:04:05.1234567Z")]
    [InlineData("2024-01-02T03:04:05.123456789Z")] // more digits than an instant holds: the text is kept
    [InlineData("2024-01-02T03:04:05+02:00")]
    [InlineData("0999-12-31T23:59:59.5Z")]
    public void A_timestamp_reads_back_exactly_as_sent_with_the_columns_before_or_after_the_rows(string sent)
    {
        foreach (var json in new[]
        {
            $$"""{"name": "m", "columns": ["timestamp", "value", "value_meta"], "measurements": [["{{sent}}", 1, {}]]}""",
            $$"""{"name": "m", "measurements": [["{{sent}}", 1, {}]], "columns": ["timestamp", "value", "value_meta"]}""",
            $$"""{"name": "m", "measurements": [["{{sent}}", 1, {}]]}""",
        })
        {
            var row = Assert.Single(Parse<MeasurementSeries>(json).Measurements!);
            Assert.Equal(MonascaTime.Parse(sent), row.Timestamp);
            Assert.Equal(sent, row.RawTimestamp);
            Assert.Equal(sent, row.GetValue("timestamp"));
            Assert.Contains("\"" + sent + "\"", JsonConvert.SerializeObject(row, Settings()), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Columns_sent_after_the_rows_still_name_them()
    {
        var series = Parse<MeasurementSeries>("""
            {"name": "m", "measurements": [[2.5, "2024-01-02T03:04:05.500Z", {}]], "columns": ["value", "timestamp", "value_meta"]}
            """);
        var row = Assert.Single(series.Measurements!);
        Assert.Equal(2.5, row.Value);
        Assert.Equal("2024-01-02T03:04:05.500Z", row.RawTimestamp);
        Assert.Equal(new DateTimeOffset(2024, 1, 2, 3, 4, 5, 500, TimeSpan.Zero), row.Timestamp);
    }

    [Fact]
    public void Unknown_columns_are_kept_and_written_back_as_they_came()
    {
        const string json = """{"name":"m","columns":["timestamp","value","value_meta","unit"],"measurements":[["2024-01-02T03:04:05.000Z",7,{"a":"b"},"ms"],["2024-01-02T03:04:06.000Z",7.5,{},null]]}""";
        var series = Parse<MeasurementSeries>(json);
        var rows = series.Measurements!.ToList();
        Assert.Equal("ms", rows[0].GetValue("unit"));
        Assert.Null(rows[1].GetValue("UNIT"));
        Assert.Equal(new[] { "timestamp", "value", "value_meta", "unit" }, rows[0].Columns);
        var written = JsonConvert.SerializeObject(series.Measurements, Settings());
        Assert.Equal("""[["2024-01-02T03:04:05.000Z",7,{"a":"b"},"ms"],["2024-01-02T03:04:06.000Z",7.5,{},null]]""", written);
    }

    [Fact]
    public void Measurements_without_columns_or_value_meta_use_positions()
    {
        var rows = Parse<MeasurementSeries>("""{"name": "m", "measurements": [["2024-01-02T03:04:05.123456789Z", 7]]}""").Measurements!;
        var row = Assert.Single(rows);
        Assert.Equal(new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.Zero).AddTicks(1234567), row.Timestamp);
        Assert.Equal("2024-01-02T03:04:05.123456789Z", row.RawTimestamp);
        Assert.Equal(7.0, row.Value);
        Assert.Empty(row.ValueMeta);
    }

    [Fact]
    public void A_null_value_is_NaN_and_a_series_without_rows_has_none()
    {
        Assert.True(double.IsNaN(Parse<MeasurementSeries>("""{"name": "m", "measurements": [["2024-01-02T03:04:05Z", null, {}]]}""").Measurements!.Single().Value));
        Assert.Null(Parse<MeasurementSeries>("""{"name": "m"}""").Measurements);
    }

    [Theory]
    [InlineData("""[["2024-01-02T03:04:05Z", "high", {}]]""", "'high'", "value")]
    [InlineData("""[[true, 1, {}]]""", "boolean", "timestamp")]
    [InlineData("""[["yesterday", 1, {}]]""", "'yesterday'", "timestamp")]
    [InlineData("""[[99999999999999999, 1, {}]]""", "number", "timestamp")]
    [InlineData("""[["2024-01-02T03:04:05Z", 1, "meta"]]""", "'meta'", "value_meta")]
    [InlineData("""[null]""", "null", "series")]
    [InlineData("""[{"t": 1}]""", "not an array", "series")]
    [InlineData("""[[]]""", "nothing", "timestamp")]
    public void A_malformed_row_is_refused_when_read_and_says_what_it_found(string rows, string found, string column)
    {
        var ex = Assert.ThrowsAny<JsonSerializationException>(() => Parse<MeasurementSeries>($$"""{"name": "m", "columns": ["timestamp", "value", "value_meta"], "measurements": {{rows}}}"""));
        Assert.Contains(found, ex.Message);
        Assert.Contains(column, ex.Message);
    }

    [Fact]
    public void Statistics_count_may_be_an_integer_or_a_float_and_values_null()
    {
        var rows = Parse<StatisticsSeries>("""
            {"name": "m", "columns": ["timestamp", "count", "sum", "min"],
             "statistics": [["2024-01-02T03:00:00Z", 3, 4.5, null], ["2024-01-02T03:05:00Z", 2.0, 1e3, -1]]}
            """).Statistics!.ToList();
        Assert.Equal(3.0, rows[0].Count);
        Assert.Equal(4.5, rows[0].Sum);
        Assert.Null(rows[0].Minimum);
        Assert.Null(rows[0].Maximum);
        Assert.Equal(2.0, rows[1].Count);
        Assert.Equal(1000.0, rows[1].Sum);
        Assert.Equal(-1.0, rows[1].Values["min"]);
        Assert.Equal(new[] { "count", "sum", "min" }, rows[1].Values.Keys);
    }

    [Fact]
    public void A_statistics_row_with_a_text_value_is_refused()
    {
        var ex = Assert.ThrowsAny<JsonSerializationException>(() => Parse<StatisticsSeries>("""
            {"name": "m", "columns": ["timestamp", "avg"], "statistics": [["2024-01-02T03:00:00Z", "n/a"]]}
            """));
        Assert.Contains("'avg'", ex.Message);
    }
}
