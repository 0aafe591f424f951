using Custos.Web.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Custos.Web.Pages.Account;

[PublicAccess("Signing out must work even when the session has already expired.")]
public sealed class SignOutModel(SessionSignIn sessions) : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        await sessions.SignOutAsync(cancellationToken);
        return RedirectToPage("/Account/SignIn");
    }
}
