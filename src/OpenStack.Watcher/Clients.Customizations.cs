using Newtonsoft.Json;

namespace OpenStack.Watcher;

// Every generated client: Watcher's date formats, error bodies kept as text so that WatcherApiException can parse
// them (NSwag only keeps the text when ReadResponseAsString is set), and error bodies guarded (an echoed token is
// replaced, the size is bounded) before they are read.

public partial class RootClient
{
    static partial void UpdateJsonSerializerSettings(JsonSerializerSettings settings) => WatcherJson.Configure(settings);

    partial void Initialize() => ReadResponseAsString = true;

    partial void ProcessResponse(HttpClient client, HttpResponseMessage response) => WatcherErrorBody.Guard(response);
}

public partial class GoalsClient
{
    static partial void UpdateJsonSerializerSettings(JsonSerializerSettings settings) => WatcherJson.Configure(settings);

    partial void Initialize() => ReadResponseAsString = true;

    partial void ProcessResponse(HttpClient client, HttpResponseMessage response) => WatcherErrorBody.Guard(response);
}

public partial class StrategiesClient
{
    static partial void UpdateJsonSerializerSettings(JsonSerializerSettings settings) => WatcherJson.Configure(settings);

    partial void Initialize() => ReadResponseAsString = true;

    partial void ProcessResponse(HttpClient client, HttpResponseMessage response) => WatcherErrorBody.Guard(response);
}

public partial class AuditTemplatesClient
{
    static partial void UpdateJsonSerializerSettings(JsonSerializerSettings settings) => WatcherJson.Configure(settings);

    partial void Initialize() => ReadResponseAsString = true;

    partial void ProcessResponse(HttpClient client, HttpResponseMessage response) => WatcherErrorBody.Guard(response);
}

public partial class AuditsClient
{
    static partial void UpdateJsonSerializerSettings(JsonSerializerSettings settings) => WatcherJson.Configure(settings);

    partial void Initialize() => ReadResponseAsString = true;

    partial void ProcessResponse(HttpClient client, HttpResponseMessage response) => WatcherErrorBody.Guard(response);
}

public partial class ActionPlansClient
{
    static partial void UpdateJsonSerializerSettings(JsonSerializerSettings settings) => WatcherJson.Configure(settings);

    partial void Initialize() => ReadResponseAsString = true;

    partial void ProcessResponse(HttpClient client, HttpResponseMessage response) => WatcherErrorBody.Guard(response);
}

public partial class ActionsClient
{
    static partial void UpdateJsonSerializerSettings(JsonSerializerSettings settings) => WatcherJson.Configure(settings);

    partial void Initialize() => ReadResponseAsString = true;

    partial void ProcessResponse(HttpClient client, HttpResponseMessage response) => WatcherErrorBody.Guard(response);
}

public partial class ScoringEnginesClient
{
    static partial void UpdateJsonSerializerSettings(JsonSerializerSettings settings) => WatcherJson.Configure(settings);

    partial void Initialize() => ReadResponseAsString = true;

    partial void ProcessResponse(HttpClient client, HttpResponseMessage response) => WatcherErrorBody.Guard(response);
}

public partial class ServicesClient
{
    static partial void UpdateJsonSerializerSettings(JsonSerializerSettings settings) => WatcherJson.Configure(settings);

    partial void Initialize() => ReadResponseAsString = true;

    partial void ProcessResponse(HttpClient client, HttpResponseMessage response) => WatcherErrorBody.Guard(response);
}

public partial class DataModelClient
{
    static partial void UpdateJsonSerializerSettings(JsonSerializerSettings settings) => WatcherJson.Configure(settings);

    partial void Initialize() => ReadResponseAsString = true;

    partial void ProcessResponse(HttpClient client, HttpResponseMessage response) => WatcherErrorBody.Guard(response);
}

public partial class WebhooksClient
{
    static partial void UpdateJsonSerializerSettings(JsonSerializerSettings settings) => WatcherJson.Configure(settings);

    partial void Initialize() => ReadResponseAsString = true;

    partial void ProcessResponse(HttpClient client, HttpResponseMessage response) => WatcherErrorBody.Guard(response);
}
