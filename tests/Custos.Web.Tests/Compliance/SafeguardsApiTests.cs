using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Custos.Platform.Authorization;
using Custos.Web.Tests.Infrastructure;

namespace Custos.Web.Tests.Compliance;

public sealed class SafeguardsApiTests
{
    private const string RiskAnalysis = "164.308(a)(1)(ii)(A)";
    private static readonly CancellationToken Ct = TestContext.Current.CancellationToken;
    private static readonly string RiskAnalysisPath = "/api/v1/requirements/" + Uri.EscapeDataString(RiskAnalysis);

    [Fact]
    public async Task A_requirement_turns_met_after_implementation_and_an_uploaded_file_is_approved_and_the_file_downloads_unchanged()
    {
        await using var app = new CustosWebFactory();
        await app.CreateAdministratorClientAsync();
        var (client, _) = await app.SignInAsNewUserAsync("compliance@custos.example", BuiltInRoles.ComplianceManager);
        var bytes = "Enterprise risk analysis, signed 2026-02-27"u8.ToArray();

        var put = await client.PutAsJsonAsync(RiskAnalysisPath + "/implementation", new { status = "Implemented", owner = "Elena Sokolova", howMet = "Annual analysis." }, Ct);
        put.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var form = new MultipartFormDataContent
        {
            { new StringContent("File"), "kind" },
            { new StringContent("Risk analysis 2026"), "title" },
            { new StringContent(RiskAnalysis), "requirement" },
            { new StringContent("2026-02-27"), "effectiveFrom" },
        };
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        form.Add(file, "file", "risk-analysis.pdf");
        var upload = await client.PostAsync("/api/v1/evidence", form, Ct);
        upload.StatusCode.ShouldBe(HttpStatusCode.Created);
        var evidence = (await upload.Content.ReadFromJsonAsync<JsonObject>(Ct))!;
        var id = evidence["id"]!.GetValue<Guid>();
        evidence["fileLength"]!.GetValue<long>().ShouldBe(bytes.Length);

        (await Verdict(client)).ShouldBe("NotMet");
        (await client.PostAsJsonAsync($"/api/v1/evidence/{id}/review", new { action = "Submit" }, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await client.PostAsJsonAsync($"/api/v1/evidence/{id}/review", new { action = "Approve" }, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await Verdict(client)).ShouldBe("Met");
        (await client.GetByteArrayAsync($"/api/v1/evidence/{id}/file", Ct)).ShouldBe(bytes);
        var met = await client.GetFromJsonAsync<JsonObject>("/api/v1/requirements?met=true&rule=security", Ct);
        met!["items"]!.AsArray().Select(i => i!["key"]!.GetValue<string>()).ShouldBe([RiskAnalysis]);
        (await client.GetStringAsync("/api/v1/requirements/export?format=csv", Ct)).ShouldContain("164.308(a)(1)(ii)(A),Risk analysis,security,specification,true,Administrative,implemented,met");
    }

    [Fact]
    public async Task The_register_pages_with_a_cursor_and_filters_by_family()
    {
        await using var app = new CustosWebFactory();
        var client = await app.CreateAdministratorClientAsync();

        var first = (await client.GetFromJsonAsync<JsonObject>("/api/v1/requirements?family=Technical&limit=5", Ct))!;
        var second = (await client.GetFromJsonAsync<JsonObject>($"/api/v1/requirements?family=Technical&limit=5&cursor={first["nextCursor"]!.GetValue<string>()}", Ct))!;

        first["items"]!.AsArray().Count.ShouldBe(5);
        first["items"]![0]!["key"]!.GetValue<string>().ShouldBe("164.312(a)(1)");
        second["items"]![0]!["key"]!.GetValue<string>().ShouldNotBe(first["items"]![4]!["key"]!.GetValue<string>());
        first["totalCount"]!.GetValue<int>().ShouldBe(12);
        first["items"]!.AsArray().ShouldAllBe(i => i!["family"]!.GetValue<string>() == "Technical");
    }

    [Fact]
    public async Task Bad_input_gets_problem_details_and_changes_nothing()
    {
        await using var app = new CustosWebFactory();
        await app.CreateAdministratorClientAsync();
        var (client, _) = await app.SignInAsNewUserAsync("compliance@custos.example", BuiltInRoles.ComplianceManager);

        var unknown = await client.GetAsync("/api/v1/requirements/" + Uri.EscapeDataString("164.399(z)"), Ct);
        var decision = await client.PostAsJsonAsync("/api/v1/requirements/" + Uri.EscapeDataString("164.312(a)(2)(iv)") + "/decision", new { decision = "AlternativeMeasure" }, Ct);
        using var empty = new MultipartFormDataContent
        {
            { new StringContent("Empty"), "title" },
            { new StringContent(RiskAnalysis), "requirement" },
            { new StringContent("2026-02-27"), "effectiveFrom" },
            { new ByteArrayContent([]), "file", "empty.pdf" },
        };
        var upload = await client.PostAsync("/api/v1/evidence", empty, Ct);

        unknown.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        unknown.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        decision.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = (await decision.Content.ReadFromJsonAsync<JsonObject>(Ct))!;
        problem["errors"]!["Justification"].ShouldNotBeNull();
        upload.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await upload.Content.ReadAsStringAsync(Ct)).ShouldContain("The file is empty");
        (await client.GetFromJsonAsync<JsonArray>("/api/v1/evidence", Ct))!.Count.ShouldBe(0);
        (await Verdict(client, "164.312(a)(2)(iv)")).ShouldBe("NotMet");
    }

    [Fact]
    public async Task A_user_who_may_only_read_compliance_cannot_change_an_implementation_from_the_page()
    {
        await using var app = new CustosWebFactory();
        await app.CreateAdministratorClientAsync();
        var (client, _) = await app.SignInAsNewUserAsync("engineer@custos.example", BuiltInRoles.Engineer);
        var link = "/compliance/requirement?key=" + Uri.EscapeDataString(RiskAnalysis);
        var page = await client.GetStringAsync(link, Ct);
        page.ShouldNotContain("Save implementation");

        var response = await client.PostAsync(link + "&handler=Implementation", Forms.Encode(page, new Dictionary<string, string> { ["Implementation.Status"] = "Implemented" }), Ct);

        response.Headers.Location!.OriginalString.ShouldContain("/account/access-denied");
        (await Verdict(client)).ShouldBe("NotMet");
        (await client.GetFromJsonAsync<JsonObject>(RiskAnalysisPath, Ct))!["row"]!["implementation"]!["status"]!.GetValue<string>().ShouldBe("NotAssessed");
    }

    private static async Task<string> Verdict(HttpClient client, string key = RiskAnalysis) =>
        (await client.GetFromJsonAsync<JsonObject>("/api/v1/requirements/" + Uri.EscapeDataString(key), Ct))!["row"]!["compliance"]!.GetValue<string>();
}
