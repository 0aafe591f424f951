using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Custos.Platform.Authorization;
using Custos.Web.Tests.Infrastructure;

namespace Custos.Web.Tests.Http;

public sealed class ElevationApiTests
{
    private static readonly CancellationToken Ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task More_than_eight_hours_is_a_validation_problem_naming_the_limit()
    {
        await using var app = new CustosWebFactory();
        var admin = await app.CreateAdministratorClientAsync();

        var response = await admin.PostAsJsonAsync("/api/v1/elevations", new
        {
            roleName = BuiltInRoles.PrivacyOfficer,
            justification = "INC-2207: assess the misdirected export",
            durationMinutes = 481,
        }, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>(Ct);
        problem!["errors"]!["durationMinutes"]![0]!.GetValue<string>().ShouldStartWith("Elevation lasts at most 8 hours");
        (await admin.GetFromJsonAsync<JsonArray>("/api/v1/elevations", Ct))!.Count.ShouldBe(0);
    }

    [Fact]
    public async Task Approving_your_own_request_through_the_api_is_a_problem_on_the_approver()
    {
        await using var app = new CustosWebFactory();
        var admin = await app.CreateAdministratorClientAsync();
        var created = await admin.PostAsJsonAsync("/api/v1/elevations", new
        {
            roleName = BuiltInRoles.SecurityOfficer,
            justification = "Rotate the encryption keys after the vendor incident",
            durationMinutes = 30,
        }, Ct);
        var id = (await created.Content.ReadFromJsonAsync<JsonObject>(Ct))!["id"]!.GetValue<string>();

        var response = await admin.PostAsJsonAsync($"/api/v1/elevations/{id}/decision", new { approve = true }, Ct);

        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>(Ct);
        problem!["errors"]!["approver"]![0]!.GetValue<string>().ShouldContain("because you made it yourself");
    }

    [Fact]
    public async Task An_api_key_cannot_ask_for_elevation_or_decide_one()
    {
        await using var app = new CustosWebFactory();
        var key = await ApiKeyAuthenticationTests.IssueAsync(app, Permissions.ElevationApprove, Permissions.ElevationRequest);
        var client = app.CreateBrowserClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key.Secret);

        var asked = await client.PostAsJsonAsync("/api/v1/elevations", new
        {
            roleName = BuiltInRoles.Administrator,
            justification = "A script asking for more than it was given",
            durationMinutes = 30,
        }, Ct);

        asked.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await asked.Content.ReadAsStringAsync(Ct)).ShouldContain("Only a person signed in to Custos can ask for temporary access");
    }
}
