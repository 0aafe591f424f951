using Custos.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Custos.Web.Tests.Audit;

/// <summary>DESIGN.md journey 4 (an auditor verifies the ledger), in real Chromium with axe checks on each audit page.</summary>
public sealed class AuditBrowserTests
{
    [Fact]
    public async Task An_administrator_searches_the_ledger_verifies_it_on_demand_and_sees_no_open_alerts_on_accessible_pages()
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

        await page.GetByRole(AriaRole.Link, new() { Name = "Audit ledger" }).ClickAsync();
        await page.WaitForURLAsync("**/audit");
        await page.GetByRole(AriaRole.Heading, new() { Name = "Audit ledger" }).WaitForAsync();
        await page.GetByText("CustosUser").First.WaitForAsync(new() { Timeout = 15_000 });
        await CheckAccessibility("audit-01-ledger");

        await page.GetByLabel("Resource type").FillAsync("CustosUser");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await page.WaitForURLAsync("**/audit?**");
        (await page.Locator("tbody tr").CountAsync()).ShouldBeGreaterThan(0);

        await page.GetByRole(AriaRole.Link, new() { Name = "Integrity and verification" }).ClickAsync();
        await page.WaitForURLAsync("**/audit/integrity");
        await page.GetByRole(AriaRole.Button, new() { Name = "Verify now" }).ClickAsync();
        await page.GetByRole(AriaRole.Status).WaitForAsync();
        (await page.GetByRole(AriaRole.Status).TextContentAsync())!.ShouldContain("everything checks");
        await CheckAccessibility("audit-02-integrity");

        await page.GetByRole(AriaRole.Link, new() { Name = "Audit alerts" }).ClickAsync();
        await page.WaitForURLAsync("**/audit/alerts");
        (await page.GetByText("No open alerts").IsVisibleAsync()).ShouldBeTrue();
        await CheckAccessibility("audit-03-alerts");

        violations.ShouldBeEmpty();
    }
}
