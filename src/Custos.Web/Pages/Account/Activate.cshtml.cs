using Custos.Platform.Identity.Users;
using Custos.Platform.Validation;
using Custos.Web.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Custos.Web.Pages.Account;

[PublicAccess("A new user has no password yet: the one-time activation link, issued by an administrator or `custos users create`, guards it.")]
public sealed class ActivateModel(ActivateAccount activate) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    [BindProperty]
    public ActivateInput Input { get; set; } = new();

    public string? Email { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => Email = await activate.CheckAsync(Token, cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Email = await activate.CheckAsync(Token, cancellationToken);
        if (Email is null)
        {
            return Page();
        }

        if (!string.Equals(Input.Password, Input.ConfirmPassword, StringComparison.Ordinal))
        {
            ModelState.AddModelError("Input.ConfirmPassword", "The two passwords are different; type the same password twice.");
            return Page();
        }

        try
        {
            await activate.HandleAsync(new ActivateAccountCommand(Token!, Input.Password ?? string.Empty), cancellationToken);
            TempData["Status"] = "Your password is set. Sign in now; you will set up your second factor next.";
            return Redirect("/account/sign-in");
        }
        catch (InvalidRequestException invalid)
        {
            ModelState.AddRequestErrors(invalid);
            return Page();
        }
    }

    public sealed class ActivateInput
    {
        public string? Password { get; set; }

        public string? ConfirmPassword { get; set; }
    }
}
