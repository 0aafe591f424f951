using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Custos.Platform.Authorization;
using Custos.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Custos.Web.Tests.Incidents;

/// <summary>The facts, restricted details, owner and law-enforcement delay of a case through /api/v1, on both providers.</summary>
public sealed class IncidentFactsApiTests
{
    private static readonly CancellationToken Ct = TestContext.Current.CancellationToken;

    private static object Profile(string entityType) => new
    {
        legalName = "Brightwater Telehealth",
        entityType,
        address = new { line1 = "400 Harbor Point Drive", line2 = (string?)null, city = "Portland", region = "OR", postalCode = "97201", country = "United States" },
        mainContact = new { name = "Dana Whitfield", email = "dana@brightwater.example", phone = "+1 800 555 0142", title = "COO" },
    };

    private static object Customer(string name, int window) => new
    {
        name,
        kind = "HealthcareProvider",
        breachNoticeContact = new { name = "Tomás Alvarez", email = "privacy@riverbend.example", phone = "+1 503 555 0117", title = "Privacy Officer" },
        rightsRequestContact = (object?)null,
        notificationWindowDays = window,
        baaEffectiveOn = "2025-01-15",
        notes = (string?)null,
    };

    private static object Facts(string discoveredOn, string[]? customers = null, string agency = "Unknown", string[]? phiTypes = null) => new
    {
        kind = "MisdirectedPhi",
        summary = "Claims export emailed to the wrong clinic",
        discoveredOn,
        occurredOn = (string?)null,
        occurredUntil = (string?)null,
        phiInvolved = true,
        phiTypes = phiTypes ?? ["Name", "Clinical"],
        affectedCustomerIds = customers ?? [],
        agency,
        coveredEntityLearnedOn = (string?)null,
        breachType = "Unauthorized Access/Disclosure",
        breachLocation = "Email",
        safeguardsInPlace = "TLS email, annual training",
        actionsTaken = "Recipient deleted the file",
        protectiveSteps = "Watch your explanation of benefits",
        outOfDateContacts = 0,
    };

    private static async Task<(HttpClient Admin, HttpClient Officer, string IncidentId, string Today)> ArrangeAsync(CustosWebFactory app, string entityType)
    {
        var admin = await app.CreateAdministratorClientAsync();
        (await admin.PutAsJsonAsync("/api/v1/organization", Profile(entityType), Ct)).EnsureSuccessStatusCode();
        var (officer, _) = await app.SignInAsNewNamedUserAsync("pia@brightwater.example", "Pia Privacy", BuiltInRoles.PrivacyOfficer);
        var today = DateOnly.FromDateTime(app.Time.GetUtcNow().UtcDateTime).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var created = await admin.PostAsJsonAsync("/api/v1/incidents", new
        {
            kind = "MisdirectedPhi",
            summary = "Claims export emailed to the wrong clinic",
            description = "The March claims export for Riverbend went to Lakeside Clinic.",
            discoveredOn = today,
            occurredOn = (string?)null,
            phiInvolved = true,
            estimatedIndividuals = 3,
        }, Ct);
        var id = (await created.Content.ReadFromJsonAsync<JsonObject>(Ct))!["id"]!.GetValue<string>();
        return (admin, officer, id, today);
    }

    private static async Task<JsonArray> ObligationsAsync(HttpClient client, string id) =>
        (await client.GetFromJsonAsync<JsonArray>($"/api/v1/incidents/{id}/obligations", Ct))!;

