using Custos.Platform.Authorization;
using Custos.Platform.Persistence;
using Custos.Platform.Security;
using Custos.Platform.Validation;
using FluentValidation;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Custos.Platform.Identity.Users;

/// <param name="User">The user's email or id.</param>
/// <param name="Roles">Every role the user is to hold from now on (built-in or custom, by name); the others are removed.</param>
public sealed record ChangeUserRolesCommand(string User, IReadOnlyList<string> Roles);

/// <summary>
/// Sets the roles a user holds (45 CFR 164.308(a)(4)(ii)(C), access modification). The change takes effect at once:
/// the user's sessions rebuild their permissions at the next request. The last active Administrator keeps the role,
/// an Auditor's access must have an end date (time-bound, as at creation), a disabled user's access stays ended, and
/// nobody signed in changes their own roles.
/// </summary>
public sealed class ChangeUserRoles(
    AppDbContext db, UserManager<CustosUser> users, RoleManager<CustosRole> roleStore, ICurrentActor actor, ISecurityEventSink events, TimeProvider time)
{
    private static readonly Validator Rules = new();

    public async Task<UserSummary> HandleAsync(ChangeUserRolesCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        await Rules.ValidateOrThrowAsync(command, cancellationToken);
        var user = await UserLookup.FindAsync(users, command.User);

        // Segregation of duties (45 CFR 164.308(a)(4)(ii)(B)-(C)): a person does not grant themselves access; temporary
        // access goes through elevation, decided by someone else. An operator at the server is not a Custos user.
        if (actor.Actor.Kind == ActorKind.User && string.Equals(actor.Actor.Id, user.Id.ToString(), StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidRequestException("User", "You cannot change your own roles: another administrator must (segregation of duties). For temporary access, request elevation.");
        }

        if (user.DisabledAt is not null)
        {
            throw new InvalidRequestException("User", $"{user.Email} is disabled: their access has ended and is not given back by a role change. Create a new account if they return.");
        }

        var customRoles = await db.Roles.Select(r => r.Name!).ToListAsync(cancellationToken);
        var wanted = new List<string>();
        foreach (var requested in command.Roles.Select(r => r.Trim()).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            var name = BuiltInRoles.Find(requested)?.Name
                ?? customRoles.FirstOrDefault(r => !BuiltInRoles.IsBuiltIn(r) && string.Equals(r, requested, StringComparison.OrdinalIgnoreCase))
                ?? throw new InvalidRequestException(
                    nameof(command.Roles),
                    $"No role named '{requested}'. Built-in roles: {string.Join(", ", BuiltInRoles.All.Select(r => r.Name))}; custom roles are listed on Access, Roles.");
            wanted.Add(name);
        }

        if (wanted.Contains(BuiltInRoles.Auditor) && user.AccessEndsAt is null)
        {
            throw new InvalidRequestException(nameof(command.Roles), $"An Auditor's access must have an end date, and {user.Email}'s has none: create a time-bound Auditor account instead.");
        }

        var current = (await users.GetRolesAsync(user)).ToList();
        if (current.Contains(CustosRoles.Administrator) && !wanted.Contains(CustosRoles.Administrator) && !await AnotherActiveAdministratorAsync(user.Id, cancellationToken))
        {
            throw new InvalidRequestException(nameof(command.Roles), $"{user.Email} is the only active Administrator: give another person the Administrator role first, or nobody could manage users and roles.");
        }

        var removed = current.Except(wanted, StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var added = wanted.Except(current, StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (removed.Count == 0 && added.Count == 0)
        {
            return ListUsers.Summarize(user, current.Order(StringComparer.Ordinal).ToList());
        }

        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            if (removed.Count > 0)
            {
                UserLookup.ThrowIfFailed(await users.RemoveFromRolesAsync(user, removed), nameof(command.Roles));
            }

            if (added.Count > 0)
            {
                foreach (var role in added.Where(BuiltInRoles.IsBuiltIn))
                {
                    // Built-in roles get their row the first time someone holds them.
                    if (!await roleStore.RoleExistsAsync(role))
                    {
                        UserLookup.ThrowIfFailed(await roleStore.CreateAsync(new CustosRole(role)), nameof(command.Roles));
                    }
                }

                UserLookup.ThrowIfFailed(await users.AddToRolesAsync(user, added), nameof(command.Roles));
            }

            // Sessions compare this with the time their permissions were read, and rebuild them when it is newer.
            user.PrivilegesChangedAt = time.GetUtcNow();
            UserLookup.ThrowIfFailed(await users.UpdateAsync(user), nameof(command.Roles));
            await transaction.CommitAsync(cancellationToken);
        });

        var roles = wanted.Order(StringComparer.Ordinal).ToList();
        await events.RecordAsync(
            new SecurityEvent("users.roles", AuditOutcome.Succeeded)
            {
                ResourceType = "user",
                ResourceId = user.Id.ToString(),
                Reason = $"roles {string.Join(", ", roles)}; added {Listed(added)}; removed {Listed(removed)}",
            },
            cancellationToken);
        return ListUsers.Summarize(user, roles);
    }

    private static string Listed(List<string> roles) => roles.Count == 0 ? "none" : string.Join(", ", roles);

    private Task<bool> AnotherActiveAdministratorAsync(Guid userId, CancellationToken cancellationToken) => (
        from userRole in db.UserRoles
        join role in db.Roles on userRole.RoleId equals role.Id
        join other in db.Users on userRole.UserId equals other.Id
        where role.Name == CustosRoles.Administrator && other.Id != userId && other.DisabledAt == null
        select other.Id).AnyAsync(cancellationToken);

    private sealed class Validator : AbstractValidator<ChangeUserRolesCommand>
    {
        public Validator()
        {
            RuleFor(c => c.User).NotEmpty().WithMessage("Give the user's email or id.");
            RuleFor(c => c.Roles).Cascade(CascadeMode.Stop)
                .NotEmpty().WithMessage("Give at least one role: a user without a role has no permissions; to end someone's access, disable them.")
                .Must(r => r.All(n => !string.IsNullOrWhiteSpace(n))).WithMessage("A role name is empty.");
        }
    }
}
