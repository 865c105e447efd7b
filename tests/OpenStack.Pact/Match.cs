using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace OpenStack.Pact;

/// <summary>
/// A Pact matching rule with its example value. Serialised into the integration JSON that
/// libpact_ffi understands (<c>{"pact:matcher:type": ..., "value": ...}</c>) wherever it appears in a
/// body, a query value, a header value or the request path.
/// </summary>
[JsonConverter(typeof(MatcherJsonConverter))]
public sealed class Matcher
{
    private readonly Func<JsonSerializerOptions, JsonObject> _build;

    internal Matcher(Func<JsonSerializerOptions, JsonObject> build) => _build = build;

    /// <summary>The integration JSON of this matcher.</summary>
    public JsonObject ToIntegrationJson() => _build(PactJson.Options);

    internal JsonObject ToIntegrationJson(JsonSerializerOptions options) => _build(options);

    /// <inheritdoc />
    public override string ToString() => ToIntegrationJson().ToJsonString();
}

internal sealed class MatcherJsonConverter : JsonConverter<Matcher>
{
    public override Matcher Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("Matchers are written, never read.");

    public override void Write(Utf8JsonWriter writer, Matcher value, JsonSerializerOptions options) =>
        value.ToIntegrationJson(options).WriteTo(writer, options);
}

/// <summary>
/// Matchers in the spirit of PactNet's <c>Match</c>: a contract states the shape and format of a
/// value, and the example is what the mock server returns to the consumer.
/// </summary>
public static class Match
{
    /// <summary>Lower-case or upper-case canonical UUID.</summary>
    public const string UuidPattern = "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$";

    /// <summary>An ISO 8601 date-time with optional fraction and an optional offset or Z.</summary>
    public const string Iso8601DateTimePattern = @"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2})?$";

    /// <summary>Any value of the same JSON type as <paramref name="example"/> (objects: recursively).</summary>
    public static Matcher Type(object? example) => new(o => Rule("type", example, o));

    /// <summary>An array of at least <paramref name="min"/> elements, each shaped like <paramref name="example"/>.</summary>
    public static Matcher EachLike(object? example, int min = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(min);
        return new(o =>
        {
            var rule = Rule("type", Enumerable.Repeat(example, Math.Max(min, 1)).ToArray(), o);
            rule["min"] = min;
            return rule;
        });
    }

    /// <summary>An array of at least <paramref name="min"/> elements shaped like the examples (type rules).</summary>
    public static Matcher MinType(object? example, int min) => EachLike(example, min);

    /// <summary>A string matching <paramref name="regex"/>; <paramref name="example"/> must match it too.</summary>
    public static Matcher Regex(string example, string regex)
    {
        if (!System.Text.RegularExpressions.Regex.IsMatch(example, regex))
        {
            throw new ArgumentException($"The example '{example}' does not match /{regex}/.", nameof(example));
        }
        return new(o =>
        {
            var rule = Rule("regex", example, o);
            rule["regex"] = regex;
            return rule;
        });
    }

    /// <summary>A string holding a UUID.</summary>
    public static Matcher Uuid(string example = "5a5c5d4e-0b6f-4b1e-9c5a-2b1f7c3d9e01") => Regex(example, UuidPattern);

    /// <summary>A date-time string in the given format (a Java DateTimeFormatter pattern, as the Pact core uses).</summary>
    public static Matcher DateTime(string example, string format = "yyyy-MM-dd'T'HH:mm:ss") => new(o =>
    {
        var rule = Rule("datetime", example, o);
        rule["format"] = format;
        return rule;
    });

    /// <summary>A timestamp string in the given format (Pact's <c>timestamp</c> matcher).</summary>
    public static Matcher Timestamp(string example, string format = "yyyy-MM-dd'T'HH:mm:ssXXX") => new(o =>
    {
        var rule = Rule("timestamp", example, o);
        rule["format"] = format;
        return rule;
    });

    /// <summary>
    /// An ISO 8601 date-time with or without fraction and offset (regular expression). More tolerant than
    /// <see cref="DateTime"/>, whose format fixes the number of fraction digits.
    /// </summary>
    public static Matcher Iso8601(string example = "2024-01-02T03:04:05+00:00") => Regex(example, Iso8601DateTimePattern);

    /// <summary>A JSON integer.</summary>
    public static Matcher Integer(long example = 42) => new(o => Rule("integer", example, o));

    /// <summary>A JSON number with a fraction.</summary>
    public static Matcher Decimal(double example = 1.5) => new(o => Rule("decimal", example, o));

    /// <summary>Any JSON number.</summary>
    public static Matcher Number(double example) => new(o => Rule("number", example, o));

    /// <summary>A JSON boolean.</summary>
    public static Matcher Boolean(bool example = true) => new(o => Rule("boolean", example, o));

    /// <summary>A string containing <paramref name="substring"/>.</summary>
    public static Matcher Include(string substring) => new(o => Rule("include", substring, o));

    /// <summary>JSON null.</summary>
    public static Matcher Null() => new(_ => new JsonObject { ["pact:matcher:type"] = "null" });

    /// <summary>
    /// A value the provider computes from its provider state (a Pact <c>ProviderState</c> generator):
    /// the verifier substitutes <c>${name}</c> in <paramref name="expression"/> with the values the
    /// state-change endpoint returned. On the consumer side the value must match <paramref name="regex"/>
    /// (give one for request paths: a bare type rule would accept any path), or else its type.
    /// </summary>
    public static Matcher FromProviderState(string expression, string example, string? regex = null)
    {
        if (regex is not null && !System.Text.RegularExpressions.Regex.IsMatch(example, regex))
        {
            throw new ArgumentException($"The example '{example}' does not match /{regex}/.", nameof(example));
        }
        return new(o =>
        {
            var rule = Rule(regex is null ? "type" : "regex", example, o);
            if (regex is not null)
            {
                rule["regex"] = regex;
            }
            rule["pact:generator:type"] = "ProviderState";
            rule["expression"] = expression;
            return rule;
        });
    }

    /// <summary>
    /// A request path that names a resource the provider state created: <c>/v1/audits/${audit_uuid}</c>
    /// with a UUID example. Each <c>${name}</c> must match a UUID on the consumer side.
    /// </summary>
    public static Matcher PathWithUuids(string expression, params string[] exampleUuids)
    {
        var example = expression;
        var pattern = System.Text.RegularExpressions.Regex.Escape(expression);
        var names = System.Text.RegularExpressions.Regex.Matches(expression, @"\$\{([A-Za-z0-9_]+)\}");
        if (names.Count != exampleUuids.Length)
        {
            throw new ArgumentException($"'{expression}' names {names.Count} values but {exampleUuids.Length} examples were given.", nameof(exampleUuids));
        }
        for (var i = 0; i < names.Count; i++)
        {
            example = example.Replace(names[i].Value, exampleUuids[i], StringComparison.Ordinal);
            pattern = pattern.Replace(System.Text.RegularExpressions.Regex.Escape(names[i].Value), "[0-9a-fA-F-]{36}", StringComparison.Ordinal);
        }
        return FromProviderState(expression, example, "^" + pattern + "$");
    }

    private static JsonObject Rule(string type, object? example, JsonSerializerOptions options) => new()
    {
        ["pact:matcher:type"] = type,
        ["value"] = JsonSerializer.SerializeToNode(example, options),
    };
}
