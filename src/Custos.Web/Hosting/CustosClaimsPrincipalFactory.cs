using System.Security.Claims;
using Custos.Platform.Authorization;
using Custos.Platform.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Custos.Web.Hosting;

/// <summary>Adds the user's display name to the sign-in cookie so pages and the actor need no database read.</summary>
internal sealed class CustosClaimsPrincipalFactory(
    UserManager<CustosUser> users, RoleManager<CustosRole> roles, IOptions<IdentityOptions> options, PermissionResolver resolver, TimeProvider time)
    : UserClaimsPrincipalFactory<CustosUser, CustosRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(CustosUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(CustosClaims.DisplayName, string.IsNullOrWhiteSpace(user.DisplayName) ? user.Email ?? user.Id.ToString() : user.DisplayName));
        PermissionClaims.Apply(identity, await resolver.ResolveAsync(user.Id), time.GetUtcNow());

        return identity;
    }
}
