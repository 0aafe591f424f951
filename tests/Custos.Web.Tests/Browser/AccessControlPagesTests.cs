using Custos.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Custos.Web.Tests.Browser;

/// <summary>The access-control pages in real Chromium: an API key shown once, elevation, break-glass, notifications, all accessible.</summary>
public sealed class AccessControlPagesTests
{
    [Fact]
    public async Task An_administrator_creates_an_api_key_asks_for_elevation_and_breaks_the_glass_on_accessible_pages()
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

        var key = await custos.SetUpAdministratorAsync(page, "Avery Admin", "avery@brightwater.example", "quiet harbor lantern 42");

        // API key: an unknown-free scope list, shown once.
        await page.GetByRole(AriaRole.Link, new() { Name = "API keys" }).ClickAsync();
        await page.WaitForURLAsync("**/access/keys");
        await CheckAccessibility("access-01-keys-empty");
        await page.GetByLabel("Name (what uses it)").FillAsync("CI evidence upload");
        await page.Locator("#scope-compliance-read").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Create key" }).ClickAsync();
        var secret = await page.GetByLabel("The new API key").InputValueAsync();
        secret.ShouldMatch("^custos_[0-9a-f]{12}_[0-9a-f]{64}$");
        await CheckAccessibility("access-02-key-issued");
        await page.GotoAsync(new Uri(custos.BaseAddress, "/access/keys").ToString());
        (await page.ContentAsync()).ShouldNotContain(secret);
        (await page.GetByRole(AriaRole.Row, new() { Name = "CI evidence upload" }).TextContentAsync())!.ShouldContain("compliance.read");

        // Elevation request: errors first, then sent.
        await page.GetByRole(AriaRole.Link, new() { Name = "Request elevation" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Send request" }).ClickAsync();
        (await page.GetByRole(AriaRole.Alert).TextContentAsync())!.ShouldContain("nothing was saved");
        await CheckAccessibility("access-03-elevation-errors");
        await page.GetByLabel("Role", new() { Exact = true }).SelectOptionAsync("Privacy Officer");
        await page.GetByLabel("Why (the approver and the auditors read it)").FillAsync("INC-2207: assess the misdirected export with the PHI details");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send request" }).ClickAsync();
        (await page.GetByRole(AriaRole.Status).TextContentAsync())!.ShouldContain("waiting for someone holding the approval permission");
        await CheckAccessibility("access-04-elevation-sent");

        // Nobody approves their own request.
        await page.GetByRole(AriaRole.Link, new() { Name = "Pending approvals" }).ClickAsync();
        (await page.GetByText("Nothing is waiting for a decision.").IsVisibleAsync()).ShouldBeTrue();
        await CheckAccessibility("access-05-approvals");

        // Break-glass: at once, notified (no Security Officer account: the Administrators are told).
        await page.GetByRole(AriaRole.Link, new() { Name = "Break glass" }).ClickAsync();
        await page.GetByLabel("Role", new() { Exact = true }).SelectOptionAsync("Security Officer");
        await page.GetByLabel("What is the emergency, and what must you do?").FillAsync("Ransomware alert on the evidence store: isolate it now");
        await CheckAccessibility("access-06-break-glass");
        await page.GetByRole(AriaRole.Button, new() { Name = "Break the glass" }).ClickAsync();
        await page.WaitForURLAsync("**/access/elevation");
        (await page.GetByRole(AriaRole.Status).TextContentAsync())!.ShouldContain("The Security Officer has been notified");
        (await page.GetByRole(AriaRole.Link, new() { Name = "Notifications 1 unread" }).IsVisibleAsync()).ShouldBeTrue();
        await page.GetByRole(AriaRole.Link, new() { Name = "Notifications 1 unread" }).ClickAsync();
        (await page.GetByText("Break-glass: Avery Admin took Security Officer").IsVisibleAsync()).ShouldBeTrue();
        await CheckAccessibility("access-07-notifications");

        violations.ShouldBeEmpty();
    }
}
