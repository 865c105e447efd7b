using System.Text.RegularExpressions;

namespace OpenStack.Cli.Tests;

/// <summary>
/// The framework's resource keys (<c>IO_FileNotFound_FileName</c>, <c>Arg_ParamName_Name</c>, <c>net_io_readfailure</c>),
/// which a build with <c>UseSystemResourceKeys</c> prints instead of messages: every captured stderr of the CLI is
/// scanned for them (<see cref="CliRunner"/>, <see cref="ProcessRunner"/>).
/// </summary>
internal static partial class ResourceKeys
{
    /// <summary>Fails when <paramref name="text"/> holds a resource key.</summary>
    public static void AssertNone(string text)
    {
        var match = Pattern().Match(text);
        Assert.False(match.Success, $"A resource key instead of a message: '{match.Value}' in:\n{text}");
    }

    [GeneratedRegex(@"\b(?:IO|Arg|net|SR|Argument|InvalidOperation|NotSupported|ObjectDisposed|Format|Overflow|Http|Security|Cryptography)_[A-Za-z]\w*|\b\w+_Name\b")]
    private static partial Regex Pattern();
}
