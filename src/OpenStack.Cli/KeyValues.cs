using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace OpenStack.Cli;

/// <summary>Parses <c>name=value</c> arguments as the Python CLIs do.</summary>
internal static class KeyValues
{
    /// <summary>Splits <c>name=value</c> at the first <c>=</c>; a missing <c>=</c> is a usage error naming <paramref name="option"/>.</summary>
    public static (string Key, string Value) Split(string pair, string option)
    {
        var i = pair.IndexOf('=', StringComparison.Ordinal);
        if (i <= 0)
        {
            throw new CliException($"{option}: expected name=value, got '{pair}'.");
        }
        return (pair[..i].Trim(), pair[(i + 1)..]);
    }

    /// <summary>A JSON value if <paramref name="text"/> is JSON (numbers, booleans, lists, objects), else the text itself.</summary>
    public static object JsonOrString(string text)
    {
        try
        {
            var token = JToken.Parse(text);
            return token is JValue v ? v.Value ?? text : token;
        }
        catch (JsonReaderException)
        {
            return text;
        }
    }

    /// <summary><c>name=value</c> pairs as a dictionary whose values are JSON-decoded when they are JSON.</summary>
    public static Dictionary<string, object> ParseJsonValues(IEnumerable<string> pairs, string option)
    {
        var result = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var pair in pairs)
        {
            var (key, value) = Split(pair, option);
            result[key] = JsonOrString(value);
        }
        return result;
    }
}
