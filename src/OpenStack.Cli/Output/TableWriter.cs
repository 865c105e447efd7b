using System.Text;

namespace OpenStack.Cli.Output;

/// <summary>
/// Renders a table the way prettytable (behind cliff and python-monascaclient) does: a <c>+---+</c> border, cells padded
/// by one space (left-aligned, or right-aligned for numbers), a multi-line cell spread over several text lines of one
/// row, and cliff's shrinking of wide columns to a maximum width (words wrapped as Python's textwrap does).
/// </summary>
internal static class TableWriter
{
    /// <summary>Renders <paramref name="headers"/> and <paramref name="rows"/>; an empty row list gives the header between borders.</summary>
    public static string Render(IReadOnlyList<string> headers, IReadOnlyList<IReadOnlyList<string>> rows,
        IReadOnlyList<bool>? alignRight = null, int maxWidth = 0, int minWidth = 0)
    {
        var widths = NaturalWidths(headers, rows);
        if (maxWidth > 0)
        {
            var limits = Shrink(widths, maxWidth, minWidth);
            if (limits is not null)
            {
                rows = [.. rows.Select(row => (IReadOnlyList<string>)row.Select((cell, i) => i < limits.Length && limits[i] is { } w ? Wrap(cell, w) : cell).ToList())];
                headers = [.. headers.Select((h, i) => limits[i] is { } w ? Wrap(h, w) : h)];
                widths = NaturalWidths(headers, rows);
            }
        }
        var sb = new StringBuilder();
        var border = "+" + string.Join("+", widths.Select(w => new string('-', w + 2))) + "+";
        sb.Append(border).Append('\n');
        AppendRow(sb, headers, widths, alignRight);
        sb.Append(border).Append('\n');
        foreach (var row in rows)
        {
            AppendRow(sb, row, widths, alignRight);
        }
        sb.Append(border).Append('\n');
        return sb.ToString();
    }

    private static int[] NaturalWidths(IReadOnlyList<string> headers, IReadOnlyList<IReadOnlyList<string>> rows)
    {
        var widths = headers.Select(Width).ToArray();
        foreach (var row in rows)
        {
            for (var i = 0; i < widths.Length && i < row.Count; i++)
            {
                widths[i] = Math.Max(widths[i], Width(row[i]));
            }
        }
        return widths;
    }

    // cliff's TableFormatter._assign_max_widths: columns wider than an equal share are shrunk to what the others leave.
    private static int?[]? Shrink(int[] widths, int termWidth, int minWidth)
    {
        var lineWidth = widths.Sum(w => w + 3) + 1;
        if (lineWidth <= termWidth || widths.Length == 0)
        {
            return null;
        }
        var usable = Math.Max(0, termWidth - 1 - 3 * widths.Length);
        var optimal = Math.Max(0, usable / widths.Length);
        var shrink = new List<int>();
        var remaining = usable;
        for (var i = 0; i < widths.Length; i++)
        {
            if (widths[i] <= optimal)
            {
                remaining -= widths[i];
            }
            else
            {
                shrink.Add(i);
            }
        }
        var limits = new int?[widths.Length];
        var shrinkTo = remaining / shrink.Count;
        foreach (var i in shrink.Take(shrink.Count - 1))
        {
            limits[i] = Math.Max(minWidth, shrinkTo);
            remaining -= shrinkTo;
        }
        limits[shrink[^1]] = Math.Max(minWidth, remaining);
        return limits;
    }

    // textwrap.fill per line: words (split after hyphens too) greedily filled; longer words cut.
    private static string Wrap(string cell, int width)
    {
        var lines = new List<string>();
        foreach (var line in cell.Split('\n'))
        {
            var chunks = new List<string>();
            foreach (var word in line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var start = 0;
                for (var i = 1; i < word.Length - 1; i++)
                {
                    if (word[i] == '-' && char.IsLetterOrDigit(word[i - 1]) && char.IsLetterOrDigit(word[i + 1]))
                    {
                        chunks.Add(word[start..(i + 1)]);
                        start = i + 1;
                    }
                }
                chunks.Add(word[start..]);
                chunks.Add(" ");
            }
            if (chunks.Count > 0)
            {
                chunks.RemoveAt(chunks.Count - 1);
            }
            var current = new StringBuilder();
            foreach (var chunk in chunks)
            {
                if (chunk == " ")
                {
                    if (current.Length > 0 && current.Length < width)
                    {
                        current.Append(' ');
                    }
                    continue;
                }
                var piece = chunk;
                while (current.Length + piece.Length > width)
                {
                    if (current.Length > 0)
                    {
                        lines.Add(current.ToString().TrimEnd());
                        current.Clear();
                        continue;
                    }
                    lines.Add(piece[..width]);
                    piece = piece[width..];
                }
                current.Append(piece);
            }
            lines.Add(current.ToString().TrimEnd());
        }
        return string.Join('\n', lines);
    }

    private static int Width(string cell) => cell.Split('\n').Max(line => line.Length);

    private static void AppendRow(StringBuilder sb, IReadOnlyList<string> cells, int[] widths, IReadOnlyList<bool>? alignRight)
    {
        var lines = cells.Select(c => c.Split('\n')).ToArray();
        var height = lines.Length == 0 ? 1 : lines.Max(l => l.Length);
        for (var line = 0; line < height; line++)
        {
            sb.Append('|');
            for (var i = 0; i < widths.Length; i++)
            {
                var text = i < lines.Length && line < lines[i].Length ? lines[i][line] : "";
                var right = alignRight is not null && i < alignRight.Count && alignRight[i];
                sb.Append(' ').Append(right ? text.PadLeft(widths[i]) : text.PadRight(widths[i])).Append(" |");
            }
            sb.Append('\n');
        }
    }
}
