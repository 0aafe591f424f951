using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Custos.Web.Hosting;
using Custos.Web.Tests.Infrastructure;

namespace Custos.Web.Tests.Incidents;

public sealed partial class IncidentsHttpTests
{
    private static readonly CancellationToken Ct = TestContext.Current.CancellationToken;

    private static object Report(string discoveredOn = "2026-03-01", int? estimatedIndividuals = 3) => new
    {
        kind = "MisdirectedPhi",
        summary = "Claims export emailed to the wrong clinic",
        description = "The March claims export for Riverbend went to Lakeside Clinic.",
        discoveredOn,
        occurredOn = (string?)null,
        phiInvolved = true,
        estimatedIndividuals,
    };

    [Fact]
    public async Task The_anonymous_form_works_without_signing_in_gives_a_receipt_code_and_is_rate_limited()
    {
        await using var app = new CustosWebFactory();
        await app.CreateAdministratorClientAsync();
        var anonymous = app.CreateBrowserClient();

        var form = await anonymous.GetStringAsync("/report-incident", Ct);
        var posted = await anonymous.PostAsync("/report-incident", Forms.Encode(form, new Dictionary<string, string>
        {
            ["Input.Kind"] = "OverDisclosure",
            ["Input.Summary"] = "Full chart sent where a summary was asked",
            ["Input.Description"] = "Records desk sent the full chart.",
            ["Input.DiscoveredOn"] = "2026-03-01",
            ["Input.PhiInvolved"] = "yes",
        }), Ct);
        var page = await posted.Content.ReadAsStringAsync(Ct);
        var code = ReceiptCode().Match(page).Value;
        var followUp = await anonymous.PostAsync("/report-incident?handler=FollowUp", Forms.Encode(form, new Dictionary<string, string> { ["FollowUp.ReceiptCode"] = code }), Ct);
        HttpResponseMessage limited;
        var attempts = 0;
        do
        {
            limited = await anonymous.PostAsync("/report-incident?handler=FollowUp", Forms.Encode(form, new Dictionary<string, string> { ["FollowUp.ReceiptCode"] = "AAAAA-BBBBB-CCCCC-DDDDD" }), Ct);
            attempts++;
        }
        while (limited.StatusCode != HttpStatusCode.TooManyRequests && attempts <= RateLimits.AuthenticationPermitsPerMinute);

        posted.StatusCode.ShouldBe(HttpStatusCode.OK);
        code.Length.ShouldBe(23);
        (await followUp.Content.ReadAsStringAsync(Ct)).ShouldContain("is <strong>Reported</strong>");
        limited.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests); // guessing receipt codes is throttled like sign-in
        attempts.ShouldBeLessThanOrEqualTo(RateLimits.AuthenticationPermitsPerMinute);
        limited.Headers.RetryAfter.ShouldNotBeNull();
    }

    [Fact]
    public async Task The_API_reports_lists_and_shows_incidents_without_PHI_to_a_viewer_lacking_the_PHI_permission()
    {
        await using var app = new CustosWebFactory();
        var client = await app.CreateAdministratorClientAsync();

        var created = await client.PostAsJsonAsync("/api/v1/incidents", Report(), Ct);
        var receipt = await created.Content.ReadFromJsonAsync<JsonObject>(Ct);
        var id = receipt!["id"]!.GetValue<string>();
        var list = await client.GetFromJsonAsync<JsonObject>("/api/v1/incidents?q=claims&limit=10", Ct);
        var one = await client.GetFromJsonAsync<JsonObject>($"/api/v1/incidents/{id}", Ct);
        var page = await client.GetStringAsync($"/incidents/{id}", Ct);

        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        created.Headers.Location!.OriginalString.ShouldBe($"/api/v1/incidents/{id}");
        list!["items"]!.AsArray().ShouldHaveSingleItem()!["reference"]!.GetValue<string>().ShouldBe(receipt["reference"]!.GetValue<string>());
        one!["sensitive"].ShouldBeNull();
        one.ToJsonString().ShouldNotContain("Lakeside");
        page.ShouldContain("Restricted: you need the incidents PHI permission");
        page.ShouldNotContain("Lakeside");
    }

    [Fact]
    public async Task Bad_reports_get_field_problems_and_nothing_is_saved()
    {
        await using var app = new CustosWebFactory();
        var client = await app.CreateAdministratorClientAsync();

        var future = await client.PostAsJsonAsync("/api/v1/incidents", Report(discoveredOn: "2099-01-01"), Ct);
        var negative = await client.PostAsJsonAsync("/api/v1/incidents", Report(estimatedIndividuals: -4), Ct);
        var list = await client.GetFromJsonAsync<JsonObject>("/api/v1/incidents", Ct);

        future.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        future.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await future.Content.ReadFromJsonAsync<JsonObject>(Ct))!["errors"]!["discoveredOn"]![0]!.GetValue<string>().ShouldContain("future");
        (await negative.Content.ReadFromJsonAsync<JsonObject>(Ct))!["errors"]!["estimatedIndividuals"]![0]!.GetValue<string>().ShouldContain("negative");
        list!["totalCount"]!.GetValue<int>().ShouldBe(0);
    }

    [Fact]
    public async Task The_obligations_endpoint_returns_recipient_jurisdiction_due_date_basis_reasoning_and_status()
    {
        await using var app = new CustosWebFactory();
        var client = await app.CreateAdministratorClientAsync();
        var (officer, _) = await app.SignInAsNewUserAsync("pia@custos.example", "Privacy Officer");
        await client.PutAsJsonAsync("/api/v1/organization", new
        {
            legalName = "Brightwater Health",
            entityType = "CoveredEntity",
            address = new { line1 = "400 Harbor Point Drive", line2 = (string?)null, city = "Portland", region = "OR", postalCode = "97201", country = "United States" },
            mainContact = new { name = "Dana Whitfield", email = "dana@brightwater.example", phone = "+1 800 555 0142", title = "COO" },
        }, Ct);
        var id = (await (await client.PostAsJsonAsync("/api/v1/incidents", Report(), Ct)).Content.ReadFromJsonAsync<JsonObject>(Ct))!["id"]!.GetValue<string>();

        var counts = await officer.PostAsJsonAsync($"/api/v1/incidents/{id}/affected-counts", new { counts = new Dictionary<string, int> { ["TX"] = 530, ["OH"] = 90 }, reason = "First count" }, Ct);
        var unknownState = await officer.PostAsJsonAsync($"/api/v1/incidents/{id}/affected-counts", new { counts = new Dictionary<string, int> { ["XX"] = 1 } }, Ct);
        var obligations = await officer.GetFromJsonAsync<JsonArray>($"/api/v1/incidents/{id}/obligations", Ct);
        var notAllowed = await client.PostAsJsonAsync($"/api/v1/incidents/{id}/status", new { status = "Triage" }, Ct);

        counts.StatusCode.ShouldBe(HttpStatusCode.OK);
        unknownState.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var individuals = obligations.ShouldNotBeNull().Single(o => o!["recipient"]!.GetValue<string>() == "individuals")!;
        individuals["dueDate"]!.GetValue<string>().ShouldBe("2026-04-30"); // discovered 2026-03-01 + 60 calendar days
        individuals["basis"]!.GetValue<string>().ShouldContain("164.404");
        individuals["reasoning"]!.GetValue<string>().ShouldNotBeNullOrWhiteSpace();
        individuals["status"]!.GetValue<string>().ShouldBe("pending");
        obligations!.Where(o => o!["recipient"]!.GetValue<string>() == "media").ShouldHaveSingleItem()!["jurisdiction"]!.GetValue<string>().ShouldBe("TX");
        notAllowed.StatusCode.ShouldBe(HttpStatusCode.Forbidden); // the Administrator reports and reads, but does not manage incidents
    }

    [Fact]
    public async Task Notice_drafts_download_as_PDF_and_DOCX_and_the_mail_merge_list_needs_the_PHI_permission()
    {
        await using var app = new CustosWebFactory();
        var client = await app.CreateAdministratorClientAsync();
        await client.PutAsJsonAsync("/api/v1/organization", new
        {
            legalName = "Brightwater Health",
            entityType = "CoveredEntity",
            address = new { line1 = "400 Harbor Point Drive", line2 = (string?)null, city = "Portland", region = "OR", postalCode = "97201", country = "United States" },
            mainContact = new { name = "Dana Whitfield", email = "dana@brightwater.example", phone = "+1 800 555 0142", title = "COO" },
        }, Ct);
        var id = (await (await client.PostAsJsonAsync("/api/v1/incidents", Report(), Ct)).Content.ReadFromJsonAsync<JsonObject>(Ct))!["id"]!.GetValue<string>();

        var pdf = await client.GetAsync($"/incidents/{id}/notices/individual?format=pdf", Ct);
        var docx = await client.GetAsync($"/incidents/{id}/notices/individual?format=docx", Ct);
        var csv = await client.GetAsync($"/incidents/{id}/notices/individual?format=csv", Ct);
        var html = await client.GetStringAsync($"/incidents/{id}/notices/individual", Ct);

        pdf.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
        System.Text.Encoding.ASCII.GetString((await pdf.Content.ReadAsByteArrayAsync(Ct))[..5]).ShouldBe("%PDF-");
        docx.Content.Headers.ContentType!.MediaType.ShouldBe("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
        (await docx.Content.ReadAsByteArrayAsync(Ct))[..2].ShouldBe("PK"u8.ToArray());
        csv.StatusCode.ShouldBe(HttpStatusCode.Redirect); // the Administrator does not hold incidents.phi.read
        csv.Headers.Location!.OriginalString.ShouldContain("/account/access-denied");
        html.ShouldContain("What you can do");
        html.ShouldContain("dana@brightwater.example");
    }

    [GeneratedRegex("[A-HJKMNP-TV-Z2-9]{5}-[A-HJKMNP-TV-Z2-9]{5}-[A-HJKMNP-TV-Z2-9]{5}-[A-HJKMNP-TV-Z2-9]{5}")]
    private static partial Regex ReceiptCode();
}
