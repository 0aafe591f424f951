using System.Net;
using Custos.Web.Tests.Infrastructure;

namespace Custos.Web.Tests.Http;

public sealed class FirstRunSetupTests
{
    private static readonly CancellationToken Ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_fresh_installation_announces_a_one_time_setup_link_and_has_no_default_credentials()
    {
        await using var app = new CustosWebFactory();
        var client = app.CreateBrowserClient();

        var signIn = await client.GetStringAsync("/account/sign-in", Ct);
        var response = await client.PostAsync("/account/sign-in", Forms.Encode(signIn, new Dictionary<string, string>
        {
            ["Input.Email"] = "admin@localhost",
            ["Input.Password"] = "admin",
        }), Ct);

        app.Announcer.WaitForLink().AbsolutePath.ShouldBe("/setup");
        app.Announcer.Token.Length.ShouldBeGreaterThanOrEqualTo(43, "256 random bits, base64url");
        signIn.ShouldContain("Custos has no users yet");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync(Ct)).ShouldContain("The email or password is not correct.");
    }

    [Fact]
    public async Task The_setup_link_creates_the_first_administrator_and_signs_them_in()
    {
        await using var app = new CustosWebFactory();

        var client = await app.CreateAdministratorClientAsync();
        var dashboard = await client.GetAsync("/", Ct);

        dashboard.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await dashboard.Content.ReadAsStringAsync(Ct);
        html.ShouldContain("HIPAA program status");
        html.ShouldContain("Avery Admin");
    }

    [Fact]
    public async Task A_used_setup_link_is_refused_the_second_time()
    {
        await using var app = new CustosWebFactory();
        await app.CreateAdministratorClientAsync();
        var second = app.CreateBrowserClient();

        var response = await second.GetAsync(app.Announcer.WaitForLink().PathAndQuery, Ct);

        // Setup is complete: the link leads to sign-in, never to a second administrator form.
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.ShouldStartWith("/account/sign-in");
    }

    [Fact]
    public async Task A_setup_link_older_than_30_minutes_is_refused_with_a_message_saying_what_to_do()
    {
        await using var app = new CustosWebFactory();
        var client = app.CreateBrowserClient();
        var link = app.Announcer.WaitForLink();
        var form = await client.GetStringAsync(link.PathAndQuery, Ct);

        app.Time.Advance(TimeSpan.FromMinutes(30) + TimeSpan.FromSeconds(1));
        var response = await client.PostAsync(link.PathAndQuery, Forms.Encode(form, new Dictionary<string, string>
        {
            ["Input.DisplayName"] = "Late Admin",
            ["Input.Email"] = "late@custos.example",
            ["Input.Password"] = "correct horse battery staple",
            ["Input.ConfirmPassword"] = "correct horse battery staple",
        }), Ct);

        var html = await response.Content.ReadAsStringAsync(Ct);
        html.ShouldContain("This setup link has expired");
        html.ShouldContain("Restart Custos to print a new one");
        (await client.GetAsync("/", Ct)).StatusCode.ShouldBe(HttpStatusCode.Redirect, "nobody was signed in");
    }

    [Fact]
    public async Task A_wrong_setup_token_shows_no_form()
    {
        await using var app = new CustosWebFactory();
        var client = app.CreateBrowserClient();
        app.Announcer.WaitForLink();

        var html = await client.GetStringAsync("/setup?token=not-the-token", Ct);

        html.ShouldContain("This setup link is not valid");
        html.ShouldNotContain("Input.Password");
    }

    [Fact]
    public async Task A_short_password_gets_a_field_error_and_the_link_stays_usable()
    {
        await using var app = new CustosWebFactory();
        var client = app.CreateBrowserClient();
        var link = app.Announcer.WaitForLink();
        var form = await client.GetStringAsync(link.PathAndQuery, Ct);

        var response = await client.PostAsync(link.PathAndQuery, Forms.Encode(form, new Dictionary<string, string>
        {
            ["Input.DisplayName"] = "Avery Admin",
            ["Input.Email"] = "admin@custos.example",
            ["Input.Password"] = "short",
            ["Input.ConfirmPassword"] = "short",
        }), Ct);

        var html = await response.Content.ReadAsStringAsync(Ct);
        html.ShouldContain("Use at least 12 characters");
        html.ShouldContain("aria-invalid=\"true\"");
        html.ShouldContain("nothing was saved");
        var again = await app.CreateAdministratorClientAsync();
        (await again.GetAsync("/", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_administrators_email_never_reaches_the_logs()
    {
        await using var app = new CustosWebFactory();

        await app.CreateAdministratorClientAsync(email: "private.person@custos.example");

        var records = app.Logs.GetSnapshot();
        records.ShouldContain(r => r.Id.Id == 200, "the setup completion is logged");
        records.ShouldAllBe(r => !r.Message.Contains("private.person", StringComparison.OrdinalIgnoreCase));
        records.ShouldAllBe(r => !r.Message.Contains(app.Announcer.Token, StringComparison.Ordinal));
    }
}
