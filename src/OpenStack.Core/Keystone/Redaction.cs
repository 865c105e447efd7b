using System.Security.Cryptography;
using System.Text;

namespace OpenStack;

/// <summary>Hides secrets in diagnostics the way keystoneauth1 does.</summary>
public static class Redaction
{
    /// <summary>Headers whose values are tokens (keystoneauth1 <c>session.py</c>).</summary>
    public static IReadOnlyList<string> SensitiveHeaders { get; } = ["X-Auth-Token", "X-Subject-Token", "X-Service-Token", "Authorization"];

    /// <summary><c>{SHA256}&lt;hex&gt;</c> of <paramref name="secret"/>: correlatable, not replayable.</summary>
    public static string Fingerprint(string secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        return "{SHA256}" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
    }

    /// <summary>Replaces every occurrence of each non-empty secret in <paramref name="text"/> with <c>***</c>.</summary>
    internal static string Scrub(string text, IEnumerable<string?> secrets)
    {
        foreach (var s in secrets)
        {
            if (!string.IsNullOrEmpty(s) && s.Length >= 3)
            {
                text = text.Replace(s, "***", StringComparison.Ordinal);
            }
        }
        return text;
    }
}
