using Custos.Platform.Authorization;
using Custos.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Custos.Web.Tests.Compliance;

/// <summary>Issue 7: upload evidence, approve it, and see the requirement turn met on the dashboard; axe on each page.</summary>
public sealed class ComplianceBrowserTests
{
    private const string RiskAnalysis = "164.308(a)(1)(ii)(A)";

    [Fact]
    public async Task A_compliance_manager_uploads_evidence_approves_it_and_sees_the_requirement_turn_met_on_the_dashboard()
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

        await custos.SetUpAdministratorAsync(page, "Priya Raman", "priya@brightwater.example", "quiet harbor lantern 42");
        await custos.GrantRoleAsync("priya@brightwater.example", BuiltInRoles.ComplianceManager);

        await page.ReloadAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "HIPAA posture" }).ClickAsync();
        await page.WaitForURLAsync("**/compliance");
        var row = page.Locator($"tr[data-requirement=\"{RiskAnalysis}\"]");
        (await row.Locator("[data-verdict]").TextContentAsync())!.ShouldBe("Not met");
        await CheckAccessibility("compliance-01-dashboard");

        await row.GetByRole(AriaRole.Link, new() { Name = RiskAnalysis }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "164.308(a)(1)(ii)(A) Risk analysis" }).WaitForAsync();
        await page.GetByLabel("Status").SelectOptionAsync("Implemented");
        await page.GetByLabel("Owner").FillAsync("Elena Sokolova");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save implementation" }).ClickAsync();
        (await page.GetByRole(AriaRole.Status).TextContentAsync())!.ShouldContain("Implementation saved.");
        (await page.GetByTestId("verdict").TextContentAsync())!.ShouldBe("Not met");

        await page.GetByLabel("Title").FillAsync("Risk analysis 2026");
        await page.GetByLabel("File (up to 100 MB)").SetInputFilesAsync(new FilePayload
        {
            Name = "risk-analysis-2026.pdf",
            MimeType = "application/pdf",
            Buffer = "%PDF-1.4 risk analysis signed by leadership"u8.ToArray(),
        });
        await page.GetByRole(AriaRole.Button, new() { Name = "Add evidence" }).ClickAsync();
        (await page.GetByRole(AriaRole.Status).TextContentAsync())!.ShouldContain("Evidence added as a draft");
        var evidenceRow = page.Locator("tr[data-evidence]", new() { HasText = "Risk analysis 2026" });
        await evidenceRow.GetByRole(AriaRole.Button, new() { Name = "Submit" }).ClickAsync();
        (await page.GetByRole(AriaRole.Status).TextContentAsync())!.ShouldContain("submitted for review");
        await evidenceRow.GetByRole(AriaRole.Button, new() { Name = "Approve" }).ClickAsync();
        (await page.GetByRole(AriaRole.Status).TextContentAsync())!.ShouldContain("Evidence approved.");
        (await page.GetByTestId("verdict").TextContentAsync())!.ShouldBe("Met");
        await CheckAccessibility("compliance-02-requirement");

        await page.GetByRole(AriaRole.Link, new() { Name = "HIPAA posture" }).First.ClickAsync();
        await page.WaitForURLAsync("**/compliance");
        (await page.Locator($"tr[data-requirement=\"{RiskAnalysis}\"] [data-verdict]").TextContentAsync())!.ShouldBe("Met");
        (await page.GetByTestId("met-count").TextContentAsync())!.ShouldStartWith("1 ");

        violations.ShouldBeEmpty();
    }
}
