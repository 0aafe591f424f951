using System.Security.Claims;
using Custos.Platform.Identity.Sessions;
using Custos.Web.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Custos.Web.Pages.Account;

/// <summary>The user's own active sessions, with revoke and "sign out everywhere".</summary>
public sealed class SessionsModel(SessionStore sessions, SessionSignIn signIn) : PageModel
{
    public IReadOnlyList<SessionView> Sessions { get; private set; } = [];

    public SessionPolicy Policy => sessions.Options;

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Sessions = await sessions.ListActiveAsync(UserId, SessionClaims.SessionIdOf(User), cancellationToken);

    public async Task<IActionResult> OnPostRevokeAsync(Guid id, CancellationToken cancellationToken)
    {
        if (id == SessionClaims.SessionIdOf(User))
        {
            await signIn.SignOutAsync(cancellationToken);
            return RedirectToPage("/Account/SignIn");
        }

        TempData["Status"] = await sessions.RevokeAsync(UserId, id, cancellationToken)
            ? "The session was signed out. Whoever used it must sign in again."
            : "That session had already ended.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostEverywhereAsync(CancellationToken cancellationToken)
    {
        await sessions.RevokeAllAsync(UserId, SessionEndReason.RevokedEverywhere, cancellationToken);
        await signIn.SignOutAsync(cancellationToken);
        return RedirectToPage("/Account/SignIn");
    }

    private Guid UserId => Guid.Parse(User.FindFirstValue(ClaimTypes.NameIdentifier)!);
}
