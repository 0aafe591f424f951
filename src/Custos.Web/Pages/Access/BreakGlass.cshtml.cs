using Custos.Modules.AccessGovernance;
using Custos.Platform.Validation;
using Custos.Web.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Custos.Web.Pages.Access;

/// <summary>Emergency access: at once, told to the Security Officer at once, reviewed afterwards (45 CFR 164.312(a)(2)(ii)).</summary>
[RequirePermission(Custos.Platform.Authorization.Permissions.BreakGlass)]
[RequireStepUp]
public sealed class BreakGlassModel(BreakGlass breakGlass, IOptions<BreakGlassOptions> options) : PageModel
{
    [BindProperty]
    public BreakGlassInput Input { get; set; } = new();

    public BreakGlassOptions Settings => options.Value;

    public void OnGet() => Input.DurationMinutes = Math.Min(Settings.DefaultMinutes, Settings.EffectiveMaximumMinutes);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        try
        {
            var used = await breakGlass.HandleAsync(
                new BreakGlassCommand(Input.RoleName ?? string.Empty, Input.Reason ?? string.Empty, Input.DurationMinutes), cancellationToken);
            await PermissionClaims.RefreshNowAsync(HttpContext);
            TempData["Status"] = $"You hold {used.RoleName} until {used.ExpiresAt:HH:mm} UTC. The Security Officer has been notified and a review is open.";
            return Redirect("/access/elevation");
        }
        catch (InvalidRequestException invalid)
        {
            ModelState.AddRequestErrors(invalid);
        }

        return Page();
    }

    public sealed class BreakGlassInput
    {
        public string? RoleName { get; set; }

        public int? DurationMinutes { get; set; }

        public string? Reason { get; set; }
    }
}
