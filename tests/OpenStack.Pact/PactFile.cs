using System.Text.Json.Nodes;

namespace OpenStack.Pact;

/// <summary>
/// Keeps pact files deterministic. The core merges interactions in the order tests ran and writes
/// members in its own order; <see cref="Normalize"/> rewrites a file with interactions sorted by
/// description and provider states, object members sorted by name, two-space indentation and LF
/// line ends, so that the same tests always produce the same bytes.
/// </summary>
public static class PactFile
{
    /// <summary>Deletes the pact file, so that a test run starts from no interactions.</summary>
    public static void Reset(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.Delete(path);
    }

    /// <summary>
    /// Copies <paramref name="source"/> over <paramref name="destination"/> when their bytes differ (so an unchanged
    /// pact keeps its timestamp); returns whether it wrote.
    /// </summary>
    public static bool Publish(string source, string destination)
    {
        var text = File.ReadAllText(source);
        if (File.Exists(destination) && File.ReadAllText(destination) == text)
        {
            return false;
        }
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(destination))!);
        File.WriteAllText(destination, text);
        return true;
    }

    /// <summary>Rewrites <paramref name="path"/> in the canonical form; does nothing when it does not exist.</summary>
    public static void Normalize(string path)
    {
        if (!File.Exists(path))
        {
            return;
        }
        var root = JsonNode.Parse(File.ReadAllText(path)) as JsonObject
            ?? throw new InvalidDataException($"{path} is not a JSON object.");
        if (root["interactions"] is JsonArray interactions)
        {
            var sorted = interactions
                .Select(i => i!.DeepClone())
                .OrderBy(i => (string?)i["description"], StringComparer.Ordinal)
                .ThenBy(i => PactJson.Canonical(i["providerStates"]), StringComparer.Ordinal)
                .ToArray();
            root["interactions"] = new JsonArray(sorted);
        }
        var text = PactJson.Canonical(root);
        if (text != File.ReadAllText(path))
        {
            File.WriteAllText(path, text);
        }
    }

    /// <summary>The interactions of a pact file: description and provider state names.</summary>
    public static IReadOnlyList<PactInteraction> ReadInteractions(string path)
    {
        var root = JsonNode.Parse(File.ReadAllText(path))!;
        return (root["interactions"] as JsonArray ?? new JsonArray())
            .Select(i => new PactInteraction(
                (string)i!["description"]!,
                (i["providerStates"] as JsonArray ?? new JsonArray()).Select(s => (string)s!["name"]!).ToArray(),
                (string?)i["request"]?["method"] ?? "",
                (string?)i["request"]?["path"] ?? "",
                (int?)i["response"]?["status"] ?? 0))
            .ToArray();
    }
}

/// <summary>One interaction of a pact file, as far as the verification needs it.</summary>
/// <param name="Description">The unique description.</param>
/// <param name="ProviderStates">The names of its provider states.</param>
/// <param name="Method">The request method.</param>
/// <param name="Path">The request path (an example when a generator computes it).</param>
/// <param name="Status">The response status.</param>
public sealed record PactInteraction(string Description, IReadOnlyList<string> ProviderStates, string Method, string Path, int Status);
