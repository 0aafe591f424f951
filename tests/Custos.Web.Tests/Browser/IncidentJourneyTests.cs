using System.Globalization;
using Custos.Modules.Organization;
using Custos.Modules.Organization.Contracts;
using Custos.Platform.Authorization;
using Custos.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Custos.Web.Tests.Browser;

/// <summary>Design journey 2, "An incident at 2 a.m.", in real Chromium with axe-core on every page.</summary>
public sealed class IncidentJourneyTests
{
    private const string Password = "a quiet lantern by the harbor";

    [Fact]
    public async Task A_reported_incident_is_assessed_as_a_breach_of_620_in_two_States_with_dated_obligations_and_an_individual_letter()
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
            await scope.ServiceProvider.GetRequiredService<UpdateOrganizationProfile>().HandleAsync(
                new UpdateOrganizationProfileCommand("Brightwater Health", EntityType.CoveredEntity,
                    new PostalAddress("400 Harbor Point Drive", null, "Portland", "OR", "97201", "United States"),
                    new ContactPerson("Dana Whitfield", "privacy@brightwater.example", "+1 800 555 0142", "Privacy Office")),
                TestContext.Current.CancellationToken);
        }

        await custos.CreateUserAsync("sam@brightwater.example", "Sam Shield", Password, BuiltInRoles.SecurityOfficer);
        await custos.CreateUserAsync("pia@brightwater.example", "Pia Privacy", Password, BuiltInRoles.PrivacyOfficer);

        // An engineer-level user reports from the short form (here the administrator, who holds incidents.report).
        await admin.GetByRole(AriaRole.Link, new() { Name = "Report an incident" }).First.ClickAsync();
        await admin.WaitForURLAsync("**/incidents/report");
        await Check(admin, "incidents-01-report-form");
        await admin.GetByLabel("What happened?").SelectOptionAsync("MisdirectedPhi");
        await admin.GetByLabel("One-line summary").FillAsync("Claims export emailed to the wrong clinic");
        await admin.GetByLabel("Details").FillAsync("The weekly claims export went to Lakeside Clinic instead of Riverbend.");
        await admin.GetByLabel("Yes").CheckAsync();
        await admin.GetByRole(AriaRole.Button, new() { Name = "Report" }).ClickAsync();
        var reported = (await admin.GetByRole(AriaRole.Status).TextContentAsync())!;
        reported.ShouldContain("reported as INC-");
        await Check(admin, "incidents-02-reported");

        // The Security Officer counts the people per State and writes the four-factor assessment.
        var sam = await browser.NewPageAsync();
        await custos.SignInFirstTimeAsync(sam, "sam@brightwater.example", Password);
        await sam.GotoAsync(new Uri(custos.BaseAddress, "/incidents").ToString());
        await Check(sam, "incidents-03-list");
        await sam.GetByRole(AriaRole.Link, new() { Name = "INC-" }).First.ClickAsync();
        await sam.WaitForURLAsync("**/incidents/*");
        await sam.GetByLabel("Counts, e.g. TX=530, OH=90").FillAsync("TX=530, OH=90");
        await sam.GetByRole(AriaRole.Button, new() { Name = "Save counts" }).ClickAsync();
        (await sam.Locator("#individuals-affected").TextContentAsync())!.ShouldContain("620");
        foreach (var (field, text) in new[]
        {
            ("Nature", "Names, member IDs and diagnosis codes of identifiable patients."),
            ("Recipient", "A clinic with no treatment relationship to these patients."),
            ("Acquired", "The clinic opened the file before calling us."),
            ("Mitigation", "Deletion attested in writing, but after it was opened."),
        })
        {
            await sam.Locator($"#{field}-why").FillAsync(text);
        }

        await sam.GetByRole(AriaRole.Button, new() { Name = "Save assessment" }).ClickAsync();
        (await sam.GetByText("awaiting the Privacy Officer's sign-off").First.IsVisibleAsync()).ShouldBeTrue();
        await Check(sam, "incidents-04-assessed");
        var caseUrl = sam.Url;

        // The Privacy Officer, not the author, signs it off; the obligations show their dates and reasons.
        var pia = await browser.NewPageAsync();
        await custos.SignInFirstTimeAsync(pia, "pia@brightwater.example", Password);
        await pia.GotoAsync(caseUrl);
        await pia.GetByRole(AriaRole.Button, new() { Name = "Sign off version 1" }).ClickAsync();
        (await pia.GetByText("signed off by Pia Privacy").First.IsVisibleAsync()).ShouldBeTrue();
        var discovered = DateOnly.FromDateTime(custos.Time.GetUtcNow().UtcDateTime);
        var due = discovered.AddDays(60).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var obligations = pia.Locator("#obligations");
        (await obligations.Locator("tr[data-obligation='individuals']").TextContentAsync())!.ShouldContain(due); // discovery + 60 (164.404(b))
        (await obligations.Locator("tr[data-obligation='media:TX']").TextContentAsync())!.ShouldContain(due); // 530 > 500 in Texas (164.406)
        (await obligations.Locator("tr[data-obligation='media:OH']").CountAsync()).ShouldBe(0); // 90 in Ohio
        (await obligations.Locator("tr[data-obligation='secretary']").TextContentAsync())!.ShouldContain("164.408"); // 620 >= 500
        await Check(pia, "incidents-05-obligations");

        // The individual letter, with the 164.404(c) content.
        await pia.GetByRole(AriaRole.Link, new() { Name = "Individual notice" }).ClickAsync();
        await pia.WaitForURLAsync("**/notices/individual");
        var letter = (await pia.Locator("#notice").TextContentAsync())!;
        letter.ShouldContain("What happened");
        letter.ShouldContain("What you can do");
        letter.ShouldContain("privacy@brightwater.example");
        await Check(pia, "incidents-06-individual-letter");

        violations.ShouldBeEmpty();
    }
}
