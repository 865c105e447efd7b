using System.Text;
using Newtonsoft.Json;

namespace OpenStack.Monasca;

/// <summary>Client for the API versions (<c>/</c> and <c>/{version_id}</c>).</summary>
public partial class VersionsClient
{
    static partial void UpdateJsonSerializerSettings(JsonSerializerSettings settings) => MonascaPlumbing.Configure(settings);

    partial void PrepareRequest(HttpClient client, HttpRequestMessage request, StringBuilder urlBuilder) => MonascaPlumbing.NormalizeQueryTimes(urlBuilder);

    partial void ProcessResponse(HttpClient client, HttpResponseMessage response) => MonascaPlumbing.ThrowOnError(response);
}

/// <summary>Client for <c>/healthcheck</c>.</summary>
public partial class HealthcheckClient
{
    static partial void UpdateJsonSerializerSettings(JsonSerializerSettings settings) => MonascaPlumbing.Configure(settings);

    partial void PrepareRequest(HttpClient client, HttpRequestMessage request, StringBuilder urlBuilder) => MonascaPlumbing.NormalizeQueryTimes(urlBuilder);

    partial void ProcessResponse(HttpClient client, HttpResponseMessage response) => MonascaPlumbing.ThrowOnError(response);
}

/// <summary>Client for metrics, measurements and statistics (python-monascaclient <c>metrics</c>).</summary>
public partial class MetricsClient
{
    static partial void UpdateJsonSerializerSettings(JsonSerializerSettings settings) => MonascaPlumbing.Configure(settings);

    partial void PrepareRequest(HttpClient client, HttpRequestMessage request, StringBuilder urlBuilder) => MonascaPlumbing.NormalizeQueryTimes(urlBuilder);

    partial void ProcessResponse(HttpClient client, HttpResponseMessage response) => MonascaPlumbing.ThrowOnError(response);
}

/// <summary>Client for notification methods (python-monascaclient <c>notifications</c>).</summary>
public partial class NotificationMethodsClient
{
    static partial void UpdateJsonSerializerSettings(JsonSerializerSettings settings) => MonascaPlumbing.Configure(settings);

    partial void PrepareRequest(HttpClient client, HttpRequestMessage request, StringBuilder urlBuilder) => MonascaPlumbing.NormalizeQueryTimes(urlBuilder);

    partial void ProcessResponse(HttpClient client, HttpResponseMessage response) => MonascaPlumbing.ThrowOnError(response);
}

/// <summary>Client for notification method types (python-monascaclient <c>notificationtypes</c>).</summary>
public partial class NotificationTypesClient
{
    static partial void UpdateJsonSerializerSettings(JsonSerializerSettings settings) => MonascaPlumbing.Configure(settings);

    partial void PrepareRequest(HttpClient client, HttpRequestMessage request, StringBuilder urlBuilder) => MonascaPlumbing.NormalizeQueryTimes(urlBuilder);

    partial void ProcessResponse(HttpClient client, HttpResponseMessage response) => MonascaPlumbing.ThrowOnError(response);
}

/// <summary>Client for alarm definitions (python-monascaclient <c>alarm_definitions</c>).</summary>
public partial class AlarmDefinitionsClient
{
    static partial void UpdateJsonSerializerSettings(JsonSerializerSettings settings) => MonascaPlumbing.Configure(settings);

    partial void PrepareRequest(HttpClient client, HttpRequestMessage request, StringBuilder urlBuilder) => MonascaPlumbing.NormalizeQueryTimes(urlBuilder);

    partial void ProcessResponse(HttpClient client, HttpResponseMessage response) => MonascaPlumbing.ThrowOnError(response);
}

/// <summary>Client for alarms, alarm counts and state history (python-monascaclient <c>alarms</c>).</summary>
public partial class AlarmsClient
{
    static partial void UpdateJsonSerializerSettings(JsonSerializerSettings settings) => MonascaPlumbing.Configure(settings);

    partial void PrepareRequest(HttpClient client, HttpRequestMessage request, StringBuilder urlBuilder) => MonascaPlumbing.NormalizeQueryTimes(urlBuilder);

    partial void ProcessResponse(HttpClient client, HttpResponseMessage response) => MonascaPlumbing.ThrowOnError(response);
}

/// <summary>Client for log ingestion (<c>/v2.0/logs</c>).</summary>
public partial class LogsClient
{
    static partial void UpdateJsonSerializerSettings(JsonSerializerSettings settings) => MonascaPlumbing.Configure(settings);

    partial void PrepareRequest(HttpClient client, HttpRequestMessage request, StringBuilder urlBuilder) => MonascaPlumbing.NormalizeQueryTimes(urlBuilder);

    partial void ProcessResponse(HttpClient client, HttpResponseMessage response) => MonascaPlumbing.ThrowOnError(response);
}
