using Custos.Platform.Identity;
using Custos.Platform.Identity.Passwords;
using Custos.Platform.Logging;
using Custos.Platform.Validation;
using Custos.Web.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Custos.Web.Pages;

[PublicAccess("First-run setup: nobody can sign in before the first administrator exists; the one-time token guards it.")]
public sealed partial class SetupModel(
    FirstRunSetup setup, SessionSignIn sessions, UserManager<CustosUser> users, ILogger<SetupModel> logger) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    [BindProperty]
    public SetupInput Input { get; set; } = new();

    public SetupTokenStatus Status { get; private set; }

    public string StatusMessage => FirstRunSetup.Describe(Status);

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Status = await setup.CheckTokenAsync(Token, cancellationToken);
        return Status == SetupTokenStatus.SetupAlreadyComplete ? RedirectToPage("/Account/SignIn") : Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Status = await setup.CheckTokenAsync(Token, cancellationToken);
        if (Status != SetupTokenStatus.Valid)
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
            var userId = await setup.CreateAdministratorAsync(
                new CreateFirstAdministrator(Token!, Input.DisplayName ?? string.Empty, Input.Email ?? string.Empty, Input.Password ?? string.Empty),
                cancellationToken);
            var user = await users.FindByIdAsync(userId.ToString());
            LogAdministratorCreated(logger, user!.Email ?? string.Empty, userId);

            // Like every account, the first administrator enrols a second factor before getting a session.
            await sessions.BeginSecondStepAsync(userId);
            TempData["Status"] = "Welcome to Custos. Start by recording your organization profile and officers.";
            return RedirectToPage("/Account/Enrol");
        }
        catch (InvalidRequestException invalid) when (!invalid.Errors.ContainsKey(nameof(CreateFirstAdministrator.Token)))
        {
            ModelState.AddRequestErrors(invalid);
            return Page();
        }
        catch (InvalidRequestException)
        {
            Status = await setup.CheckTokenAsync(Token, cancellationToken);
            return Page();
        }
    }

    /// <summary>The strength meter (htmx): the same estimator and rules the server applies on submit.</summary>
    public PartialViewResult OnPostStrength([FromServices] IEnumerable<IPasswordContextWords> contextWords) =>
        Partial("_PasswordStrength", PasswordFeedback.For(Input.Password, Input.Email, contextWords));

    // The email is personal data: the redactor erases it from every log sink.
    [LoggerMessage(EventId = 200, Level = LogLevel.Information, Message = "First administrator {Email} created (user {UserId}); first-run setup is complete")]
    private static partial void LogAdministratorCreated(ILogger logger, [PersonalInformation] string email, Guid userId);

    public sealed class SetupInput
    {
        public string? DisplayName { get; set; }

        public string? Email { get; set; }

        public string? Password { get; set; }

        public string? ConfirmPassword { get; set; }
    }
}
