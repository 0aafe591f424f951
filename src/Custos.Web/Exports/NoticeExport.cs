using System.Globalization;
using System.Text;
using Custos.Modules.Incidents;
using CsvHelper;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Custos.Web.Exports;

/// <summary>Writes a notice draft as DOCX (for editing and letterhead) or, for the individual letter, CSV for mail merge.</summary>
public static class NoticeExport
{
    public static byte[] ToDocx(NoticeDraft draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            var body = new Body();
            body.Append(Paragraph(draft.Title, bold: true, size: 32));
            foreach (var section in draft.Sections)
            {
                body.Append(Paragraph(section.Heading, bold: true, size: 24));
                foreach (var text in section.Paragraphs)
                {
                    body.Append(Paragraph(text, bold: false, size: 22));
                }
            }

            main.Document = new Document(body);
            main.Document.Save();
        }

        return stream.ToArray();
    }

    /// <summary>
    /// One row per affected individual (one line of the case's restricted list each), with the letter's merge fields.
    /// Cells are plain text; values starting with = + - @ are prefixed with an apostrophe (CSV injection).
    /// </summary>
    public static byte[] ToMailMergeCsv(NoticeDraft draft, string reference)
    {
        ArgumentNullException.ThrowIfNull(draft);
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = new CsvWriter(text, CultureInfo.InvariantCulture))
        {
            csv.WriteField("Reference");
            csv.WriteField("Individual");
            foreach (var section in draft.Sections)
            {
                csv.WriteField(section.Heading);
            }

            csv.NextRecord();
            foreach (var individual in draft.Individuals)
            {
                csv.WriteField(Safe(reference));
                csv.WriteField(Safe(individual));
                foreach (var section in draft.Sections)
                {
                    csv.WriteField(Safe(string.Join(" ", section.Paragraphs)));
                }

                csv.NextRecord();
            }
        }

        return Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(text.ToString())).ToArray();
    }

    private static string Safe(string value) => value.Length > 0 && "=+-@".Contains(value[0], StringComparison.Ordinal) ? "'" + value : value;

    private static Paragraph Paragraph(string text, bool bold, int size)
    {
        var properties = new RunProperties(new FontSize { Val = size.ToString(CultureInfo.InvariantCulture) });
        if (bold)
        {
            properties.Append(new Bold());
        }

        return new Paragraph(new Run(properties, new Text(text) { Space = SpaceProcessingModeValues.Preserve }));
    }
}
