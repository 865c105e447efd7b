using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace OpenStack.Diagnostics;

/// <summary>
/// The names under which the OpenStack clients report traces and metrics: subscribe with OpenTelemetry's
/// <c>AddSource("OpenStack.*")</c> and <c>AddMeter(OpenStackDiagnostics.MeterName)</c>, or an <see cref="ActivityListener"/>
/// / <see cref="MeterListener"/>. Nothing is recorded (and nothing costs) while nobody listens.
/// </summary>
public static class OpenStackDiagnostics
{
    /// <summary>The <see cref="ActivitySource"/> of this package (Keystone token requests): <c>OpenStack.Core</c>.</summary>
    public const string ActivitySourceName = "OpenStack.Core";

    /// <summary>The <see cref="Meter"/> counting Keystone tokens: <c>OpenStack.Core</c>.</summary>
    public const string MeterName = "OpenStack.Core";

    /// <summary>Counter of tokens Keystone issued (every successful <c>POST /v3/auth/tokens</c>), tagged with <see cref="Tags.Reason"/>.</summary>
    public const string TokensIssuedInstrument = "openstack.keystone.tokens.issued";

    /// <summary>Counter of tokens that replaced an earlier one (it was about to expire, or a service rejected it).</summary>
    public const string TokenRefreshesInstrument = "openstack.keystone.tokens.refreshed";

    /// <summary>Counter of failed token requests.</summary>
    public const string TokenFailuresInstrument = "openstack.keystone.tokens.failed";

    /// <summary>Tag (attribute) names on the spans and metrics.</summary>
    public static class Tags
    {
        /// <summary>The catalog service type, for example <c>infra-optim</c>, <c>monitoring</c> or <c>identity</c>.</summary>
        public const string ServiceType = "openstack.service.type";

        /// <summary>The region the endpoint was chosen for (<c>region_name</c>), when one was configured.</summary>
        public const string Region = "openstack.region";

        /// <summary>The request id the service answered with (<c>X-OpenStack-Request-Id</c>).</summary>
        public const string RequestId = "openstack.request_id";

        /// <summary>Why a token was requested: <c>initial</c> or <c>refresh</c>.</summary>
        public const string Reason = "openstack.keystone.reason";

        /// <summary>The HTTP method (OpenTelemetry <c>http.request.method</c>).</summary>
        public const string HttpMethod = "http.request.method";

        /// <summary>The HTTP status (OpenTelemetry <c>http.response.status_code</c>).</summary>
        public const string HttpStatusCode = "http.response.status_code";

        /// <summary>The full URL (OpenTelemetry <c>url.full</c>).</summary>
        public const string Url = "url.full";

        /// <summary>The host (OpenTelemetry <c>server.address</c>).</summary>
        public const string ServerAddress = "server.address";

        /// <summary>The port (OpenTelemetry <c>server.port</c>).</summary>
        public const string ServerPort = "server.port";

        /// <summary>The exception type or status code of a failed call (OpenTelemetry <c>error.type</c>).</summary>
        public const string ErrorType = "error.type";
    }

    internal static readonly ActivitySource Source = new(ActivitySourceName, typeof(OpenStackDiagnostics).Assembly.GetName().Version?.ToString());

    internal static readonly Meter Meter = new(MeterName, typeof(OpenStackDiagnostics).Assembly.GetName().Version?.ToString());

    private static readonly Counter<long> Issued = Meter.CreateCounter<long>(TokensIssuedInstrument, "{token}", "Tokens issued by Keystone.");

    private static readonly Counter<long> Refreshed = Meter.CreateCounter<long>(TokenRefreshesInstrument, "{token}", "Tokens that replaced an earlier token.");

    private static readonly Counter<long> Failed = Meter.CreateCounter<long>(TokenFailuresInstrument, "{request}", "Token requests that failed.");

    /// <summary>Starts the span of a token request (null when nobody listens).</summary>
    internal static Activity? StartTokenRequest(Uri tokensUri, bool refresh)
    {
        if (!Source.HasListeners())
        {
            return null;
        }
        var activity = Source.StartActivity("identity POST auth/tokens", ActivityKind.Client);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag(Tags.ServiceType, "identity");
            activity.SetTag(Tags.HttpMethod, "POST");
            activity.SetTag(Tags.Url, tokensUri.AbsoluteUri);
            activity.SetTag(Tags.ServerAddress, tokensUri.Host);
            activity.SetTag(Tags.ServerPort, tokensUri.Port);
            activity.SetTag(Tags.Reason, refresh ? "refresh" : "initial");
        }
        return activity;
    }

    /// <summary>Counts an issued token (and a refresh when it replaced one).</summary>
    internal static void TokenIssued(bool refresh)
    {
        var reason = new KeyValuePair<string, object?>(Tags.Reason, refresh ? "refresh" : "initial");
        Issued.Add(1, reason);
        if (refresh)
        {
            Refreshed.Add(1);
        }
    }

    /// <summary>Counts a failed token request.</summary>
    internal static void TokenFailed(bool refresh) =>
        Failed.Add(1, new KeyValuePair<string, object?>(Tags.Reason, refresh ? "refresh" : "initial"));
}
