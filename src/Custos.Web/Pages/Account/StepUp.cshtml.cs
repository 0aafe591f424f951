using Custos.Platform.Identity.Mfa;
using Custos.Platform.Identity.Sessions;
using Custos.Platform.Security;
using Custos.Web.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Custos.Web.Pages.Account;

/// <summary>Re-authentication with the second factor before a sensitive action (step-up).</summary>
public sealed class StepUpModel(MultiFactor multiFactor, SessionStore sessions, ISecurityEventSink events) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    [BindProperty]
    public string? Code { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var sessionId = SessionClaims.SessionIdOf(User);
        if (sessionId is null || !Guid.TryParse(User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value, out var userId))
        {
            return Challenge();
        }

        var result = await multiFactor.VerifyCodeAsync(userId, Code, cancellationToken);
        if (result != SecondFactorResult.Accepted)
        {
            await events.RecordAsync(new SecurityEvent("auth.step-up", AuditOutcome.Failed) { ResourceType = "user", ResourceId = userId.ToString() }, cancellationToken);
            ModelState.AddModelError(nameof(Code), result == SecondFactorResult.Malformed
                ? "Enter the 6-digit code shown in your authenticator app."
                : "That code is not correct or has already been used. Wait for the next code and enter it.");
            return Page();
        }

        await sessions.RecordMfaAsync(sessionId.Value, cancellationToken);
        await events.RecordAsync(new SecurityEvent("auth.step-up", AuditOutcome.Succeeded) { ResourceType = "user", ResourceId = userId.ToString() }, cancellationToken);
        return LocalRedirect(SignInModel.SafeReturnUrl(ReturnUrl) ?? "/");
    }
}
