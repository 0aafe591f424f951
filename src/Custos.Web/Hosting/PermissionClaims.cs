using System.Globalization;
using System.Security.Claims;
using Custos.Platform.Authorization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;

namespace Custos.Web.Hosting;

/// <summary>
/// Keeps the permissions in the sign-in cookie current: they are computed again when they are more than a minute old
/// or when a temporary grant in them has ended, so an approved elevation takes effect within a minute and an expired
/// one (or break-glass) ends on the next request after its expiry. Other claims of the cookie are left as they are.
/// </summary>
internal static class PermissionClaims
{
    public const string CheckedAt = "custos:permissions_checked";
    public const string ValidUntil = "custos:permissions_until";
    public static readonly TimeSpan MaximumAge = TimeSpan.FromMinutes(1);

    public static void Apply(ClaimsIdentity identity, EffectivePermissions effective, DateTimeOffset now)
    {
        foreach (var stale in identity.Claims.Where(c => c.Type is PermissionPolicies.ClaimType or CheckedAt or ValidUntil or CustosClaims.EffectiveRole).ToList())
        {
            identity.RemoveClaim(stale);
        }

        foreach (var permission in effective.Permissions.Order(StringComparer.Ordinal))
        {
            identity.AddClaim(new Claim(PermissionPolicies.ClaimType, permission));
        }

        foreach (var role in effective.Roles)
        {
            identity.AddClaim(new Claim(CustosClaims.EffectiveRole, role));
        }

        identity.AddClaim(new Claim(CheckedAt, now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), ClaimValueTypes.Integer64));
        if (effective.ValidUntil is { } until)
        {
            identity.AddClaim(new Claim(ValidUntil, until.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), ClaimValueTypes.Integer64));
        }
    }

    /// <summary>Whether a temporary grant in the principal has ended (its permissions must be recomputed at once).</summary>
    public static bool GrantEnded(ClaimsPrincipal principal, DateTimeOffset now) =>
        Seconds(principal, ValidUntil) is { } until && until <= now;

    /// <summary>
    /// When the permissions are more than a minute old, recomputes them. Returns the refreshed principal and whether
    /// the set of permissions changed (a privilege change, which gets a new session id); null when still fresh.
    /// </summary>
    public static async Task<(ClaimsPrincipal Principal, bool Changed)?> RefreshIfStaleAsync(HttpContext http, ClaimsPrincipal principal, DateTimeOffset now)
    {
        if (!IsStale(principal, now) || await RecomputeAsync(http, principal, now) is not { } refreshed)
        {
            return null;
        }

        var before = principal.FindAll(PermissionPolicies.ClaimType).Select(c => c.Value).ToHashSet(StringComparer.Ordinal);
        var after = refreshed.FindAll(PermissionPolicies.ClaimType).Select(c => c.Value).ToHashSet(StringComparer.Ordinal);
        return (refreshed, !before.SetEquals(after));
    }

    /// <summary>
    /// Recomputes the signed-in user's permissions now and rewrites the cookie under a new session id (after
    /// break-glass, or when the user asks to use approved access at once): a privilege change (ASVS 5.0 7.2.4).
    /// </summary>
    public static async Task RefreshNowAsync(HttpContext http)
    {
        var current = await http.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        if (!current.Succeeded
            || SessionClaims.SessionIdOf(current.Principal) is not { } sessionId
            || !Guid.TryParse(current.Principal.FindFirstValue(ClaimTypes.NameIdentifier), out var userId))
        {
            return;
        }

        if (await http.RequestServices.GetRequiredService<SessionSignIn>().RenewAsync(sessionId, userId, http.RequestAborted) is not { } refreshed)
        {
            return;
        }

        await http.SignInAsync(IdentityConstants.ApplicationScheme, refreshed, current.Properties);
        http.User = refreshed;
    }

    internal static bool IsStale(ClaimsPrincipal principal, DateTimeOffset now)
    {
        var checkedAt = Seconds(principal, CheckedAt);
        var validUntil = Seconds(principal, ValidUntil);
        return checkedAt is null || now - checkedAt >= MaximumAge || (validUntil is { } until && until <= now);
    }

    private static DateTimeOffset? Seconds(ClaimsPrincipal principal, string type) =>
        long.TryParse(principal.FindFirstValue(type), NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : null;

    private static async Task<ClaimsPrincipal?> RecomputeAsync(HttpContext http, ClaimsPrincipal principal, DateTimeOffset now)
    {
        if (!Guid.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var userId) || principal.Identity is not ClaimsIdentity identity)
        {
            return null;
        }

        var effective = await http.RequestServices.GetRequiredService<PermissionResolver>().ResolveAsync(userId, http.RequestAborted);
        var copy = identity.Clone();
        Apply(copy, effective, now);
        return new ClaimsPrincipal(copy);
    }
}
