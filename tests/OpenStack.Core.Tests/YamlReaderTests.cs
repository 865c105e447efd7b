using OpenStack.Configuration;

namespace OpenStack.Core.Tests;

public sealed class MiniYamlTests
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

        var root = Map(MiniYaml.Parse(yaml));
        var cloud = Map(Map(root["clouds"])["devstack"]);
        var auth = Map(cloud["auth"]);

        Assert.Equal("http://127.0.0.1:5000/v3", auth["auth_url"]);
        Assert.Equal("it's # not a comment", auth["password"]);
        Assert.Equal("ad\"min!", auth["username"]);
        Assert.Equal("false", cloud["verify"]);
        Assert.Equal(["RegionOne", "RegionTwo"], Assert.IsType<List<object?>>(cloud["regions"]));
        Assert.Equal(["a", "b, c", "d"], Assert.IsType<List<object?>>(cloud["flow"]));
        var r1 = Map(Assert.Single(Assert.IsType<List<object?>>(cloud["regions_by_name"])));
        Assert.Equal("R1", r1["name"]);
        Assert.Equal("y", Map(r1["values"])["x"]);
        Assert.Null(cloud["empty"]);
        Assert.Null(cloud["nothing"]);
    }

    [Theory]
    [InlineData("a: |\n  text", "YAML line 1: block scalars are not supported")]
    [InlineData("a: 1\na: 2", "YAML line 2: duplicate key 'a'")]
    [InlineData("a:\n  b: 1\n    c: 2", "YAML line 3: unexpected indentation (multi-line scalars are not supported)")]
    [InlineData("a: &x 1", "YAML line 1: anchors, aliases and tags are not supported")]
    [InlineData("just text", "YAML line 1: expected 'key: value'")]
    [InlineData("a:\n\tb: 1", "YAML line 2: tabs are not allowed for indentation")]
    public void Unsupported_or_broken_yaml_names_the_line_but_not_its_text(string yaml, string message)
    {
        var e = Assert.Throws<FormatException>(() => MiniYaml.Parse(yaml));

        Assert.Equal(message, e.Message);
    }

    [Fact]
    public void Empty_document_is_an_empty_mapping() => Assert.Empty(Map(MiniYaml.Parse("# nothing\n")));
}
