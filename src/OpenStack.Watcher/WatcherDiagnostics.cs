using System.Diagnostics;

namespace OpenStack.Watcher;

/// <summary>The trace source of the Watcher client: one client span per call, tagged with service type, region, method, status and request id.</summary>
public static class WatcherDiagnostics
{
    /// <summary>The <see cref="ActivitySource"/> name: <c>OpenStack.Watcher</c>.</summary>
    public const string ActivitySourceName = "OpenStack.Watcher";

    internal static readonly ActivitySource Source = new(ActivitySourceName, typeof(WatcherDiagnostics).Assembly.GetName().Version?.ToString());
}
