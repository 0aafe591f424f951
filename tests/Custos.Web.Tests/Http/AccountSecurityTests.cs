using System.Net;
using Custos.Web.Tests.Infrastructure;

namespace Custos.Web.Tests.Http;

/// <summary>Sessions, step-up and throttling over HTTP, with the host's clock moved by the test.</summary>
public sealed class AccountSecurityTests
{
    private static readonly CancellationToken Ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_session_unused_for_15_minutes_is_signed_out_on_its_next_request()
    {
        await using var app = new CustosWebFactory();
        var client = await app.CreateAdministratorClientAsync();
        (await client.GetAsync("/organization", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);

        app.Time.Advance(TimeSpan.FromMinutes(15));

        var response = await client.GetAsync("/organization", Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.ShouldContain("/account/sign-in");
    }

    [Fact]
    public async Task An_active_session_still_ends_12_hours_after_sign_in()
    {
        await using var app = new CustosWebFactory();
        var client = await app.CreateAdministratorClientAsync();
        for (var elapsed = TimeSpan.Zero; elapsed < TimeSpan.FromHours(11.5); elapsed += TimeSpan.FromMinutes(10))
        {
            app.Time.Advance(TimeSpan.FromMinutes(10));
            (await client.GetAsync("/", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        app.Time.Advance(TimeSpan.FromMinutes(31));
        (await client.GetAsync("/", Ct)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task Sign_out_everywhere_ends_the_other_sessions_on_their_next_request()
    {
        await using var app = new CustosWebFactory();
        var first = await app.CreateAdministratorClientAsync();
        var second = app.CreateBrowserClient();
        var form = await second.GetStringAsync("/account/sign-in", Ct);
        await second.PostAsync("/account/sign-in", Forms.Encode(form, new Dictionary<string, string>
        {
            ["Input.Email"] = "admin@custos.example",
            ["Input.Password"] = "correct horse battery staple",
        }), Ct);
        var verify = await second.GetStringAsync("/account/verify", Ct);
        (await second.PostAsync("/account/verify", Forms.Encode(verify, new Dictionary<string, string> { ["Code"] = app.NextCode(app.AdministratorAuthenticatorKey!) }), Ct))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await second.GetAsync("/organization", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var sessions = await first.GetStringAsync("/account/sessions", Ct);
        (await first.PostAsync("/account/sessions?handler=Everywhere", Forms.Encode(sessions, new Dictionary<string, string>()), Ct)).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        (await second.GetAsync("/organization", Ct)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await first.GetAsync("/organization", Ct)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task A_sensitive_page_asks_for_a_fresh_code_after_five_minutes_and_then_opens()
    {
        await using var app = new CustosWebFactory();
        var client = await app.CreateAdministratorClientAsync();
        (await client.GetAsync("/account/recovery-codes", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK, "just signed in: the second factor is fresh");

        app.Time.Advance(TimeSpan.FromMinutes(6));
        var stale = await client.GetAsync("/account/recovery-codes", Ct);
        stale.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        stale.Headers.Location!.OriginalString.ShouldBe("/account/step-up?returnUrl=%2Faccount%2Frecovery-codes");

        var page = await client.GetStringAsync(stale.Headers.Location, Ct);
        var wrong = await client.PostAsync(stale.Headers.Location, Forms.Encode(page, new Dictionary<string, string> { ["Code"] = "000000" }), Ct);
        wrong.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await wrong.Content.ReadAsStringAsync(Ct)).ShouldContain("not correct");
        await app.StepUpAsync(client);

        (await client.GetAsync("/account/recovery-codes", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_eleventh_sign_in_attempt_in_a_minute_from_one_address_is_throttled()
    {
        await using var app = new CustosWebFactory();
        await app.CreateAdministratorClientAsync();
        var client = app.CreateBrowserClient();
        var form = await client.GetStringAsync("/account/sign-in", Ct);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 11; i++)
        {
            var response = await client.PostAsync("/account/sign-in", Forms.Encode(form, new Dictionary<string, string>
            {
                ["Input.Email"] = $"nobody{i}@custos.example",
                ["Input.Password"] = "not the password at all",
            }), Ct);
            statuses.Add(response.StatusCode);
        }

        // Setup and enrolment already spent 2 of the 10 permits of this address.
        statuses.Count(s => s == HttpStatusCode.TooManyRequests).ShouldBeGreaterThanOrEqualTo(1);
        statuses.Take(8).ShouldAllBe(s => s == HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_blocklisted_password_is_refused_at_setup_with_a_message_and_no_account_is_made()
    {
        await using var app = new CustosWebFactory();
        var client = app.CreateBrowserClient();
        var link = app.Announcer.WaitForLink();
        var form = await client.GetStringAsync(link.PathAndQuery, Ct);

        var response = await client.PostAsync(link.PathAndQuery, Forms.Encode(form, new Dictionary<string, string>
        {
            ["Input.DisplayName"] = "Avery Admin",
            ["Input.Email"] = "admin@custos.example",
            ["Input.Password"] = "password1234",
            ["Input.ConfirmPassword"] = "password1234",
        }), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync(Ct)).ShouldContain("common or breached");
        (await client.GetAsync(link.PathAndQuery, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK, "setup is still open");
    }
}
