using Newtonsoft.Json;
using OpenStack.Http;

namespace OpenStack.Core.Tests;

/// <summary>The property-name table of large bodies: names shared after their first read, and bounded.</summary>
public sealed class RepeatedNamesTests
{
    private static string? Get(JsonNameTable table, string name)
    {
        var chars = ("xx" + name + "yy").ToCharArray();
        return table.Get(chars, 2, name.Length);
    }

    [Fact]
    public void A_name_read_again_is_the_same_string()
    {
        var table = new RepeatedNames();
        var first = Get(table, "audit_period");
        Assert.Equal("audit_period", first);
        Assert.Same(first, Get(table, "audit_period"));
    }

    [Fact]
    public void Past_its_bounds_the_table_leaves_names_to_the_reader()
    {
        var table = new RepeatedNames();
        Assert.Null(Get(table, new string('k', 129))); // too long to keep
        for (var i = 0; i < 1024; i++)
        {
            Assert.NotNull(Get(table, "key" + i));
        }
        Assert.Null(Get(table, "one-more")); // a hostile body of unique keys does not grow it further
        Assert.Equal("key7", Get(table, "key7"));
    }

    [Fact]
    public void Small_bodies_get_no_table_and_rows_parse_the_same_with_one()
    {
        Assert.Null(RepeatedNames.For(RepeatedNames.MinBodyBytes - 1));
        var rows = string.Join(",", Enumerable.Range(0, 3000).Select(i => $$"""{"unit": "ms", "k{{i % 1500}}": "{{i}}"}"""));
        var json = "[" + rows + "]";
        using var reader = new JsonTextReader(new StringReader(json)) { PropertyNameTable = RepeatedNames.For(json.Length) };
        Assert.NotNull(reader.PropertyNameTable);
        var parsed = JsonSerializer.CreateDefault().Deserialize<List<Dictionary<string, string>>>(reader)!;
        Assert.Equal(3000, parsed.Count);
        Assert.Equal("2999", parsed[2999]["k1499"]);
        Assert.Equal("ms", parsed[1234]["unit"]);
    }
}
