namespace OpenStack.PackageTests;

/// <summary>The repository these tests check (the folder above the test assembly that holds README.md and specs/).</summary>
internal static class Repository
{
    /// <summary>The repository's root folder.</summary>
    public static string Root { get; } = Find();

    /// <summary>A file of the repository as text with LF line ends; <paramref name="path"/> is relative to the root.</summary>
    public static string ReadText(params string[] path) =>
        File.ReadAllText(Path.Combine([Root, .. path])).ReplaceLineEndings("\n");

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "README.md")) && Directory.Exists(Path.Combine(dir.FullName, "specs")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException($"No repository root (README.md and specs/) above {AppContext.BaseDirectory}.");
    }
}
