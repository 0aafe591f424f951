using System.Security.Claims;
using Custos.Platform.Identity.Mfa;
using Custos.Web.Hosting;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Custos.Web.Pages.Account;

/// <summary>New recovery codes (the old ones stop working); a sensitive action, so it needs a fresh second factor.</summary>
[RequireStepUp]
public sealed class RecoveryCodesModel(MultiFactor multiFactor) : PageModel
{
    public IReadOnlyList<string> Codes { get; private set; } = [];

    public void OnGet()
    {
    }

    public async Task OnPostAsync(CancellationToken cancellationToken) =>
        Codes = await multiFactor.ReplaceRecoveryCodesAsync(Guid.Parse(User.FindFirstValue(ClaimTypes.NameIdentifier)!), cancellationToken);
}
