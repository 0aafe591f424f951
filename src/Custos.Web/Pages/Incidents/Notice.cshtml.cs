using Custos.Modules.Incidents;
using Custos.Platform.Authorization;
using Custos.Platform.Validation;
using Custos.Web.Exports;
using Custos.Web.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Custos.Web.Pages.Incidents;

/// <summary>A notice draft on screen, or as DOCX, or (individual letter, PHI permission) as mail-merge CSV.</summary>
[RequirePermission(Permissions.IncidentsRead)]
public sealed class NoticeModel(GenerateNotice generate) : PageModel
{
    [FromRoute]
    public Guid Id { get; set; }

    [FromRoute]
    public string Kind { get; set; } = string.Empty;

    [FromQuery]
    public string? Format { get; set; }

    public NoticeDraft? Draft { get; private set; }

    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!Enum.TryParse<NoticeKind>(Kind, ignoreCase: true, out var kind))
        {
            return NotFound();
        }

        var revealSensitive = User.HasPermission(Permissions.IncidentsPhiRead);
        try
        {
            Draft = await generate.HandleAsync(Id, kind, revealSensitive, cancellationToken);
        }
        catch (RecordNotFoundException)
        {
            return NotFound();
        }
        catch (InvalidRequestException invalid)
        {
            Error = string.Join(" ", invalid.Errors.SelectMany(e => e.Value));
            return Page();
        }

        var stem = $"notice-{kind.ToString().ToLowerInvariant()}-{Id.ToString("N")[..8]}";
        return Format?.ToLowerInvariant() switch
        {
            "pdf" => File(NoticeExport.ToPdf(Draft), "application/pdf", stem + ".pdf"),
            "docx" => File(NoticeExport.ToDocx(Draft), "application/vnd.openxmlformats-officedocument.wordprocessingml.document", stem + ".docx"),
            "csv" when revealSensitive => File(NoticeExport.ToMailMergeCsv(Draft, Id.ToString()), "text/csv; charset=utf-8", stem + ".csv"),
            "csv" => Forbid(),
            _ => Page(),
        };
    }
}
