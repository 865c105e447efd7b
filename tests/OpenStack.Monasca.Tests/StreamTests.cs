using System.Globalization;
using System.Text;
using OpenStack.Testing;
using OpenStack.Http;

namespace OpenStack.Monasca.Tests;

/// <summary>
/// The all-pages item stream of measurements: a page is parsed as its series are handed on, a long series in parts of
/// at most 1,000 rows, and nothing of a page is held once the next page is asked for.
/// </summary>
public class StreamTests
{
    private static readonly DateTimeOffset Start = new(2024, 1, 2, 0, 0, 0, TimeSpan.Zero);

    private static string Rows(int first, int count, int? malformedAt = null)
    {
        var sb = new StringBuilder();
        for (var i = first; i < first + count; i++)
        {
            if (i > first)
            {
                sb.Append(", ");
            }
            var ts = i == malformedAt ? "not a time" : Start.AddSeconds(i).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
            sb.Append(CultureInfo.InvariantCulture, $"[\"{ts}\", {i}, {{}}]");
        }
        return sb.ToString();
    }

    private static FakeResponse Page(int first, int count, bool next, int? malformedAt = null) => new(200,
        $$"""{"links": [{"rel": "self", "href": "http://h/self"}{{(next ? $$""", {"rel": "next", "href": "http://h/x?offset=0_{{first + count}}"}""" : "")}}], "elements": [{"id": "0", "name": "m", "dimensions": {"hostname": "h1"}, "columns": ["timestamp", "value", "value_meta"], "measurements": [{{Rows(first, count, malformedAt)}}]}]}""");

    [Fact]
    public async Task A_long_series_comes_in_parts_of_at_most_1000_rows_with_the_series_fields()
    {
        await using var fake = await Fake.StartAsync(Page(0, 2500, next: true), Page(2500, 1, next: false), Page(0, 2500, next: true), Page(2500, 1, next: false));

        var parts = new List<MeasurementSeries>();
        await foreach (var series in fake.Client.Metrics.ListAllMeasurementsAsync("m", Start))
        {
            parts.Add(series);
        }

        Assert.Equal(new[] { 1000, 1000, 500, 1 }, parts.Select(p => p.Measurements!.Count));
        Assert.All(parts, p => Assert.Equal(("0", "m", "h1"), (p.Id, p.Name, p.Dimensions!["hostname"])));
        Assert.All(parts, p => Assert.Equal(new[] { "timestamp", "value", "value_meta" }, p.Columns));
        Assert.Equal(Enumerable.Range(0, 2501).Select(i => (double)i), parts.SelectMany(p => p.Measurements!).Select(r => r.Value));
        Assert.Equal(Start.AddSeconds(2500), parts[^1].Measurements!.Single().Timestamp);
        Assert.Contains("offset=0_2500", fake.Requests[1].QueryString);

        // The pages themselves stay whole.
        var pages = new List<Page<MeasurementSeries>>();
        await foreach (var page in fake.Client.Metrics.ListAllMeasurementsAsync("m", Start).AsPages())
        {
            pages.Add(page);
        }
        Assert.Equal(new[] { 2500, 1 }, pages.Select(p => Assert.Single(p.Values).Measurements!.Count));
    }

    [Fact]
    public async Task The_first_parts_of_a_page_are_handed_on_before_the_rest_of_it_is_parsed()
    {
        // Row 2,200 is malformed: the parts before it arrive, then the walk fails with the call's exception.
        await using var fake = await Fake.StartAsync(Page(0, 2500, next: false, malformedAt: 2200));

        var received = new List<int>();
        var e = await Assert.ThrowsAsync<MonascaApiException>(async () =>
        {
            await foreach (var series in fake.Client.Metrics.ListAllMeasurementsAsync("m", Start))
            {
                received.Add(series.Measurements!.Count);
            }
        });

        Assert.Equal(new[] { 1000, 1000 }, received);
        Assert.Equal(200, e.StatusCode);
        Assert.Contains("not a time", e.InnerException!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Nothing_of_a_page_is_reachable_once_the_next_page_is_asked_for()
    {
        await using var fake = await Fake.StartAsync();
        var handed = new List<WeakReference>();
        var aliveAtSecondRequest = -1;
        var requests = 0;
        fake.Server.Handler = _ =>
        {
            if (++requests == 2)
            {
                // The client's thread may still be on its way from sending to awaiting the answer (a Debug build keeps a
                // just-released reference in a stack slot until the frame returns): what is held is what stays held,
                // so collect until nothing is alive or 3 s have passed.
                var until = DateTime.UtcNow.AddSeconds(3);
                do
                {
                    GC.Collect();
                    GC.WaitForPendingFinalizers();
                    GC.Collect();
                    lock (handed)
                    {
                        aliveAtSecondRequest = handed.Count(w => w.IsAlive);
                    }
                }
                while (aliveAtSecondRequest > 0 && DateTime.UtcNow < until && SleepBriefly());
            }
            return requests == 1 ? Page(0, 2500, next: true) : Page(2500, 10, next: false);
        };

        var items = fake.Client.Metrics.ListAllMeasurementsAsync("m", Start).GetAsyncEnumerator();
        try
        {
            while (await items.MoveNextAsync())
            {
                Record(handed, items.Current);
            }
        }
        finally
        {
            await items.DisposeAsync();
        }

        Assert.Equal(8, handed.Count); // 3 parts of page 1 and 1 of page 2, each with its first row
        Assert.Equal(0, aliveAtSecondRequest);
    }

    private static bool SleepBriefly()
    {
        Thread.Sleep(50);
        return true;
    }

    private static void Record(List<WeakReference> handed, MeasurementSeries series)
    {
        lock (handed)
        {
            handed.Add(new WeakReference(series));
            handed.Add(new WeakReference(series.Measurements!.First()));
        }
    }
}

/// <summary>Error bodies are read by the same reader as success bodies, bounded: exact text, or the first MB and a mark.</summary>
public class ErrorBodyReadTests
{
    [Fact]
    public async Task An_error_body_of_several_segments_is_kept_exactly()
    {
        // 200 KB of two- and three-byte characters: several 64 KB segments, characters split across their edges.
        var text = string.Concat(Enumerable.Repeat("é€x", 30_000));
        var body = $$"""{"title": "Bad Request", "description": "{{text}}"}""";
        await using var fake = await Fake.StartAsync(new FakeResponse(400, body));

        var e = await Assert.ThrowsAsync<MonascaApiException>(() => fake.Client.Alarms.ListAsync());

        Assert.Equal(body, e.Response);
    }

    [Fact]
    public async Task An_error_body_over_the_limit_keeps_its_first_megabyte_and_says_so()
    {
        var body = "{\"title\": \"Bad Request\", \"description\": \"" + new string('a', 3 * 1024 * 1024) + "\"}";
        await using var fake = await Fake.StartAsync(new FakeResponse(400, body));

        var e = await Assert.ThrowsAsync<MonascaApiException>(() => fake.Client.Alarms.ListAsync());

        Assert.EndsWith(" [... truncated]", e.Response, StringComparison.Ordinal);
        Assert.Equal(body[..OpenStackClientBase.MaxErrorBodyBytes], e.Response![..^" [... truncated]".Length]);
    }
}
