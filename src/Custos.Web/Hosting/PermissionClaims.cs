using System.Globalization;
using System.Security.Claims;
using Custos.Platform.Authorization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
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
        foreach (var stale in identity.Claims.Where(c => c.Type is PermissionPolicies.ClaimType or CheckedAt or ValidUntil).ToList())
        {
            identity.RemoveClaim(stale);
        }

        foreach (var permission in effective.Permissions.Order(StringComparer.Ordinal))
        {
            identity.AddClaim(new Claim(PermissionPolicies.ClaimType, permission));
        }

        identity.AddClaim(new Claim(CheckedAt, now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), ClaimValueTypes.Integer64));
        if (effective.ValidUntil is { } until)
        {
            identity.AddClaim(new Claim(ValidUntil, until.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), ClaimValueTypes.Integer64));
        }
    }

    /// <summary>Cookie validation step, after Identity's own (security stamp).</summary>
    public static async Task RefreshIfStaleAsync(CookieValidatePrincipalContext context)
    {
        var now = context.HttpContext.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
        if (context.Principal is not { } principal || !IsStale(principal, now))
        {
            return;
        }

        if (await RecomputeAsync(context.HttpContext, principal, now) is { } refreshed)
        {
            context.ReplacePrincipal(refreshed);
            context.ShouldRenew = true;
        }
    }

    /// <summary>Recomputes the signed-in user's permissions now and rewrites the cookie (after break-glass, or on request).</summary>
    public static async Task RefreshNowAsync(HttpContext http)
    {
        var now = http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
        var current = await http.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        if (!current.Succeeded || await RecomputeAsync(http, current.Principal, now) is not { } refreshed)
        {
            return;
        }

        await http.SignInAsync(IdentityConstants.ApplicationScheme, refreshed, current.Properties);
        http.User = refreshed;
    }

    private static bool IsStale(ClaimsPrincipal principal, DateTimeOffset now)
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
