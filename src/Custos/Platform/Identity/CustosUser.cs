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

/// <summary>Built-in roles. The permission model that gives them meaning comes with the access-control work.</summary>
public static class CustosRoles
{
    public const string Administrator = "Administrator";
}
