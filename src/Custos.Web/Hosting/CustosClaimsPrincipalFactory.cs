using System.Security.Claims;
using Custos.Platform.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Custos.Web.Hosting;

/// <summary>Adds the user's display name to the sign-in cookie so pages and the actor need no database read.</summary>
internal sealed class CustosClaimsPrincipalFactory(
    UserManager<CustosUser> users, RoleManager<CustosRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<CustosUser, CustosRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(CustosUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(CustosClaims.DisplayName, string.IsNullOrWhiteSpace(user.DisplayName) ? user.Email ?? user.Id.ToString() : user.DisplayName));
        // Interim until role bundles exist: an Administrator holds every permission of the catalog.
        if (await UserManager.IsInRoleAsync(user, CustosRoles.Administrator))
        {
            foreach (var permission in typeof(Custos.Platform.Authorization.Permissions).GetFields().Select(f => (string)f.GetRawConstantValue()!))
            {
                identity.AddClaim(new Claim(PermissionPolicies.ClaimType, permission));
            }
        }

        return identity;
    }
}
