using System.Reflection;
using System.Text.RegularExpressions;

namespace OpenStack.PublicApi.Tests;

/// <summary>
/// The packages under test, found as the projects under <c>src/</c> that record a public API
/// (<c>src/&lt;Project&gt;/PublicAPI.Shipped.txt</c> and <c>PublicAPI.Unshipped.txt</c>, which
/// Microsoft.CodeAnalysis.PublicApiAnalyzers compares with the code on every build: an unrecorded change of surface fails
/// the build with RS0016/RS0017), and their generated resource clients.
/// </summary>
public sealed partial class PublicApiFiles
{
    /// <summary>Every package: a project under src/ with a PublicAPI.Shipped.txt (a new package joins by having one).</summary>
    internal static IReadOnlyList<string> PackageNames() =>
        Directory.GetDirectories(Path.Combine(RepoRoot(), "src"))
            .Where(dir => File.Exists(Path.Combine(dir, "PublicAPI.Shipped.txt")))
            .Select(dir => Path.GetFileName(dir))
            .Order(StringComparer.Ordinal)
            .ToList();

    /// <summary><see cref="PackageNames"/> as theory data.</summary>
    public static TheoryData<string> Packages() => new(PackageNames());

    /// <summary>Every generated resource client interface (<c>IAlarmsClient</c>, <c>IGoalsClient</c>, ...) of every package.</summary>
    public static TheoryData<string> ResourceClients()
    {
        var data = new TheoryData<string>();
        foreach (var client in PackageNames().SelectMany(p => Load(p).GetExportedTypes()).Where(IsResourceClient)
            .OrderBy(t => t.FullName, StringComparer.Ordinal))
        {
            data.Add(client.FullName!);
        }
        return data;
    }

    /// <summary>A generated client interface: <c>I…Client</c> with a generated class implementing it.</summary>
    internal static bool IsResourceClient(Type type) =>
        type.IsInterface && type.Name.StartsWith('I') && type.Name.EndsWith("Client", StringComparison.Ordinal)
        && type.Assembly.GetType(type.Namespace + "." + type.Name[1..]) is { } implementation
        && implementation.GetCustomAttributes(typeof(System.CodeDom.Compiler.GeneratedCodeAttribute), false).Length > 0;

    internal static Type FindType(string fullName) =>
        PackageNames().Select(p => Load(p).GetType(fullName)).FirstOrDefault(t => t is not null)
        ?? throw new InvalidOperationException($"{fullName} is in no package.");

    /// <summary>The package's assembly; the test project references every package (a new one must be added to its csproj).</summary>
    internal static Assembly Load(string package)
    {
        try
        {
            return Assembly.Load(package);
        }
        catch (FileNotFoundException e)
        {
            throw new InvalidOperationException(
                $"src/{package} records a public API but tests/OpenStack.PublicApi.Tests does not reference it: add a ProjectReference.", e);
        }
    }

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
