using Custos.Modules.Privacy;
using Custos.Platform.Authorization;
using Custos.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Custos.Web.Tests.Browser;

/// <summary>Re-identification in real Chromium: a stale second factor is asked for again, errors name their field, the values never reach the URL; all accessible.</summary>
public sealed class PhiReidentifyJourneyTests
{
    private const string Password = "quiet harbor lantern 42";
    private const string Code = "NAME-7KQ2M9XW4HTR";

    [Fact]
    public async Task The_Privacy_Officer_confirms_a_fresh_code_states_a_purpose_and_sees_the_value_on_accessible_pages()
    {
        await using var browser = await Infrastructure.Browser.LaunchAsync();
        await using var custos = await LiveCustos.StartAsync();
        var admin = await browser.NewPageAsync();
        await custos.SetUpAdministratorAsync(admin, "Avery Admin", "avery@brightwater.example", Password);
        using (var scope = custos.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<RecordPseudonyms>().HandleAsync(
                new RecordPseudonymsCommand("claims-export.csv", [new PseudonymEntry(Code, "NAME", "Maria Kelvarossen")]), TestContext.Current.CancellationToken);
        }

        await custos.CreateUserAsync("pia@brightwater.example", "Pia Privacy", Password, BuiltInRoles.PrivacyOfficer);
        var page = await browser.NewPageAsync();
        var violations = new List<string>();
        async Task Check(string name)
        {
            violations.AddRange((await Infrastructure.Browser.SeriousAccessibilityViolationsAsync(page)).Select(v => $"{name}: {v}"));
            await Infrastructure.Browser.ScreenshotAsync(page, name);
        }

        // First sign-in with enrolment, keeping the authenticator key for the step-up later.
        await page.GotoAsync(new Uri(custos.BaseAddress, "/account/sign-in").ToString());
        await page.GetByLabel("Email").FillAsync("pia@brightwater.example");
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await page.WaitForURLAsync("**/account/enrol**");
        var key = (await page.Locator("[data-shared-key]").GetAttributeAsync("data-shared-key"))!;
        await page.GetByLabel("Code", new() { Exact = true }).FillAsync(custos.NextCode(key));
        await page.GetByRole(AriaRole.Button, new() { Name = "Turn on two-step sign-in" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "I have saved them, continue" }).ClickAsync();

        // Six minutes later the second factor is no longer fresh: the page asks for a code first.
        custos.Time.Advance(TimeSpan.FromMinutes(6));
        await page.GetByRole(AriaRole.Link, new() { Name = "Re-identify" }).ClickAsync();
        await page.WaitForURLAsync("**/account/step-up**");
        await Check("phi-reidentify-01-step-up");
        await page.GetByLabel("Code from your authenticator app").FillAsync(custos.NextCode(key));
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm" }).ClickAsync();
        await page.WaitForURLAsync("**/phi/reidentify");
        await Check("phi-reidentify-02-form");

        // No purpose: the error names the field and nothing is shown.
        await page.GetByLabel("Re-identification codes").FillAsync(Code);
        await page.GetByRole(AriaRole.Button, new() { Name = "Re-identify" }).ClickAsync();
        (await page.GetByRole(AriaRole.Alert).TextContentAsync())!.ShouldContain("State the purpose");
        (await page.ContentAsync()).ShouldNotContain("Kelvarossen");
        await Check("phi-reidentify-03-no-purpose");

        await page.GetByLabel("Purpose (recorded in the audit ledger)").FillAsync("Ticket CS-1042: the covered entity asks who row 12 is");
        await page.GetByRole(AriaRole.Button, new() { Name = "Re-identify" }).ClickAsync();
        (await page.GetByTestId("reidentified").TextContentAsync())!.ShouldContain("Maria Kelvarossen");
        page.Url.ShouldNotContain("Kelvarossen");
        page.Url.ShouldNotContain(Code);
        new Uri(page.Url).AbsolutePath.ShouldBe("/phi/reidentify");
        await Check("phi-reidentify-04-result");

        violations.ShouldBeEmpty();
    }
}
