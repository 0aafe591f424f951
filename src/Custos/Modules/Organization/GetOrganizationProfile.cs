using Custos.Modules.Organization.Contracts;
using Custos.Platform.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Custos.Modules.Organization;

/// <summary>The profile with the current officers; <see cref="Profile"/> is null until someone records it.</summary>
public sealed record OrganizationOverview(
    OrganizationProfileView? Profile,
    OfficerView? PrivacyOfficer,
    OfficerView? SecurityOfficer);

public sealed class GetOrganizationProfile(AppDbContext db)
{
    public async Task<OrganizationOverview> HandleAsync(CancellationToken cancellationToken)
    {
        var profile = await db.Set<OrganizationProfile>().AsNoTracking().SingleOrDefaultAsync(cancellationToken);
        var current = await db.Set<OfficerDesignation>().AsNoTracking()
            .Where(d => d.EndedOn == null)
            .ToListAsync(cancellationToken);

        return new OrganizationOverview(
            profile?.ToView(),
            current.Where(d => d.Role == OfficerRole.PrivacyOfficer).Select(d => d.ToView()).SingleOrDefault(),
            current.Where(d => d.Role == OfficerRole.SecurityOfficer).Select(d => d.ToView()).SingleOrDefault());
    }
}
