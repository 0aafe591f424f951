using System.Globalization;
using System.Text;
using CsvHelper;
using Custos.Modules.Incidents;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using PdfSharp.Drawing;
using PdfSharp.Fonts;
using PdfSharp.Pdf;

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

    /// <summary>A4 PDF with the title, headed sections and wrapped paragraphs; the fonts are embedded (PDFsharp's Segoe WP).</summary>
    public static byte[] ToPdf(NoticeDraft draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
        NoticeFonts.EnsureRegistered();
        using var document = new PdfDocument();
        document.Info.Title = draft.Title;
        var title = new XFont(NoticeFonts.Family, 15, XFontStyleEx.Bold);
        var heading = new XFont(NoticeFonts.Family, 12, XFontStyleEx.Bold);
        var body = new XFont(NoticeFonts.Family, 10.5, XFontStyleEx.Regular);
        const double margin = 56;
        PdfPage page = null!;
        XGraphics gfx = null!;
        double y = 0;
        void NewPage()
        {
            gfx?.Dispose();
            page = document.AddPage();
            page.Size = PdfSharp.PageSize.A4;
            gfx = XGraphics.FromPdfPage(page);
            y = margin;
        }

        void Write(string text, XFont font, double spaceAfter)
        {
            var width = page.Width.Point - (2 * margin);
            var lineHeight = font.GetHeight() * 1.15;
            var line = new StringBuilder();
            foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var candidate = line.Length == 0 ? word : line + " " + word;
                if (line.Length > 0 && gfx.MeasureString(candidate, font).Width > width)
                {
                    Line(line.ToString());
                    line.Clear().Append(word);
                }
                else
                {
                    line.Clear().Append(candidate);
                }
            }

            Line(line.ToString());
            y += spaceAfter;

            void Line(string content)
            {
                if (y + lineHeight > page.Height.Point - margin)
                {
                    NewPage();
                }

                gfx.DrawString(content, font, XBrushes.Black, new XPoint(margin, y + font.GetHeight()));
                y += lineHeight;
            }
        }

        NewPage();
        Write(draft.Title, title, 10);
        foreach (var section in draft.Sections)
        {
            Write(section.Heading, heading, 2);
            foreach (var text in section.Paragraphs)
            {
                Write(text, body, 6);
            }
        }

        gfx.Dispose();
        using var stream = new MemoryStream();
        document.Save(stream);
        return stream.ToArray();
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

/// <summary>Fonts for PDF notices: the Segoe WP faces that ship inside PDFsharp, so no system font is needed.</summary>
internal sealed class NoticeFonts : IFontResolver
{
    public const string Family = "Custos Notice";

    private static readonly System.Threading.Lock Gate = new();

    public static void EnsureRegistered()
    {
        lock (Gate)
        {
            GlobalFontSettings.FontResolver ??= new NoticeFonts();
        }
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
        new(bold ? "SegoeWPBold" : "SegoeWP", mustSimulateBold: false, mustSimulateItalic: italic);

    public byte[]? GetFont(string faceName) => faceName switch
    {
        "SegoeWPBold" => PdfSharp.WPFonts.FontDataHelper.SegoeWPBold,
        _ => PdfSharp.WPFonts.FontDataHelper.SegoeWP,
    };
}
