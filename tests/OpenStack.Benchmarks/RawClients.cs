#pragma warning disable CS0649 // fields are written by Json.NET
using System.Net.Http.Headers;
using System.Text;
using Newtonsoft.Json;

namespace OpenStack.Benchmarks;

// The tight baseline: a raw HttpClient with the same URL and headers, streaming straight into minimal typed classes
// with Json.NET (what a careful developer would write by hand for one call, without any of the library's guarantees).

internal sealed class RawClient(HttpClient http)
{
    private static readonly JsonSerializer Serializer = JsonSerializer.Create(new JsonSerializerSettings { DateParseHandling = DateParseHandling.DateTimeOffset });

    public async Task<T> GetAsync<T>(string url, string? microversion = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (microversion is not null)
        {
            request.Headers.TryAddWithoutValidation("OpenStack-API-Version", "infra-optim " + microversion);
        }
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        using var stream = await response.Content.ReadAsStreamAsync();
        using var reader = new JsonTextReader(new StreamReader(stream, Encoding.UTF8));
        return Serializer.Deserialize<T>(reader)!;
    }

    public async Task PostAsync<T>(string url, T body)
    {
        var buffer = new MemoryStream();
        using (var writer = new StreamWriter(buffer, new UTF8Encoding(false), 4096, leaveOpen: true))
        {
            Serializer.Serialize(writer, body);
        }
        using var content = new ByteArrayContent(buffer.GetBuffer(), 0, (int)buffer.Length);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await http.PostAsync(url, content);
        response.EnsureSuccessStatusCode();
    }
}

internal sealed class RawLink
{
    [JsonProperty("rel")] public string? Rel;
    [JsonProperty("href")] public string? Href;
}

internal sealed class RawMeasurements
{
    [JsonProperty("links")] public List<RawLink>? Links;
    [JsonProperty("elements")] public List<RawSeries> Elements = [];
}

internal sealed class RawSeries
{
    [JsonProperty("id")] public string? Id;
    [JsonProperty("name")] public string? Name;
    [JsonProperty("dimensions")] public Dictionary<string, string>? Dimensions;
    [JsonProperty("columns")] public List<string>? Columns;
    [JsonProperty("measurements")] public List<RawRow>? Measurements;
    [JsonProperty("statistics")] public List<RawStatRow>? Statistics;
}

[JsonConverter(typeof(RawRowConverter))]
internal sealed class RawRow
{
    public string? Timestamp;
    public double Value;
    public Dictionary<string, string>? Meta;
}

[JsonConverter(typeof(RawStatRowConverter))]
internal sealed class RawStatRow
{
    public string? Timestamp;
    public double?[] Values = [];
}

/// <summary>Positional <c>[timestamp, value, value_meta]</c>, as a hand-written client would assume.</summary>
internal sealed class RawRowConverter : JsonConverter<RawRow>
{
    public override RawRow ReadJson(JsonReader reader, Type objectType, RawRow? existingValue, bool hasExistingValue, JsonSerializer serializer)
    {
        var row = new RawRow { Timestamp = reader.ReadAsString(), Value = reader.ReadAsDouble() ?? double.NaN };
        reader.Read();
        if (reader.TokenType == JsonToken.StartObject)
        {
            while (reader.Read() && reader.TokenType == JsonToken.PropertyName)
            {
                var key = (string)reader.Value!;
                (row.Meta ??= [])[key] = reader.ReadAsString()!;
            }
            reader.Read();
        }
        return row;
    }

    public override void WriteJson(JsonWriter writer, RawRow? value, JsonSerializer serializer) => throw new NotSupportedException();
}

internal sealed class RawStatRowConverter : JsonConverter<RawStatRow>
{
    public override RawStatRow ReadJson(JsonReader reader, Type objectType, RawStatRow? existingValue, bool hasExistingValue, JsonSerializer serializer)
    {
        var row = new RawStatRow { Timestamp = reader.ReadAsString() };
        var values = new List<double?>(5);
        while (reader.Read() && reader.TokenType != JsonToken.EndArray)
        {
            values.Add(reader.TokenType == JsonToken.Null ? null : Convert.ToDouble(reader.Value, System.Globalization.CultureInfo.InvariantCulture));
        }
        row.Values = values.ToArray();
        return row;
    }

    public override void WriteJson(JsonWriter writer, RawStatRow? value, JsonSerializer serializer) => throw new NotSupportedException();
}

internal sealed class RawAlarms
{
    [JsonProperty("links")] public List<RawLink>? Links;
    [JsonProperty("elements")] public List<RawAlarm> Elements = [];
}

