using Custos.Platform.Security;
using Microsoft.AspNetCore.Identity;

namespace Custos.Platform.Identity.Users;

/// <summary>
/// Removes every second factor of a user who lost theirs: authenticator key, recovery codes, passkeys, and whatever
/// the registered <see cref="IAuthenticationFactorReset"/>s hold. The user enrols again at their next sign-in; their
/// sessions end (new security stamp). The operator who does it is recorded.
/// </summary>
public sealed class ResetMfa(
    UserManager<CustosUser> users, IEnumerable<IAuthenticationFactorReset> otherFactors, ISecurityEventSink events)
{
    private const string IdentityStoreProvider = "[AspNetUserStore]";

    public async Task<UserSummary> HandleAsync(string idOrEmail, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(idOrEmail);
        var user = await UserLookup.FindAsync(users, idOrEmail);

        UserLookup.ThrowIfFailed(await users.RemoveAuthenticationTokenAsync(user, IdentityStoreProvider, "AuthenticatorKey"), "User");
        UserLookup.ThrowIfFailed(await users.RemoveAuthenticationTokenAsync(user, IdentityStoreProvider, "RecoveryCodes"), "User");
        foreach (var passkey in await users.GetPasskeysAsync(user))
        {
            UserLookup.ThrowIfFailed(await users.RemovePasskeyAsync(user, passkey.CredentialId), "User");
        }

        foreach (var factor in otherFactors)
        {
            await factor.ResetAsync(user, cancellationToken);
        }

        UserLookup.ThrowIfFailed(await users.SetTwoFactorEnabledAsync(user, false), "User");
        UserLookup.ThrowIfFailed(await users.UpdateSecurityStampAsync(user), "User");
        await events.RecordAsync(new SecurityEvent("users.mfa-reset", AuditOutcome.Succeeded) { ResourceType = "user", ResourceId = user.Id.ToString() }, cancellationToken);
        return ListUsers.Summarize(user, (await users.GetRolesAsync(user)).Order(StringComparer.Ordinal).ToList());
    }
}
