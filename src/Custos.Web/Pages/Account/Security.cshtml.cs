using System.Security.Claims;
using Custos.Platform.Identity.Mfa;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Custos.Web.Pages.Account;

/// <summary>The user's second factors and recovery codes.</summary>
public sealed class SecurityModel(MultiFactor multiFactor) : PageModel
{
    public bool Enrolled { get; private set; }

    public int UnusedRecoveryCodes { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostRemoveAuthenticatorAsync(CancellationToken cancellationToken)
    {
        if (!await multiFactor.TryRemoveAuthenticatorAsync(UserId, cancellationToken))
        {
            ModelState.AddModelError(string.Empty, "Your authenticator app is your only second factor, so it cannot be removed. To move to a new phone, ask an administrator to reset your two-step sign-in; you will set it up again at your next sign-in.");
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Enrolled = await multiFactor.IsEnrolledAsync(UserId, cancellationToken);
        UnusedRecoveryCodes = await multiFactor.CountUnusedRecoveryCodesAsync(UserId, cancellationToken);
    }

    private Guid UserId => Guid.Parse(User.FindFirstValue(ClaimTypes.NameIdentifier)!);
}
