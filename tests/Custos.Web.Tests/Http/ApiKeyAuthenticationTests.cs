using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Custos.Platform.Authorization;
using Custos.Platform.Identity.ApiKeys;
using Custos.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Custos.Web.Tests.Http;

/// <summary>API keys work only as a bearer token on /api/v1, with exactly their scopes, until expired or revoked.</summary>
public sealed class ApiKeyAuthenticationTests
{
    private static readonly CancellationToken Ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_key_with_the_needed_scope_is_accepted_on_the_api()
    {
        await using var app = new CustosWebFactory();
        var key = await IssueAsync(app, Permissions.KeysManage);
        var client = BearerClient(app, key.Secret);

        var response = await client.GetAsync("/api/v1/keys", Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var listed = await response.Content.ReadFromJsonAsync<JsonArray>(Ct);
        listed!.Single()!["prefix"]!.GetValue<string>().ShouldBe(key.Key.Prefix);
        (await response.Content.ReadAsStringAsync(Ct)).ShouldNotContain(key.Secret);
    }

    [Fact]
    public async Task A_read_scoped_key_gets_403_on_a_write()
    {
        await using var app = new CustosWebFactory();
        var key = await IssueAsync(app, Permissions.OrganizationRead, Permissions.UsersRead);
        var client = BearerClient(app, key.Secret);

        var write = await client.PostAsJsonAsync("/api/v1/keys", new { name = "escalation", scopes = new[] { Permissions.KeysManage } }, Ct);
        var read = await client.GetAsync("/api/v1/keys", Ct);

        write.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        write.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await write.Content.ReadAsStringAsync(Ct)).ShouldContain("scopes do not include");
        read.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task An_expired_key_gets_401_with_a_bearer_challenge()
    {
        await using var app = new CustosWebFactory();
        var key = await IssueAsync(app, Permissions.KeysManage, expiresInDays: 1);
        var client = BearerClient(app, key.Secret);

        app.Time.Advance(TimeSpan.FromDays(1));
        var response = await client.GetAsync("/api/v1/keys", Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        response.Headers.WwwAuthenticate.ToString().ShouldStartWith("Bearer");
        (await response.Content.ReadAsStringAsync(Ct)).ShouldContain("revoked or expired");
    }

    [Fact]
    public async Task A_revoked_key_gets_401_on_its_very_next_request()
    {
        await using var app = new CustosWebFactory();
        var key = await IssueAsync(app, Permissions.KeysManage);
        var client = BearerClient(app, key.Secret);
        (await client.GetAsync("/api/v1/keys", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);

        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<RevokeApiKey>().HandleAsync(key.Key.Id, Ct);
        }

        (await client.GetAsync("/api/v1/keys", Ct)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_made_up_key_gets_401()
    {
        await using var app = new CustosWebFactory();
        _ = app.Server;
        var client = BearerClient(app, "custos_0123456789ab_" + new string('f', 64));

        var response = await client.GetAsync("/api/v1/organization", Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_key_is_never_accepted_on_a_page()
    {
        await using var app = new CustosWebFactory();
        var key = await IssueAsync(app, Permissions.OrganizationRead, Permissions.KeysManage);
        var client = BearerClient(app, key.Secret);

        var page = await client.GetAsync("/access/keys", Ct);
        var dashboard = await client.GetAsync("/", Ct);

        page.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        page.Headers.Location!.ToString().ShouldContain("/account/sign-in");
        dashboard.StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task A_key_in_a_query_string_or_cookie_is_ignored()
    {
        await using var app = new CustosWebFactory();
        var key = await IssueAsync(app, Permissions.KeysManage);
        var client = app.CreateBrowserClient();

        var query = await client.GetAsync($"/api/v1/keys?access_token={key.Secret}", Ct);
        using var basic = new HttpRequestMessage(HttpMethod.Get, "/api/v1/keys");
        basic.Headers.Authorization = new AuthenticationHeaderValue("Basic", key.Secret);
        var basicResponse = await client.SendAsync(basic, Ct);

        query.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        basicResponse.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Changes_made_with_a_key_are_recorded_as_the_key_acting()
    {
        await using var app = new CustosWebFactory();
        var key = await IssueAsync(app, Permissions.KeysManage, Permissions.OrganizationRead);
        var client = BearerClient(app, key.Secret);

        var response = await client.PostAsJsonAsync("/api/v1/keys", new { name = "nightly export", scopes = new[] { Permissions.OrganizationRead } }, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        response.Headers.CacheControl!.NoStore.ShouldBeTrue();
        var created = await response.Content.ReadFromJsonAsync<JsonObject>(Ct);
        created!["key"]!["createdBy"]!.GetValue<string>().ShouldBe("CI evidence upload");
        created["secret"]!.GetValue<string>().ShouldStartWith("custos_");
    }

    [Fact]
    public async Task A_key_cannot_create_a_key_stronger_than_itself()
    {
        await using var app = new CustosWebFactory();
        var key = await IssueAsync(app, Permissions.KeysManage);
        var client = BearerClient(app, key.Secret);

        var response = await client.PostAsJsonAsync("/api/v1/keys", new { name = "stronger", scopes = new[] { Permissions.IncidentsPhiRead } }, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync(Ct)).ShouldContain("only carry permissions that you hold yourself");
    }

    internal static async Task<IssuedApiKey> IssueAsync(CustosWebFactory app, params string[] scopes) => await IssueAsync(app, null, scopes);

    internal static async Task<IssuedApiKey> IssueAsync(CustosWebFactory app, int? expiresInDays, params string[] scopes)
    {
        _ = app.Server;
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<CreateApiKey>()
            .HandleAsync(new CreateApiKeyCommand("CI evidence upload", scopes, expiresInDays), Ct);
    }

    private static async Task<IssuedApiKey> IssueAsync(CustosWebFactory app, string scope, int expiresInDays) =>
        await IssueAsync(app, (int?)expiresInDays, scope);

    private static HttpClient BearerClient(CustosWebFactory app, string secret)
    {
        var client = app.CreateBrowserClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        return client;
    }
}
