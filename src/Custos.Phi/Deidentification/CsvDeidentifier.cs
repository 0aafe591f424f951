using System.Globalization;
using System.Text;

namespace Custos.Phi.Deidentification;

/// <summary>
/// De-identifies CSV (RFC 4180: quoted fields, doubled quotes, line breaks inside quotes) one row at a time, so memory
/// stays flat however large the file. The first row is the header; each column's rule comes from the options.
/// </summary>
public static class CsvDeidentifier
{
    /// <summary>Reads <paramref name="input"/>, writes the de-identified CSV to <paramref name="output"/>.</summary>
    /// <param name="input">UTF-8 CSV.</param>
    /// <param name="output">Where the result goes (UTF-8, no BOM, CRLF line ends as RFC 4180 says).</param>
    /// <param name="options">Rules and method.</param>
    /// <param name="progress">Receives the number of rows written, every 10,000 rows.</param>
    /// <param name="cancellationToken">Stops the run.</param>
    /// <returns>The change report.</returns>
    /// <exception cref="InvalidDataException">Malformed CSV, with the line number.</exception>
    public static DeidentificationReport Run(TextReader input, TextWriter output, DeidentificationOptions options, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(options);
        var report = new DeidentificationReport(options.Method);
        var transformer = new FieldTransformer(options, report);
        var reader = new CsvReader(input);
        var header = reader.ReadRow() ?? throw new InvalidDataException("line 1: the CSV file is empty; it needs a header row");
        var rules = header.Select(transformer.RuleFor).ToArray();
        WriteRow(output, header);
        long rows = 0;
        while (reader.ReadRow() is { } row)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (row.Count != header.Count)
            {
                throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"line {reader.RowStartLine}: {row.Count} fields where the header has {header.Count}"));
            }

            for (var i = 0; i < row.Count; i++)
            {
                row[i] = transformer.Apply(rules[i], row[i]);
            }

            WriteRow(output, row);
            rows++;
            if (rows % 10_000 == 0)
            {
                progress?.Report(rows);
            }
        }

        report.AddRecords(rows);
        progress?.Report(rows);
        return report;
    }

    private static void WriteRow(TextWriter output, List<string> row)
    {
        for (var i = 0; i < row.Count; i++)
        {
            if (i > 0)
            {
                output.Write(',');
            }

            var value = row[i];
            if (value.AsSpan().IndexOfAny("\",\r\n") >= 0)
            {
                output.Write('"');
                output.Write(value.Replace("\"", "\"\"", StringComparison.Ordinal));
                output.Write('"');
            }
            else
            {
                output.Write(value);
            }
        }

        output.Write("\r\n");
    }

    private sealed class CsvReader(TextReader reader)
    {
        private int _line = 1;

        public int RowStartLine { get; private set; }

        public List<string>? ReadRow()
        {
            RowStartLine = _line;
            if (reader.Peek() < 0)
            {
                return null;
            }

            var fields = new List<string>();
            var field = new StringBuilder();
            var quoted = false;
            var atFieldStart = true;
            while (true)
            {
                var c = reader.Read();
                if (c < 0)
                {
                    if (quoted)
                    {
                        throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"line {RowStartLine}: a quoted field is never closed"));
                    }

                    fields.Add(field.ToString());
                    return fields;
                }

                var ch = (char)c;
                if (quoted)
                {
                    if (ch == '"')
                    {
                        if (reader.Peek() == '"')
                        {
                            reader.Read();
                            field.Append('"');
                        }
                        else
                        {
                            quoted = false;
                        }
                    }
                    else
                    {
                        if (ch == '\n')
                        {
                            _line++;
                        }

                        field.Append(ch);
                    }

                    continue;
                }

                switch (ch)
                {
                    case '"' when atFieldStart:
                        quoted = true;
                        atFieldStart = false;
                        break;
                    case ',':
                        fields.Add(field.ToString());
                        field.Clear();
                        atFieldStart = true;
                        break;
                    case '\r':
                        break;
                    case '\n':
                        _line++;
                        fields.Add(field.ToString());
                        return fields;
                    default:
                        field.Append(ch);
                        atFieldStart = false;
                        break;
                }
            }
        }
    }
}
