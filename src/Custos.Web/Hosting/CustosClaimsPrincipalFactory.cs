using System.Security.Claims;
using Custos.Platform.Authorization;
using Custos.Platform.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Custos.Web.Hosting;

/// <summary>Adds the user's display name to the sign-in cookie so pages and the actor need no database read.</summary>
internal sealed class CustosClaimsPrincipalFactory(
    UserManager<CustosUser> users, RoleManager<CustosRole> roles, IOptions<IdentityOptions> options, PermissionResolver resolver)
    : UserClaimsPrincipalFactory<CustosUser, CustosRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(CustosUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(CustosClaims.DisplayName, string.IsNullOrWhiteSpace(user.DisplayName) ? user.Email ?? user.Id.ToString() : user.DisplayName));
        var effective = await resolver.ResolveAsync(user.Id);
        foreach (var permission in effective.Permissions.Order(StringComparer.Ordinal))
        {
            identity.AddClaim(new Claim(PermissionPolicies.ClaimType, permission));
        }

        foreach (var role in effective.Roles)
        {
            identity.AddClaim(new Claim(CustosClaims.EffectiveRole, role));
        }

        if (effective.ValidUntil is { } until)
        {
            identity.AddClaim(new Claim(SessionClaims.PermissionsValidUntil, until.UtcTicks.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        return identity;
    }
}
