using System.Net;
using Custos.Platform.Authorization;
using Custos.Web.Tests.Infrastructure;

namespace Custos.Web.Tests.Http;

/// <summary>JIT elevation and break-glass through the pages, with the permissions in the session following them.</summary>
public sealed class ElevationPagesTests
{
    private static readonly CancellationToken Ct = TestContext.Current.CancellationToken;
    private const string Password = "a long enough passphrase";

    [Fact]
    public async Task An_approved_elevation_reaches_the_requesters_session_and_leaves_it_when_it_ends()
    {
        await using var app = new CustosWebFactory();
        var admin = await app.CreateAdministratorClientAsync();
        var engineer = await SignInAsync(app, "eli@custos.example", BuiltInRoles.Engineer);
        (await engineer.GetAsync("/access/approvals", Ct)).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var asked = await PostFormAsync(engineer, "/access/elevation", "/access/elevation", new()
        {
            ["Input.RoleName"] = BuiltInRoles.PrivacyOfficer,
            ["Input.DurationMinutes"] = "60",
            ["Input.Justification"] = "INC-2207: assess the misdirected export for the breach determination",
        });
        var approvals = await admin.GetStringAsync("/access/approvals", Ct);
        var id = System.Text.RegularExpressions.Regex.Match(approvals, "id=\"req-([0-9a-f-]{36})\"").Groups[1].Value;
        var approved = await PostFormAsync(admin, "/access/approvals", $"/access/approvals?handler=Decide&id={id}", new() { ["approve"] = "true", ["note"] = "ok" });
        app.Time.Advance(TimeSpan.FromMinutes(1));
        var during = await engineer.GetAsync("/access/approvals", Ct);
        for (var minutes = 0; minutes < 60; minutes += 10)
        {
            // The engineer keeps working (an idle session would end after 15 minutes on its own).
            app.Time.Advance(TimeSpan.FromMinutes(10));
            (await engineer.GetAsync("/", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        var after = await engineer.GetAsync("/access/approvals", Ct);

        asked.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        approvals.ShouldContain("eli asks for Privacy Officer for 60 minutes");
        approved.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        during.StatusCode.ShouldBe(HttpStatusCode.OK);
        after.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        after.Headers.Location!.ToString().ShouldContain("/account/access-denied");
    }

    [Fact]
    public async Task An_approver_does_not_see_their_own_request_and_cannot_approve_it()
    {
        await using var app = new CustosWebFactory();
        var admin = await app.CreateAdministratorClientAsync();
        await PostFormAsync(admin, "/access/elevation", "/access/elevation", new()
        {
            ["Input.RoleName"] = BuiltInRoles.SecurityOfficer,
            ["Input.DurationMinutes"] = "30",
            ["Input.Justification"] = "Rotate the encryption keys after the vendor incident",
        });
        var mine = await admin.GetStringAsync("/access/elevation", Ct);
        var id = System.Text.RegularExpressions.Regex.Match(await admin.GetStringAsync("/api/v1/elevations", Ct), "\"id\":\"([0-9a-f-]{36})\"").Groups[1].Value;

        var approvals = await admin.GetStringAsync("/access/approvals", Ct);
        var attempt = await PostFormAsync(admin, "/access/approvals", $"/access/approvals?handler=Decide&id={id}", new() { ["approve"] = "true" });

        mine.ShouldContain("Rotate the encryption keys");
        approvals.ShouldContain("Nothing is waiting for a decision.");
        attempt.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await attempt.Content.ReadAsStringAsync(Ct)).ShouldContain("because you made it yourself");
    }

    [Fact]
    public async Task Breaking_the_glass_works_at_once_and_the_notification_shows_in_the_navigation()
    {
        await using var app = new CustosWebFactory();
        var admin = await app.CreateAdministratorClientAsync();
        var engineer = await SignInAsync(app, "eli@custos.example", BuiltInRoles.Engineer);

        var broke = await PostFormAsync(engineer, "/access/break-glass", "/access/break-glass", new()
        {
            ["Input.RoleName"] = BuiltInRoles.SecurityOfficer,
            ["Input.DurationMinutes"] = "30",
            ["Input.Reason"] = "Ransomware alert on the evidence store: isolate it and preserve logs",
        });
        var approvalsNow = await engineer.GetAsync("/access/approvals", Ct);
        var engineerDashboard = await engineer.GetStringAsync("/", Ct);
        var dashboard = await admin.GetStringAsync("/", Ct);
        var notifications = await admin.GetStringAsync("/notifications", Ct);
        var reviews = await admin.GetStringAsync("/access/approvals", Ct);

        broke.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        approvalsNow.StatusCode.ShouldBe(HttpStatusCode.OK, "break-glass takes effect at once, without waiting for the session refresh");
        dashboard.ShouldContain(">1<span class=\"visually-hidden\"> unread</span>");
        engineerDashboard.ShouldNotContain(" unread</span>");
        notifications.ShouldContain("Break-glass: eli took Security Officer");
        reviews.ShouldContain("eli broke the glass for Security Officer");
    }

    private static async Task<HttpClient> SignInAsync(CustosWebFactory app, string email, string role) =>
        (await app.SignInAsNewNamedUserAsync(email, email.Split('@')[0], role)).Client;

    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string formPage, string action, Dictionary<string, string> fields)
    {
        var page = await client.GetStringAsync(formPage, Ct);
        return await client.PostAsync(action, Forms.Encode(page, fields), Ct);
    }
}
