using System.Globalization;
using Custos.Modules.Organization;
using Custos.Modules.Organization.Contracts;
using Custos.Platform.Authorization;
using Custos.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Custos.Web.Tests.Browser;

/// <summary>A business associate's Security Officer completes a case's facts from the keyboard and sees the obligations change.</summary>
public sealed class IncidentFactsJourneyTests
{
    private const string Password = "a quiet lantern by the harbor";

    [Fact]
    public async Task Naming_the_affected_covered_entities_replaces_the_generic_60_day_notice_with_one_per_BAA_window()
    {
        await using var browser = await Infrastructure.Browser.LaunchAsync();
        await using var custos = await LiveCustos.StartAsync();
        var violations = new List<string>();
        async Task Check(IPage page, string name)
        {
            violations.AddRange((await Infrastructure.Browser.SeriousAccessibilityViolationsAsync(page)).Select(v => $"{name}: {v}"));
            await Infrastructure.Browser.ScreenshotAsync(page, name);
        }

        var admin = await browser.NewPageAsync();
        await custos.SetUpAdministratorAsync(admin, "Avery Admin", "avery@brightwater.example", "quiet harbor lantern 42");
        using (var scope = custos.Services.CreateScope())
        {
            var ct = TestContext.Current.CancellationToken;
            await scope.ServiceProvider.GetRequiredService<UpdateOrganizationProfile>().HandleAsync(
                new UpdateOrganizationProfileCommand("Brightwater Telehealth", EntityType.BusinessAssociate,
                    new PostalAddress("400 Harbor Point Drive", null, "Portland", "OR", "97201", "United States"),
                    new ContactPerson("Dana Whitfield", "privacy@brightwater.example", "+1 800 555 0142", "Privacy Office")), ct);
            var add = scope.ServiceProvider.GetRequiredService<AddCustomer>();
            var contact = new ContactPerson("Tomás Alvarez", "privacy@riverbend.example", "+1 503 555 0117", "Privacy Officer");
            await add.HandleAsync(new CustomerDetails("Riverbend Clinic", CustomerKind.HealthcareProvider, contact, null, 10, new DateOnly(2025, 1, 15), null), ct);
            await add.HandleAsync(new CustomerDetails("Lakeside Health Plan", CustomerKind.HealthPlan, contact, null, 30, new DateOnly(2025, 1, 15), null), ct);
        }

        await custos.CreateUserAsync("sam@brightwater.example", "Sam Shield", Password, BuiltInRoles.SecurityOfficer);

        await admin.GetByRole(AriaRole.Link, new() { Name = "Report an incident" }).First.ClickAsync();
        await admin.WaitForURLAsync("**/incidents/report");
        await admin.GetByLabel("What happened?").SelectOptionAsync("MisdirectedPhi");
        await admin.GetByLabel("One-line summary").FillAsync("Claims export emailed to the wrong clinic");
        await admin.GetByLabel("Details").FillAsync("The weekly claims export went to the wrong recipient.");
        await admin.GetByLabel("Yes").CheckAsync();
        await admin.GetByRole(AriaRole.Button, new() { Name = "Report" }).ClickAsync();
        (await admin.GetByRole(AriaRole.Status).TextContentAsync())!.ShouldContain("reported as INC-");

        var sam = await browser.NewPageAsync();
        await custos.SignInFirstTimeAsync(sam, "sam@brightwater.example", Password);
        await sam.GotoAsync(new Uri(custos.BaseAddress, "/incidents").ToString());
        await sam.GetByRole(AriaRole.Link, new() { Name = "INC-" }).First.ClickAsync();
        await sam.WaitForURLAsync("**/incidents/*");
        var today = DateOnly.FromDateTime(custos.Time.GetUtcNow().UtcDateTime);
        string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var obligations = sam.Locator("#obligations");
        (await obligations.Locator("tr[data-obligation='covered_entity']").TextContentAsync())!.ShouldContain(Iso(today.AddDays(60))); // nobody named yet: 164.410(b)'s 60 days

        // Edit facts, from the keyboard: a future discovery date is refused with the error at the field and the choices kept.
        await sam.GetByRole(AriaRole.Link, new() { Name = "Edit facts" }).ClickAsync();
        await sam.WaitForURLAsync("**/facts");
        await Check(sam, "incident-facts-01-form");
        await sam.GetByLabel("Discovered on").FillAsync("2099-01-01");
        await sam.GetByLabel("Riverbend Clinic").FocusAsync();
        await sam.Keyboard.PressAsync("Space");
        await sam.GetByLabel("Agent of the covered entity").FocusAsync();
        await sam.Keyboard.PressAsync("Space");
        await sam.GetByRole(AriaRole.Button, new() { Name = "Save facts" }).FocusAsync();
        await sam.Keyboard.PressAsync("Enter");
        await sam.WaitForSelectorAsync("[data-error-summary]");
        (await sam.Locator("span[data-valmsg-for='Input.DiscoveredOn']").TextContentAsync())!.ShouldContain("cannot be in the future");
        (await sam.GetByLabel("Riverbend Clinic").IsCheckedAsync()).ShouldBeTrue();
        (await sam.GetByLabel("Agent of the covered entity").IsCheckedAsync()).ShouldBeTrue();
        await Check(sam, "incident-facts-02-error");

        await sam.GetByLabel("Discovered on").FillAsync(Iso(today));
        await sam.GetByLabel("Lakeside Health Plan").FocusAsync();
        await sam.Keyboard.PressAsync("Space");
        await sam.GetByLabel("Type of breach").SelectOptionAsync("Unauthorized Access/Disclosure");
        await sam.GetByRole(AriaRole.Button, new() { Name = "Save facts" }).FocusAsync();
        await sam.Keyboard.PressAsync("Enter");
        await sam.WaitForURLAsync(url => !url.EndsWith("/facts", StringComparison.Ordinal));
        await sam.GetByText("Facts saved; the obligations below are computed from them.").First.WaitForAsync();

        // The obligations are recomputed from the facts: one notice per covered entity, each within its BAA window.
        (await obligations.Locator("tr[data-obligation='covered_entity']").CountAsync()).ShouldBe(0);
        (await obligations.Locator("tr[data-obligation='covered_entity:Riverbend Clinic']").TextContentAsync())!.ShouldContain(Iso(today.AddDays(10)));
        (await obligations.Locator("tr[data-obligation='covered_entity:Lakeside Health Plan']").TextContentAsync())!.ShouldContain(Iso(today.AddDays(30)));
        (await sam.Locator("#affected-customers").TextContentAsync())!.ShouldContain("Riverbend Clinic");
        (await sam.Locator("#agency").TextContentAsync())!.ShouldContain("Yes (agent)");

        // And the case goes to someone else through the owner picker.
        await sam.GetByLabel("Give the case to").SelectOptionAsync(new SelectOptionValue { Label = "Avery Admin (avery@brightwater.example)" });
        await sam.GetByRole(AriaRole.Button, new() { Name = "Assign" }).ClickAsync();
        await sam.GetByText("Owner changed; they were told in-app.").First.WaitForAsync();
        (await sam.Locator("#case-facts").TextContentAsync())!.ShouldContain("Avery Admin");
        await Check(sam, "incident-facts-03-case");

        violations.ShouldBeEmpty();
    }
}
