using Custos.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Custos.Web.Tests.Browser;

/// <summary>An administrator gives a new colleague an account and later changes their roles, in real Chromium with axe checks.</summary>
public sealed class UsersBrowserTests
{
    [Fact]
    public async Task An_administrator_creates_an_account_copies_its_link_and_changes_its_roles_on_accessible_pages()
    {
        await using var browser = await Infrastructure.Browser.LaunchAsync();
        await using var custos = await LiveCustos.StartAsync();
        var page = await browser.NewPageAsync();
        var accessibility = new AccessibilityAudit(page);

        await custos.SetUpAdministratorAsync(page, "Priya Raman", "priya@brightwater.example", "quiet harbor lantern 42");

        await page.GetByRole(AriaRole.Link, new() { Name = "Users", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Users", Exact = true }).WaitForAsync();
        await page.GetByLabel("Work email").FillAsync("wren@brightwater.example");
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Wren Worker");
        await page.GetByLabel("Role", new() { Exact = true }).SelectOptionAsync("Engineer");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        var link = page.GetByLabel("The one-time activation link");
        await link.WaitForAsync();
        (await link.InputValueAsync()).ShouldContain("/account/activate?token=");
        await accessibility.CheckAsync("users-01-created");

        var row = page.Locator("tr[data-user='wren@brightwater.example']");
        await row.GetByText("Roles", new() { Exact = true }).ClickAsync();
        await row.GetByLabel("Security Officer").CheckAsync();
        await row.GetByRole(AriaRole.Button, new() { Name = "Save roles" }).ClickAsync();
        await page.GetByText("wren@brightwater.example now holds: Engineer, Security Officer.").WaitForAsync();
        (await page.Locator("tr[data-user='wren@brightwater.example'] td").Nth(2).TextContentAsync()).ShouldBe("Engineer, Security Officer");
        await accessibility.CheckAsync("users-02-roles-changed");

        accessibility.Violations.ShouldBeEmpty();
    }
}
