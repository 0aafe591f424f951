using System.Text;
using Custos.Platform.Authorization;
using Custos.Web.Api;
using Custos.Web.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Custos.Web.Pages.Phi;

/// <summary>Scan pasted text or an uploaded file for PHI; the content is shown back highlighted and never stored.</summary>
[RequirePermission(Permissions.PhiScan)]
public sealed class ScanModel(IServiceProvider services) : PageModel
{
    [BindProperty]
    public string? Text { get; set; }

    [BindProperty]
    public IFormFile? Upload { get; set; }

    public string? Scanned { get; private set; }

    public PhiScanResponse? Result { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var text = Text;
        if (Upload is { Length: > 0 })
        {
            if (Upload.Length > PhiApi.MaxCharacters * 4L)
            {
                ModelState.AddModelError(nameof(Upload), "The file is too large to scan here; use 'custos phi scan' for large files.");
                return Page();
            }

            try
            {
                using var reader = new StreamReader(Upload.OpenReadStream(), new UTF8Encoding(false, true));
                text = await reader.ReadToEndAsync(cancellationToken);
            }
            catch (DecoderFallbackException)
            {
                ModelState.AddModelError(nameof(Upload), "The file is not UTF-8 text. Convert it to UTF-8, or paste the text instead.");
                return Page();
            }
        }

        var (options, errors) = PhiApi.ReadOptions(text, null, null);
        if (options is null)
        {
            foreach (var (field, messages) in errors)
            {
                foreach (var message in messages)
                {
                    ModelState.AddModelError(nameof(Text), message);
                }
            }

            return Page();
        }

        Scanned = text;
        Result = PhiApi.Scan(text!, options);
        await PhiApi.RecordAsync(services, "web", Result, cancellationToken);
        return Page();
    }

    /// <summary>The scanned text, HTML-encoded, with each finding wrapped in a mark element.</summary>
    public Microsoft.AspNetCore.Html.HtmlString Highlighted()
    {
        var html = new StringBuilder();
        var encoder = System.Text.Encodings.Web.HtmlEncoder.Default;
        foreach (var (text, finding) in Segments())
        {
            if (finding is null)
            {
                html.Append(encoder.Encode(text));
                continue;
            }

            html.Append("<mark title=\"").Append(encoder.Encode(
                    string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{finding.Type} (confidence {finding.Confidence:0.00}, {finding.Detector})")))
                .Append("\" data-type=\"").Append(finding.Type).Append("\">").Append(encoder.Encode(text)).Append("</mark>");
        }

        return new Microsoft.AspNetCore.Html.HtmlString(html.ToString());
    }

    /// <summary>The scanned text as segments, each either plain or a finding, for highlighting in place.</summary>
    public IEnumerable<(string Text, PhiFindingView? Finding)> Segments()
    {
        if (Scanned is null || Result is null)
        {
            yield break;
        }

        var at = 0;
        foreach (var finding in Result.Findings)
        {
            if (finding.Start > at)
            {
                yield return (Scanned[at..finding.Start], null);
            }

            yield return (Scanned[finding.Start..finding.End], finding);
            at = finding.End;
        }

        if (at < Scanned.Length)
        {
            yield return (Scanned[at..], null);
        }
    }
}
