using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Custos.Modules.Privacy;
using Custos.Platform.Audit;
using Custos.Platform.Authorization;
using Custos.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Custos.Web.Tests.Http;

/// <summary>
/// POST /api/v1/phi/reidentify and the page /phi/reidentify: 45 CFR 164.514(c) through Custos, with its own permission,
/// a stated purpose and a fresh second factor (step-up).
/// </summary>
public sealed class PhiReidentifyTests
{
    private static readonly CancellationToken Ct = TestContext.Current.CancellationToken;

    private const string Code = "NAME-7KQ2M9XW4HTR";

    private static async Task RecordAsync(CustosWebFactory app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<RecordPseudonyms>()
            .HandleAsync(new RecordPseudonymsCommand("export.csv", [new PseudonymEntry(Code, "NAME", "Maria Kelvarossen")]), Ct);
    }

    [Fact]
    public async Task The_Privacy_Officer_re_identifies_a_recorded_code_with_a_purpose_and_the_response_is_not_cached()
    {
        await using var app = new CustosWebFactory();
        await app.CreateAdministratorClientAsync();
        await RecordAsync(app);
        var (client, _) = await app.SignInAsNewUserAsync("pat@custos.example", BuiltInRoles.PrivacyOfficer);

        var response = await client.PostAsJsonAsync("/api/v1/phi/reidentify", new { codes = new[] { Code }, purpose = "Ticket CS-1042: the covered entity asks who row 12 is" }, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Headers.CacheControl!.NoStore.ShouldBeTrue();
        var item = JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!.AsArray().ShouldHaveSingleItem()!;
        item["value"]!.GetValue<string>().ShouldBe("Maria Kelvarossen");
        item["found"]!.GetValue<bool>().ShouldBeTrue();
    }

    [Fact]
    public async Task Without_a_purpose_the_request_gets_problem_details_and_an_engineer_is_refused()
    {
        await using var app = new CustosWebFactory();
        await app.CreateAdministratorClientAsync();
        await RecordAsync(app);
        var (officer, _) = await app.SignInAsNewUserAsync("pat@custos.example", BuiltInRoles.PrivacyOfficer);
        var (engineer, _) = await app.SignInAsNewUserAsync("eli@custos.example", BuiltInRoles.Engineer);

        var noPurpose = await officer.PostAsJsonAsync("/api/v1/phi/reidentify", new { codes = new[] { Code }, purpose = "" }, Ct);
        var refused = await engineer.PostAsJsonAsync("/api/v1/phi/reidentify", new { codes = new[] { Code }, purpose = "Ticket CS-1042: the covered entity asks who row 12 is" }, Ct);

        noPurpose.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        noPurpose.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var problem = await noPurpose.Content.ReadAsStringAsync(Ct);
        problem.ShouldContain("State the purpose");
        problem.ShouldNotContain("Kelvarossen");
        refused.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    private const string Purpose = "Ticket CS-1042: the covered entity asks who row 12 is";

    private static async Task<IReadOnlyList<AuditEntryView>> ReidentificationEntriesAsync(CustosWebFactory app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<AuditSequencer>().IntegrateAllAsync(Ct); // the search shows sequenced entries
        var page = await scope.ServiceProvider.GetRequiredService<AuditLedgerReader>().SearchAsync(new AuditSearch(Action: ReidentifyRecords.Action, Limit: 100), Ct);
        return page.Entries;
    }

    private static async Task StepUpAsync(CustosWebFactory app, HttpClient client, string key)
    {
        var page = await client.GetStringAsync("/account/step-up", Ct);
        var response = await client.PostAsync("/account/step-up", Forms.Encode(page, new Dictionary<string, string> { ["Code"] = app.NextCode(key) }), Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task Without_a_fresh_second_factor_the_API_refuses_with_step_up_problem_details_and_records_nothing()
    {
        await using var app = new CustosWebFactory();
        await app.CreateAdministratorClientAsync();
        await RecordAsync(app);
        var (client, key) = await app.SignInAsNewUserAsync("pat@custos.example", BuiltInRoles.PrivacyOfficer);
        app.Time.Advance(TimeSpan.FromMinutes(6));

        var stale = await client.PostAsJsonAsync("/api/v1/phi/reidentify", new { codes = new[] { Code }, purpose = Purpose }, Ct);

        stale.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        stale.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var problem = await stale.Content.ReadAsStringAsync(Ct);
        problem.ShouldContain("step-up-required");
        problem.ShouldNotContain("Kelvarossen");
        (await ReidentificationEntriesAsync(app)).ShouldBeEmpty();

        await StepUpAsync(app, client, key);
        var fresh = await client.PostAsJsonAsync("/api/v1/phi/reidentify", new { codes = new[] { Code }, purpose = Purpose }, Ct);
        fresh.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await fresh.Content.ReadAsStringAsync(Ct)).ShouldContain("Maria Kelvarossen");
        (await ReidentificationEntriesAsync(app)).ShouldHaveSingleItem().Reason.ShouldBe(Purpose); // only the request that passed step-up
    }

    [Fact]
    public async Task The_page_asks_for_a_fresh_code_then_shows_the_value_in_the_response_only_and_records_the_purpose()
    {
        await using var app = new CustosWebFactory();
        await app.CreateAdministratorClientAsync();
        await RecordAsync(app);
        var (client, key) = await app.SignInAsNewUserAsync("pat@custos.example", BuiltInRoles.PrivacyOfficer);
        app.Time.Advance(TimeSpan.FromMinutes(6));

        var stale = await client.GetAsync("/phi/reidentify", Ct);
        stale.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        stale.Headers.Location!.OriginalString.ShouldBe("/account/step-up?returnUrl=%2Fphi%2Freidentify");
        await StepUpAsync(app, client, key);
        var form = await client.GetStringAsync("/phi/reidentify", Ct);

        var response = await client.PostAsync("/phi/reidentify", Forms.Encode(form, new Dictionary<string, string>
        {
            ["Input.Codes"] = Code + "\nNAME-0000000000ZZ",
            ["Input.Purpose"] = Purpose,
        }), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.RequestMessage!.RequestUri!.PathAndQuery.ShouldBe("/phi/reidentify");
        response.Headers.CacheControl!.NoStore.ShouldBeTrue();
        var html = await response.Content.ReadAsStringAsync(Ct);
        html.ShouldContain("Maria Kelvarossen");
        html.ShouldContain("1 of 2 codes found");
        var entries = await ReidentificationEntriesAsync(app);
        entries.Select(e => e.ResourceId).ShouldBe([Code, "NAME-0000000000ZZ"], ignoreOrder: true);
        entries.ShouldAllBe(e => e.Reason == Purpose);
    }

    [Fact]
    public async Task The_page_without_a_purpose_shows_the_field_error_reads_nothing_and_records_nothing()
    {
        await using var app = new CustosWebFactory();
        await app.CreateAdministratorClientAsync();
        await RecordAsync(app);
        var (client, _) = await app.SignInAsNewUserAsync("pat@custos.example", BuiltInRoles.PrivacyOfficer);
        var form = await client.GetStringAsync("/phi/reidentify", Ct);

        var response = await client.PostAsync("/phi/reidentify", Forms.Encode(form, new Dictionary<string, string>
        {
            ["Input.Codes"] = Code,
            ["Input.Purpose"] = "   ",
        }), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await response.Content.ReadAsStringAsync(Ct);
        html.ShouldContain("State the purpose");
        html.ShouldContain("href=\"#Input_Purpose\"");
        html.ShouldNotContain("Kelvarossen");
        (await ReidentificationEntriesAsync(app)).ShouldBeEmpty();
        var valid = await client.PostAsync("/phi/reidentify", Forms.Encode(html, new Dictionary<string, string>
        {
            ["Input.Codes"] = Code,
            ["Input.Purpose"] = Purpose,
        }), Ct);
        (await valid.Content.ReadAsStringAsync(Ct)).ShouldContain("Maria Kelvarossen");
        (await ReidentificationEntriesAsync(app)).ShouldHaveSingleItem().Reason.ShouldBe(Purpose); // the ledger is read, and held only the valid request
    }
}