    [Theory]
    [InlineData(WebTestDatabase.Sqlite)]
    [InlineData(WebTestDatabase.Postgres)]
    public async Task An_officer_names_the_affected_customers_and_the_obligations_follow_the_facts(string provider)
    {
        await using var app = new CustosWebFactory();
        await using var database = await WebTestDatabase.UseAsync(app, provider);
        var (admin, officer, id, today) = await ArrangeAsync(app, "BusinessAssociate");
        var riverbend = (await (await admin.PostAsJsonAsync("/api/v1/organization/customers", Customer("Riverbend Clinic", 10), Ct)).Content.ReadFromJsonAsync<JsonObject>(Ct))!["id"]!.GetValue<string>();
        var before = await ObligationsAsync(officer, id);

        var saved = await officer.PutAsJsonAsync($"/api/v1/incidents/{id}/facts", Facts(today, [riverbend], "Agent"), Ct);
        var after = await ObligationsAsync(officer, id);
        var incident = await officer.GetFromJsonAsync<JsonObject>($"/api/v1/incidents/{id}", Ct);

        saved.StatusCode.ShouldBe(HttpStatusCode.OK);
        before.ShouldHaveSingleItem()!["coveredEntity"].ShouldBeNull();
        before[0]!["dueDate"]!.GetValue<string>().ShouldBe(DateOnly.Parse(today, CultureInfo.InvariantCulture).AddDays(60).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        var notice = after.ShouldHaveSingleItem()!;
        notice["coveredEntity"]!.GetValue<string>().ShouldBe("Riverbend Clinic");
        notice["dueDate"]!.GetValue<string>().ShouldBe(DateOnly.Parse(today, CultureInfo.InvariantCulture).AddDays(10).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)); // BAA window (164.410(b))
        incident!["agency"]!.GetValue<string>().ShouldBe("Agent");
        incident["affectedCustomerIds"]!.AsArray().ShouldHaveSingleItem()!.GetValue<string>().ShouldBe(riverbend);
        incident["breachLocation"]!.GetValue<string>().ShouldBe("Email");
        incident["timeline"]!.AsArray().Select(e => e!["text"]!.GetValue<string>()).ShouldContain(t => t.Contains("affected covered entities", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(WebTestDatabase.Sqlite)]
    [InlineData(WebTestDatabase.Postgres)]
    public async Task A_case_is_given_to_another_account_and_a_law_enforcement_delay_moves_the_due_date_until_removed(string provider)
    {
        await using var app = new CustosWebFactory();
        await using var database = await WebTestDatabase.UseAsync(app, provider);
        var (_, officer, id, today) = await ArrangeAsync(app, "CoveredEntity");
        var day = DateOnly.Parse(today, CultureInfo.InvariantCulture);

        var candidates = await officer.GetFromJsonAsync<JsonArray>("/api/v1/incidents/owner-candidates", Ct);
        var avery = candidates!.Single(c => c!["name"]!.GetValue<string>() == "Avery Admin")!["id"]!.GetValue<string>();
        var owner = await officer.PostAsJsonAsync($"/api/v1/incidents/{id}/owner", new { ownerId = avery }, Ct);
        var delayed = await officer.PostAsJsonAsync($"/api/v1/incidents/{id}/law-enforcement-delay",
            new { statement = "Written", from = today, until = day.AddDays(30).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), official = "Det. Ruiz, Portland PD" }, Ct);
        var whileDelayed = (await ObligationsAsync(officer, id)).Single(o => o!["recipient"]!.GetValue<string>() == "individuals")!;
        var removed = await officer.DeleteAsync($"/api/v1/incidents/{id}/law-enforcement-delay", Ct);
        var afterwards = (await ObligationsAsync(officer, id)).Single(o => o!["recipient"]!.GetValue<string>() == "individuals")!;
        var incident = await officer.GetFromJsonAsync<JsonObject>($"/api/v1/incidents/{id}", Ct);

        owner.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await owner.Content.ReadFromJsonAsync<JsonObject>(Ct))!["ownerName"]!.GetValue<string>().ShouldBe("Avery Admin");
        delayed.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        whileDelayed["dueDateBeforeDelay"]!.GetValue<string>().ShouldBe(day.AddDays(60).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        DateOnly.Parse(whileDelayed["dueDate"]!.GetValue<string>(), CultureInfo.InvariantCulture).ShouldBeGreaterThan(day.AddDays(60));
        removed.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        afterwards["dueDate"]!.GetValue<string>().ShouldBe(day.AddDays(60).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        var timeline = incident!["timeline"]!.AsArray().Select(e => e!["text"]!.GetValue<string>()).ToList();
        timeline.ShouldContain("Owner nobody → Avery Admin.");
        timeline.ShouldContain(t => t.StartsWith("Law-enforcement delay (written statement)", StringComparison.Ordinal));
        timeline.ShouldContain("Law-enforcement delay removed.");
    }

    [Theory]
    [InlineData(WebTestDatabase.Sqlite)]
    [InlineData(WebTestDatabase.Postgres)]
    public async Task Bad_facts_owners_and_delays_get_field_problems_and_nothing_is_saved(string provider)
    {
        await using var app = new CustosWebFactory();
        await using var database = await WebTestDatabase.UseAsync(app, provider);
        var (_, officer, id, today) = await ArrangeAsync(app, "BusinessAssociate");

        var future = await officer.PutAsJsonAsync($"/api/v1/incidents/{id}/facts", Facts("2099-01-01", phiTypes: ["Name", "Horoscope"]), Ct);
        var stranger = await officer.PutAsJsonAsync($"/api/v1/incidents/{id}/facts", Facts(today, [Guid.NewGuid().ToString()]), Ct);
        var unreadable = await officer.PutAsJsonAsync($"/api/v1/incidents/{id}/facts", new { kind = "Spaceship", summary = "x", discoveredOn = today }, Ct);
        var nobody = await officer.PostAsJsonAsync($"/api/v1/incidents/{id}/owner", new { ownerId = Guid.NewGuid() }, Ct);
        var backwards = await officer.PostAsJsonAsync($"/api/v1/incidents/{id}/law-enforcement-delay", new { statement = "Written", from = today, until = "2020-01-01" }, Ct);
        var oral = await officer.PostAsJsonAsync($"/api/v1/incidents/{id}/law-enforcement-delay", new { statement = "Oral", from = today }, Ct);
        var missing = await officer.PutAsJsonAsync($"/api/v1/incidents/{Guid.NewGuid()}/facts", Facts(today), Ct);
        var incident = await officer.GetFromJsonAsync<JsonObject>($"/api/v1/incidents/{id}", Ct);

        future.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        future.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var errors = (await future.Content.ReadFromJsonAsync<JsonObject>(Ct))!["errors"]!;
        errors["discoveredOn"]![0]!.GetValue<string>().ShouldContain("future");
        errors["phiTypes"]![0]!.GetValue<string>().ShouldContain("'Horoscope'");
        (await stranger.Content.ReadFromJsonAsync<JsonObject>(Ct))!["errors"]!["affectedCustomerIds"]![0]!.GetValue<string>().ShouldContain("not a recorded customer");
        unreadable.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        unreadable.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await nobody.Content.ReadFromJsonAsync<JsonObject>(Ct))!["errors"]!["ownerId"]![0]!.GetValue<string>().ShouldContain("enabled Custos user");
        (await backwards.Content.ReadFromJsonAsync<JsonObject>(Ct))!["errors"]!["until"]![0]!.GetValue<string>().ShouldContain("cannot end before it starts");
        (await oral.Content.ReadFromJsonAsync<JsonObject>(Ct))!["errors"]!["official"]![0]!.GetValue<string>().ShouldContain("164.412(b)");
        missing.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        incident!["phiTypes"]!.AsArray().ShouldBeEmpty();
        incident["breachType"].ShouldBeNull();
        incident["summary"]!["ownerName"].ShouldBeNull();
        incident["delay"].ShouldBeNull();
        incident["timeline"]!.AsArray().Count.ShouldBe(1); // only the report
    }

    [Theory]
    [InlineData(WebTestDatabase.Sqlite)]
    [InlineData(WebTestDatabase.Postgres)]
    public async Task A_reader_is_refused_every_change_and_the_details_need_the_PHI_permission_as_well_as_manage(string provider)
    {
        await using var app = new CustosWebFactory();
        await using var database = await WebTestDatabase.UseAsync(app, provider);
        var (admin, officer, id, today) = await ArrangeAsync(app, "CoveredEntity");
        using (var scope = app.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<SaveCustomRole>().HandleAsync(
                new SaveCustomRoleCommand("Incident Handler", [Permissions.IncidentsRead, Permissions.IncidentsManage]), Ct);
        }

        var (handler, _) = await app.SignInAsNewUserAsync("hal@brightwater.example", "Incident Handler");
        var (auditor, _) = await app.SignInAsNewUserAsync("ada@audit.example", BuiltInRoles.Auditor);
        var details = new { description = "Sent to Lakeside Clinic by mistake.", phiSpecifics = "Names and diagnosis codes", affectedPeople = "Jane Roe, 12 Elm St, Austin TX\nJohn Doe, 4 Oak Ave, Dallas TX" };

        var readerFacts = await auditor.PutAsJsonAsync($"/api/v1/incidents/{id}/facts", Facts(today), Ct);
        var readerOwner = await auditor.PostAsJsonAsync($"/api/v1/incidents/{id}/owner", new { ownerId = (Guid?)null }, Ct);
        var readerDelay = await auditor.PostAsJsonAsync($"/api/v1/incidents/{id}/law-enforcement-delay", new { statement = "Oral", from = today, official = "Det. Ruiz" }, Ct);
        var readerDetails = await auditor.PutAsJsonAsync($"/api/v1/incidents/{id}/details", details, Ct);
        var adminDetails = await admin.PutAsJsonAsync($"/api/v1/incidents/{id}/details", details, Ct); // reads and reports, no PHI, no manage
        var handlerDetails = await handler.PutAsJsonAsync($"/api/v1/incidents/{id}/details", details, Ct); // manages, no PHI
        var handlerFacts = await handler.PutAsJsonAsync($"/api/v1/incidents/{id}/facts", Facts(today), Ct);
        var handlerView = await handler.GetFromJsonAsync<JsonObject>($"/api/v1/incidents/{id}", Ct);
        var emptyDescription = await officer.PutAsJsonAsync($"/api/v1/incidents/{id}/details", new { description = " ", phiSpecifics = (string?)null, affectedPeople = (string?)null }, Ct);
        var officerDetails = await officer.PutAsJsonAsync($"/api/v1/incidents/{id}/details", details, Ct);
        var officerView = await officer.GetFromJsonAsync<JsonObject>($"/api/v1/incidents/{id}", Ct);
        var csv = await officer.GetStringAsync($"/incidents/{id}/notices/individual?format=csv", Ct);

        readerFacts.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        readerOwner.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        readerDelay.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        readerDetails.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        adminDetails.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        handlerDetails.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        handlerFacts.StatusCode.ShouldBe(HttpStatusCode.OK);
        handlerView!["sensitive"].ShouldBeNull();
        handlerView.ToJsonString().ShouldNotContain("Jane Roe");
        emptyDescription.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await emptyDescription.Content.ReadFromJsonAsync<JsonObject>(Ct))!["errors"]!["description"]![0]!.GetValue<string>().ShouldContain("Describe what happened");
        officerDetails.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        officerView!["sensitive"]!["affectedPeople"]!.GetValue<string>().ShouldContain("John Doe");
        officerView["timeline"]!.AsArray().Select(e => e!["text"]!.GetValue<string>()).ShouldContain("Restricted details updated: description, PHI specifics, affected-person list.");
        csv.ShouldContain("Jane Roe"); // one mail-merge row per listed individual
        csv.ShouldContain("John Doe");
    }
}
