using Custos.Platform.Authorization;
using Custos.Platform.Identity;
using Custos.Platform.Persistence;
using Custos.Platform.Validation;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Custos.Modules.AccessGovernance;

/// <summary>What requesting and deciding temporary access share: who is acting, and which roles exist or are held.</summary>
public sealed class AccessRequester(AppDbContext db, ICurrentActor actor, PermissionResolver resolver)
{
    internal Actor Actor => actor.Actor;

    /// <summary>The acting person's user id; temporary access is for people, never for keys or operators.</summary>
    internal Guid RequireUser(string field)
    {
        if (actor.Actor.Kind == ActorKind.User && Guid.TryParse(actor.Actor.Id, out var userId))
        {
            return userId;
        }

        throw new InvalidRequestException(field, "Only a person signed in to Custos can ask for temporary access; API keys and operator commands cannot.");
    }

    /// <summary>The role's name as stored, or a field error when no such role exists or the person already holds it.</summary>
    internal async Task<string> RequireGrantableRoleAsync(Guid userId, string? roleName, string field, CancellationToken cancellationToken)
    {
        var name = roleName?.Trim() ?? string.Empty;
        var role = BuiltInRoles.Find(name)?.Name
            ?? await db.Roles.Where(r => r.Name == name).Select(r => r.Name).SingleOrDefaultAsync(cancellationToken);
        if (role is null)
        {
            throw new InvalidRequestException(field, $"Choose a role that exists, for example {BuiltInRoles.PrivacyOfficer} or {BuiltInRoles.SecurityOfficer}.");
        }

        var holds = await (
            from userRole in db.Set<IdentityUserRole<Guid>>()
            join r in db.Roles on userRole.RoleId equals r.Id
            where userRole.UserId == userId && r.Name == role
            select r.Id).AnyAsync(cancellationToken);
        if (holds)
        {
            throw new InvalidRequestException(field, $"You already hold {role}; there is nothing to elevate to.");
        }

        return role;
    }

    /// <summary>Whether the acting person holds <paramref name="permission"/> now (checked again here, not only by the page).</summary>
    internal async Task RequirePermissionAsync(string permission, string what, CancellationToken cancellationToken)
    {
        if (actor.Actor.Kind == ActorKind.User && Guid.TryParse(actor.Actor.Id, out var userId)
            && (await resolver.ResolveAsync(userId, cancellationToken)).Permissions.Contains(permission))
        {
            return;
        }

        throw new InvalidRequestException(SegregationOfDuties.Field, $"Deciding {what} needs the {permission} permission, which you do not hold.");
    }
}
