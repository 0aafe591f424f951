using System.Security.Claims;
using Custos.Platform.Identity;
using Custos.Platform.Identity.Mfa;
using Custos.Web.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Custos.Web.Pages.Account;

/// <summary>The user's passkeys (WebAuthn): add one, see them, remove one unless it is the last factor.</summary>
[RequireStepUp]
public sealed partial class PasskeysModel(MultiFactor multiFactor, SignInManager<CustosUser> signIn, UserManager<CustosUser> users, ILogger<PasskeysModel> logger) : PageModel
{
    public IReadOnlyList<UserPasskeyInfo> Passkeys { get; private set; } = [];

    public async Task OnGetAsync() => Passkeys = await multiFactor.ListPasskeysAsync(UserId);

    /// <summary>Step 1 of registration: the options for navigator.credentials.create().</summary>
    public async Task<IActionResult> OnPostCreationOptionsAsync()
    {
        var user = await users.FindByIdAsync(UserId.ToString());
        var options = await signIn.MakePasskeyCreationOptionsAsync(new PasskeyUserEntity
        {
            Id = user!.Id.ToString(),
            Name = user.Email!,
            DisplayName = string.IsNullOrWhiteSpace(user.DisplayName) ? user.Email! : user.DisplayName,
        });
        return Content(options, "application/json");
    }

    /// <summary>Step 2: the credential the browser created, checked and stored.</summary>
    public async Task<IActionResult> OnPostRegisterAsync([FromForm] string? credential, [FromForm] string? name, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(credential))
        {
            TempData["Status"] = "No passkey was created. Try again, and follow your browser's prompts.";
            return RedirectToPage();
        }

        var attestation = await signIn.PerformPasskeyAttestationAsync(credential);
        if (!attestation.Succeeded)
        {
            LogPasskeyRefused(logger, attestation.Failure?.Message ?? "unknown");
            ModelState.AddModelError(string.Empty, "The passkey could not be verified, so it was not added. Try again, or use another authenticator.");
            Passkeys = await multiFactor.ListPasskeysAsync(UserId);
            return Page();
        }

        var passkey = attestation.Passkey;
        passkey.Name = string.IsNullOrWhiteSpace(name) ? "Passkey" : name.Trim()[..Math.Min(name.Trim().Length, 60)];
        await multiFactor.AddPasskeyAsync(UserId, passkey, cancellationToken);
        TempData["Status"] = $"Passkey \"{passkey.Name}\" added. You can now sign in with it.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRemoveAsync([FromForm] string id, CancellationToken cancellationToken)
    {
        byte[] credentialId;
        try
        {
            credentialId = Base64UrlDecode(id);
        }
        catch (FormatException)
        {
            return BadRequest();
        }

        if (!await multiFactor.TryRemovePasskeyAsync(UserId, credentialId, cancellationToken))
        {
            ModelState.AddModelError(string.Empty, "This passkey is your only way to sign in with a second factor, so it cannot be removed. Add another passkey or an authenticator app first.");
            Passkeys = await multiFactor.ListPasskeysAsync(UserId);
            return Page();
        }

        TempData["Status"] = "Passkey removed.";
        return RedirectToPage();
    }

    public static string Id(UserPasskeyInfo passkey) => System.Buffers.Text.Base64Url.EncodeToString(passkey.CredentialId);

    private static byte[] Base64UrlDecode(string value) => System.Buffers.Text.Base64Url.DecodeFromChars(value);

    [LoggerMessage(EventId = 310, Level = LogLevel.Warning, Message = "Passkey registration refused: {Reason}")]
    private static partial void LogPasskeyRefused(ILogger logger, string reason);

    private Guid UserId => Guid.Parse(User.FindFirstValue(ClaimTypes.NameIdentifier)!);
}
