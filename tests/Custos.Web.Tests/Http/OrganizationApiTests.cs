using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Custos.Web.Tests.Infrastructure;

namespace Custos.Web.Tests.Http;

public sealed class OrganizationApiTests
{
    private static readonly CancellationToken Ct = TestContext.Current.CancellationToken;

    private static object Profile(string legalName = "Brightwater Telehealth, Inc.", string city = "Portland") => new
    {
        legalName,
        entityType = "BusinessAssociate",
        address = new { line1 = "400 Harbor Point Drive", line2 = (string?)null, city, region = "OR", postalCode = "97201", country = "United States" },
        mainContact = new { name = "Dana Whitfield", email = "dana@brightwater.example", phone = "+1 503 555 0142", title = "COO" },
    };

    private static object Customer(string name = "Riverbend Community Health", int window = 10) => new
    {
        name,
        kind = "HealthcareProvider",
        breachNoticeContact = new { name = "Tomás Alvarez", email = "privacy@riverbend.example", phone = (string?)null, title = "Privacy Officer" },
        rightsRequestContact = (object?)null,
        notificationWindowDays = window,
        baaEffectiveOn = "2025-01-15",
        notes = (string?)null,
    };

    [Fact]
    public async Task The_organization_is_404_until_its_profile_is_recorded_then_returns_it()
    {
        await using var app = new CustosWebFactory();
        var client = await app.CreateAdministratorClientAsync();

        var before = await client.GetAsync("/api/v1/organization", Ct);
        var put = await client.PutAsJsonAsync("/api/v1/organization", Profile(), Ct);
        var after = await client.GetFromJsonAsync<JsonObject>("/api/v1/organization", Ct);

        before.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await before.Content.ReadAsStringAsync(Ct)).ShouldContain("PUT /api/v1/organization");
        put.StatusCode.ShouldBe(HttpStatusCode.OK);
        after!["profile"]!["legalName"]!.GetValue<string>().ShouldBe("Brightwater Telehealth, Inc.");
        after["profile"]!["entityType"]!.GetValue<string>().ShouldBe("BusinessAssociate");
        after["profile"]!["updatedBy"]!.GetValue<string>().ShouldBe("Avery Admin");
    }

    [Fact]
    public async Task Invalid_profile_fields_get_rfc_9457_validation_problem_details_and_nothing_is_saved()
    {
        await using var app = new CustosWebFactory();
        var client = await app.CreateAdministratorClientAsync();

        var response = await client.PutAsJsonAsync("/api/v1/organization", Profile(legalName: "", city: ""), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>(Ct);
        problem!["status"]!.GetValue<int>().ShouldBe(400);
        problem["errors"]!["legalName"]![0]!.GetValue<string>().ShouldBe("Enter the organization's legal name.");
        problem["errors"]!["address.city"]![0]!.GetValue<string>().ShouldBe("Enter the city.");
        (await client.GetAsync("/api/v1/organization", Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_unreadable_body_gets_a_problem_that_says_what_to_send()
    {
        await using var app = new CustosWebFactory();
        var client = await app.CreateAdministratorClientAsync();

        var response = await client.PutAsync(
            "/api/v1/organization", new StringContent("{\"legalName\": 42, \"entityType\": \"Spaceship\"", System.Text.Encoding.UTF8, "application/json"), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await response.Content.ReadAsStringAsync(Ct)).ShouldContain("openapi.json");
    }

    [Fact]
    public async Task Customers_are_created_read_updated_listed_and_deleted()
    {
        await using var app = new CustosWebFactory();
        var client = await app.CreateAdministratorClientAsync();

        var created = await client.PostAsJsonAsync("/api/v1/organization/customers", Customer(), Ct);
        var location = created.Headers.Location!.OriginalString;
        var id = (await created.Content.ReadFromJsonAsync<JsonObject>(Ct))!["id"]!.GetValue<Guid>();
        var updated = await client.PutAsJsonAsync(location, Customer(name: "Riverbend Health Network", window: 5), Ct);
        var list = await client.GetFromJsonAsync<JsonObject>("/api/v1/organization/customers?q=RIVERBEND", Ct);
        var deleted = await client.DeleteAsync(location, Ct);
        var gone = await client.GetAsync(location, Ct);

        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        location.ShouldBe($"/api/v1/organization/customers/{id}");
        updated.StatusCode.ShouldBe(HttpStatusCode.OK);
        list!["totalCount"]!.GetValue<int>().ShouldBe(1);
        list["items"]![0]!["name"]!.GetValue<string>().ShouldBe("Riverbend Health Network");
        list["items"]![0]!["notificationWindowDays"]!.GetValue<int>().ShouldBe(5);
        deleted.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        gone.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        gone.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }

    [Fact]
    public async Task A_notification_window_beyond_the_60_days_of_164_410_b_is_refused_with_the_rule_named()
    {
        await using var app = new CustosWebFactory();
        var client = await app.CreateAdministratorClientAsync();

        var refused = await client.PostAsJsonAsync("/api/v1/organization/customers", Customer(window: 61), Ct);
        var accepted = await client.PostAsJsonAsync("/api/v1/organization/customers", Customer(window: 60), Ct);

        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await refused.Content.ReadFromJsonAsync<JsonObject>(Ct);
        problem!["errors"]!["notificationWindowDays"]![0]!.GetValue<string>().ShouldContain("45 CFR 164.410(b)");
        accepted.StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task An_unknown_api_route_is_a_404_problem_not_an_html_page()
    {
        await using var app = new CustosWebFactory();
        var client = await app.CreateAdministratorClientAsync();

        var response = await client.GetAsync("/api/v1/no-such-thing", Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }

    [Fact]
    public async Task Deleting_an_unknown_customer_is_404()
    {
        await using var app = new CustosWebFactory();
        var client = await app.CreateAdministratorClientAsync();

        var response = await client.DeleteAsync($"/api/v1/organization/customers/{Guid.NewGuid()}", Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Officers_are_designated_and_their_history_kept()
    {
        await using var app = new CustosWebFactory();
        var client = await app.CreateAdministratorClientAsync();
        object Designation(string name, string date) => new
        {
            role = "SecurityOfficer",
            person = new { name, email = "security@brightwater.example", phone = (string?)null, title = (string?)null },
            effectiveOn = date,
            note = (string?)null,
        };

        var first = await client.PostAsJsonAsync("/api/v1/organization/officers", Designation("Marcus Oyelaran", "2025-01-01"), Ct);
        var second = await client.PostAsJsonAsync("/api/v1/organization/officers", Designation("Elena Sokolova", "2026-02-01"), Ct);
        var history = await client.GetFromJsonAsync<JsonArray>("/api/v1/organization/officers?role=SecurityOfficer", Ct);

        first.StatusCode.ShouldBe(HttpStatusCode.Created);
        second.StatusCode.ShouldBe(HttpStatusCode.Created);
        history!.Count.ShouldBe(2);
        history[0]!["name"]!.GetValue<string>().ShouldBe("Elena Sokolova");
        history[0]!["endedOn"].ShouldBeNull();
        history[1]!["endedOn"]!.GetValue<string>().ShouldBe("2026-02-01");
    }

    [Fact]
    public async Task The_openapi_document_describes_the_organization_endpoints()
    {
        await using var app = new CustosWebFactory();
        var client = await app.CreateAdministratorClientAsync();

        var document = await client.GetFromJsonAsync<JsonObject>("/api/v1/openapi.json", Ct);

        var paths = document!["paths"]!.AsObject().Select(p => p.Key).ToList();
        paths.ShouldContain("/api/v1/organization");
        paths.ShouldContain("/api/v1/organization/customers");
        paths.ShouldContain("/api/v1/organization/customers/{id}");
        JsonSerializer.Serialize(document).ShouldContain("Covered-entity customers");
    }
}
