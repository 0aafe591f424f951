using Custos.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Custos.Web.Tests.Browser;

/// <summary>DESIGN.md journey 1, in real Chromium: set up, sign in, record the organization, add a customer.</summary>
public sealed class FirstHourJourneyTests
{
    [Fact]
    public async Task A_privacy_officer_sets_up_Custos_records_the_organization_and_adds_a_customer_with_accessible_pages()
    {
        await using var browser = await Infrastructure.Browser.LaunchAsync();
        await using var custos = await LiveCustos.StartAsync();
        var page = await browser.NewPageAsync();
        var violations = new List<string>();
        async Task CheckAccessibility(string name)
        {
            violations.AddRange((await Infrastructure.Browser.SeriousAccessibilityViolationsAsync(page)).Select(v => $"{name}: {v}"));
            await Infrastructure.Browser.ScreenshotAsync(page, name);
        }

        // First-run setup from the console link.
        await page.GotoAsync(new Uri(custos.BaseAddress, custos.Announcer.WaitForLink().PathAndQuery).ToString());
        await CheckAccessibility("01-setup");
        await page.GetByLabel("Your name").FillAsync("Priya Raman");
        await page.GetByLabel("Work email").FillAsync("priya@brightwater.example");
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync("quiet harbor lantern 42");
        await page.GetByLabel("Repeat the password").FillAsync("quiet harbor lantern 42");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create administrator" }).ClickAsync();

        // Every account enrols a second factor before its first session: the code comes from the displayed key.
        await page.WaitForURLAsync("**/account/enrol");
        await CheckAccessibility("01b-enrol");
        var key = (await page.Locator("[data-shared-key]").GetAttributeAsync("data-shared-key"))!;
        await page.GetByLabel("Code", new() { Exact = true }).FillAsync(custos.NextCode(key));
        await page.GetByRole(AriaRole.Button, new() { Name = "Turn on two-step sign-in" }).ClickAsync();
        (await page.Locator("[data-recovery-codes] li").CountAsync()).ShouldBe(10);
        await CheckAccessibility("01c-recovery-codes");
        await page.GetByRole(AriaRole.Link, new() { Name = "I have saved them, continue" }).ClickAsync();
        await page.WaitForURLAsync(custos.BaseAddress + "");
        (await page.GetByRole(AriaRole.Heading, new() { Name = "Needs attention" }).IsVisibleAsync()).ShouldBeTrue();
        await CheckAccessibility("02-dashboard-empty");

        // Sign out and back in.
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await page.WaitForURLAsync("**/account/sign-in");
        await CheckAccessibility("03-sign-in");
        await page.GetByLabel("Email").FillAsync("priya@brightwater.example");
        await page.GetByLabel("Password").FillAsync("quiet harbor lantern 42");
        await page.GetByLabel("Password").PressAsync("Enter");
        await page.WaitForURLAsync("**/account/verify*");
        await page.GetByLabel("Code from your authenticator app").FillAsync(custos.NextCode(key));
        await page.GetByLabel("Code from your authenticator app").PressAsync("Enter");
        await page.WaitForURLAsync(custos.BaseAddress + "");
        (await page.GetByText("Signed in as").TextContentAsync())!.ShouldContain("Priya Raman");

        // The profile form shows field errors and saves nothing when incomplete, then saves.
        await page.GotoAsync(new Uri(custos.BaseAddress, "/organization/edit").ToString());
        await page.GetByLabel("Legal name").FillAsync("Brightwater Telehealth, Inc.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save profile" }).ClickAsync();
        (await page.GetByRole(AriaRole.Alert).TextContentAsync())!.ShouldContain("nothing was saved");
        await CheckAccessibility("04-profile-errors");
        await page.GetByLabel("Entity type").SelectOptionAsync("BusinessAssociate");
        await page.GetByLabel("Street address").FillAsync("400 Harbor Point Drive");
        await page.GetByLabel("City").FillAsync("Portland");
        await page.GetByLabel("State or region").FillAsync("OR");
        await page.GetByLabel("ZIP or postal code").FillAsync("97201");
        await page.Locator("#Input_MainContact_Name").FillAsync("Dana Whitfield");
        await page.Locator("#Input_MainContact_Email").FillAsync("dana@brightwater.example");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save profile" }).ClickAsync();
        await page.WaitForURLAsync("**/organization");
        (await page.GetByRole(AriaRole.Heading, new() { Name = "Brightwater Telehealth, Inc." }).IsVisibleAsync()).ShouldBeTrue();
        await CheckAccessibility("05-organization");

        // Add a covered-entity customer with a BAA notice window.
        await page.GotoAsync(new Uri(custos.BaseAddress, "/organization/customers").ToString());
        (await page.GetByText("No customers yet").IsVisibleAsync()).ShouldBeTrue();
        await CheckAccessibility("06-customers-empty");
        await page.GetByRole(AriaRole.Link, new() { Name = "Add the first customer" }).ClickAsync();
        await page.GetByLabel("Name", new() { Exact = true }).First.FillAsync("Riverbend Community Health");
        await page.GetByLabel("Kind of covered entity").SelectOptionAsync("HealthcareProvider");
        await page.GetByLabel("Breach notice within (days)").FillAsync("10");
        await page.Locator("#Input_BreachNoticeContact_Name").FillAsync("Tomás Alvarez");
        await page.Locator("#Input_BreachNoticeContact_Email").FillAsync("privacy@riverbend.example");
        await CheckAccessibility("07-customer-form");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add customer" }).ClickAsync();
        await page.WaitForURLAsync("**/organization/customers");
        (await page.GetByRole(AriaRole.Row, new() { Name = "Riverbend Community Health" }).TextContentAsync())!.ShouldContain("10 days");
        await CheckAccessibility("08-customers");

        // The dashboard shows what is still missing, and its link designates the Security Officer.
        await page.GotoAsync(custos.BaseAddress.ToString());
        var attention = await page.Locator("section[aria-labelledby='attention-heading']").TextContentAsync();
        attention!.ShouldContain("Security Officer designated");
        attention!.ShouldContain("Privacy Officer designated");
        attention!.ShouldNotContain("Organization profile");
        await CheckAccessibility("09-dashboard");
        var fix = page.Locator("section[aria-labelledby='attention-heading'] a[href*='role=SecurityOfficer']");
        (await fix.GetAttributeAsync("href")).ShouldBe("/organization/officers?role=SecurityOfficer#designate");
        await fix.ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Designate an officer" }).WaitForAsync();
        (await page.GetByLabel("Role").InputValueAsync()).ShouldBe("SecurityOfficer");
        await page.Locator("#Input_Person_Name").FillAsync("Elena Sokolova");
        await page.Locator("#Input_Person_Email").FillAsync("security@brightwater.example");
        await page.GetByRole(AriaRole.Button, new() { Name = "Record designation" }).ClickAsync();
        await page.GetByText("Elena Sokolova is recorded as Security Officer").WaitForAsync();
        (await page.GetByRole(AriaRole.Row, new() { Name = "Elena Sokolova" }).TextContentAsync())!.ShouldContain("Current");
        await CheckAccessibility("10-officers");
        await page.GotoAsync(custos.BaseAddress.ToString());
        (await page.Locator("section[aria-labelledby='attention-heading']").TextContentAsync())!.ShouldNotContain("Security Officer designated");

        violations.ShouldBeEmpty();
    }
}
