using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace OpenStack.Pact;

/// <summary>How contract bodies and pact files are turned into JSON.</summary>
public static class PactJson
{
    /// <summary>
    /// Options for example bodies: property names as written (snake_case anonymous types map one to one),
    /// nulls kept, matchers written as integration JSON.
    /// </summary>
    public static JsonSerializerOptions Options { get; } = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.Never,
    };

    /// <summary>Serialises an example (anonymous objects, dictionaries, arrays, matchers) to integration JSON.</summary>
    public static string Serialize(object? value) => value switch
    {
        Matcher m => m.ToIntegrationJson(Options).ToJsonString(Options),
        _ => JsonSerializer.Serialize(value, Options),
    };

    /// <summary>
    /// A stable text form of a JSON document: object members sorted by name (ordinal), two-space
    /// indentation, LF line ends and a final newline.
    /// </summary>
    public static string Canonical(JsonNode? node)
    {
        var sorted = Sort(node);
        var text = sorted?.ToJsonString(new JsonSerializerOptions
        {
            WriteIndented = true,
            IndentSize = 2,
            NewLine = "\n",
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        }) ?? "null";
        return text + "\n";
    }

    internal static JsonNode? Sort(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => KeyValuePair.Create(p.Key, Sort(p.Value)))),
        JsonArray a => new JsonArray(a.Select(Sort).ToArray()),
        null => null,
        _ => node.DeepClone(),
    };
}
