using System.Net;
using Custos.Web.Tests.Infrastructure;

namespace Custos.Web.Tests.Http;

public sealed class SignInTests
{
    private static readonly CancellationToken Ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_anonymous_page_request_redirects_to_sign_in_with_a_return_url()
    {
        await using var app = new CustosWebFactory();
        var client = app.CreateBrowserClient();

        var response = await client.GetAsync("/organization", Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().ShouldContain("/account/sign-in?ReturnUrl=%2Forganization");
    }

    [Fact]
    public async Task An_anonymous_api_request_gets_401_problem_details_not_a_redirect()
    {
        await using var app = new CustosWebFactory();
        var client = app.CreateBrowserClient();

        var response = await client.GetAsync("/api/v1/organization", Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await response.Content.ReadAsStringAsync(Ct)).ShouldContain("\"status\":401");
    }

    [Fact]
    public async Task Signing_in_with_the_right_password_returns_to_the_page_asked_for()
    {
        await using var app = new CustosWebFactory();
        await app.CreateAdministratorClientAsync(email: "officer@custos.example", password: "a long enough passphrase");
        var client = app.CreateBrowserClient();
        var form = await client.GetStringAsync("/account/sign-in?ReturnUrl=%2Forganization", Ct);

        var response = await client.PostAsync("/account/sign-in?ReturnUrl=%2Forganization", Forms.Encode(form, new Dictionary<string, string>
        {
            ["Input.Email"] = "officer@custos.example",
            ["Input.Password"] = "a long enough passphrase",
        }), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.ShouldBe("/account/verify?ReturnUrl=%2Forganization");
        (await client.GetAsync("/organization", Ct)).StatusCode.ShouldBe(HttpStatusCode.Redirect, "the password alone is not a session");

        var verify = await client.GetStringAsync(response.Headers.Location, Ct);
        var verified = await client.PostAsync(response.Headers.Location, Forms.Encode(verify, new Dictionary<string, string>
        {
            ["Code"] = app.NextCode(app.AdministratorAuthenticatorKey!),
        }), Ct);

        verified.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        verified.Headers.Location!.OriginalString.ShouldBe("/organization");
        (await client.GetAsync("/organization", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("officer@custos.example", "the wrong passphrase")]
    [InlineData("nobody@custos.example", "a long enough passphrase")]
    public async Task A_wrong_password_and_an_unknown_email_get_the_same_message(string email, string password)
    {
        await using var app = new CustosWebFactory();
        await app.CreateAdministratorClientAsync(email: "officer@custos.example", password: "a long enough passphrase");
        var client = app.CreateBrowserClient();
        var form = await client.GetStringAsync("/account/sign-in", Ct);

        var response = await client.PostAsync("/account/sign-in", Forms.Encode(form, new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        }), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync(Ct)).ShouldContain("The email or password is not correct.");
    }

    [Fact]
    public async Task A_form_post_without_the_antiforgery_token_is_rejected()
    {
        await using var app = new CustosWebFactory();
        var client = await app.CreateAdministratorClientAsync();

        var response = await client.PostAsync("/organization/edit", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.LegalName"] = "Forged Inc.",
        }), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Signing_out_ends_the_session()
    {
        await using var app = new CustosWebFactory();
        var client = await app.CreateAdministratorClientAsync();
        var page = await client.GetStringAsync("/", Ct);

        var response = await client.PostAsync("/account/sign-out", Forms.Encode(page, new Dictionary<string, string>()), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await client.GetAsync("/", Ct)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }
}
