using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Custos.Platform.Audit;
using Custos.Web.Tests.Infrastructure;

namespace Custos.Web.Tests.Audit;

public sealed class AuditApiTests
{
    private static readonly CancellationToken Ct = TestContext.Current.CancellationToken;

    private static object Customer(string name) => new
    {
        name,
        kind = "HealthcareProvider",
        breachNoticeContact = new { name = "Tomás Alvarez", email = "privacy@riverbend.example", phone = (string?)null, title = "Privacy Officer" },
        rightsRequestContact = (object?)null,
        notificationWindowDays = 10,
        baaEffectiveOn = "2025-01-15",
        notes = (string?)null,
    };

    [Fact]
    public async Task A_change_made_through_the_API_is_in_the_ledger_with_a_proof_that_checks_against_the_signed_checkpoint()
    {
        await using var app = new CustosWebFactory();
        var client = await app.CreateAdministratorClientAsync();
        var created = await (await client.PostAsJsonAsync("/api/v1/organization/customers", Customer("Riverbend Community Health"), Ct)).Content.ReadFromJsonAsync<JsonObject>(Ct);
        var customerId = created!["id"]!.GetValue<string>();

        var checkpoint = await (await client.PostAsync("/api/v1/audit/checkpoints", null, Ct)).Content.ReadFromJsonAsync<JsonObject>(Ct);
        var latest = await client.GetFromJsonAsync<JsonObject>("/api/v1/audit/checkpoints/latest", Ct);
        var page = await client.GetFromJsonAsync<JsonObject>($"/api/v1/audit/entries?resourceType=CoveredEntityCustomer&resourceId={customerId}", Ct);

        latest!["treeSize"]!.GetValue<long>().ShouldBe(checkpoint!["treeSize"]!.GetValue<long>());
        var entry = page!["entries"]!.AsArray().ShouldHaveSingleItem()!;
        entry["action"]!.GetValue<string>().ShouldBe(AuditActions.RecordCreated);
        entry["actorName"]!.GetValue<string>().ShouldBe("Avery Admin");
        var seq = entry["sequence"]!.GetValue<long>();
        var size = latest["treeSize"]!.GetValue<long>();
        var proof = await client.GetFromJsonAsync<JsonObject>($"/api/v1/audit/entries/{seq}/proof?treeSize={size}", Ct);
        MerkleVerifier.VerifyInclusion(
            seq,
            size,
            Convert.FromBase64String(proof!["leafHash"]!.GetValue<string>()),
            proof["proof"]!.AsArray().Select(p => Convert.FromBase64String(p!.GetValue<string>())).ToList(),
            Convert.FromBase64String(latest["rootHash"]!.GetValue<string>())).ShouldBeTrue();
    }

    [Fact]
    public async Task Consistency_between_two_checkpoints_checks_and_bad_sizes_are_a_validation_problem()
    {
        await using var app = new CustosWebFactory();
        var client = await app.CreateAdministratorClientAsync();
        var first = await (await client.PostAsync("/api/v1/audit/checkpoints", null, Ct)).Content.ReadFromJsonAsync<JsonObject>(Ct);
        await client.PostAsJsonAsync("/api/v1/organization/customers", Customer("Summit Claims Exchange"), Ct);
        var second = await (await client.PostAsync("/api/v1/audit/checkpoints", null, Ct)).Content.ReadFromJsonAsync<JsonObject>(Ct);
        var m = first!["treeSize"]!.GetValue<long>();
        var n = second!["treeSize"]!.GetValue<long>();

        var proof = await client.GetFromJsonAsync<JsonObject>($"/api/v1/audit/consistency?first={m}&second={n}", Ct);
        var bad = await client.GetAsync($"/api/v1/audit/consistency?first={n}&second={m}", Ct);

        n.ShouldBeGreaterThan(m);
        MerkleVerifier.VerifyConsistency(
            m,
            n,
            Convert.FromBase64String(first["rootHash"]!.GetValue<string>()),
            Convert.FromBase64String(second["rootHash"]!.GetValue<string>()),
            proof!["proof"]!.AsArray().Select(p => Convert.FromBase64String(p!.GetValue<string>())).ToList()).ShouldBeTrue();
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await bad.Content.ReadAsStringAsync(Ct)).ShouldContain("0 < first <= second");
    }

    [Fact]
    public async Task An_export_for_auditors_is_CSV_and_is_itself_recorded()
    {
        await using var app = new CustosWebFactory();
        await app.CreateAdministratorClientAsync();
        var (client, _) = await app.SignInAsNewUserAsync("sofia@custos.example", Custos.Platform.Authorization.BuiltInRoles.SecurityOfficer);
        await client.PostAsync("/api/v1/audit/checkpoints", null, Ct);

        var export = await client.GetAsync("/api/v1/audit/export?format=csv", Ct);
        await client.PostAsync("/api/v1/audit/checkpoints", null, Ct);
        var exports = await client.GetFromJsonAsync<JsonObject>("/api/v1/audit/entries?action=audit.export", Ct);

        export.StatusCode.ShouldBe(HttpStatusCode.OK);
        export.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        (await export.Content.ReadAsStringAsync(Ct)).ShouldContain("Sequence,Time (UTC),Action");
        exports!["entries"]!.AsArray().ShouldHaveSingleItem()!["reason"]!.GetValue<string>().ShouldEndWith("as csv");
    }

    [Fact]
    public async Task The_ledger_is_not_readable_without_signing_in()
    {
        await using var app = new CustosWebFactory();
        var client = app.CreateBrowserClient();

        var response = await client.GetAsync("/api/v1/audit/checkpoints/latest", Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }
}
