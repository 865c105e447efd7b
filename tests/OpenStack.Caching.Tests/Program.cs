namespace OpenStack.Caching.Tests;

/// <summary>The entry point when this assembly runs as a fleet member (<c>dotnet exec OpenStack.Caching.Tests.dll fleet-worker ...</c>).</summary>
public static class Program
{
    public static Task<int> Main(string[] args) => args is ["fleet-worker", .. var rest]
        ? FleetWorker.RunAsync(rest)
        : Task.FromResult(2);
}
