using System.Diagnostics;

namespace OpenStack.Cli.Tests;

/// <summary>Runs a program as a process (the installed tools, dotnet pack, python's CLIs) and collects what it wrote.</summary>
internal static class ProcessRunner
{
    /// <summary>The repository root (the folder holding Build.sln).</summary>
    public static string RepoRoot { get; } = FindRepoRoot();

    /// <summary>The configuration the tests were built in (Debug or Release), which the CLI was built in too.</summary>
    public static string Configuration { get; } =
        AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";

    /// <summary>The CLI's executable (apphost) as the build left it.</summary>
    public static string CliExecutable => Path.Combine(RepoRoot, "src", "OpenStack.Cli", "bin", Configuration, "net10.0", "openstack-dotnet");

    /// <summary>Runs <paramref name="file"/> with <paramref name="args"/>; <paramref name="environment"/> entries are added (null removes).</summary>
    public static async Task<CliResult> RunAsync(string file, IEnumerable<string> args, IReadOnlyDictionary<string, string?>? environment = null,
        string? workingDirectory = null, TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? RepoRoot,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        foreach (var (key, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                start.Environment.Remove(key);
            }
            else
            {
                start.Environment[key] = value;
            }
        }
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(3));
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', args)} did not finish: {await stdout}{await stderr}");
        }
        var result = new CliResult(process.ExitCode, await stdout, await stderr);
        if (Path.GetFileName(file) is "watcher" or "monasca" or "openstack-dotnet")
        {
            ResourceKeys.AssertNone(result.Stderr);
        }
        return result;
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Build.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("Build.sln not found above " + AppContext.BaseDirectory);
    }
}
