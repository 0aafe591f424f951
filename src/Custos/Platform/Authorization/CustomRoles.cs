using Custos.Platform.Identity;
using Custos.Platform.Persistence;
using Custos.Platform.Security;
using Custos.Platform.Validation;
using FluentValidation;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Custos.Platform.Authorization;

/// <summary>Creates or changes an organization's own role: a named bundle of catalog permissions.</summary>
/// <param name="Name">The role's name; built-in names are reserved.</param>
/// <param name="Permissions">Catalog permission names, exactly as listed.</param>
public sealed record SaveCustomRoleCommand(string Name, IReadOnlyList<string> Permissions);

/// <summary>
/// Custom roles (45 CFR 164.308(a)(4)(ii)(C), access establishment and modification): their permissions are role
/// claims. Changing a role is a privilege change for everyone who holds it, so their sessions pick up the new set at
/// once under a new session id.
/// </summary>
public sealed class SaveCustomRole(AppDbContext db, RoleManager<CustosRole> roles, ISecurityEventSink events, TimeProvider time)
{
    public async Task<RoleDefinition> HandleAsync(SaveCustomRoleCommand command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        await new Validator().ValidateOrThrowAsync(command, cancellationToken);
        var name = command.Name.Trim();
        var permissions = command.Permissions.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var role = await roles.FindByNameAsync(name);
            if (role is null)
            {
                role = new CustosRole(name);
                ThrowIfFailed(await roles.CreateAsync(role));
            }

            var roleId = role.Id;
            await db.RoleClaims.Where(c => c.RoleId == roleId && c.ClaimType == PermissionResolver.PermissionClaimType).ExecuteDeleteAsync(cancellationToken);
            db.RoleClaims.AddRange(permissions.Select(p => new IdentityRoleClaim<Guid> { RoleId = roleId, ClaimType = PermissionResolver.PermissionClaimType, ClaimValue = p }));
            await db.SaveChangesAsync(cancellationToken);

            var now = time.GetUtcNow();
            var holders = db.UserRoles.Where(ur => ur.RoleId == roleId).Select(ur => ur.UserId);
            await db.Users.Where(u => holders.Contains(u.Id)).ExecuteUpdateAsync(u => u.SetProperty(x => x.PrivilegesChangedAt, now), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        });

        db.ChangeTracker.Clear();
        await events.RecordAsync(new SecurityEvent("roles.save", AuditOutcome.Succeeded) { ResourceType = "role", ResourceId = name, Reason = string.Join(",", permissions) }, cancellationToken);
        return new RoleDefinition(name, "Custom role", permissions);
    }

    private static void ThrowIfFailed(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidRequestException(nameof(SaveCustomRoleCommand.Name), string.Join(" ", result.Errors.Select(e => e.Description)));
        }
    }

    private sealed class Validator : AbstractValidator<SaveCustomRoleCommand>
    {
        public Validator()
        {
            RuleFor(c => c.Name).Cascade(CascadeMode.Stop)
                .NotEmpty().WithMessage("Name the role, for example \"Support Lead\".")
                .Must(n => n.Trim().Length is >= 3 and <= 60).WithMessage("Use 3 to 60 characters for the role's name.")
                .Must(n => !BuiltInRoles.IsBuiltIn(n.Trim())).WithMessage(c => $"'{c.Name.Trim()}' is a built-in role; built-in roles cannot be changed. Choose another name.");
            RuleFor(c => c.Permissions).Cascade(CascadeMode.Stop)
                .NotEmpty().WithMessage("Choose at least one permission.")
                .Must(p => p.All(Authorization.Permissions.IsKnown))
                .WithMessage(c => $"Unknown permissions {string.Join(", ", c.Permissions.Where(p => !Authorization.Permissions.IsKnown(p)).Select(p => $"'{p}'"))}: use names from the permission catalog, for example '{Authorization.Permissions.IncidentsRead}'.");
        }
    }
}

