using Custos.Modules.Privacy;
using Custos.Platform.Authorization;
using Custos.Platform.Validation;
using Custos.Web.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Custos.Web.Pages.Phi;

/// <summary>
/// Re-identification through Custos (45 CFR 164.514(c)): codes and a stated purpose in a POST body, a fresh second
/// factor, the values shown once in the response (never in the URL, never cached); the use case writes the ledger entries.
/// </summary>
[RequirePermission(Permissions.PhiReidentify)]
[RequireStepUp]
public sealed class ReidentifyModel(ReidentifyRecords reidentify) : PageModel
{
    [BindProperty]
    public ReidentifyInput Input { get; set; } = new();

    public IReadOnlyList<ReidentifiedCode>? Results { get; private set; }

    public int MinimumPurposeLength => ReidentifyRecords.MinimumPurposeLength;

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var codes = (Input.Codes ?? string.Empty)
            .Split([' ', ',', ';', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        try
        {
            Results = await reidentify.HandleAsync(new ReidentifyRecordsCommand(codes, Input.Purpose ?? string.Empty), cancellationToken);
        }
        catch (InvalidRequestException invalid)
        {
            ModelState.AddRequestErrors(invalid);
            return Page();
        }

        // The response holds PHI: never stored by the browser or a proxy.
        Response.Headers.CacheControl = "no-store";
        return Page();
    }

    public sealed class ReidentifyInput
    {
        /// <summary>Codes separated by spaces, commas or lines.</summary>
        public string? Codes { get; set; }

        public string? Purpose { get; set; }
    }
}
