using Custos.Platform.Persistence;
using Custos.Platform.Security;
using Custos.Platform.Validation;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Custos.Platform.Identity.Users;

public sealed record ActivateAccountCommand(string Token, string Password);

/// <summary>
/// A new user chooses their password through the one-time link. The token is consumed by a compare-and-set in the
/// same transaction as the password, so it works once; a refused password consumes nothing.
/// </summary>
public sealed class ActivateAccount(AppDbContext db, UserManager<CustosUser> users, ISecurityEventSink events, TimeProvider time)
{
    public const string InvalidLink = "This activation link is not valid, was already used or has expired (links last 3 days). Ask an administrator for a new one.";

    /// <summary>The email of the account the link activates, or null when the link cannot be used.</summary>
    public async Task<string?> CheckAsync(string? token, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(token))
        {
            return null;
        }

        var hash = AccountActivation.Hash(token);
        var now = time.GetUtcNow();
        return await (
            from activation in db.Set<AccountActivation>()
            join user in db.Users on activation.UserId equals user.Id
            where activation.TokenHash == hash && activation.UsedAt == null && activation.ExpiresAt > now && user.DisabledAt == null
            select user.Email).SingleOrDefaultAsync(cancellationToken);
    }

    public async Task<Guid> HandleAsync(ActivateAccountCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (await CheckAsync(command.Token, cancellationToken) is null)
        {
            throw new InvalidRequestException(nameof(command.Token), InvalidLink);
        }

        var hash = AccountActivation.Hash(command.Token);
        var strategy = db.Database.CreateExecutionStrategy();
        var userId = await strategy.ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var now = time.GetUtcNow();
            var activation = await db.Set<AccountActivation>().AsNoTracking().SingleAsync(a => a.TokenHash == hash, cancellationToken);
            var consumed = await db.Set<AccountActivation>()
                .Where(a => a.TokenHash == hash && a.UsedAt == null && a.ExpiresAt > now)
                .ExecuteUpdateAsync(set => set.SetProperty(a => a.UsedAt, now), cancellationToken);
            if (consumed != 1)
            {
                throw new InvalidRequestException(nameof(command.Token), InvalidLink);
            }

            var user = await users.FindByIdAsync(activation.UserId.ToString()) ?? throw new InvalidRequestException(nameof(command.Token), InvalidLink);
            if (await users.HasPasswordAsync(user))
            {
                UserLookup.ThrowIfFailed(await users.RemovePasswordAsync(user), nameof(command.Password));
            }

            UserLookup.ThrowIfFailed(await users.AddPasswordAsync(user, command.Password ?? string.Empty), nameof(command.Password));
            user.EmailConfirmed = true;
            UserLookup.ThrowIfFailed(await users.UpdateAsync(user), nameof(command.Password));
            await transaction.CommitAsync(cancellationToken);
            return user.Id;
        });

        await events.RecordAsync(
            new SecurityEvent("users.activate", AuditOutcome.Succeeded)
            {
                ResourceType = "user",
                ResourceId = userId.ToString(),
                Actor = new Actor(ActorKind.User, userId.ToString(), "activation link"),
            },
            cancellationToken);
        return userId;
    }
}
