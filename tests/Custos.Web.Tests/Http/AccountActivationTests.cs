using System.Net;
using Custos.Platform.Authorization;
using Custos.Platform.Identity.Users;
using Custos.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Custos.Web.Tests.Http;

public sealed class AccountActivationTests
{
    private static readonly CancellationToken Ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_new_user_sets_a_password_through_the_link_once_then_signs_in()
    {
        await using var app = new CustosWebFactory();
        _ = app.Server;
        CreatedUser created;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            created = await scope.ServiceProvider.GetRequiredService<CreateUser>()
                .HandleAsync(new CreateUserCommand("wren@custos.example", "Wren Worker", BuiltInRoles.WorkforceMember), Ct);
        }

        var client = app.CreateBrowserClient();
        var form = await client.GetStringAsync(created.ActivationPath, Ct);
        var set = await client.PostAsync(created.ActivationPath, Forms.Encode(form, new Dictionary<string, string>
        {
            ["Input.Password"] = "four unrelated words here",
            ["Input.ConfirmPassword"] = "four unrelated words here",
        }), Ct);
        var reused = await client.GetStringAsync(created.ActivationPath, Ct);
        var signInForm = await client.GetStringAsync("/account/sign-in", Ct);
        var signedIn = await client.PostAsync("/account/sign-in", Forms.Encode(signInForm, new Dictionary<string, string>
        {
            ["Input.Email"] = "wren@custos.example",
            ["Input.Password"] = "four unrelated words here",
        }), Ct);

        form.ShouldContain("Choose the password for <strong>wren@custos.example</strong>");
        set.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        set.Headers.Location!.ToString().ShouldBe("/account/sign-in");
        reused.ShouldContain("This activation link is not valid, was already used or has expired");
        signedIn.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        signedIn.Headers.Location!.ToString().ShouldNotContain("sign-in");
    }
}
