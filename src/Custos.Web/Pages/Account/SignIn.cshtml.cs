using Custos.Platform.Identity;
using Custos.Web.Hosting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Custos.Web.Pages.Account;

[PublicAccess("Sign-in form: the way in for everyone.")]
public sealed class SignInModel(SignInManager<CustosUser> signIn, FirstRunSetup setup) : PageModel
{
    // One message for unknown email and wrong password: the form must not reveal which accounts exist.
    public const string FailedMessage = "The email or password is not correct.";

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    [BindProperty]
    public SignInInput Input { get; set; } = new();

    public bool SetupComplete { get; private set; } = true;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        await HttpContext.SignOutAsync(IdentityConstants.ExternalScheme);
        SetupComplete = await setup.IsCompleteAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        SetupComplete = await setup.IsCompleteAsync(cancellationToken);
        if (string.IsNullOrWhiteSpace(Input.Email))
        {
            ModelState.AddModelError("Input.Email", "Enter your email address.");
        }

        if (string.IsNullOrEmpty(Input.Password))
        {
            ModelState.AddModelError("Input.Password", "Enter your password.");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await signIn.PasswordSignInAsync(Input.Email!.Trim(), Input.Password!, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
        }

        ModelState.AddModelError(string.Empty, result.IsLockedOut
            ? "Too many failed attempts. Wait 15 minutes and try again, or ask an administrator."
            : FailedMessage);
        return Page();
    }

    public sealed class SignInInput
    {
        public string? Email { get; set; }

        public string? Password { get; set; }
    }
}
