using Custos.Platform.Security;
using Custos.Platform.Validation;
using Microsoft.AspNetCore.Identity;

namespace Custos.Platform.Identity.Users;

/// <summary>
/// Ends a user's access at once (45 CFR 164.308(a)(3)(ii)(C), termination procedures): the account is disabled, so
/// it has no permissions and cannot sign in; the security stamp changes, so every session is rejected when next
/// validated. The account and its history are kept.
/// </summary>
public sealed class DisableUser(UserManager<CustosUser> users, ISecurityEventSink events, TimeProvider time)
{
    public async Task<UserSummary> HandleAsync(string idOrEmail, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(idOrEmail);
        var user = await UserLookup.FindAsync(users, idOrEmail);
        if (user.DisabledAt is { } disabledAt)
        {
            throw new InvalidRequestException("User", $"{user.Email} was already disabled on {disabledAt:yyyy-MM-dd HH:mm} UTC.");
        }

        user.DisabledAt = time.GetUtcNow();
        UserLookup.ThrowIfFailed(await users.UpdateAsync(user), "User");

        // Identity's sign-in refuses a locked-out account; locking it for good closes sign-in without a custom check.
        UserLookup.ThrowIfFailed(await users.SetLockoutEnabledAsync(user, true), "User");
        UserLookup.ThrowIfFailed(await users.SetLockoutEndDateAsync(user, DateTimeOffset.MaxValue), "User");
        UserLookup.ThrowIfFailed(await users.UpdateSecurityStampAsync(user), "User");
        await events.RecordAsync(new SecurityEvent("users.disable", AuditOutcome.Succeeded) { ResourceType = "user", ResourceId = user.Id.ToString() }, cancellationToken);
        return ListUsers.Summarize(user, (await users.GetRolesAsync(user)).Order(StringComparer.Ordinal).ToList());
    }
}
