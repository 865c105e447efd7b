using OpenStack.Configuration;

namespace OpenStack.Core.Tests;

/// <summary>clouds.yaml and secure.yaml are read as openstacksdk's yaml.safe_load reads them.</summary>
public sealed class YamlReaderTests
{
    private static Dictionary<string, object?> Map(object? o) => Assert.IsType<Dictionary<string, object?>>(o);

    [Fact]
    public void Reads_nested_mappings_quoted_scalars_comments_and_lists()
    {
        const string yaml = """
            # clouds.yaml
            ---
            clouds:
              devstack:   # the local one
                auth:
                  auth_url: http://127.0.0.1:5000/v3
                  password: 'it''s # not a comment'
                  username: "ad\"min\u0021"
                  project_name: admin
                region_name: RegionOne
                verify: false
                interface: internal
                regions:
                - RegionOne
                - 'RegionTwo'
                flow: [a, "b, c", d]
                regions_by_name:
                  - name: R1
                    values:
                      x: y
                empty:
                nothing: ~
            """;

        var root = Map(YamlReader.Parse(yaml));
        var cloud = Map(Map(root["clouds"])["devstack"]);
        var auth = Map(cloud["auth"]);

        Assert.Equal("http://127.0.0.1:5000/v3", auth["auth_url"]);
        Assert.Equal("it's # not a comment", auth["password"]);
        Assert.Equal("ad\"min!", auth["username"]);
        Assert.Equal(false, cloud["verify"]);
        Assert.Equal(["RegionOne", "RegionTwo"], Assert.IsType<List<object?>>(cloud["regions"]));
        Assert.Equal(["a", "b, c", "d"], Assert.IsType<List<object?>>(cloud["flow"]));
        var r1 = Map(Assert.Single(Assert.IsType<List<object?>>(cloud["regions_by_name"])));
        Assert.Equal("R1", r1["name"]);
        Assert.Equal("y", Map(r1["values"])["x"]);
        Assert.Null(cloud["empty"]);
        Assert.Null(cloud["nothing"]);
    }

    [Theory]
    [InlineData("30", 30L)]
    [InlineData("-7", -7L)]
    [InlineData("1_000", 1000L)]
    [InlineData("0x1F", 31L)]
    [InlineData("017", 15L)]
    [InlineData("0o17", 15L)]
    [InlineData("0b101", 5L)]
    [InlineData("2.5", 2.5)]
    [InlineData("1.", 1.0)]
    [InlineData("yes", true)]
    [InlineData("On", true)]
    [InlineData("TRUE", true)]
    [InlineData("no", false)]
    [InlineData("off", false)]
    [InlineData("1e5", "1e5")] // PyYAML's float needs a dot
    [InlineData("'30'", "30")]
    [InlineData("\"true\"", "true")]
    [InlineData("!!str 30", "30")]
    [InlineData("2024-01-02", "2024-01-02")]
    [InlineData("y", "y")] // YAML 1.1's y/n are strings in PyYAML
    public void Plain_scalars_are_typed_as_PyYAML_types_them(string scalar, object expected)
    {
        var value = Map(YamlReader.Parse($"v: {scalar}\n"))["v"];

        Assert.Equal(expected, value);
    }

    [Fact]
    public void Block_scalars_anchors_aliases_and_merge_keys_work()
    {
        const string yaml = """
            base: &base
              auth:
                auth_url: http://keystone:5000/v3
              region_name: RegionOne
              api_timeout: 30
            clouds:
              a:
                <<: *base
                region_name: RegionTwo
              b: *base
            note: |
              two
              lines
            """;

        var root = Map(YamlReader.Parse(yaml));
        var clouds = Map(root["clouds"]);
        var a = Map(clouds["a"]);
        var b = Map(clouds["b"]);

        Assert.Equal("RegionTwo", a["region_name"]);
        Assert.Equal(30L, a["api_timeout"]);
        Assert.Equal("http://keystone:5000/v3", Map(a["auth"])["auth_url"]);
        Assert.Equal("RegionOne", b["region_name"]);
        Assert.StartsWith("two\nlines", Assert.IsType<string>(root["note"]));
    }

    [Theory]
    [InlineData("a: 1\na: 2", 2, "Duplicate key")]
    [InlineData("a:\n  b: 1\n    c: 2", 3, "YAML line 3")]
    [InlineData("a:\n\tb: 1", 1, "YAML line")]
    [InlineData("a: [1, 2\nb: [3", 1, "YAML")]
    [InlineData("--- a\n--- b", 2, "more than one document")]
    [InlineData("a: *nowhere", 1, "YAML line 1")]
    public void Broken_yaml_names_the_line_but_not_its_text(string yaml, int line, string? says)
    {
        var e = Assert.Throws<FormatException>(() => YamlReader.Parse(yaml));

        if (!e.Message.Contains("structure", StringComparison.Ordinal))
        {
            Assert.Contains($"line {line}", e.Message);
            Assert.Contains("column", e.Message);
        }
        if (says is not null)
        {
            Assert.Contains(says, e.Message);
        }
    }

    [Theory]
    [InlineData("password: 's3cr\"et-pw\n")]
    [InlineData("password: \"s3cr\"et-pw\"\nx: 1")]
    [InlineData("password: s3cr\"et-pw\n  bad: [")]
    [InlineData("auth:\n  password: s3cr\"et-pw\n bad: x")]
    public void A_parse_error_never_shows_the_text_it_failed_on(string yaml)
    {
        var e = Assert.Throws<FormatException>(() => YamlReader.Parse(yaml));

        Assert.DoesNotContain("s3cr", e.Message);
        Assert.DoesNotContain("et-pw", e.Message);
    }

    [Fact]
    public void An_alias_bomb_is_refused_instead_of_expanded()
    {
        var yaml = "a: &a [x, x, x, x, x, x, x, x, x, x]\n";
        for (var i = 0; i < 8; i++)
        {
            var prev = (char)('a' + i);
            var next = (char)('b' + i);
            yaml += $"{next}: &{next} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n";
        }

        var e = Assert.Throws<FormatException>(() => YamlReader.Parse(yaml));

        Assert.Contains("expands too far", e.Message);
    }

    [Fact]
    public void Empty_document_is_an_empty_mapping() => Assert.Empty(Map(YamlReader.Parse("# nothing\n")));
}
