using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Custos.Web.Exports;

/// <summary>A register as a table: column titles and rows of cells (text, whole numbers, or empty).</summary>
public sealed record Register(string Name, IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<object?>> Rows);

public enum RegisterFormat
{
    Csv,
    Xlsx,
}

/// <summary>
/// Writes a register as CSV (RFC 4180, UTF-8 with BOM so spreadsheet programs detect the encoding) or as an Excel
/// workbook. Cells starting with = + - @ are neutralised in CSV, and XLSX cells are plain strings, so a spreadsheet
/// never runs a value as a formula (CSV injection).
/// </summary>
public static class RegisterExport
{
    public static (byte[] Content, string ContentType, string FileName) Write(Register register, RegisterFormat format, string fileStem)
    {
        ArgumentNullException.ThrowIfNull(register);
        return format switch
        {
            RegisterFormat.Csv => (ToCsv(register), "text/csv; charset=utf-8", fileStem + ".csv"),
            RegisterFormat.Xlsx => (ToXlsx(register), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", fileStem + ".xlsx"),
        };
    }

    public static byte[] ToCsv(Register register)
    {
        ArgumentNullException.ThrowIfNull(register);
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = new CsvWriter(text, new CsvConfiguration(CultureInfo.InvariantCulture) { InjectionOptions = InjectionOptions.Escape }))
        {
            foreach (var column in register.Columns)
            {
                csv.WriteField(column);
            }

            csv.NextRecord();
            foreach (var row in register.Rows)
            {
                foreach (var cell in row)
                {
                    csv.WriteField(Format(cell));
                }

                csv.NextRecord();
            }
        }

        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }

    public static byte[] ToXlsx(Register register)
    {
        ArgumentNullException.ThrowIfNull(register);
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var sheetPart = workbook.AddNewPart<WorksheetPart>();
            var data = new SheetData();
            data.Append(Row(register.Columns.Cast<object?>()));
            foreach (var row in register.Rows)
            {
                data.Append(Row(row));
            }

            // The header row stays in view while scrolling.
            var views = new SheetViews(new SheetView(new Pane
            {
                VerticalSplit = 1,
                TopLeftCell = "A2",
                ActivePane = PaneValues.BottomLeft,
                State = PaneStateValues.Frozen,
            })
            { WorkbookViewId = 0 });
            sheetPart.Worksheet = new Worksheet(views, data);
            workbook.Workbook.AppendChild(new Sheets(new Sheet
            {
                Id = workbook.GetIdOfPart(sheetPart),
                SheetId = 1,
                Name = register.Name.Length > 31 ? register.Name[..31] : register.Name,
            }));
            workbook.Workbook.Save();
        }

        return stream.ToArray();
    }

    private static Row Row(IEnumerable<object?> cells)
    {
        var row = new Row();
        foreach (var cell in cells)
        {
            row.Append(cell switch
            {
                int number => new Cell { DataType = CellValues.Number, CellValue = new CellValue(number) },
                null => new Cell(),
                _ => new Cell { DataType = CellValues.InlineString, InlineString = new InlineString(new Text(Format(cell)) { Space = SpaceProcessingModeValues.Preserve }) },
            });
        }

        return row;
    }

    private static string Format(object? cell) => cell switch
    {
        null => string.Empty,
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTimeOffset time => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => cell.ToString() ?? string.Empty,
    };
}
