using OpenStack.Testing;

namespace OpenStack.Monasca.Tests;

public class DimensionFilterTests
{
    [Fact]
    public void Builds_the_server_syntax()
    {
        var filter = new DimensionFilter { { "hostname", "h1" }, { "service" }, { "url", "http://x:80/p?a=b" }, { "az", "a", "b" } };
        Assert.Equal("hostname:h1,service,url:http://x:80/p?a=b,az:a|b", filter.ToString());
        Assert.Equal("hostname:h1,service,url:http://x:80/p?a=b,az:a|b", (string?)filter);
    }

    [Fact]
    public void An_empty_or_null_filter_is_not_sent()
    {
        Assert.Null((string?)new DimensionFilter());
        Assert.Null((string?)(DimensionFilter?)null);
    }

    [Fact]
    public void A_python_style_dictionary_treats_empty_values_as_any_value()
    {
        var filter = new DimensionFilter(new Dictionary<string, string?> { ["hostname"] = "h1", ["service"] = "", ["zone"] = null });
        Assert.Equal("hostname:h1,service,zone", filter.ToString());
    }

    [Fact]
    public void Several_values_are_all_sent_not_only_the_last_as_python_does()
    {
        var filter = new DimensionFilter(new Dictionary<string, IEnumerable<string>> { ["multi"] = new[] { "v1", "v2" }, ["any"] = Array.Empty<string>() });
        Assert.Equal("multi:v1|v2,any", filter.ToString());
    }

    [Theory]
    [InlineData("ho:st", "h1")]
    [InlineData("a,b", "h1")]
    [InlineData("", "h1")]
    [InlineData("hostname", "a,b")]
    [InlineData("hostname", "a|b")]
    [InlineData("hostname", "")]
    public void Keys_and_values_the_server_cannot_read_back_are_rejected_clearly(string key, string value)
    {
        var ex = Assert.Throws<ArgumentException>(() => new DimensionFilter { { key, value } });
        Assert.Contains(key.Length == 0 ? "empty" : key, ex.Message);
    }

    [Fact]
    public void The_python_example_is_rejected_only_where_it_is_ambiguous()
    {
        // python sends {'url': 'http://x/y?a=b&c'} as url:http://x/y?a=b&c: ':' after the first and '&' are fine in a value
        var filter = new DimensionFilter { { "hostname", "h1" }, { "service" }, { "url", "http://x/y?a=b&c" }, { "multi", "v1", "v2" } };
        Assert.Equal("hostname:h1,service,url:http://x/y?a=b&c,multi:v1|v2", filter.ToString());
    }

    public static TheoryData<string, string[]> RoundTripValues => new()
    {
        { "hostname", new[] { "devstack" } },
        { "url", new[] { "http://host:5601/app?x=1&y=2#frag" } },
        { "path", new[] { "/var/log/a b+c%20d" } },
        { "name", new[] { "ünïcødé €", "日本" } },
        { "weird", new[] { "=;<>{}\"\\'()" } },
        { "only_key", Array.Empty<string>() },
    };

    [Theory]
    [MemberData(nameof(RoundTripValues))]
    public async Task The_server_reads_back_exactly_the_given_keys_and_values(string key, string[] values)
    {
        await using var fake = await Fake.JsonAsync("""{"links": [], "elements": []}""");
        var filter = new DimensionFilter { { "first", "1" } };
        filter.Add(key, values);

        await fake.Client.Metrics.ListAsync(dimensions: filter);

        // decode the query as the server does, then split as the server does: pairs on ',', a pair on its first ':', values on '|'
        var sent = Assert.Single(Query.Decode(fake.Request.QueryString));
        Assert.Equal("dimensions", sent.Key);
        var parsed = DimensionFilter.Parse(sent.Value).ToList();
        Assert.Equal(2, parsed.Count);
        Assert.Equal("first", parsed[0].Key);
        Assert.Equal(new[] { "1" }, parsed[0].Value);
        Assert.Equal(key, parsed[1].Key);
        Assert.Equal(values, parsed[1].Value);
        // and nothing in the raw query splits the value at the HTTP level: no literal ',', '&' or '+' leaks out
        Assert.DoesNotContain(',', fake.Request.QueryString);
        Assert.Single(fake.Request.QueryString.Split('&'));
    }
}
