using Custos.Platform.Identity;
using Custos.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Custos.Tests.Platform.Identity;

internal static class IdentityTestUsers
{
    public const string Password = "copper kettle morning tide";

    public static async Task<Guid> CreateUserAsync(this TestDatabase db, string email = "sam@custos.example", params string[] roles)
    {
        await using var scope = db.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<CustosUser>>();
        var user = new CustosUser { UserName = email, Email = email, DisplayName = "Sam Okafor", CreatedAt = db.Time.GetUtcNow() };
        var created = await users.CreateAsync(user, Password);
        created.Succeeded.ShouldBeTrue(string.Join("; ", created.Errors.Select(e => e.Description)));
        if (roles.Length > 0)
        {
            var roleManager = scope.ServiceProvider.GetRequiredService<RoleManager<CustosRole>>();
            foreach (var role in roles)
            {
                if (!await roleManager.RoleExistsAsync(role))
                {
                    (await roleManager.CreateAsync(new CustosRole(role))).Succeeded.ShouldBeTrue();
                }
            }

            (await users.AddToRolesAsync(user, roles)).Succeeded.ShouldBeTrue();
        }

        return user.Id;
    }

    /// <summary>Enrols an authenticator the way the page does and returns its key.</summary>
    public static async Task<(string Key, IReadOnlyList<string> RecoveryCodes)> EnrolAsync(this TestDatabase db, Guid userId)
    {
        await using var scope = db.CreateScope();
        var multiFactor = scope.ServiceProvider.GetRequiredService<Custos.Platform.Identity.Mfa.MultiFactor>();
        var setup = await multiFactor.BeginAuthenticatorSetupAsync(userId);
        var (result, codes) = await multiFactor.ConfirmAuthenticatorAsync(userId, db.CodeNow(setup.SharedKey));
        result.ShouldBe(Custos.Platform.Identity.Mfa.SecondFactorResult.Accepted);
        return (setup.SharedKey, codes);
    }

    public static string CodeNow(this TestDatabase db, string key) =>
        new OtpNet.Totp(OtpNet.Base32Encoding.ToBytes(key)).ComputeTotp(db.Time.GetUtcNow().UtcDateTime);
}
