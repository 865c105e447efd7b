using System.Text;
using System.Text.RegularExpressions;

namespace OpenStack.Cli.Output;

/// <summary>
/// Python's <c>textwrap.fill(text, width)</c> (what prettytable wraps wide cells with): words split as its
/// <c>wordsep_re</c> splits them (after hyphens between letters), lines filled greedily, a word longer than a line cut to
/// fill the line (at a hyphen when it can), white space dropped at line ends.
/// </summary>
internal static partial class TextWrap
{
    /// <summary>Wraps <paramref name="text"/> to lines of at most <paramref name="width"/> characters.</summary>
    public static string Fill(string text, int width)
    {
        text = WhiteSpace().Replace(text.Replace("\t", "        ", StringComparison.Ordinal), " ");
        var chunks = new List<string>(WordSeparator().Split(text).Where(c => c.Length > 0));
        chunks.Reverse();
        var lines = new List<string>();
        while (chunks.Count > 0)
        {
            var line = new List<string>();
            var length = 0;
            if (chunks[^1].Trim().Length == 0 && lines.Count > 0)
            {
                chunks.RemoveAt(chunks.Count - 1);
            }
            while (chunks.Count > 0 && length + chunks[^1].Length <= width)
            {
                length += chunks[^1].Length;
                line.Add(chunks[^1]);
                chunks.RemoveAt(chunks.Count - 1);
            }
            if (chunks.Count > 0 && chunks[^1].Length > width)
            {
                // _handle_long_word: fill the line with the start of the word, cut after a hyphen when there is one.
                var spaceLeft = width < 1 ? 1 : width - length;
                var chunk = chunks[^1];
                var end = spaceLeft;
                if (chunk.Length > spaceLeft)
                {
                    var hyphen = spaceLeft > 0 ? chunk.LastIndexOf('-', spaceLeft - 1, spaceLeft) : -1;
                    if (hyphen > 0 && chunk[..hyphen].Any(c => c != '-'))
                    {
                        end = hyphen + 1;
                    }
                }
                line.Add(chunk[..end]);
                chunks[^1] = chunk[end..];
            }
            if (line.Count > 0 && line[^1].Trim().Length == 0)
            {
                line.RemoveAt(line.Count - 1);
            }
            if (line.Count > 0)
            {
                lines.Add(string.Concat(line));
            }
        }
        return string.Join('\n', lines);
    }

    [GeneratedRegex(@"[\t\n\x0b\x0c\r]")]
    private static partial Regex WhiteSpace();

    // textwrap.TextWrapper.wordsep_re (Python 3.11).
    [GeneratedRegex(@"([\t\n\x0b\x0c\r ]+|(?<=[\w!""'&.,?])-{2,}(?=\w)|[^\t\n\x0b\x0c\r ]+?(?:-(?:(?<=[^\d\W]{2}-)|(?<=[^\d\W]-[^\d\W]-))(?=[^\d\W]-?[^\d\W])|(?=[\t\n\x0b\x0c\r ]|\z)|(?<=[\w!""'&.,?])(?=-{2,}\w)))")]
    private static partial Regex WordSeparator();
}
