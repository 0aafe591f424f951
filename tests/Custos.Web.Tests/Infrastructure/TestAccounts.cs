using Custos.Platform.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Custos.Web.Tests.Infrastructure;

/// <summary>Creates accounts with standing roles and a password, as an administrator would, for arranging tests.</summary>
internal static class TestAccounts
{
    public static async Task CreateAsync(IServiceProvider services, TimeProvider time, string email, string displayName, string password, params string[] roles)
    {
        using var scope = services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<CustosUser>>();
        var roleManager = scope.ServiceProvider.GetRequiredService<RoleManager<CustosRole>>();
        var user = new CustosUser { UserName = email, Email = email, DisplayName = displayName, CreatedAt = time.GetUtcNow() };
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", created.Errors.Select(e => e.Description)));
        }

        foreach (var role in roles)
        {
            if (!await roleManager.RoleExistsAsync(role))
            {
                await roleManager.CreateAsync(new CustosRole(role));
            }

            var added = await users.AddToRoleAsync(user, role);
            if (!added.Succeeded)
            {
                throw new InvalidOperationException($"Could not give {email} the role {role}: " + string.Join("; ", added.Errors.Select(e => e.Description)));
            }
        }
    }
}
