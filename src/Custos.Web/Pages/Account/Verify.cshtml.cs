using Custos.Platform.Identity.Mfa;
using Custos.Web.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Custos.Web.Pages.Account;

[PublicAccess("Second step of sign-in: reachable only with the short-lived cookie of a correct password.")]
public sealed class VerifyModel(SessionSignIn sessions, SignInGuard guard, TimeProvider time) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool UseRecoveryCode { get; set; }

    [BindProperty]
    public string? Code { get; set; }

    public async Task<IActionResult> OnGetAsync() =>
        await sessions.PendingUserAsync() is null ? RedirectToPage("/Account/SignIn", new { ReturnUrl }) : Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (await sessions.PendingUserAsync() is not { } userId)
        {
            return RedirectToPage("/Account/SignIn", new { ReturnUrl });
        }

        if (UseRecoveryCode ? string.IsNullOrWhiteSpace(Code) : MultiFactor.NormalizeTotp(Code) is null)
        {
            ModelState.AddModelError(nameof(Code), UseRecoveryCode
                ? "Enter one of your recovery codes, for example abcd-efgh-ijkm-npqr-stuv-wxyz."
                : "Enter the 6-digit code shown in your authenticator app.");
            return Page();
        }

        var check = await guard.CheckSecondFactorAsync(userId, Code, UseRecoveryCode, cancellationToken);
        switch (check.Outcome)
        {
            case PasswordCheckOutcome.Succeeded:
                await sessions.SignInAsync(userId, cancellationToken);
                return LocalRedirect(SignInModel.SafeReturnUrl(ReturnUrl) ?? "/");
            case PasswordCheckOutcome.LockedOut:
                ModelState.AddModelError(string.Empty, SignInModel.LockedOutMessage(check.LockedUntil!.Value, time.GetUtcNow()));
                return Page();
            default:
                ModelState.AddModelError(nameof(Code), UseRecoveryCode
                    ? "That recovery code is not valid or has been used. Each code works once."
                    : "That code is not correct or has already been used. Wait for the next code and enter it.");
                return Page();
        }
    }
}
