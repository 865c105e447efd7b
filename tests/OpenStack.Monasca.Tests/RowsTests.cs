using Newtonsoft.Json;

namespace OpenStack.Monasca.Tests;

public class RowsTests
{
    private static T Parse<T>(string json) => JsonConvert.DeserializeObject<T>(json, Settings())!;

    private static JsonSerializerSettings Settings()
    {
        var s = new JsonSerializerSettings();
        typeof(MonascaApiException).Assembly.GetType("OpenStack.Monasca.MonascaPlumbing")!.GetMethod("Configure")!.Invoke(null, new object[] { s });
        return s;
    }

    [Fact]
    public void Measurement_columns_are_found_by_name_in_any_order()
    {
        var series = Parse<MeasurementSeries>("""
            {"name": "m", "columns": ["value_meta", "timestamp", "value"],
             "measurements": [[{"k": "v"}, "2024-01-02T03:04:05Z", 1.25], [null, 1704164645000, -3]]}
            """);
        var rows = series.GetRows();
        Assert.Equal(1.25, rows[0].Value);
        Assert.Equal("v", rows[0].ValueMeta["k"]);
        Assert.Equal(new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.Zero), rows[1].Timestamp);
        Assert.Equal("1704164645000", rows[1].RawTimestamp);
        Assert.Equal(-3.0, rows[1].Value);
        Assert.Empty(rows[1].ValueMeta);
    }

    [Fact]
    public void Measurements_without_columns_or_value_meta_use_positions()
    {
        var rows = Parse<MeasurementSeries>("""{"name": "m", "measurements": [["2024-01-02T03:04:05.123456789Z", 7]]}""").GetRows();
        var row = Assert.Single(rows);
        Assert.Equal(new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.Zero).AddTicks(1234567), row.Timestamp);
        Assert.Equal("2024-01-02T03:04:05.123456789Z", row.RawTimestamp);
        Assert.Equal(7.0, row.Value);
        Assert.Empty(row.ValueMeta);
    }

    [Fact]
    public void A_null_value_is_NaN_and_a_series_without_rows_is_empty()
    {
        Assert.True(double.IsNaN(Parse<MeasurementSeries>("""{"name": "m", "measurements": [["2024-01-02T03:04:05Z", null, {}]]}""").GetRows()[0].Value));
        Assert.Empty(Parse<MeasurementSeries>("""{"name": "m"}""").GetRows());
    }

    [Fact]
    public void A_malformed_row_says_what_it_found()
    {
        var ex = Assert.Throws<FormatException>(() => Parse<MeasurementSeries>("""{"name": "m", "measurements": [["2024-01-02T03:04:05Z", "high", {}]]}""").GetRows());
        Assert.Contains("number", ex.Message);
        Assert.Contains("high", ex.Message);
        Assert.Throws<FormatException>(() => Parse<MeasurementSeries>("""{"name": "m", "measurements": [[true, 1, {}]]}""").GetRows());
    }

    [Fact]
    public void Statistics_count_may_be_an_integer_or_a_float_and_values_null()
    {
        var rows = Parse<StatisticsSeries>("""
            {"name": "m", "columns": ["timestamp", "count", "sum", "min"],
             "statistics": [["2024-01-02T03:00:00Z", 3, 4.5, null], ["2024-01-02T03:05:00Z", 2.0, 1e3, -1]]}
            """).GetRows();
        Assert.Equal(3.0, rows[0].Count);
        Assert.Equal(4.5, rows[0].Sum);
        Assert.Null(rows[0].Minimum);
        Assert.Null(rows[0].Maximum);
        Assert.Equal(2.0, rows[1].Count);
        Assert.Equal(1000.0, rows[1].Sum);
        Assert.Equal(-1.0, rows[1].Values["min"]);
        Assert.Equal(new[] { "count", "sum", "min" }, rows[1].Values.Keys);
    }
}
