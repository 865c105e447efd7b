using System.Diagnostics;

namespace OpenStack.Monasca;

/// <summary>The trace source of the Monasca client: one client span per call, tagged with service type, region, method, status and request id.</summary>
public static class MonascaDiagnostics
{
    /// <summary>The <see cref="ActivitySource"/> name: <c>OpenStack.Monasca</c>.</summary>
    public const string ActivitySourceName = "OpenStack.Monasca";

    internal static readonly ActivitySource Source = new(ActivitySourceName, typeof(MonascaDiagnostics).Assembly.GetName().Version?.ToString());
}
