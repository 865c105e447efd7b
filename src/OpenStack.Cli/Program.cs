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
        var terminal = !Console.IsOutputRedirected;
        return await CliApp.RunAsync(args, Console.Out, Console.Error, environment, InvokedName(),
            terminal ? Console.WindowWidth : null, cts.Token);
    }

    /// <summary>
    /// The name the program was started under, as typed (argv[0]): a <c>watcher</c> or <c>monasca</c> symlink to the
    /// executable keeps its own name there, where <see cref="Environment.ProcessPath"/> is the resolved file. Linux gives
    /// argv[0] in /proc/self/cmdline; elsewhere (or when it names the <c>dotnet</c> host) the process path is used.
    /// </summary>
    private static string InvokedName()
    {
        try
        {
            var cmdline = File.ReadAllText("/proc/self/cmdline");
            var argv0 = Path.GetFileNameWithoutExtension(cmdline.Split('\0')[0]);
            if (CliApp.Tools.Contains(argv0))
            {
                return argv0;
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Not Linux (or no /proc): the process path below.
        }
        return Path.GetFileNameWithoutExtension(Environment.ProcessPath ?? "openstack-dotnet");
    }
}
