using System.Text;

namespace OpenStack.Cli.Output;

/// <summary>
/// Renders a table the way prettytable (behind cliff and python-monascaclient) does: a <c>+---+</c> border, left-aligned
/// cells padded by one space, and a multi-line cell spread over several text lines of one row.
/// </summary>
internal static class TableWriter
{
    /// <summary>Renders <paramref name="headers"/> and <paramref name="rows"/>; an empty row list gives just the header.</summary>
    public static string Render(IReadOnlyList<string> headers, IReadOnlyList<IReadOnlyList<string>> rows)
    {
        var widths = headers.Select(Width).ToArray();
        foreach (var row in rows)
        {
            for (var i = 0; i < widths.Length && i < row.Count; i++)
            {
                widths[i] = Math.Max(widths[i], Width(row[i]));
            }
        }
        var sb = new StringBuilder();
        var border = "+" + string.Join("+", widths.Select(w => new string('-', w + 2))) + "+";
        sb.Append(border).Append('\n');
        AppendRow(sb, headers, widths);
        sb.Append(border).Append('\n');
        foreach (var row in rows)
        {
            AppendRow(sb, row, widths);
        }
        if (rows.Count > 0)
        {
            sb.Append(border).Append('\n');
        }
        return sb.ToString();
    }

    private static int Width(string cell) => cell.Split('\n').Max(line => line.Length);

    private static void AppendRow(StringBuilder sb, IReadOnlyList<string> cells, int[] widths)
    {
        var lines = cells.Select(c => c.Split('\n')).ToArray();
        var height = lines.Length == 0 ? 1 : lines.Max(l => l.Length);
        for (var line = 0; line < height; line++)
        {
            sb.Append('|');
            for (var i = 0; i < widths.Length; i++)
            {
                var text = i < lines.Length && line < lines[i].Length ? lines[i][line] : "";
                sb.Append(' ').Append(text.PadRight(widths[i])).Append(" |");
            }
            sb.Append('\n');
        }
    }
}
