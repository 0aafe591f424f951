using Custos.Platform.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Custos.Platform.Identity.Users;

/// <summary>Every user by email, with roles and the state of their access (45 CFR 164.308(a)(4)(ii)(C): access reviewed).</summary>
public sealed class ListUsers(AppDbContext db)
{
    public async Task<IReadOnlyList<UserSummary>> HandleAsync(CancellationToken cancellationToken)
    {
        var users = await db.Users.AsNoTracking().OrderBy(u => u.NormalizedEmail).ToListAsync(cancellationToken);
        var roles = await (
            from userRole in db.Set<IdentityUserRole<Guid>>()
            join role in db.Roles on userRole.RoleId equals role.Id
            select new { userRole.UserId, role.Name }).ToListAsync(cancellationToken);
        var byUser = roles.ToLookup(r => r.UserId, r => r.Name!);
        return users.Select(u => Summarize(u, byUser[u.Id].Order(StringComparer.Ordinal).ToList())).ToList();
    }

    internal static UserSummary Summarize(CustosUser user, IReadOnlyList<string> roles) => new(
        user.Id,
        user.Email ?? string.Empty,
        user.DisplayName,
        roles,
        user.CreatedAt,
        user.PasswordHash is not null,
        user.TwoFactorEnabled,
        user.DisabledAt,
        user.AccessEndsAt,
        user.LockoutEnd);
}
