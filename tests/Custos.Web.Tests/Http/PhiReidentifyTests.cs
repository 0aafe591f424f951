using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Custos.Modules.Privacy;
using Custos.Platform.Authorization;
using Custos.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Custos.Web.Tests.Http;

/// <summary>POST /api/v1/phi/reidentify: 45 CFR 164.514(c) through Custos, with its own permission and a stated purpose.</summary>
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
}
