using Microsoft.AspNetCore.Identity;

namespace Custos.Platform.Identity;

/// <summary>
/// A person who signs in to Custos. Public because the hosts' Identity services are generic over it;
/// everything else about users goes through platform services.
/// </summary>
public sealed class CustosUser : IdentityUser<Guid>
{
    public string DisplayName { get; set; } = string.Empty;

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When an administrator disabled the account; a disabled account cannot sign in and its sessions end.</summary>
    public DateTimeOffset? DisabledAt { get; set; }

    /// <summary>When access ends by itself (required for auditors: read-only, time-bound access).</summary>
    public DateTimeOffset? AccessEndsAt { get; set; }

    /// <summary>Whether the account may be used at <paramref name="now"/>: not disabled, and its access has not ended.</summary>
    public bool HasAccessAt(DateTimeOffset now) => HasAccessAt(DisabledAt, AccessEndsAt, now);

    /// <summary>The same rule over projected columns (queries that read only these two).</summary>
    public static bool HasAccessAt(DateTimeOffset? disabledAt, DateTimeOffset? accessEndsAt, DateTimeOffset now) =>
        disabledAt is null && (accessEndsAt is not { } ends || ends > now);

    /// <summary>When the user's roles or temporary grants last changed: sessions rebuild their permissions after it.</summary>
    public DateTimeOffset? PrivilegesChangedAt { get; set; }

    /// <summary>The last TOTP time step accepted: a code is accepted once (ASVS 5.0 6.5.1).</summary>
    public long LastTotpTimeStep { get; set; }

    /// <summary>How many lockouts in a row; each lasts longer than the one before. Reset by a full sign-in.</summary>
    public int ConsecutiveLockouts { get; set; }
}

public sealed class CustosRole : IdentityRole<Guid>
{
    public CustosRole()
    {
    }

    public CustosRole(string roleName)
        : base(roleName)
    {
    }
}

/// <summary>Built-in role names used by the identity plumbing; see <see cref="Authorization.BuiltInRoles"/> for all of them.</summary>
public static class CustosRoles
{
    public const string Administrator = Authorization.BuiltInRoles.Administrator;
}
