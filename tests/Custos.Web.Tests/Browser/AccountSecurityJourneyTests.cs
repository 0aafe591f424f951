using Custos.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Custos.Web.Tests.Browser;

/// <summary>Issue 3's journey in real Chromium: enrol TOTP, sign in with it, see and revoke another session.</summary>
public sealed class AccountSecurityJourneyTests
{
    private const string Email = "sam@brightwater.example";
    private const string Password = "copper kettle morning tide";

    [Fact]
    public async Task A_user_enrols_an_authenticator_signs_in_with_it_and_revokes_another_session()
    {
        await using var browser = await Infrastructure.Browser.LaunchAsync();
        await using var custos = await LiveCustos.StartAsync();
        var page = await browser.NewPageAsync();
        var violations = new List<string>();
        async Task CheckAccessibility(IPage on, string name)
        {
            violations.AddRange((await Infrastructure.Browser.SeriousAccessibilityViolationsAsync(on)).Select(v => $"{name}: {v}"));
            await Infrastructure.Browser.ScreenshotAsync(on, name);
        }

        // Setup, then enrolment with a code computed from the displayed key.
        await page.GotoAsync(new Uri(custos.BaseAddress, custos.Announcer.WaitForLink().PathAndQuery).ToString());
        await page.GetByLabel("Your name").FillAsync("Sam Okafor");
        await page.GetByLabel("Work email").FillAsync(Email);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(Password);
        await page.Locator("[data-password-strength]").WaitForAsync();
        await page.GetByLabel("Repeat the password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create administrator" }).ClickAsync();
        await page.WaitForURLAsync("**/account/enrol");
        var key = (await page.Locator("[data-shared-key]").GetAttributeAsync("data-shared-key"))!;
        await page.GetByLabel("Code", new() { Exact = true }).FillAsync("12345");
        await page.GetByRole(AriaRole.Button, new() { Name = "Turn on two-step sign-in" }).ClickAsync();
        (await page.GetByRole(AriaRole.Alert).TextContentAsync())!.ShouldContain("6-digit code");
        await CheckAccessibility(page, "sec-01-enrol-error");
        await page.GetByLabel("Code", new() { Exact = true }).FillAsync(custos.NextCode(key));
        await page.GetByRole(AriaRole.Button, new() { Name = "Turn on two-step sign-in" }).ClickAsync();
        (await page.Locator("[data-recovery-codes] li").CountAsync()).ShouldBe(10);
        await page.GetByRole(AriaRole.Link, new() { Name = "I have saved them, continue" }).ClickAsync();

        // Sign out, and back in with the second factor.
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await SignInAsync(page, custos, key);
        await CheckAccessibility(page, "sec-02-signed-in");

        // A second browser (another device) signs in too.
        var other = await browser.NewPageAsync();
        await SignInAsync(other, custos, key);

        // The first sees both sessions and signs the other out.
        await page.GotoAsync(new Uri(custos.BaseAddress, "/account/sessions").ToString());
        (await page.Locator("[data-session]").CountAsync()).ShouldBe(2);
        await CheckAccessibility(page, "sec-03-sessions");
        var otherRow = page.Locator("[data-session]").Filter(new() { HasNot = page.GetByText("This session") });
        await otherRow.GetByRole(AriaRole.Button).ClickAsync();
        (await page.GetByRole(AriaRole.Status).TextContentAsync())!.ShouldContain("signed out");
        (await page.Locator("[data-session]").CountAsync()).ShouldBe(1);

        // The other device is refused on its very next request.
        await other.GotoAsync(new Uri(custos.BaseAddress, "/organization").ToString());
        other.Url.ShouldContain("/account/sign-in");

        violations.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_user_adds_a_passkey_and_signs_in_with_it_alone()
    {
        await using var browser = await Infrastructure.Browser.LaunchAsync();
        await using var custos = await LiveCustos.StartAsync();
        var page = await browser.NewPageAsync();

        // A platform authenticator with user verification, as a phone or laptop has (Chromium's virtual authenticator).
        var cdp = await page.Context.NewCDPSessionAsync(page);
        await cdp.SendAsync("WebAuthn.enable");
        await cdp.SendAsync("WebAuthn.addVirtualAuthenticator", new Dictionary<string, object>
        {
            ["options"] = new Dictionary<string, object>
            {
                ["protocol"] = "ctap2",
                ["transport"] = "internal",
                ["hasResidentKey"] = true,
                ["hasUserVerification"] = true,
                ["isUserVerified"] = true,
                ["automaticPresenceSimulation"] = true,
            },
        });

        var key = await custos.SetUpAdministratorAsync(page, "Sam Okafor", Email, Password);

        await page.GotoAsync(new Uri(custos.BaseAddress, "/account/passkeys").ToString());
        await page.GetByLabel("Name for the new passkey").FillAsync("Test laptop");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add a passkey" }).ClickAsync();
        await page.Locator("[data-passkey], [data-error-summary], [data-passkey-error]:not(:empty)").First.WaitForAsync();
        await Infrastructure.Browser.ScreenshotAsync(page, "sec-04-passkeys");
        (await page.Locator("[data-passkey]").TextContentAsync())!.ShouldContain("Test laptop");
        (await Infrastructure.Browser.SeriousAccessibilityViolationsAsync(page)).ShouldBeEmpty();

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await page.WaitForURLAsync("**/account/sign-in");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in with a passkey" }).ClickAsync();
        await page.WaitForURLAsync(custos.BaseAddress + "");
        (await page.GetByText("Signed in as").TextContentAsync())!.ShouldContain("Sam Okafor");
    }

    private static async Task SignInAsync(IPage page, LiveCustos custos, string key)
    {
        await page.GotoAsync(new Uri(custos.BaseAddress, "/account/sign-in").ToString());
        await page.GetByLabel("Email").FillAsync(Email);
        await page.GetByLabel("Password").FillAsync(Password);
        await page.GetByLabel("Password").PressAsync("Enter");
        await page.WaitForURLAsync("**/account/verify*");
        await page.GetByLabel("Code from your authenticator app").FillAsync(custos.NextCode(key));
        await page.GetByLabel("Code from your authenticator app").PressAsync("Enter");
        await page.WaitForURLAsync(custos.BaseAddress + "");
    }
}
