using System.Reflection;
using OpenStack.Monasca;
using OpenStack.Watcher;

namespace OpenStack.PublicApi.Tests;

/// <summary>
/// Each package's public surface matches its checked-in listing <c>src/&lt;Project&gt;/PublicAPI.txt</c>, so that every change
/// of surface (a spec change included) shows in review. Regenerate after an intended change with
/// <c>UPDATE_PUBLIC_API=1 dotnet test tests/OpenStack.PublicApi.Tests</c>.
/// </summary>
public sealed class PublicApiTests
{
    public static TheoryData<string> Packages => new() { "OpenStack.Core", "OpenStack.Monasca", "OpenStack.Watcher" };

    internal static Assembly Load(string package) => package switch
    {
        "OpenStack.Core" => typeof(OpenStackClientOptions).Assembly,
        "OpenStack.Monasca" => typeof(MonascaClient).Assembly,
        "OpenStack.Watcher" => typeof(WatcherClient).Assembly,
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

    [Theory]
    [MemberData(nameof(Packages))]
    public void The_public_API_matches_the_checked_in_listing(string package)
    {
        var actual = PublicApiListing.Render(Load(package));
        var path = Path.Combine(RepoRoot(), "src", package, "PublicAPI.txt");
        if (Environment.GetEnvironmentVariable("UPDATE_PUBLIC_API") == "1")
        {
            File.WriteAllText(path, actual);
            return;
        }
        Assert.True(File.Exists(path), $"{path} is missing. Create it with: UPDATE_PUBLIC_API=1 dotnet test tests/OpenStack.PublicApi.Tests");
        var expected = File.ReadAllText(path).ReplaceLineEndings("\n");
        if (expected == actual)
        {
            return;
        }
        var expectedLines = Qualify(expected);
        var actualLines = Qualify(actual);
        var removed = expectedLines.Except(actualLines).Take(20).Select(l => "- " + l);
        var added = actualLines.Except(expectedLines).Take(20).Select(l => "+ " + l);
        Assert.Fail($"The public API of {package} differs from {path}:\n{string.Join("\n", removed.Concat(added))}\n" +
            "If the change is intended, regenerate the listing with: UPDATE_PUBLIC_API=1 dotnet test tests/OpenStack.PublicApi.Tests " +
            "and commit it with the change.");
    }

    /// <summary>Each member line prefixed with its type, so that a difference says where it is.</summary>
    private static List<string> Qualify(string listing)
    {
        var result = new List<string>();
        var types = new List<(int Indent, string Name)>();
        foreach (var raw in listing.Split('\n'))
        {
            var line = raw.TrimStart();
            if (line.Length == 0 || line.StartsWith("//", StringComparison.Ordinal))
            {
                continue;
            }
            var indent = raw.Length - line.Length;
            types.RemoveAll(t => t.Indent >= indent);
            var isType = line.StartsWith("namespace ", StringComparison.Ordinal)
                || System.Text.RegularExpressions.Regex.IsMatch(line, @"^(public|protected) .*\b(class|interface|struct|enum|delegate) ");
            result.Add(string.Join(" / ", types.Select(t => t.Name).Append(line)));
            if (isType)
            {
                types.Add((indent, line.StartsWith("namespace ", StringComparison.Ordinal) ? line[10..] : line.Split(" : ")[0].Split(' ')[^1]));
            }
        }
        return result;
    }

    [Fact]
    public void The_listing_renders_nullability_defaults_and_accessors()
    {
        var listing = PublicApiListing.Render(typeof(OpenStackClientOptions).Assembly);
        Assert.Contains("    property string? AuthUrl { get; set; }", listing);
        Assert.Contains("public sealed class OpenStackClientOptions", listing);
        Assert.Contains("CancellationToken cancellationToken = default)", listing);
    }
}
