using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Custos.Cli.Output;

/// <summary>
/// Everything a command prints goes through here, so that table output has one look (fits in <see cref="Width"/>
/// columns) and JSON output has one contract: one document on stdout, camelCase, enums as their names, nulls kept
/// so that every field is always present.
/// </summary>
internal sealed class CommandOutput(TextWriter stdout, TextWriter stderr, OutputFormat format)
{
    public const int Width = 100;
    private const int Indent = 2;

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Converters = { new JsonStringEnumConverter() },

        // The output goes to terminals and scripts, never into HTML: keep names like "Tomás" and "+1 503" readable.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public OutputFormat Format => format;

    public bool IsJson => format == OutputFormat.Json;

    /// <summary>Prints the result as JSON, or calls <paramref name="asText"/> to print it for people.</summary>
    public void Write<T>(T result, Action<T> asText)
    {
        ArgumentNullException.ThrowIfNull(asText);
        if (IsJson)
        {
            stdout.WriteLine(JsonSerializer.Serialize(result, JsonOptions));
        }
        else
        {
            asText(result);
        }
    }

    /// <summary>A line of text; wrapped at <see cref="Width"/>.</summary>
    public void Line(string text = "")
    {
        foreach (var line in Wrap(text, Width))
        {
            stdout.WriteLine(line);
        }
    }

    public void Heading(string text)
    {
        stdout.WriteLine(text);
    }

    /// <summary>Labels and values in two aligned columns; long values wrap under their own column.</summary>
    public void Fields(params (string Label, string? Value)[] fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var labelWidth = fields.Max(f => f.Label.Length) + 3;
        var valueWidth = Width - Indent - labelWidth;
        foreach (var (label, value) in fields)
        {
            var lines = Wrap(string.IsNullOrWhiteSpace(value) ? "-" : value, valueWidth);
            for (var i = 0; i < lines.Count; i++)
            {
                var left = i == 0 ? label : string.Empty;
                stdout.WriteLine((new string(' ', Indent) + left.PadRight(labelWidth) + lines[i]).TrimEnd());
            }
        }
    }

    /// <param name="indented">True under a <see cref="Heading"/>, to line up with <see cref="Fields"/>.</param>
    public void Table(TextTable table, bool indented = false)
    {
        ArgumentNullException.ThrowIfNull(table);
        table.WriteTo(stdout, Width, indented ? Indent : 0);
    }

    /// <summary>
    /// Progress while work happens (one line per step) for people; nothing in JSON mode, where the final document
    /// carries the same facts.
    /// </summary>
    public IProgress<string> Progress(Func<string, string> describe) =>
        new ImmediateProgress<string>(step =>
        {
            if (!IsJson)
            {
                Line(describe(step));
            }
        });

    /// <summary>Something the operator should know that is not the result (for example a side effect): stderr.</summary>
    public void Notice(string text)
    {
        foreach (var line in Wrap(text, Width))
        {
            stderr.WriteLine(line);
        }
    }

    internal static List<string> Wrap(string text, int width)
    {
        var lines = new List<string>();
        foreach (var paragraph in text.ReplaceLineEndings("\n").Split('\n'))
        {
            var current = new System.Text.StringBuilder();
            foreach (var word in paragraph.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var rest = word;
                while (rest.Length > 0)
                {
                    var room = current.Length == 0 ? width : width - current.Length - 1;
                    if (rest.Length <= room)
                    {
                        current.Append(current.Length == 0 ? string.Empty : " ").Append(rest);
                        rest = string.Empty;
                    }
                    else if (current.Length > 0)
                    {
                        lines.Add(current.ToString());
                        current.Clear();
                    }
                    else
                    {
                        // A single word longer than the line (a long path or URL): split it rather than overflow.
                        lines.Add(rest[..width]);
                        rest = rest[width..];
                    }
                }
            }

            lines.Add(current.ToString());
        }

        return lines;
    }
}
