using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Custos.Platform.Authorization;
using Custos.Web.Tests.Infrastructure;

namespace Custos.Web.Tests.Incidents;

/// <summary>The facts page and the owner picker over HTTP: field errors next to fields, values kept, readers refused.</summary>
public sealed class IncidentFactsPageTests
{
    private static readonly CancellationToken Ct = TestContext.Current.CancellationToken;

    private static async Task<(HttpClient Admin, string Id)> ReportAsync(CustosWebFactory app)
    {
        var admin = await app.CreateAdministratorClientAsync();
        var created = await admin.PostAsJsonAsync("/api/v1/incidents", new
        {
            kind = "MisdirectedPhi",
            summary = "Claims export emailed to the wrong clinic",
            description = "The March claims export for Riverbend went to Lakeside Clinic.",
            discoveredOn = "2026-03-01",
            occurredOn = (string?)null,
            phiInvolved = true,
            estimatedIndividuals = 3,
        }, Ct);
        return (admin, (await created.Content.ReadFromJsonAsync<JsonObject>(Ct))!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_reader_sees_the_facts_but_no_edit_forms_and_cannot_open_the_facts_page()
    {
        await using var app = new CustosWebFactory();
        var (_, id) = await ReportAsync(app);
        var (auditor, _) = await app.SignInAsNewUserAsync("ada@audit.example", BuiltInRoles.Auditor);
        var (officer, _) = await app.SignInAsNewUserAsync("sam@brightwater.example", BuiltInRoles.SecurityOfficer);

        var readerPage = await auditor.GetStringAsync($"/incidents/{id}", Ct);
        var readerFacts = await auditor.GetAsync($"/incidents/{id}/facts", Ct);
        var officerPage = await officer.GetStringAsync($"/incidents/{id}", Ct);

        readerPage.ShouldContain("Affected covered entities");
        readerPage.ShouldContain("Law-enforcement delay");
        readerPage.ShouldNotContain("Edit facts");
        readerPage.ShouldNotContain("Give the case to");
        readerFacts.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        readerFacts.Headers.Location!.OriginalString.ShouldContain("/account/access-denied");
        officerPage.ShouldContain($"href=\"/incidents/{id}/facts\"");
        officerPage.ShouldContain("Give the case to");
        officerPage.ShouldContain("Avery Admin (admin@custos.example)");
    }

    [Fact]
    public async Task A_rejected_facts_form_comes_back_with_the_error_next_to_the_field_and_the_values_kept_and_saves_nothing()
    {
        await using var app = new CustosWebFactory();
        var (_, id) = await ReportAsync(app);
        var (officer, _) = await app.SignInAsNewUserAsync("sam@brightwater.example", BuiltInRoles.SecurityOfficer);
        var form = await officer.GetStringAsync($"/incidents/{id}/facts", Ct);

        var rejected = await officer.PostAsync($"/incidents/{id}/facts", Forms.Encode(form, new Dictionary<string, string>
        {
            ["Input.Kind"] = "LostOrStolenDevice",
            ["Input.Summary"] = "Laptop left on the train",
            ["Input.PhiInvolved"] = "yes",
            ["Input.DiscoveredOn"] = "2099-01-01",
            ["Input.PhiTypes"] = "Ssn",
            ["Input.Agency"] = "IndependentContractor",
            ["Input.BreachLocation"] = "Laptop",
        }), Ct);
        var page = await rejected.Content.ReadAsStringAsync(Ct);
        var after = await officer.GetStringAsync($"/incidents/{id}", Ct);
        var saved = await officer.PostAsync($"/incidents/{id}/facts", Forms.Encode(form, new Dictionary<string, string>
        {
            ["Input.Kind"] = "LostOrStolenDevice",
            ["Input.Summary"] = "Laptop left on the train",
            ["Input.PhiInvolved"] = "yes",
            ["Input.DiscoveredOn"] = "2026-03-01",
            ["Input.PhiTypes"] = "Ssn",
            ["Input.Agency"] = "IndependentContractor",
            ["Input.BreachLocation"] = "Laptop",
        }), Ct);
        var updated = WebUtility.HtmlDecode(await officer.GetStringAsync($"/incidents/{id}", Ct));

        rejected.StatusCode.ShouldBe(HttpStatusCode.OK);
        page.ShouldMatch("data-valmsg-for=\"Input.DiscoveredOn\"[^>]*>The discovery date cannot be in the future");
        page.ShouldContain("value=\"Laptop left on the train\"");
        page.ShouldContain("value=\"2099-01-01\"");
        page.ShouldContain("id=\"phi-type-Ssn\" value=\"Ssn\" checked=\"checked\"");
        page.ShouldContain("id=\"agency-IndependentContractor\" value=\"IndependentContractor\" checked=\"checked\"");
        page.ShouldMatch("<option (selected=\"selected\" value=\"Laptop\"|value=\"Laptop\" selected=\"selected\")>");
        after.ShouldNotContain("Laptop left on the train");
        saved.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        updated.ShouldContain("Laptop left on the train");
        updated.ShouldContain("No (independent contractor)");
        updated.ShouldContain("Social Security numbers");
        updated.ShouldContain("Facts updated. Changed: kind, summary, PHI types, agent status, location of the information.");
    }

    [Fact]
    public async Task The_owner_picker_gives_the_case_to_another_account_and_shows_a_refusal_next_to_the_field()
    {
        await using var app = new CustosWebFactory();
        var (_, id) = await ReportAsync(app);
        var (officer, _) = await app.SignInAsNewNamedUserAsync("sam@brightwater.example", "Sam Shield", BuiltInRoles.SecurityOfficer);
        var page = await officer.GetStringAsync($"/incidents/{id}", Ct);
        var avery = System.Text.RegularExpressions.Regex.Match(page, "<option value=\"([0-9a-f-]{36})\">Avery Admin").Groups[1].Value;

        var assigned = await officer.PostAsync($"/incidents/{id}?handler=Owner", Forms.Encode(page, new Dictionary<string, string> { ["OwnerId"] = avery }), Ct);
        var shown = WebUtility.HtmlDecode(await officer.GetStringAsync($"/incidents/{id}", Ct));
        var again = await officer.PostAsync($"/incidents/{id}?handler=Owner", Forms.Encode(page, new Dictionary<string, string> { ["OwnerId"] = avery }), Ct);
        var refusal = await again.Content.ReadAsStringAsync(Ct);

        assigned.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        shown.ShouldContain("<dt class=\"col-sm-5\">Owner</dt><dd class=\"col-sm-7\">Avery Admin</dd>");
        shown.ShouldContain("Owner nobody → Avery Admin.");
        again.StatusCode.ShouldBe(HttpStatusCode.OK);
        refusal.ShouldMatch("data-valmsg-for=\"OwnerId\"[^>]*>That is already the owner.");
    }
}
