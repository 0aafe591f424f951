namespace Custos.Cli.Output;

/// <summary>
/// Rows under a header, columns aligned. When the table is wider than the page the widest columns give way first
/// and their cells end in "...".
/// </summary>
internal sealed class TextTable
{
    private const string Gap = "  ";
    private const string Ellipsis = "...";
    private readonly string[] headers;
    private readonly List<string[]> rows = [];

    public TextTable(params string[] headers)
    {
        this.headers = headers;
    }

    public int RowCount => rows.Count;

    public void AddRow(params string?[] cells)
    {
        if (cells.Length != headers.Length)
        {
            throw new ArgumentException($"Expected {headers.Length} cells, got {cells.Length}.", nameof(cells));
        }

        rows.Add(cells.Select(c => Flatten(c ?? string.Empty)).ToArray());
    }

    public void WriteTo(TextWriter writer, int maxWidth, int indent)
    {
        var margin = new string(' ', indent);
        var widths = FitColumns(maxWidth - indent);
        WriteRow(writer, margin, headers, widths);
        WriteRow(writer, margin, widths.Select(w => new string('-', w)).ToArray(), widths);
        foreach (var row in rows)
        {
            WriteRow(writer, margin, row, widths);
        }
    }

    private int[] FitColumns(int maxWidth)
    {
        var widths = new int[headers.Length];
        var minimums = new int[headers.Length];
        for (var i = 0; i < headers.Length; i++)
        {
            widths[i] = Math.Max(headers[i].Length, rows.Count == 0 ? 0 : rows.Max(r => r[i].Length));
            minimums[i] = Math.Min(widths[i], Math.Max(headers[i].Length, 8));
        }

        var total = widths.Sum() + (Gap.Length * (widths.Length - 1));
        while (total > maxWidth)
        {
            var widest = -1;
            for (var i = 0; i < widths.Length; i++)
            {
                if (widths[i] > minimums[i] && (widest < 0 || widths[i] > widths[widest]))
                {
                    widest = i;
                }
            }

            if (widest < 0)
            {
                break;
            }

            widths[widest]--;
            total--;
        }

        return widths;
    }

    private static void WriteRow(TextWriter writer, string margin, string[] cells, int[] widths)
    {
        var line = string.Join(Gap, cells.Select((cell, i) => Fit(cell, widths[i]).PadRight(widths[i])));
        writer.WriteLine((margin + line).TrimEnd());
    }

    private static string Fit(string text, int width) =>
        text.Length <= width ? text : string.Concat(text.AsSpan(0, Math.Max(0, width - Ellipsis.Length)), Ellipsis);

    // A line break inside a cell would break the alignment of every column after it.
    private static string Flatten(string text) => text.ReplaceLineEndings(" ");
}