/// <summary>The organization's custom roles with their permissions, by name.</summary>
public sealed class ListCustomRoles(AppDbContext db)
{
    public async Task<IReadOnlyList<RoleDefinition>> HandleAsync(CancellationToken cancellationToken = default)
    {
        var rows = await (
            from role in db.Roles.AsNoTracking()
            join claim in db.RoleClaims.Where(c => c.ClaimType == PermissionResolver.PermissionClaimType) on role.Id equals claim.RoleId into claims
            from claim in claims.DefaultIfEmpty()
            select new { role.Name, Permission = claim == null ? null : claim.ClaimValue })
            .ToListAsync(cancellationToken);
        return rows
            .Where(r => r.Name is not null && !BuiltInRoles.IsBuiltIn(r.Name))
            .GroupBy(r => r.Name!, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.OrdinalIgnoreCase)
            .Select(g => new RoleDefinition(g.Key, "Custom role", g.Select(r => r.Permission).OfType<string>().Where(Authorization.Permissions.IsKnown).Order(StringComparer.Ordinal).ToList()))
            .ToList();
    }
}

/// <summary>
/// Something outside the role store that names a role by name: an elevation waiting for a decision or in force, for
/// example. A custom role still named by one is not deleted. Modules implement it; the platform asks every one.
/// </summary>
public interface IRoleReferences
{
    /// <summary>What names <paramref name="roleName"/> and is still open, for the refusal message ("2 elevations pending or in force"); null when nothing does.</summary>
    Task<string?> DescribeOpenReferencesAsync(string roleName, DateTimeOffset now, CancellationToken cancellationToken);
}

/// <summary>
/// Deletes a custom role nobody holds (45 CFR 164.308(a)(4)(ii)(C), access modification): a role still held, or named
/// by an open elevation, stays, and the refusal says by whom. Built-in roles cannot be deleted.
/// </summary>
public sealed class DeleteCustomRole(
    AppDbContext db, RoleManager<CustosRole> roles, IEnumerable<IRoleReferences> references, ISecurityEventSink events, TimeProvider time)
{
    public async Task HandleAsync(string roleName, CancellationToken cancellationToken = default)
    {
        var name = (roleName ?? string.Empty).Trim();
        if (name.Length == 0)
        {
            throw new InvalidRequestException("Name", "Name the custom role to delete.");
        }

        if (BuiltInRoles.IsBuiltIn(name))
        {
            throw new InvalidRequestException("Name", $"'{name}' is a built-in role; built-in roles cannot be deleted.");
        }

        var role = await roles.FindByNameAsync(name) ?? throw new RecordNotFoundException("role", name);
        var roleId = role.Id;
        var holders = await (
            from userRole in db.UserRoles
            join user in db.Users on userRole.UserId equals user.Id
            where userRole.RoleId == roleId
            orderby user.Email
            select user.Email).ToListAsync(cancellationToken);
        if (holders.Count > 0)
        {
            var named = string.Join(", ", holders.Take(5)) + (holders.Count > 5 ? $" and {holders.Count - 5} more" : string.Empty);
            throw new InvalidRequestException(
                "Name",
                $"'{role.Name}' is held by {holders.Count} {(holders.Count == 1 ? "person" : "people")} ({named}): give them other roles first (custos users roles).");
        }

        foreach (var reference in references)
        {
            if (await reference.DescribeOpenReferencesAsync(role.Name!, time.GetUtcNow(), cancellationToken) is { } open)
            {
                throw new InvalidRequestException("Name", $"'{role.Name}' is named by {open}: delete it once they are decided or have ended.");
            }
        }

        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await db.RoleClaims.Where(c => c.RoleId == roleId).ExecuteDeleteAsync(cancellationToken);
            await db.Roles.Where(r => r.Id == roleId).ExecuteDeleteAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        });

        db.ChangeTracker.Clear();
        await events.RecordAsync(new SecurityEvent("roles.delete", AuditOutcome.Succeeded) { ResourceType = "role", ResourceId = role.Name }, cancellationToken);
    }
}
