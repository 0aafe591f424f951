using System.Net;
using Custos.Web.Tests.Infrastructure;

namespace Custos.Web.Tests.Http;

public sealed class HostingTests
{
    private static readonly CancellationToken Ct = TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task Health_endpoints_answer_anonymously(string path)
    {
        await using var app = new CustosWebFactory();
        var client = app.CreateBrowserClient();

        var response = await client.GetAsync(path, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync(Ct)).ShouldBe("Healthy");
    }

    [Fact]
    public async Task Readiness_fails_when_the_database_is_gone()
    {
        await using var app = new CustosWebFactory();
        var client = app.CreateBrowserClient();
        (await client.GetAsync("/health/ready", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(app.DatabasePath);
        var response = await client.GetAsync("/health/ready", Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
    }

    [Fact]
    public async Task With_migration_on_startup_turned_off_an_empty_database_is_not_ready_and_says_what_to_run()
    {
        await using var app = new CustosWebFactory(migrateOnStartup: false);
        var client = app.CreateBrowserClient();

        var response = await client.GetAsync("/health/ready", Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        app.Logs.GetSnapshot().ShouldContain(r => r.Message.Contains("run 'custos db migrate'", StringComparison.Ordinal));
        app.Announcer.WasAnnounced.ShouldBeFalse("no setup link can be issued before the schema exists");
    }

    [Fact]
    public async Task The_site_icon_is_named_by_every_page_and_served_without_signing_in()
    {
        await using var app = new CustosWebFactory();
        var client = app.CreateBrowserClient();

        var page = await client.GetStringAsync("/account/sign-in", Ct);
        var icon = await client.GetAsync("/favicon.svg", Ct);

        page.ShouldContain("rel=\"icon\" href=\"/favicon.svg\"");
        icon.StatusCode.ShouldBe(HttpStatusCode.OK);
        icon.Content.Headers.ContentType!.MediaType.ShouldBe("image/svg+xml");
    }

    [Fact]
    public async Task Every_page_carries_the_security_headers()
    {
        await using var app = new CustosWebFactory();
        // HSTS is never sent to localhost (it would pin every local development site), so ask as a real host name.
        var client = app.CreateClient(new() { BaseAddress = new Uri("https://custos.example.org"), AllowAutoRedirect = false });

        var response = await client.GetAsync("/account/sign-in", Ct);

        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        csp.ShouldContain("script-src 'self'");
        csp.ShouldNotContain("unsafe-inline");
        csp.ShouldContain("frame-ancestors 'none'");
        response.Headers.GetValues("X-Content-Type-Options").Single().ShouldBe("nosniff");
        response.Headers.GetValues("X-Frame-Options").Single().ShouldBe("DENY");
        response.Headers.GetValues("Referrer-Policy").Single().ShouldBe("no-referrer");
        response.Headers.GetValues("Strict-Transport-Security").Single().ShouldContain("max-age=31536000");
    }

    [Fact]
    public async Task Pages_contain_no_inline_script_or_style()
    {
        await using var app = new CustosWebFactory();
        var client = await app.CreateAdministratorClientAsync();

        foreach (var path in new[] { "/", "/organization", "/organization/edit", "/organization/officers", "/organization/customers", "/organization/customers/new" })
        {
            var html = await client.GetStringAsync(path, Ct);

            System.Text.RegularExpressions.Regex.IsMatch(html, "<script(?![^>]*\\ssrc=)[^>]*>").ShouldBeFalse($"{path} has an inline <script>");
            html.ShouldNotContain(" style=\"", customMessage: $"{path} has an inline style attribute");
            html.ShouldNotContain(" onclick=", customMessage: $"{path} has an inline event handler");
        }
    }

    [Fact]
    public async Task Over_https_session_and_antiforgery_cookies_are_secure_http_only_and_same_site()
    {
        await using var app = new CustosWebFactory();
        var client = app.CreateBrowserClient();
        var link = app.Announcer.WaitForLink();
        var form = await client.GetAsync(link.PathAndQuery, Ct);
        var html = await form.Content.ReadAsStringAsync(Ct);

        var response = await client.PostAsync(link.PathAndQuery, Forms.Encode(html, new Dictionary<string, string>
        {
            ["Input.DisplayName"] = "Avery Admin",
            ["Input.Email"] = "admin@custos.example",
            ["Input.Password"] = "correct horse battery staple",
            ["Input.ConfirmPassword"] = "correct horse battery staple",
        }), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var enrolment = await client.GetStringAsync("/account/enrol", Ct);
        var enrolled = await client.PostAsync("/account/enrol", Forms.Encode(enrolment, new Dictionary<string, string>
        {
            ["Code"] = app.NextCode(Authenticator.SharedKeyOn(enrolment)),
        }), Ct);

        var cookies = form.Headers.GetValues("Set-Cookie").Concat(enrolled.Headers.GetValues("Set-Cookie")).ToList();
        var session = cookies.Single(c => c.StartsWith("custos.session=", StringComparison.Ordinal));
        var antiforgery = cookies.Single(c => c.StartsWith("custos.antiforgery=", StringComparison.Ordinal));
        foreach (var cookie in new[] { session, antiforgery })
        {
            cookie.ShouldContain("secure", Case.Insensitive);
            cookie.ShouldContain("httponly", Case.Insensitive);
            cookie.ShouldContain("samesite=", Case.Insensitive);
            cookie.ShouldContain("path=/", Case.Insensitive);
        }

        antiforgery.ShouldContain("samesite=strict", Case.Insensitive);
    }

    [Fact]
    public async Task Request_logs_never_contain_query_strings()
    {
        await using var app = new CustosWebFactory();
        var client = app.CreateBrowserClient();

        await client.GetAsync("/setup?token=SECRET-TOKEN-VALUE", Ct);

        var records = app.Logs.GetSnapshot();
        records.ShouldContain(r => r.Category == "Custos.Web.Requests" && r.Message.Contains("/setup", StringComparison.Ordinal));
        records.ShouldAllBe(r => !r.Message.Contains("SECRET-TOKEN-VALUE", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_unknown_page_gets_a_friendly_404()
    {
        await using var app = new CustosWebFactory();
        var client = await app.CreateAdministratorClientAsync();

        var response = await client.GetAsync("/no/such/page", Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await response.Content.ReadAsStringAsync(Ct)).ShouldContain("Page not found");
    }
}
