using System.Text;
using Newtonsoft.Json;

namespace OpenStack;

/// <summary>
/// Removes the token a request carried from text the server sent back (an error body, the beginning of an unreadable
/// answer), in every form a server or proxy may echo it: as sent, JSON-escaped, URL-encoded and base64. The one place
/// where both services' answers are scrubbed, before any exception, message or log sees them.
/// </summary>
internal static class TokenScrubber
{
    private const string Mask = "***";

    /// <summary>
    /// The serializer's error, or a copy without its stack whose message is scrubbed when it quotes the token (Json.NET
    /// quotes the value it could not convert, decoded: an echoed JSON-escaped token comes back raw).
    /// </summary>
    public static JsonException Scrub(JsonException error, HttpRequestMessage? request)
    {
        var message = Scrub(error.Message, request);
        return ReferenceEquals(message, error.Message) || message == error.Message ? error : new JsonSerializationException(message);
    }

    public static string Scrub(string text, HttpRequestMessage? request)
    {
        if (text.Length == 0 || request is null || !request.Headers.TryGetValues("X-Auth-Token", out var tokens))
        {
            return text;
        }
        foreach (var token in tokens)
        {
            if (token.Length < 8)
            {
                continue;
            }
            text = text.Replace(token, Mask, StringComparison.Ordinal);
            var json = JsonConvert.ToString(token)[1..^1];
            if (json != token)
            {
                text = text.Replace(json, Mask, StringComparison.Ordinal);
            }
            var url = Uri.EscapeDataString(token);
            if (url != token)
            {
                text = text.Replace(url, Mask, StringComparison.OrdinalIgnoreCase);
            }
            text = text.Replace(Convert.ToBase64String(Encoding.UTF8.GetBytes(token)), Mask, StringComparison.Ordinal);
        }
        return text;
    }
}
