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
        if (maxWidth > 0 && Shrink(widths, maxWidth, minWidth) is { } limits)
        {
            // prettytable: a limited column is as wide as its header or its widest cell up to the limit, and lines
            // wider than that are wrapped with textwrap.fill at that width (headers never are).
            for (var i = 0; i < widths.Length; i++)
            {
                if (limits[i] is { } limit)
                {
                    widths[i] = Math.Max(Width(headers[i]), rows.Select(r => i < r.Count ? Math.Min(Width(r[i]), limit) : 0).DefaultIfEmpty(0).Max());
                }
            }
            var final = widths;
            rows = [.. rows.Select(row => (IReadOnlyList<string>)[.. row.Select((cell, i) => i < final.Length && limits[i] is not null
                ? string.Join('\n', cell.Split('\n').Select(line => line.Length > final[i] ? TextWrap.Fill(line, final[i]) : line))
                : cell)])];
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
