using Custos.Platform.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Custos.Tests.Infrastructure;

/// <summary>Users with standing roles, created through Identity as the hosts create them.</summary>
public static class TestUsers
{
    public static async Task<Guid> CreateAsync(TestDatabase db, string email, params string[] roles)
    {
        ArgumentNullException.ThrowIfNull(db);
        await using var scope = db.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<CustosUser>>();
        var roleManager = scope.ServiceProvider.GetRequiredService<RoleManager<CustosRole>>();
        var user = new CustosUser
        {
            Id = Guid.CreateVersion7(),
            UserName = email,
            Email = email,
            DisplayName = email.Split('@')[0],
            CreatedAt = db.Time.GetUtcNow(),
        };
        Succeeded(await users.CreateAsync(user));
        foreach (var role in roles)
        {
            if (!await roleManager.RoleExistsAsync(role))
            {
                Succeeded(await roleManager.CreateAsync(new CustosRole(role)));
            }

            Succeeded(await users.AddToRoleAsync(user, role));
        }

        return user.Id;
    }

    /// <summary>The actor the user acts as on the web.</summary>
    public static Actor ActorFor(Guid userId, string name = "Someone") => new(ActorKind.User, userId.ToString(), name);

    private static void Succeeded(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join(" ", result.Errors.Select(e => e.Description)));
        }
    }
}
