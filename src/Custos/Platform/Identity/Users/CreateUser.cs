using Custos.Platform.Authorization;
using Custos.Platform.Persistence;
using Custos.Platform.Security;
using Custos.Platform.Validation;
using FluentValidation;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Custos.Platform.Identity.Users;

/// <param name="AccessEndsAt">When access ends by itself; required for the Auditor role.</param>
public sealed record CreateUserCommand(string Email, string DisplayName, string Role, DateTimeOffset? AccessEndsAt = null);

/// <param name="ActivationPath">Path and query of the one-time link (append it to the site's address); shown once.</param>
public sealed record CreatedUser(UserSummary User, string ActivationPath, DateTimeOffset ActivationExpiresAt);

/// <summary>
/// Creates a user with one role and no password, and issues a one-time activation link with which they choose a
/// password; MFA enrolment follows at their first sign-in (45 CFR 164.308(a)(4)(ii)(C), 164.312(d)).
/// </summary>
public sealed class CreateUser(
    AppDbContext db, UserManager<CustosUser> users, RoleManager<CustosRole> roles, ISecurityEventSink events, TimeProvider time)
{
    private static readonly Validator Rules = new();

    public async Task<CreatedUser> HandleAsync(CreateUserCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        await Rules.ValidateOrThrowAsync(command, cancellationToken);
        var now = time.GetUtcNow();
        var roleName = BuiltInRoles.Find(command.Role.Trim())?.Name
            ?? await db.Roles.Where(r => r.Name == command.Role.Trim()).Select(r => r.Name).SingleOrDefaultAsync(cancellationToken)
            ?? throw new InvalidRequestException(
                nameof(command.Role),
                $"No role named '{command.Role}'. Built-in roles: {string.Join(", ", BuiltInRoles.All.Select(r => r.Name))}.");
        if (roleName == BuiltInRoles.Auditor && command.AccessEndsAt is null)
        {
            throw new InvalidRequestException(nameof(command.AccessEndsAt), "An Auditor's access must have an end date.");
        }

        if (command.AccessEndsAt is { } ends && ends <= now)
        {
            throw new InvalidRequestException(nameof(command.AccessEndsAt), "The access end date must be in the future.");
        }

        if (await users.FindByEmailAsync(command.Email.Trim()) is not null)
        {
            throw new InvalidRequestException(nameof(command.Email), $"A user with the email {command.Email.Trim()} already exists.");
        }

        var user = new CustosUser
        {
            Id = Guid.CreateVersion7(now),
            UserName = command.Email.Trim(),
            Email = command.Email.Trim(),
            DisplayName = command.DisplayName.Trim(),
            CreatedAt = now,
            AccessEndsAt = command.AccessEndsAt,
        };
        var (token, hash) = AccountActivation.NewToken();
        var expiresAt = now + UserRules.ActivationLifetime;
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            if (!await roles.RoleExistsAsync(roleName))
            {
                UserLookup.ThrowIfFailed(await roles.CreateAsync(new CustosRole(roleName)), nameof(command.Role));
            }

            UserLookup.ThrowIfFailed(await users.CreateAsync(user), nameof(command.Email));
            UserLookup.ThrowIfFailed(await users.AddToRoleAsync(user, roleName), nameof(command.Role));
            db.Add(new AccountActivation(Guid.CreateVersion7(now), user.Id, hash, now, expiresAt));
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        });

        await events.RecordAsync(
            new SecurityEvent("users.create", AuditOutcome.Succeeded) { ResourceType = "user", ResourceId = user.Id.ToString(), Reason = $"role {roleName}" },
            cancellationToken);
        return new CreatedUser(ListUsers.Summarize(user, [roleName]), $"{UserRules.ActivationPath}?token={token}", expiresAt);
    }

    private sealed class Validator : AbstractValidator<CreateUserCommand>
    {
        public Validator()
        {
            RuleFor(c => c.Email).Cascade(CascadeMode.Stop).NotEmpty().WithMessage("Give the user's work email address.")
                .EmailAddress().WithMessage("Give an email address such as name@example.com.").MaximumLength(256);
            RuleFor(c => c.DisplayName).NotEmpty().WithMessage("Give the user's name.").MaximumLength(200);
            RuleFor(c => c.Role).NotEmpty().WithMessage("Give the user's role, for example \"Workforce Member\".");
        }
    }
}
