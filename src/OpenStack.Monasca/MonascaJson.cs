using System.Globalization;
using System.Text;
using Newtonsoft.Json;

namespace OpenStack.Monasca;

/// <summary>Serializer settings (and the query-time normalization) shared by the generated Monasca clients.</summary>
internal static class MonascaJson
{
    private static readonly HashSet<string> TimeParameters = new(StringComparer.Ordinal)
    {
        "start_time", "end_time", "state_updated_start_time",
    };

    public static void Configure(JsonSerializerSettings settings)
    {
        // Keep strings as strings (untyped rows keep the server's timestamp text) and parse times ourselves.
        settings.DateParseHandling = DateParseHandling.None;
        settings.Converters.Add(new LenientDateTimeOffsetConverter());
    }

    /// <summary>
    /// Rewrites time query parameters from the generator's round-trip format
    /// (<c>2024-01-02T03:04:05.0000000+00:00</c>) to UTC with <c>Z</c> and only the needed digits; except
    /// <c>state_updated_start_time</c>, which the real monasca-api parses with the one format
    /// <c>%Y-%m-%dT%H:%M:%S.%fZ</c> (anything else is a 500): always milliseconds and <c>Z</c>.
    /// </summary>
    public static void NormalizeQueryTimes(StringBuilder url)
    {
        var text = url.ToString();
        var q = text.IndexOf('?', StringComparison.Ordinal);
        if (q < 0)
        {
            return;
        }
        var parts = text[(q + 1)..].Split('&');
        var changed = false;
        for (var i = 0; i < parts.Length; i++)
        {
            var eq = parts[i].IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0 || !TimeParameters.Contains(Uri.UnescapeDataString(parts[i][..eq])))
            {
                continue;
            }
            if (MonascaTime.TryParse(Uri.UnescapeDataString(parts[i][(eq + 1)..]), out var time))
            {
                var formatted = parts[i].StartsWith("state_updated_start_time=", StringComparison.Ordinal)
                    ? time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture)
                    : MonascaTime.Format(time);
                parts[i] = parts[i][..(eq + 1)] + Uri.EscapeDataString(formatted);
                changed = true;
            }
        }
        if (changed)
        {
            url.Clear().Append(text, 0, q + 1).AppendJoin('&', parts);
        }
    }
}

/// <summary>Reads Monasca times with 0 to 9 fractional digits, with or without an offset, or as epoch milliseconds.</summary>
internal sealed class LenientDateTimeOffsetConverter : JsonConverter
{
    public override bool CanConvert(Type objectType) => objectType == typeof(DateTimeOffset) || objectType == typeof(DateTimeOffset?);

    public override object? ReadJson(JsonReader reader, Type objectType, object? existingValue, JsonSerializer serializer)
    {
        switch (reader.TokenType)
        {
            case JsonToken.Null:
                return objectType == typeof(DateTimeOffset?) ? null : throw new JsonSerializationException($"A time was null (at '{reader.Path}').");
            case JsonToken.String:
                var text = (string)reader.Value!;
                if (text.Length == 0 && objectType == typeof(DateTimeOffset?))
                {
                    return null;
                }
                return MonascaTime.TryParse(text, out var t) ? t : throw new JsonSerializationException($"'{text}' is not an ISO 8601 time (at '{reader.Path}').");
            case JsonToken.Integer:
                return DateTimeOffset.FromUnixTimeMilliseconds(Convert.ToInt64(reader.Value, CultureInfo.InvariantCulture));
            case JsonToken.Date:
                return reader.Value is DateTimeOffset dto ? dto : new DateTimeOffset((DateTime)reader.Value!);
            default:
                throw new JsonSerializationException($"Unexpected {reader.TokenType} where a time was expected (at '{reader.Path}').");
        }
    }

    public override void WriteJson(JsonWriter writer, object? value, JsonSerializer serializer)
    {
        if (value is DateTimeOffset dto)
        {
            writer.WriteValue(MonascaTime.Format(dto));
        }
        else
        {
            writer.WriteNull();
        }
    }
}
