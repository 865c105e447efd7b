using System.Text.RegularExpressions;

namespace OpenStack.PackageTests;

/// <summary>
/// The README shows the first program, and docs/library.md the snippets, as they are compiled (and, for Program.cs,
/// run) by <see cref="PackageTests"/>.
/// </summary>
public sealed partial class ReadmeTests
{
    private static string Readme => Repository.ReadText("README.md");

    private static string Manual => Repository.ReadText("docs", "library.md");

    private static string Quickstart(string file) =>
        Repository.ReadText("tests", "OpenStack.PackageTests", "Quickstart", file);

    [Fact]
    public void The_README_program_is_Program_cs_verbatim()
    {
        var program = Quickstart("Program.cs").TrimEnd('\n');

        Assert.Contains("```csharp\n" + program + "\n```", Readme, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_manual_snippet_is_a_region_of_Quickstart_cs_verbatim()
    {
        var regions = RegionPattern().Matches(Quickstart("Quickstart.cs"));

        Assert.NotEmpty(regions);
        foreach (Match region in regions)
        {
            var lines = region.Groups["body"].Value.TrimEnd('\n').Split('\n');
            var indent = lines.Where(l => l.Trim().Length > 0).Min(l => l.Length - l.TrimStart().Length);
            // The manual leaves out the snippets' cancellation tokens (a program's Main has none to pass on).
            var snippet = CancellationArgument().Replace(string.Join('\n', lines.Select(l => l.Length >= indent ? l[indent..] : l.TrimStart())), "");
            Assert.True(Manual.Contains(snippet, StringComparison.Ordinal), $"docs/library.md lacks the snippet '{region.Groups["name"].Value}':\n{snippet}");
        }
    }

    [GeneratedRegex(@"(, )?(cancellationToken: )?cancellationToken(?=\))")]
    private static partial Regex CancellationArgument();

    [GeneratedRegex(@"#region (?<name>\S+)\n(?<body>.*?)\n\s*#endregion", RegexOptions.Singleline)]
    private static partial Regex RegionPattern();
}
