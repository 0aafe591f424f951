using Custos.Platform.Authorization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace Custos.Web.Hosting;

/// <summary>Requires a permission of the catalog (<see cref="Permissions"/>) on a page, handler class or endpoint.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = true, Inherited = true)]
public sealed class RequirePermissionAttribute(string permission) : AuthorizeAttribute(PermissionPolicies.PolicyName(permission))
{
    /// <summary>The permission required.</summary>
    public string Permission { get; } = permission;
}

internal static class PermissionPolicies
{
    public const string Prefix = "permission:";
    public const string ClaimType = PermissionResolver.PermissionClaimType;

    public static string PolicyName(string permission) => Prefix + permission;

    /// <summary>Whether the principal carries <paramref name="permission"/> (for showing or refusing one action on a page).</summary>
    public static bool HasPermission(this System.Security.Claims.ClaimsPrincipal user, string permission)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.HasClaim(ClaimType, permission);
    }

    public static TBuilder RequirePermission<TBuilder>(this TBuilder builder, string permission)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new RequirePermissionAttribute(permission));
}

/// <summary>Builds the policy "permission:x" on demand: an authenticated caller whose principal carries permission x.</summary>
internal sealed class PermissionPolicyProvider(IOptions<AuthorizationOptions> options) : DefaultAuthorizationPolicyProvider(options)
{
    public override async Task<AuthorizationPolicy?> GetPolicyAsync(string policyName)
    {
        if (policyName.StartsWith(PermissionPolicies.Prefix, StringComparison.Ordinal))
        {
            var permission = policyName[PermissionPolicies.Prefix.Length..];
            return new AuthorizationPolicyBuilder()
                .RequireAuthenticatedUser()
                .RequireClaim(PermissionPolicies.ClaimType, permission)
                .Build();
        }

        return await base.GetPolicyAsync(policyName);
    }
}