internal sealed class RawAlarm
{
    [JsonProperty("id")] public string? Id;
    [JsonProperty("links")] public List<RawLink>? Links;
    [JsonProperty("alarm_definition")] public RawDefinitionSummary? AlarmDefinition;
    [JsonProperty("metrics")] public List<RawAlarmMetric>? Metrics;
    [JsonProperty("state")] public string? State;
    [JsonProperty("lifecycle_state")] public string? LifecycleState;
    [JsonProperty("link")] public string? Link;
    [JsonProperty("state_updated_timestamp")] public DateTimeOffset? StateUpdatedTimestamp;
    [JsonProperty("updated_timestamp")] public DateTimeOffset? UpdatedTimestamp;
    [JsonProperty("created_timestamp")] public DateTimeOffset? CreatedTimestamp;
}

internal sealed class RawDefinitionSummary
{
    [JsonProperty("id")] public string? Id;
    [JsonProperty("name")] public string? Name;
    [JsonProperty("severity")] public string? Severity;
    [JsonProperty("links")] public List<RawLink>? Links;
}

internal sealed class RawAlarmMetric
{
    [JsonProperty("name")] public string? Name;
    [JsonProperty("dimensions")] public Dictionary<string, string>? Dimensions;
}

internal sealed class RawMetric
{
    [JsonProperty("name")] public string? Name;
    [JsonProperty("dimensions")] public Dictionary<string, string>? Dimensions;
    [JsonProperty("timestamp")] public long Timestamp;
    [JsonProperty("value")] public double Value;
    [JsonProperty("value_meta", NullValueHandling = NullValueHandling.Ignore)] public Dictionary<string, string>? ValueMeta;
}

internal sealed class RawAudits
{
    [JsonProperty("audits")] public List<RawAudit> Audits = [];
    [JsonProperty("next")] public string? Next;
}

internal sealed class RawAudit
{
    [JsonProperty("uuid")] public Guid Uuid;
    [JsonProperty("name")] public string? Name;
    [JsonProperty("audit_type")] public string? AuditType;
    [JsonProperty("state")] public string? State;
    [JsonProperty("goal_uuid")] public Guid? GoalUuid;
    [JsonProperty("goal_name")] public string? GoalName;
    [JsonProperty("strategy_uuid")] public Guid? StrategyUuid;
    [JsonProperty("strategy_name")] public string? StrategyName;
    [JsonProperty("parameters")] public Dictionary<string, object>? Parameters;
    [JsonProperty("links")] public List<RawLink>? Links;
    [JsonProperty("interval")] public string? Interval;
    [JsonProperty("scope")] public List<object>? Scope;
    [JsonProperty("auto_trigger")] public bool AutoTrigger;
    [JsonProperty("next_run_time")] public DateTimeOffset? NextRunTime;
    [JsonProperty("hostname")] public string? Hostname;
    [JsonProperty("force")] public bool Force;
    [JsonProperty("created_at")] public DateTimeOffset? CreatedAt;
    [JsonProperty("updated_at")] public DateTimeOffset? UpdatedAt;
    [JsonProperty("deleted_at")] public DateTimeOffset? DeletedAt;
}

internal sealed class RawIndicator
{
    [JsonProperty("name")] public string? Name;
    [JsonProperty("description")] public string? Description;
    [JsonProperty("unit")] public string? Unit;
    [JsonProperty("value")] public double? Value;
}

internal sealed class RawActionPlan
{
    [JsonProperty("uuid")] public Guid Uuid;
    [JsonProperty("audit_uuid")] public Guid? AuditUuid;
    [JsonProperty("strategy_uuid")] public Guid? StrategyUuid;
    [JsonProperty("strategy_name")] public string? StrategyName;
    [JsonProperty("state")] public string? State;
    [JsonProperty("efficacy_indicators")] public List<RawIndicator>? EfficacyIndicators;
    [JsonProperty("global_efficacy")] public List<RawIndicator>? GlobalEfficacy;
    [JsonProperty("hostname")] public string? Hostname;
    [JsonProperty("links")] public List<RawLink>? Links;
    [JsonProperty("created_at")] public DateTimeOffset? CreatedAt;
    [JsonProperty("updated_at")] public DateTimeOffset? UpdatedAt;
    [JsonProperty("deleted_at")] public DateTimeOffset? DeletedAt;
}

internal sealed class RawGoals
{
    [JsonProperty("goals")] public List<RawGoal> Goals = [];
}

internal sealed class RawGoal
{
    [JsonProperty("uuid")] public Guid Uuid;
    [JsonProperty("name")] public string? Name;
    [JsonProperty("display_name")] public string? DisplayName;
    [JsonProperty("efficacy_specification")] public List<RawIndicator>? EfficacySpecification;
    [JsonProperty("links")] public List<RawLink>? Links;
}
