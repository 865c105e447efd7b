using Newtonsoft.Json;

namespace OpenStack.Watcher;

// Every generated client: Watcher's date formats, and error bodies kept as text so that WatcherApiException can parse
// them (NSwag only keeps the text when ReadResponseAsString is set).

public partial class RootClient
{
    static partial void UpdateJsonSerializerSettings(JsonSerializerSettings settings) => WatcherJson.Configure(settings);

    partial void Initialize() => ReadResponseAsString = true;
}

public partial class GoalsClient
{
    static partial void UpdateJsonSerializerSettings(JsonSerializerSettings settings) => WatcherJson.Configure(settings);

    partial void Initialize() => ReadResponseAsString = true;
}

public partial class StrategiesClient
{
    static partial void UpdateJsonSerializerSettings(JsonSerializerSettings settings) => WatcherJson.Configure(settings);

    partial void Initialize() => ReadResponseAsString = true;
}

public partial class AuditTemplatesClient
{
    static partial void UpdateJsonSerializerSettings(JsonSerializerSettings settings) => WatcherJson.Configure(settings);

    partial void Initialize() => ReadResponseAsString = true;
}

public partial class AuditsClient
{
    static partial void UpdateJsonSerializerSettings(JsonSerializerSettings settings) => WatcherJson.Configure(settings);

    partial void Initialize() => ReadResponseAsString = true;
}

public partial class ActionPlansClient
{
    static partial void UpdateJsonSerializerSettings(JsonSerializerSettings settings) => WatcherJson.Configure(settings);

    partial void Initialize() => ReadResponseAsString = true;
}

public partial class ActionsClient
{
    static partial void UpdateJsonSerializerSettings(JsonSerializerSettings settings) => WatcherJson.Configure(settings);

    partial void Initialize() => ReadResponseAsString = true;
}

public partial class ScoringEnginesClient
{
    static partial void UpdateJsonSerializerSettings(JsonSerializerSettings settings) => WatcherJson.Configure(settings);

    partial void Initialize() => ReadResponseAsString = true;
}

public partial class ServicesClient
{
    static partial void UpdateJsonSerializerSettings(JsonSerializerSettings settings) => WatcherJson.Configure(settings);

    partial void Initialize() => ReadResponseAsString = true;
}

public partial class DataModelClient
{
    static partial void UpdateJsonSerializerSettings(JsonSerializerSettings settings) => WatcherJson.Configure(settings);

    partial void Initialize() => ReadResponseAsString = true;
}

public partial class WebhooksClient
{
    static partial void UpdateJsonSerializerSettings(JsonSerializerSettings settings) => WatcherJson.Configure(settings);

    partial void Initialize() => ReadResponseAsString = true;
}
