using System.Security.Claims;
using Custos.Platform.Identity;

namespace Custos.Web.Hosting;

/// <summary>The signed-in user, or the API key (a service account), as the actor of whatever the request changes.</summary>
internal sealed class HttpCurrentActor(IHttpContextAccessor accessor) : ICurrentActor
{
    public Actor Actor
    {
        get
        {
            var user = accessor.HttpContext?.User;
            if (user?.Identity?.IsAuthenticated != true)
            {
                return Actor.System;
            }

            var id = user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "unknown";
            var name = user.FindFirstValue(CustosClaims.DisplayName) ?? user.Identity.Name ?? id;
            var kind = user.FindFirstValue(ApiKeyAuthenticationDefaults.ActorKindClaim) == nameof(ActorKind.ApiKey) ? ActorKind.ApiKey : ActorKind.User;
            return new Actor(kind, id, name);
        }
    }
}

internal static class CustosClaims
{
    public const string DisplayName = "custos:display_name";

    /// <summary>A role in force (standing or temporary), for display.</summary>
    public const string EffectiveRole = "custos:role";
}
