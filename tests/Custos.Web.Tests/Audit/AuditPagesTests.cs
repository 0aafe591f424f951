using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Custos.Web.Tests.Infrastructure;

namespace Custos.Web.Tests.Audit;

public sealed class AuditPagesTests
{
    private static readonly CancellationToken Ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_ledger_page_lists_entries_newest_first_and_filters_by_resource()
    {
        await using var app = new CustosWebFactory();
        await app.CreateAdministratorClientAsync();
        var (client, _) = await app.SignInAsNewUserAsync("sofia@custos.example", Custos.Platform.Authorization.BuiltInRoles.SecurityOfficer);
        await client.PostAsync("/api/v1/audit/checkpoints", null, Ct);

        var all = await client.GetStringAsync("/audit", Ct);
        var none = await client.GetStringAsync("/audit?resourceType=NoSuchThing", Ct);

        all.ShouldContain("<h1>Audit ledger</h1>");
        all.ShouldContain("record.create");
        all.ShouldContain("CustosUser");
        all.ShouldContain("Export CSV");
        none.ShouldContain("No entries match");
    }

    [Fact]
    public async Task Verify_now_records_a_passing_run_in_the_history()
    {
        await using var app = new CustosWebFactory();
        var client = await app.CreateAdministratorClientAsync();
        await client.PostAsync("/api/v1/audit/checkpoints", null, Ct);
        var page = await client.GetStringAsync("/audit/integrity", Ct);

        var post = await client.PostAsync("/audit/integrity?handler=Verify", Forms.Encode(page, new Dictionary<string, string>()), Ct);
        var after = await client.GetStringAsync("/audit/integrity", Ct);

        post.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        after.ShouldContain("everything checks");
        after.ShouldContain("on demand");
        after.ShouldContain("Passed");
        after.ShouldContain("Up to date");
    }

    [Fact]
    public async Task A_customers_page_shows_who_accessed_the_record()
    {
        await using var app = new CustosWebFactory();
        var client = await app.CreateAdministratorClientAsync();
        var created = await (await client.PostAsJsonAsync("/api/v1/organization/customers", new
        {
            name = "Riverbend Community Health",
            kind = "HealthcareProvider",
            breachNoticeContact = new { name = "Tomás Alvarez", email = "privacy@riverbend.example", phone = (string?)null, title = "Privacy Officer" },
            rightsRequestContact = (object?)null,
            notificationWindowDays = 10,
            baaEffectiveOn = "2025-01-15",
            notes = (string?)null,
        }, Ct)).Content.ReadFromJsonAsync<JsonObject>(Ct);
        await client.PostAsync("/api/v1/audit/checkpoints", null, Ct);

        var html = await client.GetStringAsync($"/organization/customers/{created!["id"]!.GetValue<string>()}", Ct);

        html.ShouldContain("Who accessed this record");
        html.ShouldContain("record.create");
        html.ShouldContain("Avery Admin");
    }

    [Fact]
    public async Task The_alerts_page_starts_empty_and_says_nothing_needs_attention()
    {
        await using var app = new CustosWebFactory();
        var client = await app.CreateAdministratorClientAsync();

        var html = await client.GetStringAsync("/audit/alerts", Ct);

        html.ShouldContain("<h1>Audit alerts</h1>");
        html.ShouldContain("No open alerts");
    }
}
