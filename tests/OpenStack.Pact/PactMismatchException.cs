using System.Text;
using System.Text.Json;

namespace OpenStack.Pact;

/// <summary>The mock server saw requests that differ from the pact's interactions.</summary>
public sealed class PactMismatchException : Exception
{
    /// <summary>Creates the exception from the mock server's mismatch JSON.</summary>
    public PactMismatchException(string provider, string mismatchesJson, Exception? testFailure)
        : base(Describe(provider, mismatchesJson, testFailure), testFailure)
    {
        MismatchesJson = mismatchesJson;
    }

    /// <summary>The mock server's mismatches, as it reported them (a JSON array).</summary>
    public string MismatchesJson { get; }

    private static string Describe(string provider, string json, Exception? testFailure)
    {
        var text = new StringBuilder($"The {provider} mock server did not see the expected requests:");
        try
        {
            using var doc = JsonDocument.Parse(json);
            foreach (var m in doc.RootElement.EnumerateArray())
            {
                text.Append("\n- ").Append(Str(m, "type"));
                if (m.TryGetProperty("method", out _) || m.TryGetProperty("path", out _))
                {
                    text.Append(": ").Append(Str(m, "method")).Append(' ').Append(Str(m, "path"));
                }
                else if (m.TryGetProperty("request", out var request))
                {
                    text.Append(": ").Append(Str(request, "method")).Append(' ').Append(Str(request, "path"));
                    if (request.TryGetProperty("query", out var q))
                    {
                        text.Append(" query ").Append(q.GetRawText());
                    }
                }
                if (m.TryGetProperty("mismatches", out var inner) && inner.ValueKind == JsonValueKind.Array)
                {
                    foreach (var i in inner.EnumerateArray())
                    {
                        text.Append("\n    ").Append(Str(i, "type"));
                        if (i.TryGetProperty("path", out _))
                        {
                            text.Append(' ').Append(Str(i, "path"));
                        }
                        text.Append(": ").Append(i.TryGetProperty("mismatch", out var mm) ? mm.ToString() : i.GetRawText());
                    }
                }
            }
        }
        catch (JsonException)
        {
            text.Append('\n').Append(json);
        }
        if (testFailure is not null)
        {
            text.Append("\nThe test itself failed with ").Append(testFailure.GetType().Name).Append(": ").Append(testFailure.Message);
        }
        return text.ToString();
    }

    private static string Str(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) ? v.ToString() : "";
}
