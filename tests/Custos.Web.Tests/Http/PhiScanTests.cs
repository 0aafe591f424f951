using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Custos.Web.Tests.Infrastructure;

namespace Custos.Web.Tests.Http;

public sealed class PhiScanTests
{
    private static readonly CancellationToken Ct = TestContext.Current.CancellationToken;

    private static readonly string[] UnknownType = ["PASSPORT"];

    private const string Ticket = "Hi, I'm John Smith, SSN 123-45-6789, call me at (212) 555-0143.";

    [Fact]
    public async Task An_administrator_without_the_phi_scan_permission_is_refused()
    {
        await using var app = new CustosWebFactory();
        var client = await app.CreateAdministratorClientAsync();

        var response = await client.PostAsJsonAsync("/api/v1/phi/scan", new { text = Ticket }, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task The_scan_API_returns_typed_spans_of_the_text_and_never_the_values()
    {
        await using var app = new CustosWebFactory();
        await app.CreateAdministratorClientAsync();
        var (client, _) = await app.SignInAsNewUserAsync("eli@custos.example", Custos.Platform.Authorization.BuiltInRoles.Engineer);

        var response = await client.PostAsJsonAsync("/api/v1/phi/scan", new { text = Ticket }, Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var json = JsonNode.Parse(body)!;
        var findings = json["findings"]!.AsArray();
        var ssn = findings.Single(f => f!["type"]!.GetValue<string>() == "SSN")!;
        Ticket[ssn["start"]!.GetValue<int>()..ssn["end"]!.GetValue<int>()].ShouldBe("123-45-6789");
        findings.Select(f => f!["type"]!.GetValue<string>()).ShouldBe(["NAME", "SSN", "PHONE"]);
        json["countsByType"]!["SSN"]!.GetValue<int>().ShouldBe(1);
        body.ShouldNotContain("123-45-6789");
        body.ShouldNotContain("John");
    }

    [Fact]
    public async Task An_empty_text_or_an_unknown_type_gets_validation_problem_details()
    {
        await using var app = new CustosWebFactory();
        await app.CreateAdministratorClientAsync();
        var (client, _) = await app.SignInAsNewUserAsync("eli@custos.example", Custos.Platform.Authorization.BuiltInRoles.Engineer);

        var empty = await client.PostAsJsonAsync("/api/v1/phi/scan", new { text = "" }, Ct);
        var badType = await client.PostAsJsonAsync("/api/v1/phi/scan", new { text = "x", types = UnknownType }, Ct);

        empty.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        empty.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await badType.Content.ReadAsStringAsync(Ct)).ShouldContain("'PASSPORT' is not a PHI type");
    }

    [Fact]
    public async Task The_scan_API_requires_sign_in()
    {
        await using var app = new CustosWebFactory();
        var client = app.CreateBrowserClient();

        var response = await client.PostAsJsonAsync("/api/v1/phi/scan", new { text = Ticket }, Ct);

        response.StatusCode.ShouldBeOneOf(HttpStatusCode.Unauthorized, HttpStatusCode.Redirect, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task The_scan_page_highlights_findings_in_place()
    {
        await using var app = new CustosWebFactory();
        await app.CreateAdministratorClientAsync();
        var (client, _) = await app.SignInAsNewUserAsync("eli@custos.example", Custos.Platform.Authorization.BuiltInRoles.Engineer);
        var form = await client.GetStringAsync("/phi/scan", Ct);

        var response = await client.PostAsync("/phi/scan", Forms.Encode(form, new Dictionary<string, string> { ["Text"] = Ticket }), Ct);
        var html = await response.Content.ReadAsStringAsync(Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        html.ShouldContain("3 findings");
        html.ShouldContain("data-type=\"SSN\">123-45-6789</mark>");
        PageHtml.Highlighted(html).ShouldContain("data-type=\"NAME\">John Smith</mark>");
    }
}

internal static class PageHtml
{
    public static string Highlighted(string html) => html[html.IndexOf("phi-highlighted", StringComparison.Ordinal)..][..600];
}
