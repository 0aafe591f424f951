using System.Net;
using System.Text.RegularExpressions;
using Custos.Platform.Authorization;
using Custos.Platform.Identity.Users;
using Custos.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Custos.Web.Tests.Http;

public sealed partial class UsersPageTests
{
    private static readonly CancellationToken Ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_administrator_creates_an_account_sees_its_one_time_link_once_and_a_bad_email_loses_nothing()
    {
        await using var app = new CustosWebFactory();
        var admin = await app.CreateAdministratorClientAsync();
        var page = await admin.GetStringAsync("/access/users", Ct);

        var bad = await admin.PostAsync("/access/users?handler=Create", Forms.Encode(page, new Dictionary<string, string>
        {
            ["Input.Email"] = "not an email",
            ["Input.DisplayName"] = "Wren Worker",
            ["Input.Role"] = BuiltInRoles.Engineer,
        }), Ct);
        var badPage = await bad.Content.ReadAsStringAsync(Ct);
        var created = await admin.PostAsync("/access/users?handler=Create", Forms.Encode(page, new Dictionary<string, string>
        {
            ["Input.Email"] = "wren@custos.example",
            ["Input.DisplayName"] = "Wren Worker",
            ["Input.Role"] = BuiltInRoles.Engineer,
        }), Ct);
        var createdPage = await created.Content.ReadAsStringAsync(Ct);
        var listed = await admin.GetStringAsync("/access/users", Ct);

        bad.StatusCode.ShouldBe(HttpStatusCode.OK);
        badPage.ShouldContain("Give an email address such as name@example.com.");
        badPage.ShouldContain("value=\"Wren Worker\""); // what was typed is kept
        created.StatusCode.ShouldBe(HttpStatusCode.OK);
        createdPage.ShouldContain("data-activation-link");
        createdPage.ShouldContain("/account/activate?token=");
        listed.ShouldContain("data-user=\"wren@custos.example\"");
        listed.ShouldContain("Not activated");
        listed.ShouldNotContain("token="); // shown once, in the response that created it
        listed.ShouldNotContain("not an email");
    }

    [Fact]
    public async Task An_administrator_changes_anothers_roles_and_disables_them_but_cannot_change_their_own_roles()
    {
        await using var app = new CustosWebFactory();
        var admin = await app.CreateAdministratorClientAsync();
        await app.SignInAsNewUserAsync("mover@custos.example", BuiltInRoles.WorkforceMember);
        var users = await ListAsync(app);
        var mover = users.Single(u => u.Email == "mover@custos.example").Id;
        var self = users.Single(u => u.Email == "admin@custos.example").Id;
        var page = await admin.GetStringAsync("/access/users", Ct);

        var changed = await admin.PostAsync($"/access/users?handler=Roles&id={mover}", Roles(page, BuiltInRoles.Engineer, BuiltInRoles.SecurityOfficer), Ct);
        var own = await admin.PostAsync($"/access/users?handler=Roles&id={self}", Roles(page, BuiltInRoles.PrivacyOfficer), Ct);
        var disabled = await admin.PostAsync($"/access/users?handler=Disable&id={mover}", Forms.Encode(page, new Dictionary<string, string>()), Ct);
        var after = await admin.GetStringAsync("/access/users", Ct);

        changed.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        own.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await own.Content.ReadAsStringAsync(Ct)).ShouldContain("You cannot change your own roles: another administrator must (segregation of duties).");
        disabled.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var now = await ListAsync(app);
        now.Single(u => u.Id == mover).Roles.ShouldBe([BuiltInRoles.Engineer, BuiltInRoles.SecurityOfficer]);
        now.Single(u => u.Id == mover).DisabledAt.ShouldNotBeNull();
        now.Single(u => u.Id == self).Roles.ShouldBe([BuiltInRoles.Administrator]);
        after.ShouldContain("Disabled ");
    }

    [Fact]
    public async Task A_security_officer_sees_the_accounts_without_the_forms_and_is_refused_a_change()
    {
        await using var app = new CustosWebFactory();
        await app.CreateAdministratorClientAsync();
        var (officer, _) = await app.SignInAsNewUserAsync("sofia@custos.example", BuiltInRoles.SecurityOfficer);
        var target = (await ListAsync(app)).Single(u => u.Email == "admin@custos.example").Id;

        var page = await officer.GetStringAsync("/access/users", Ct);
        var refused = await officer.PostAsync($"/access/users?handler=Disable&id={target}", Forms.Encode(page, new Dictionary<string, string>()), Ct);

        page.ShouldContain("data-user=\"admin@custos.example\"");
        page.ShouldNotContain("Create an account");
        page.ShouldNotContain("handler=Disable");
        refused.Headers.Location!.OriginalString.ShouldContain("/account/access-denied");
        (await ListAsync(app)).Single(u => u.Id == target).DisabledAt.ShouldBeNull();
    }

    [Fact]
    public async Task The_list_is_searched_by_email_name_or_role_and_paged_fifty_at_a_time()
    {
        await using var app = new CustosWebFactory();
        var admin = await app.CreateAdministratorClientAsync();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var create = scope.ServiceProvider.GetRequiredService<CreateUser>();
            for (var k = 1; k <= 55; k++)
            {
                await create.HandleAsync(new CreateUserCommand($"staff{k:00}@custos.example", $"Staff Member {k:00}", BuiltInRoles.WorkforceMember), Ct);
            }
        }

        var first = await admin.GetStringAsync("/access/users", Ct);
        var second = await admin.GetStringAsync("/access/users?p=2", Ct);
        var searched = await admin.GetStringAsync("/access/users?Search=member%2007", Ct);
        var none = await admin.GetStringAsync("/access/users?Search=nobody-here", Ct);

        Rows(first).ShouldBe(50);
        Rows(second).ShouldBe(6); // 56 accounts with the administrator
        first.ShouldContain("aria-label=\"Pages of users\"");
        Rows(searched).ShouldBe(1);
        searched.ShouldContain("data-user=\"staff07@custos.example\"");
        none.ShouldContain("No user matches ");
        none.ShouldContain("nobody-here");
        Rows(none).ShouldBe(0);
    }

    private static async Task<IReadOnlyList<UserSummary>> ListAsync(CustosWebFactory app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ListUsers>().HandleAsync(Ct);
    }

    private static FormUrlEncodedContent Roles(string page, params string[] roles) =>
        new([new("__RequestVerificationToken", Forms.AntiforgeryToken(page)), .. roles.Select(r => new KeyValuePair<string, string>("roles", r))]);

    private static int Rows(string html) => UserRow().Count(html);

    [GeneratedRegex("<tr data-user=")]
    private static partial Regex UserRow();
}
