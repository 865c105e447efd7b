using System.Reflection;
using System.Text.RegularExpressions;
using OpenStack.Monasca;
using OpenStack.Watcher;

namespace OpenStack.PublicApi.Tests;

/// <summary>
/// The packages under test, and their checked-in public API (<c>src/&lt;Project&gt;/PublicAPI.Shipped.txt</c> and
/// <c>PublicAPI.Unshipped.txt</c>, which Microsoft.CodeAnalysis.PublicApiAnalyzers compares with the code on every
/// build: an unrecorded change of surface fails the build with RS0016/RS0017).
/// </summary>
public sealed partial class PublicApiFiles
{
    public static TheoryData<string> Packages => new() { "OpenStack.Core", "OpenStack.Monasca", "OpenStack.Watcher", "OpenStack.Monasca.OpenTelemetry", "OpenStack.Caching" };

    internal static Assembly Load(string package) => package switch
    {
        "OpenStack.Core" => typeof(OpenStackClientOptions).Assembly,
        "OpenStack.Monasca" => typeof(MonascaClient).Assembly,
        "OpenStack.Watcher" => typeof(WatcherClient).Assembly,
        "OpenStack.Monasca.OpenTelemetry" => typeof(OpenStack.Monasca.OpenTelemetry.MonascaExporterOptions).Assembly,
        "OpenStack.Caching" => typeof(OpenStack.Caching.DistributedTokenCacheOptions).Assembly,
        _ => throw new ArgumentOutOfRangeException(nameof(package)),
    };

    internal static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Directory.Packages.props")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException($"No Directory.Packages.props above {AppContext.BaseDirectory}.");
    }

    [GeneratedRegex("\"(?:[^\"\\\\]|\\\\.)*\"")]
    private static partial Regex StringLiteral();

    [GeneratedRegex(@"\b(?!op_)[A-Za-z][A-Za-z0-9]*_[A-Za-z0-9_]*\b")]
    private static partial Regex SnakeName();

    [Theory]
    [MemberData(nameof(Packages))]
    public void The_recorded_public_API_names_nothing_in_the_wires_snake_case(string package)
    {
        var lines = new[] { "PublicAPI.Shipped.txt", "PublicAPI.Unshipped.txt" }
            .Select(f => Path.Combine(RepoRoot(), "src", package, f))
            .SelectMany(File.ReadAllLines)
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .ToList();
        // Every package has more symbols than this (OpenStack.Caching, the smallest, has 20); fewer means the files are not read.
        Assert.True(lines.Count > 10, $"{package}: the PublicAPI files list {lines.Count} symbols; the analyzer is not wired?");
        var offenders = lines.Where(l => SnakeName().IsMatch(StringLiteral().Replace(l, "\"\""))).ToList();
        Assert.True(offenders.Count == 0, $"{package}: public API with snake_case names:\n" + string.Join("\n", offenders));
    }
}
