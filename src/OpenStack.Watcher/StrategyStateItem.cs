using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace OpenStack.Watcher;

public partial class StrategyStateItem
{
    /// <summary><see cref="State"/> when the server wrote a string (the <c>Datasource</c> and <c>Name</c> items), else <c>null</c>.</summary>
    [JsonIgnore]
    public string? StateText => State switch
    {
        string s => s,
        JValue { Type: JTokenType.String } v => (string?)v,
        _ => null,
    };

    /// <summary>
    /// <see cref="State"/> when the server wrote a list of one-key objects (the <c>CDM</c> and <c>Metrics</c> items), flattened
    /// into name/value pairs (<c>compute_model</c> = <c>available</c>); empty otherwise.
    /// </summary>
    [JsonIgnore]
    public IReadOnlyList<KeyValuePair<string, string?>> StateEntries
    {
        get
        {
            if (State is not JArray array)
            {
                return [];
            }
            var entries = new List<KeyValuePair<string, string?>>();
            foreach (var item in array)
            {
                if (item is JObject obj)
                {
                    foreach (var (key, value) in obj)
                    {
                        entries.Add(new(key, value is null || value.Type == JTokenType.Null ? null
                            : value.Type == JTokenType.String ? (string?)value : value.ToString(Formatting.None)));
                    }
                }
            }
            return entries;
        }
    }

    /// <summary><see cref="Mandatory"/> as a boolean; <c>null</c> when the server wrote something else (<c>""</c> on the <c>Name</c> item).</summary>
    [JsonIgnore]
    public bool? IsMandatory => Mandatory switch
    {
        bool b => b,
        JValue { Type: JTokenType.Boolean } v => (bool)v,
        _ => null,
    };
}
