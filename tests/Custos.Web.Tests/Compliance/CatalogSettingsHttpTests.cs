using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Custos.Modules.Safeguards.Catalog;
using Custos.Platform.Authorization;
using Custos.Web.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace Custos.Web.Tests.Compliance;

/// <summary>Gaps 1 and 2 of issue 7 over HTTP: the proposed-rule profile setting, and the catalog upgrade report.</summary>
public sealed class CatalogSettingsHttpTests
{
    private const string Notice = "Proposed (NPRM Jan 2025), not yet law";
    private const string Mfa = "nprm-2025:multi-factor-authentication";
    private static readonly CancellationToken Ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_compliance_manager_switches_the_proposed_profile_on_through_the_API_and_its_requirements_come_back_marked_while_readiness_is_unchanged()
    {
        await using var app = new CustosWebFactory();
        await app.CreateAdministratorClientAsync();
        var (manager, _) = await app.SignInAsNewUserAsync("compliance@custos.example", BuiltInRoles.ComplianceManager);
        var (engineer, _) = await app.SignInAsNewUserAsync("engineer@custos.example", BuiltInRoles.Engineer);
        var before = (await manager.GetFromJsonAsync<JsonObject>("/api/v1/requirements?limit=500", Ct))!;

        var denied = await engineer.PutAsJsonAsync("/api/v1/catalog/profiles/nprm-2025", new { enabled = true }, Ct);
        var missing = await manager.PutAsJsonAsync("/api/v1/catalog/profiles/nprm-2025", new { }, Ct);
        var unknown = await manager.PutAsJsonAsync("/api/v1/catalog/profiles/nprm-2031", new { enabled = true }, Ct);
        var on = await manager.PutAsJsonAsync("/api/v1/catalog/profiles/nprm-2025", new { enabled = true }, Ct);
        var after = (await manager.GetFromJsonAsync<JsonObject>("/api/v1/requirements?limit=500", Ct))!;
        var profiles = (await engineer.GetFromJsonAsync<JsonArray>("/api/v1/catalog/profiles", Ct))!;
        var detail = (await manager.GetFromJsonAsync<JsonObject>("/api/v1/requirements/" + Uri.EscapeDataString(Mfa), Ct))!;

        denied.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        missing.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        unknown.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        unknown.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        on.StatusCode.ShouldBe(HttpStatusCode.OK);
        var proposedCount = HipaaCatalog.Load().InProfile(CatalogProfile.Nprm2025Id).Count;
        before["items"]!.AsArray().ShouldNotContain(i => i!["key"]!.GetValue<string>().StartsWith("nprm-2025:", StringComparison.Ordinal));
        var proposed = after["items"]!.AsArray().Where(i => i!["isProposed"]!.GetValue<bool>()).ToList();
        proposed.Count.ShouldBe(proposedCount);
        proposed.ShouldAllBe(i => i!["proposedNotice"]!.GetValue<string>() == Notice);
        after["totalCount"]!.GetValue<int>().ShouldBe(before["totalCount"]!.GetValue<int>() + proposedCount);
        var nprm = profiles.Single(p => p!["id"]!.GetValue<string>() == CatalogProfile.Nprm2025Id)!;
        nprm["enabled"]!.GetValue<bool>().ShouldBeTrue();
        nprm["notice"]!.GetValue<string>().ShouldBe(Notice);
        nprm["changedBy"]!.GetValue<string>().ShouldBe("compliance@custos.example");
        detail["row"]!["proposedNotice"]!.GetValue<string>().ShouldBe(Notice);
    }

    [Fact]
    public async Task On_the_compliance_page_a_manager_switches_the_proposed_profile_on_and_its_requirements_appear_in_their_own_section()
    {
        await using var app = new CustosWebFactory();
        await app.CreateAdministratorClientAsync();
        var (manager, _) = await app.SignInAsNewUserAsync("compliance@custos.example", BuiltInRoles.ComplianceManager);
        var (engineer, _) = await app.SignInAsNewUserAsync("engineer@custos.example", BuiltInRoles.Engineer);
        var page = await manager.GetStringAsync("/compliance", Ct);
        page.ShouldContain("Track the proposed requirements");
        page.ShouldNotContain("data-proposed-section");
        var metBefore = MetCount(page);

        var readOnly = await engineer.PostAsync("/compliance?handler=Profile", Forms.Encode(await engineer.GetStringAsync("/compliance", Ct), new Dictionary<string, string> { ["profileId"] = "nprm-2025", ["enabled"] = "true" }), Ct);
        var switched = await manager.PostAsync("/compliance?handler=Profile", Forms.Encode(page, new Dictionary<string, string> { ["profileId"] = "nprm-2025", ["enabled"] = "true" }), Ct);
        var after = await manager.GetStringAsync("/compliance", Ct);
        var requirement = await manager.GetStringAsync("/compliance/requirement?key=" + Uri.EscapeDataString(Mfa), Ct);

        readOnly.Headers.Location!.OriginalString.ShouldContain("/account/access-denied");
        switched.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        after.ShouldContain("data-proposed-section");
        after.ShouldContain($"<h2 id=\"proposed-heading\" class=\"h5\">{Notice}</h2>");
        after.ShouldContain($"data-requirement=\"{Mfa}\" data-proposed");
        after.ShouldContain("Stop tracking the proposed requirements");
        after.ShouldContain("Last switched on by compliance@custos.example");
        MetCount(after).ShouldBe(metBefore);
        requirement.ShouldContain($"<span class=\"badge text-bg-info\" data-proposed>{Notice}</span>");
    }

