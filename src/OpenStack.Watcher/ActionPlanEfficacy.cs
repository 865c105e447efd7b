using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace OpenStack.Watcher;

public partial class ActionPlan
{
    private IReadOnlyList<EfficacyIndicator>? _globalEfficacyIndicators;
    private object? _parsedFrom;

    /// <summary>
    /// <see cref="GlobalEfficacy"/> as indicators: the list Watcher writes since 2018, or the single object older servers
    /// wrote (an empty object gives an empty list). Checked when the plan is read: an indicator of the wrong shape (a
    /// value that is not a number, a null entry) fails the call with a <see cref="WatcherApiException"/>.
    /// </summary>
    /// <exception cref="WatcherApiException"><see cref="GlobalEfficacy"/> was set to something that is not indicators.</exception>
    [JsonIgnore]
    public IReadOnlyList<EfficacyIndicator> GlobalEfficacyIndicators
    {
        get
        {
            if (_globalEfficacyIndicators is { } parsed && ReferenceEquals(_parsedFrom, GlobalEfficacy))
            {
                return parsed;
            }
            try
            {
                return ParseGlobalEfficacy();
            }
            catch (JsonException e)
            {
                throw new WatcherApiException($"The action plan's global_efficacy is not a list of efficacy indicators: {e.Message}", 200, null, null, e);
            }
        }
    }

    /// <summary>One serializer for every indicator of every plan (ToObject without one builds a new serializer per call).</summary>
    private static readonly JsonSerializer IndicatorSerializer = JsonSerializer.CreateDefault();

    private IReadOnlyList<EfficacyIndicator> ParseGlobalEfficacy()
    {
        IReadOnlyList<EfficacyIndicator> result;
        try
        {
            result = GlobalEfficacy switch
            {
                JArray array => array.Select((o, i) => o is JObject obj ? obj.ToObject<EfficacyIndicator>(IndicatorSerializer)!
                    : throw new JsonSerializationException($"entry {i} is {(o.Type == JTokenType.Null ? "null" : o.Type.ToString())}, not an indicator object")).ToList(),
                JObject { Count: > 0 } obj => [obj.ToObject<EfficacyIndicator>(IndicatorSerializer)!],
                null or JObject or JValue { Type: JTokenType.Null } => [],
                JToken other => throw new JsonSerializationException($"it is {other.Type}, not a list of indicators"),
                var other => throw new JsonSerializationException($"it is a {other.GetType().Name}, not a list of indicators"),
            };
        }
        catch (Exception e) when (e is ArgumentException or FormatException or InvalidCastException or OverflowException && e is not JsonException)
        {
            throw new JsonSerializationException(e.Message, e);
        }
        _globalEfficacyIndicators = result;
        _parsedFrom = GlobalEfficacy;
        return result;
    }

    /// <summary>Reads the indicators as the plan is read, so that a malformed one fails the call, not a later accessor.</summary>
    [System.Runtime.Serialization.OnDeserialized]
    internal void ReadGlobalEfficacy(System.Runtime.Serialization.StreamingContext context)
    {
        try
        {
            ParseGlobalEfficacy();
        }
        catch (JsonException e)
        {
            throw new JsonSerializationException($"global_efficacy: {e.Message}", e);
        }
    }
}
