using System.Globalization;
using Newtonsoft.Json;

namespace OpenStack.Watcher;

/// <summary>Serializer settings shared by the generated clients.</summary>
internal static class WatcherJson
{
    /// <summary>
    /// Dates stay strings until a typed property asks for one (so free-form <c>parameters</c> keep the server's text),
    /// and <see cref="DateTimeOffset"/> properties accept both forms Watcher writes: with an offset
    /// (<c>2026-11-24T00:07:10.434988+00:00</c>) and naive (<c>2026-11-24T00:45:58.464186</c>, meaning UTC).
    /// </summary>
    public static void Configure(JsonSerializerSettings settings)
    {
        settings.DateParseHandling = DateParseHandling.None;
        settings.Converters.Add(new UtcDateTimeOffsetConverter());
    }

    internal sealed class UtcDateTimeOffsetConverter : JsonConverter
    {
        private static readonly string[] Formats =
        [
            "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", "yyyy-MM-dd HH:mm:ss.FFFFFFF",
        ];

        public override bool CanConvert(Type objectType) => objectType == typeof(DateTimeOffset) || objectType == typeof(DateTimeOffset?);

        public override object? ReadJson(JsonReader reader, Type objectType, object? existingValue, JsonSerializer serializer)
        {
            switch (reader.TokenType)
            {
                case JsonToken.Null:
                    if (objectType == typeof(DateTimeOffset))
                    {
                        throw new JsonSerializationException($"Null is not a date (at {reader.Path}).");
                    }
                    return null;
                case JsonToken.Date:
                    return reader.Value switch
                    {
                        DateTimeOffset dto => dto,
                        DateTime dt => new DateTimeOffset(DateTime.SpecifyKind(dt, dt.Kind == DateTimeKind.Unspecified ? DateTimeKind.Utc : dt.Kind)),
                        _ => throw new JsonSerializationException($"Unexpected date at {reader.Path}."),
                    };
                case JsonToken.String:
                    var text = (string)reader.Value!;
                    if (DateTimeOffset.TryParseExact(text, Formats, CultureInfo.InvariantCulture,
                            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed)
                        || DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out parsed))
                    {
                        return parsed;
                    }
                    throw new JsonSerializationException($"'{text}' is not a date (at {reader.Path}).");
                default:
                    throw new JsonSerializationException($"Unexpected {reader.TokenType} where a date was expected (at {reader.Path}).");
            }
        }

        public override void WriteJson(JsonWriter writer, object? value, JsonSerializer serializer)
        {
            if (value is DateTimeOffset dto)
            {
                writer.WriteValue(dto.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'+00:00'", CultureInfo.InvariantCulture));
            }
            else
            {
                writer.WriteNull();
            }
        }
    }
}
