using Custos.Modules.Evidence;
using Custos.Modules.Safeguards;
using Custos.Platform.Authorization;
using Custos.Platform.Validation;
using Custos.Web.Api;
using Custos.Web.Hosting;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Custos.Web.Pages.Compliance;

/// <summary>
/// Adds evidence from the requirement page's form, streamed like the API (ADR 0022): nothing binds the form (no bound
/// property, no handler parameter: MVC's form value provider would read and buffer the whole body to bind even one
/// query value), so ASP.NET never buffers it; <see cref="EvidenceUpload"/> reads the antiforgery token (the form's first field) and
/// checks it before reading anything else, then streams the file into the Files store under the configured size
/// limit. The automatic antiforgery filter is off for this page only because it would read (and buffer) the whole
/// form to find the token; the check it makes is made here instead, on every POST.
/// </summary>
[RequirePermission(Permissions.ComplianceManage)]
[IgnoreAntiforgeryToken]
[DisableRequestSizeLimit]
public sealed class UploadEvidenceModel(
    GetRequirement getRequirement,
    AddEvidence addEvidence,
    EvidenceSettings evidenceSettings,
    IAntiforgery antiforgery,
    IOptions<AntiforgeryOptions> antiforgeryOptions,
    TimeProvider time) : PageModel
{
    /// <summary>The requirement, from the query string (read by hand: see the class summary).</summary>
    public string Key => Request.Query["key"].ToString();

    public RequirementDetail Detail { get; private set; } = null!;

    public EvidenceUploadFormModel Form { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync() =>
        await LoadAsync(new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase), HttpContext.RequestAborted) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync()
    {
        var cancellationToken = HttpContext.RequestAborted;
        var fields = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);
        var form = new EvidenceUploadForm(ValidateAntiforgeryAsync, [Key], fields);
        try
        {
            await EvidenceUpload.ReadAsync(Request, evidenceSettings, (command, ct) => addEvidence.HandleAsync(command, ct), cancellationToken, form);
            TempData["Status"] = "Evidence added as a draft. Submit it for review, then approve it.";
            return Redirect(ComplianceLabels.LinkTo(Key));
        }
        catch (AntiforgeryValidationException)
        {
            return BadRequest();
        }
        catch (InvalidRequestException invalid)
        {
            foreach (var (field, messages) in invalid.Errors)
            {
                foreach (var message in messages)
                {
                    ModelState.AddModelError(EvidenceUploadFormModel.IdOf(field), message);
                }
            }

            return await LoadAsync(fields, cancellationToken) ? Page() : NotFound();
        }
        catch (RecordNotFoundException)
        {
            return NotFound();
        }
    }

    private async Task ValidateAntiforgeryAsync(string? token)
    {
        if (token is null)
        {
            throw new AntiforgeryValidationException($"The form's first field must be {EvidenceUploadForm.AntiforgeryField}.");
        }

        // The store reads the request token from the header before it would read the form.
        Request.Headers[antiforgeryOptions.Value.HeaderName!] = token;
        await antiforgery.ValidateRequestAsync(HttpContext);
    }

    private async Task<bool> LoadAsync(Dictionary<string, List<string>> fields, CancellationToken cancellationToken)
    {
        try
        {
            Detail = await getRequirement.HandleAsync(Key, null, cancellationToken);
        }
        catch (RecordNotFoundException)
        {
            return false;
        }

        Form = EvidenceUploadFormModel.For(Detail, evidenceSettings.MaxFileBytes, DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime), fields);
        return true;
    }
}

/// <summary>The evidence form, shown on the requirement page and (with errors) on the upload page.</summary>
public sealed record EvidenceUploadFormModel(
    string Key,
    long MaxFileBytes,
    IReadOnlyList<(Guid Id, string Label)> CurrentVersions,
    string? Title,
    string? Url,
    string? Description,
    string EffectiveFrom,
    string? EffectiveUntil,
    string? Supersedes)
{
    public string Action => "/compliance/evidence/upload?key=" + Uri.EscapeDataString(Key);

    /// <summary>The id of the input a handler's error field belongs to (the error summary links to it).</summary>
    public static string IdOf(string field) => field.ToLowerInvariant() switch
    {
        "title" => "upload-title",
        "url" => "upload-url",
        "description" => "upload-description",
        "effectivefrom" => "upload-effective-from",
        "effectiveuntil" => "upload-effective-until",
        "supersedes" => "upload-supersedes",
        "file" or "content" or "body" => "upload-file",
        _ => "upload-title",
    };

    internal static EvidenceUploadFormModel For(RequirementDetail detail, long maxFileBytes, DateOnly today, Dictionary<string, List<string>> fields) => new(
        detail.Row.Key,
        maxFileBytes,
        [.. detail.Evidence.Where(e => e.SupersededAt is null).Select(e => (e.Id, $"{e.Title} (v{e.Version})"))],
        EvidenceUpload.Field(fields, "title"),
        EvidenceUpload.Field(fields, "url"),
        EvidenceUpload.Field(fields, "description"),
        EvidenceUpload.Field(fields, "effectiveFrom") ?? today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        EvidenceUpload.Field(fields, "effectiveUntil"),
        EvidenceUpload.Field(fields, "supersedes"));
}
