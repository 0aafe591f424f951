using Custos.Platform.Identity;
using Custos.Platform.Identity.Mfa;
using Custos.Web.Hosting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Custos.Web.Pages.Account;

[PublicAccess("Sign-in form: the way in for everyone.")]
public sealed class SignInModel(SignInGuard guard, FirstRunSetup setup, TimeProvider time) : PageModel
{
    // One message for unknown email, wrong password and disabled account: the form must not reveal which accounts exist.
    public const string FailedMessage = "The email or password is not correct.";

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    [BindProperty]
    public SignInInput Input { get; set; } = new();

    public bool SetupComplete { get; private set; } = true;

    public bool SessionExpired { get; private set; }

    public async Task OnGetAsync([FromQuery] bool expired, CancellationToken cancellationToken)
    {
        await HttpContext.SignOutAsync(IdentityConstants.ExternalScheme);
        SetupComplete = await setup.IsCompleteAsync(cancellationToken);
        SessionExpired = expired;
    }

    public async Task<IActionResult> OnPostAsync([FromServices] SessionSignIn sessions, CancellationToken cancellationToken)
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

        var check = await guard.CheckPasswordAsync(Input.Email!, Input.Password!, cancellationToken);
        switch (check.Outcome)
        {
            case PasswordCheckOutcome.Succeeded:
                await sessions.BeginSecondStepAsync(check.UserId!.Value);
                return RedirectToPage(check.MfaEnrolled ? "/Account/Verify" : "/Account/Enrol", new { ReturnUrl = SafeReturnUrl(ReturnUrl) });
            case PasswordCheckOutcome.LockedOut:
                ModelState.AddModelError(string.Empty, LockedOutMessage(check.LockedUntil!.Value, time.GetUtcNow()));
                return Page();
            default:
                ModelState.AddModelError(string.Empty, FailedMessage);
                return Page();
        }
    }

    /// <summary>Passkey sign-in, step 1: the options for navigator.credentials.get() (any of the user's passkeys).</summary>
    public async Task<IActionResult> OnPostPasskeyOptionsAsync([FromServices] SignInManager<CustosUser> signIn) =>
        Content(await signIn.MakePasskeyRequestOptionsAsync(null), "application/json");

    /// <summary>Passkey sign-in, step 2: the assertion the browser made, verified; then a session.</summary>
    public async Task<IActionResult> OnPostPasskeyAsync(
        [FromServices] SignInManager<CustosUser> signIn, [FromServices] SessionSignIn sessions, [FromForm] string? credential, CancellationToken cancellationToken)
    {
        SetupComplete = await setup.IsCompleteAsync(cancellationToken);
        var assertion = string.IsNullOrEmpty(credential) ? null : await signIn.PerformPasskeyAssertionAsync(credential);
        if (assertion is not { Succeeded: true })
        {
            ModelState.AddModelError(string.Empty, "That passkey was not accepted. Try again, or sign in with your password and authenticator app.");
            return Page();
        }

        var check = await guard.CheckPasskeyAsync(assertion.User, assertion.Passkey, cancellationToken);
        if (check.Outcome != PasswordCheckOutcome.Succeeded)
        {
            ModelState.AddModelError(string.Empty, check.Outcome == PasswordCheckOutcome.LockedOut
                ? LockedOutMessage(check.LockedUntil!.Value, time.GetUtcNow())
                : "That passkey was not accepted. Try again, or sign in with your password and authenticator app.");
            return Page();
        }

        await sessions.SignInAsync(check.UserId!.Value, cancellationToken);
        return LocalRedirect(SafeReturnUrl(ReturnUrl) ?? "/");
    }

    public static string LockedOutMessage(DateTimeOffset until, DateTimeOffset now)
    {
        var minutes = Math.Max(1, (int)Math.Ceiling((until - now).TotalMinutes));
        return $"Too many failed attempts: this account is locked for {minutes} more minute{(minutes == 1 ? string.Empty : "s")}. Try again then, or ask an administrator.";
    }

    public static string? SafeReturnUrl(string? returnUrl) =>
        returnUrl is { Length: > 1 } && returnUrl[0] == '/' && returnUrl[1] is not ('/' or '\\') ? returnUrl : null;

    public sealed class SignInInput
    {
        public string? Email { get; set; }

        public string? Password { get; set; }
    }
}
