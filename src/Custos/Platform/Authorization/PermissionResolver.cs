using Custos.Platform.Identity;
using Custos.Platform.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Custos.Platform.Authorization;

/// <summary>A role held for a bounded time from somewhere other than the user's standing roles (elevation, break-glass).</summary>
/// <param name="RoleName">The role granted.</param>
/// <param name="ExpiresAt">When the grant ends by itself.</param>
/// <param name="Source">What granted it, for display (for example "elevation" or "break-glass").</param>
public sealed record TemporaryRoleGrant(string RoleName, DateTimeOffset ExpiresAt, string Source);

/// <summary>Contributes time-bound role grants to a user's effective permissions (JIT elevation, break-glass).</summary>
public interface ITemporaryRoleGrantSource
{
    Task<IReadOnlyList<TemporaryRoleGrant>> GetActiveGrantsAsync(Guid userId, DateTimeOffset now, CancellationToken cancellationToken);
}

/// <summary>What a user may do now, and until when that answer holds.</summary>
/// <param name="Roles">Standing roles, then temporary ones.</param>
/// <param name="Permissions">The union of the roles' permissions.</param>
/// <param name="Grants">The temporary grants in force.</param>
/// <param name="ValidUntil">When the answer must be computed again (the first grant or access end), or null.</param>
public sealed record EffectivePermissions(
    IReadOnlyList<string> Roles,
    IReadOnlySet<string> Permissions,
    IReadOnlyList<TemporaryRoleGrant> Grants,
    DateTimeOffset? ValidUntil)
{
    public static readonly EffectivePermissions None = new([], new HashSet<string>(StringComparer.Ordinal), [], null);
}

/// <summary>
/// Computes a user's effective permissions: built-in role bundles, custom roles (their permissions are role claims),
/// and temporary grants. A disabled user, or one whose access has ended, has none (deny by default).
/// </summary>
public sealed class PermissionResolver(AppDbContext db, IEnumerable<ITemporaryRoleGrantSource> grantSources, TimeProvider time)
{
    /// <summary>The claim type that carries a custom role's permissions, and a principal's permissions.</summary>
    public const string PermissionClaimType = "custos:permission";

    public async Task<EffectivePermissions> ResolveAsync(Guid userId, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var user = await db.Users.AsNoTracking().Where(u => u.Id == userId)
            .Select(u => new { u.DisabledAt, u.AccessEndsAt })
            .SingleOrDefaultAsync(cancellationToken);
        if (user is null || !CustosUser.HasAccessAt(user.DisabledAt, user.AccessEndsAt, now))
        {
            return EffectivePermissions.None;
        }

        var standing = await (
            from userRole in db.Set<IdentityUserRole<Guid>>()
            join role in db.Roles on userRole.RoleId equals role.Id
            where userRole.UserId == userId
            select role.Name!).ToListAsync(cancellationToken);

        var grants = new List<TemporaryRoleGrant>();
        foreach (var source in grantSources)
        {
            grants.AddRange((await source.GetActiveGrantsAsync(userId, now, cancellationToken)).Where(g => g.ExpiresAt > now));
        }

        var roleNames = standing.Order(StringComparer.Ordinal).Concat(grants.Select(g => g.RoleName)).Distinct(StringComparer.Ordinal).ToList();
        var permissions = await PermissionsOfRolesAsync(roleNames, cancellationToken);

        DateTimeOffset? validUntil = user.AccessEndsAt;
        foreach (var grant in grants)
        {
            validUntil = validUntil is null || grant.ExpiresAt < validUntil ? grant.ExpiresAt : validUntil;
        }

        return new EffectivePermissions(roleNames, permissions, grants, validUntil);
    }

    /// <summary>The union of the permissions of the named roles; unknown names contribute nothing.</summary>
    public async Task<IReadOnlySet<string>> PermissionsOfRolesAsync(IReadOnlyCollection<string> roleNames, CancellationToken cancellationToken = default)
    {
        var permissions = new HashSet<string>(StringComparer.Ordinal);
        var custom = new List<string>();
        foreach (var name in roleNames)
        {
            if (BuiltInRoles.Find(name) is { } builtIn)
            {
                permissions.UnionWith(builtIn.Permissions);
            }
            else
            {
                custom.Add(name);
            }
        }

        if (custom.Count > 0)
        {
            var claims = await (
                from claim in db.RoleClaims
                join role in db.Roles on claim.RoleId equals role.Id
                where custom.Contains(role.Name!) && claim.ClaimType == PermissionClaimType
                select claim.ClaimValue!).ToListAsync(cancellationToken);
            permissions.UnionWith(claims.Where(Permissions.IsKnown));
        }

        return permissions;
    }
}
