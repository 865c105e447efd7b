using OpenStack.Pact;

namespace OpenStack.ContractTests.Watcher;

/// <summary>Response shapes shared by the Watcher interactions.</summary>
internal static class WatcherShapes
{
    public const string ExampleUuid = "e1a5a45b-f251-47cf-9c5f-fa1e66e1286a";

    public static object Links(string resource, string uuid = ExampleUuid) => Match.EachLike(new
    {
        href = Match.Regex($"http://127.0.0.1:9322/v1/{resource}/{uuid}", @"^https?://\S+$"),
        rel = Match.Type("self"),
    });

    public static Matcher Timestamp() => Match.Iso8601("2024-01-02T03:04:05+00:00");

    /// <summary>
    /// Watcher's error body: <c>error_message</c> is a string that itself holds JSON with the
    /// <c>faultstring</c>.
    /// </summary>
    public static object Error(string faultstring, string pattern) => new
    {
        error_message = Match.Regex(
            $"{{\"faultcode\": \"Client\", \"faultstring\": \"{faultstring}\", \"debuginfo\": null}}",
            @"^[\s\S]*" + pattern + @"[\s\S]*$"),
    };
}
