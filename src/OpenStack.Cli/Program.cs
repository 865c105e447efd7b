namespace OpenStack.Cli;

internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        using var cts = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cts.Cancel();
        };
        var environment = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (System.Collections.DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            environment[(string)entry.Key] = entry.Value as string;
        }
        var executable = Path.GetFileNameWithoutExtension(Environment.ProcessPath ?? "openstack-dotnet");
        return await CliApp.RunAsync(args, Console.Out, Console.Error, environment, executable, cts.Token);
    }
}
