using OpenStack.Pact;

namespace OpenStack.ContractTests.Monasca;

/// <summary>Response shapes shared by the Monasca interactions.</summary>
internal static class MonascaShapes
{
    public static object Links(string exampleHref) => Match.EachLike(new
    {
        rel = Match.Type("self"),
        href = Match.Regex(exampleHref, @"^https?://\S+$"),
    });

    public static object Metric(string name = "cpu.idle_perc") => new
    {
        id = Match.Type("b4f6e4e4a4bb4c5b9f1cc0a0ad1d9a04"),
        name = Match.Type(name),
        dimensions = Match.Type(new Dictionary<string, string> { ["hostname"] = "devstack", ["service"] = "monitoring" }),
    };

    /// <summary>Monasca's error body: <c>{"code", "title", "description"}</c>.</summary>
    public static object Error(int code, string title, string description) => new
    {
        code = Match.Integer(code),
        title = Match.Type(title),
        description = Match.Type(description),
    };
}
