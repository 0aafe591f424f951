using Custos.Platform.Validation;
using Microsoft.AspNetCore.Identity;

namespace Custos.Platform.Identity.Users;

/// <summary>A user as listed for operators: never a password hash, key or code.</summary>
public sealed record UserSummary(
    Guid Id,
    string Email,
    string DisplayName,
    IReadOnlyList<string> Roles,
    DateTimeOffset CreatedAt,
    bool HasPassword,
    bool MfaEnrolled,
    DateTimeOffset? DisabledAt,
    DateTimeOffset? AccessEndsAt,
    DateTimeOffset? LockedOutUntil);

public static class UserRules
{
    /// <summary>An activation link lasts three days: long enough to reach a new hire, short enough not to linger.</summary>
    public static readonly TimeSpan ActivationLifetime = TimeSpan.FromDays(3);

    public const string ActivationPath = "/account/activate";
}

/// <summary>
/// Removes a second factor that lives outside Identity's own tables (hashed recovery codes, passkeys in their own
/// store, the last accepted TOTP step). <see cref="ResetMfa"/> calls every registered one.
/// </summary>
public interface IAuthenticationFactorReset
{
    Task ResetAsync(CustosUser user, CancellationToken cancellationToken);
}

internal static class UserLookup
{
    /// <summary>Finds a user by id or email, or throws <see cref="RecordNotFoundException"/>.</summary>
    public static async Task<CustosUser> FindAsync(UserManager<CustosUser> users, string idOrEmail)
    {
        var user = Guid.TryParse(idOrEmail, out var id)
            ? await users.FindByIdAsync(id.ToString())
            : await users.FindByEmailAsync(idOrEmail.Trim());
        return user ?? throw new RecordNotFoundException("user", idOrEmail);
    }

    public static void ThrowIfFailed(IdentityResult result, string field)
    {
        if (!result.Succeeded)
        {
            throw new InvalidRequestException(field, string.Join(" ", result.Errors.Select(e => e.Description)));
        }
    }
}
