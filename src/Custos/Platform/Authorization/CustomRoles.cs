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