    [Fact]
    public async Task After_a_catalog_upgrade_the_compliance_page_shows_a_banner_linking_to_the_report_until_a_manager_dismisses_it()
    {
        await using var app = new CustosWebFactory();
        await app.CreateAdministratorClientAsync();
        var (manager, _) = await app.SignInAsNewUserAsync("compliance@custos.example", BuiltInRoles.ComplianceManager);
        var (engineer, _) = await app.SignInAsNewUserAsync("engineer@custos.example", BuiltInRoles.Engineer);
        (await manager.GetStringAsync("/compliance", Ct)).ShouldNotContain("data-upgrade-banner");
        var shipped = HipaaCatalog.Load();
        var previous = new RequirementCatalog(
            "2026.06",
            shipped.Profiles,
            shipped.Requirements.Where(r => r.Key != "164.308(a)(1)(ii)(B)").Select(r => r.Key == "164.312(b)" ? r with { Title = "Audit logs" } : r)
                .Append(shipped.Get("164.312(c)(1)") with { Key = "164.312(z)", Citation = "164.312(z)", Title = "A withdrawn standard" }));
        await StoreSnapshotAsync(app, previous);

        var page = await manager.GetStringAsync("/compliance", Ct);
        var reportPage = await engineer.GetStringAsync("/compliance/catalog-upgrades", Ct);
        var reports = (await engineer.GetFromJsonAsync<JsonArray>("/api/v1/catalog/upgrade-reports", Ct))!;
        var id = reports.ShouldHaveSingleItem()!["id"]!.GetValue<Guid>();
        var engineerDismiss = await engineer.PostAsync($"/api/v1/catalog/upgrade-reports/{id}/dismiss", null, Ct);
        var dismissed = await manager.PostAsync("/compliance?handler=DismissUpgrade", Forms.Encode(page, new Dictionary<string, string> { ["id"] = id.ToString() }), Ct);
        var afterDismiss = await manager.GetStringAsync("/compliance", Ct);

        page.ShouldContain("data-upgrade-banner");
        page.ShouldContain($"The HIPAA catalog was upgraded from version 2026.06 to {shipped.Version}");
        page.ShouldContain($"href=\"/compliance/catalog-upgrades#report-{id}\"");
        reportPage.ShouldContain($"Version 2026.06 to {shipped.Version}");
        reportPage.ShouldContain("data-entry=\"added\" data-key=\"164.308(a)(1)(ii)(B)\"");
        reportPage.ShouldContain("data-entry=\"changed\" data-key=\"164.312(b)\"");
        reportPage.ShouldContain("Retitled (was “Audit logs”)");
        reportPage.ShouldContain("data-entry=\"withdrawn\" data-key=\"164.312(z)\"");
        reports[0]!["fromVersion"]!.GetValue<string>().ShouldBe("2026.06");
        engineerDismiss.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        dismissed.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        afterDismiss.ShouldNotContain("data-upgrade-banner");
        (await manager.GetFromJsonAsync<JsonArray>("/api/v1/catalog/upgrade-reports", Ct))![0]!["dismissedBy"]!.GetValue<string>().ShouldBe("compliance@custos.example");
    }

    private static string MetCount(string page)
    {
        var start = page.IndexOf("data-testid=\"met-count\">", StringComparison.Ordinal);
        return page[start..page.IndexOf("</p>", start, StringComparison.Ordinal)];
    }

    /// <summary>As if this database had last seen an older catalog version before the upgrade.</summary>
    private static async Task StoreSnapshotAsync(CustosWebFactory app, RequirementCatalog previous)
    {
        await using var connection = new SqliteConnection($"Data Source={app.DatabasePath}");
        await connection.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "UPDATE safeguards_catalog_state SET version = $version, snapshot = $snapshot";
        command.Parameters.AddWithValue("$version", previous.Version);
        command.Parameters.AddWithValue("$snapshot", CatalogSnapshot.Write(previous));
        (await command.ExecuteNonQueryAsync(Ct)).ShouldBe(1);
    }
}
