using System.Text.RegularExpressions;

namespace OpenStack.PackageTests;

/// <summary>
/// The maps for contributors stay true: every repository path that CONTRIBUTING.md, docs/architecture.md and the
/// generator's README name in code spans, and every relative link of the README and the docs, exists.
/// </summary>
public sealed partial class DocsTests
{
    private static readonly string Root = Repository.Root;

    public static TheoryData<string> Maps => new() { "CONTRIBUTING.md", "docs/architecture.md", "src/Generator/README.md" };

    public static TheoryData<string> Pages()
    {
        var pages = new TheoryData<string> { "README.md", "CONTRIBUTING.md", "src/Generator/README.md" };
        foreach (var file in Directory.GetFiles(Path.Combine(Root, "docs"), "*.md").Order(StringComparer.Ordinal))
        {
            pages.Add(Path.GetRelativePath(Root, file).Replace('\\', '/'));
        }
        return pages;
    }

    [Theory]
    [MemberData(nameof(Maps))]
    public void Every_path_a_map_names_exists(string map)
    {
        var text = File.ReadAllText(Path.Combine(Root, map));
        var missing = new List<string>();
        var checkedPaths = 0;
        foreach (Match span in CodeSpan().Matches(text))
        {
            if (span.Groups[1].Value.IndexOfAny(['*', '{', '<', '$']) >= 0)
            {
                continue; // a pattern or a placeholder, not one path
            }
            foreach (Match path in RepoPath().Matches(span.Groups[1].Value))
            {
                var value = path.Value.TrimEnd('.', ',', ':', ')');
                checkedPaths++;
                var full = Path.Combine(Root, value);
                if (!File.Exists(full) && !Directory.Exists(full))
                {
                    missing.Add(value);
                }
            }
        }
        Assert.True(checkedPaths > 0, $"{map} names no repository path: the pattern no longer matches how it writes them.");
        Assert.True(missing.Count == 0, $"{map} names paths that do not exist: {string.Join(", ", missing.Distinct())}");
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public void Every_relative_link_resolves(string page)
    {
        var text = File.ReadAllText(Path.Combine(Root, page));
        var directory = Path.GetDirectoryName(Path.Combine(Root, page))!;
        var missing = new List<string>();
        foreach (Match link in MarkdownLink().Matches(text))
        {
            var target = link.Groups[1].Value;
            if (target.Contains("://", StringComparison.Ordinal) || target.StartsWith('#') || target.StartsWith("mailto:", StringComparison.Ordinal))
            {
                continue;
            }
            var file = target.Split('#')[0];
            var full = Path.GetFullPath(Path.Combine(directory, file));
            if (!File.Exists(full) && !Directory.Exists(full))
            {
                missing.Add(target);
            }
        }
        Assert.True(missing.Count == 0, $"{page} links to files that do not exist: {string.Join(", ", missing.Distinct())}");
    }

    [GeneratedRegex("`([^`\n]+)`")]
    private static partial Regex CodeSpan();

    [GeneratedRegex(@"(?<![\w./-])(?:src|tests|scripts|specs|docs|generated|\.ci)/[\w./-]*[\w/]")]
    private static partial Regex RepoPath();

    [GeneratedRegex(@"\]\(([^)\s]+)\)")]
    private static partial Regex MarkdownLink();
}
