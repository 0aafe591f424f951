using Custos.Platform.Identity.Mfa;
using Custos.Web.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using QRCoder;

namespace Custos.Web.Pages.Account;

/// <summary>Every account enrols a second factor at its first sign-in (45 CFR 164.312(d)); there is no way around it.</summary>
[PublicAccess("First sign-in: enrol the second factor; reachable only with the short-lived cookie of a correct password.")]
public sealed class EnrolModel(SessionSignIn sessions, MultiFactor multiFactor, SignInGuard guard) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    [BindProperty]
    public string? Code { get; set; }

    public AuthenticatorSetup? Setup { get; private set; }

    public string? QrCodeDataUri { get; private set; }

    public IReadOnlyList<string> RecoveryCodes { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (await sessions.PendingUserAsync() is not { } userId)
        {
            return RedirectToPage("/Account/SignIn", new { ReturnUrl });
        }

        if (await multiFactor.IsEnrolledAsync(userId, cancellationToken))
        {
            return RedirectToPage("/Account/Verify", new { ReturnUrl });
        }

        await DescribeAsync(await multiFactor.BeginAuthenticatorSetupAsync(userId));
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (await sessions.PendingUserAsync() is not { } userId)
        {
            return RedirectToPage("/Account/SignIn", new { ReturnUrl });
        }

        if (await multiFactor.IsEnrolledAsync(userId, cancellationToken))
        {
            return RedirectToPage("/Account/Verify", new { ReturnUrl });
        }

        var (result, codes) = await multiFactor.ConfirmAuthenticatorAsync(userId, Code, cancellationToken);
        if (result != SecondFactorResult.Accepted)
        {
            ModelState.AddModelError(nameof(Code), result == SecondFactorResult.Malformed
                ? "Enter the 6-digit code your authenticator app shows for Custos."
                : "That code does not match. Check that your phone's clock is right, wait for the next code and enter it.");
            await DescribeAsync(await multiFactor.GetPendingSetupAsync(userId));
            return Page();
        }

        await guard.CompleteAsync(userId, new Platform.Identity.Actor(Platform.Identity.ActorKind.User, userId.ToString(), userId.ToString()), cancellationToken);
        await sessions.SignInAsync(userId, cancellationToken);
        RecoveryCodes = codes;
        return Page();
    }

    private Task DescribeAsync(AuthenticatorSetup setup)
    {
        Setup = setup;
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(setup.OtpAuthUri.AbsoluteUri, QRCodeGenerator.ECCLevel.M);
        QrCodeDataUri = "data:image/svg+xml;base64," + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(new SvgQRCode(data).GetGraphic(4)));
        return Task.CompletedTask;
    }
}
