using Custos.Modules.Organization.Contracts;
using Custos.Platform.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Custos.Modules.Organization;

public enum SetupCheckState
{
    Missing,
    Done,
    NotApplicable,
}

/// <param name="Key">Stable identifier a host maps to the page that fixes it.</param>
/// <param name="Priority">1 is most important; the dashboard shows missing items in this order.</param>
public sealed record SetupCheck(string Key, string Title, string Explanation, string Citation, SetupCheckState State, int Priority);

public sealed record SetupStatus(IReadOnlyList<SetupCheck> Checks)
{
    public int DoneCount => Checks.Count(c => c.State == SetupCheckState.Done);

    public int ApplicableCount => Checks.Count(c => c.State != SetupCheckState.NotApplicable);

    public IEnumerable<SetupCheck> Missing => Checks.Where(c => c.State == SetupCheckState.Missing).OrderBy(c => c.Priority);

    public bool IsComplete => !Missing.Any();
}

/// <summary>What the HIPAA program still lacks in the organization's foundations, most important first.</summary>
public sealed class GetSetupStatus(AppDbContext db)
{
    public const string ProfileKey = "organization.profile";
    public const string PrivacyOfficerKey = "organization.privacy-officer";
    public const string SecurityOfficerKey = "organization.security-officer";
    public const string CustomersKey = "organization.customers";

    public async Task<SetupStatus> HandleAsync(CancellationToken cancellationToken)
    {
        var profile = await db.Set<OrganizationProfile>().AsNoTracking().SingleOrDefaultAsync(cancellationToken);
        var officers = await db.Set<OfficerDesignation>().AsNoTracking()
            .Where(d => d.EndedOn == null).Select(d => d.Role).ToListAsync(cancellationToken);
        var customerCount = await db.Set<CoveredEntityCustomer>().CountAsync(cancellationToken);

        var servesCoveredEntities = profile?.EntityType is null
            or EntityType.BusinessAssociate or EntityType.SubcontractorBusinessAssociate or EntityType.HybridEntity;

        return new SetupStatus(
        [
            new SetupCheck(
                ProfileKey,
                "Organization profile",
                "Record the legal name and entity type: they decide which HIPAA obligations apply.",
                "45 CFR 160.103",
                profile is null ? SetupCheckState.Missing : SetupCheckState.Done,
                Priority: 1),
            new SetupCheck(
                SecurityOfficerKey,
                "Security Officer designated",
                "Name the security official responsible for developing and implementing the security policies and procedures.",
                "45 CFR 164.308(a)(2)",
                officers.Contains(OfficerRole.SecurityOfficer) ? SetupCheckState.Done : SetupCheckState.Missing,
                Priority: 2),
            new SetupCheck(
                PrivacyOfficerKey,
                "Privacy Officer designated",
                "Name the privacy official responsible for the privacy policies and procedures.",
                "45 CFR 164.530(a)(1)",
                officers.Contains(OfficerRole.PrivacyOfficer) ? SetupCheckState.Done : SetupCheckState.Missing,
                Priority: 3),
            new SetupCheck(
                CustomersKey,
                "Covered-entity customers recorded",
                "Record each covered entity you serve, with who receives breach notices and the notice window its BAA sets.",
                "45 CFR 164.410(b), 164.504(e)",
                !servesCoveredEntities ? SetupCheckState.NotApplicable
                    : customerCount > 0 ? SetupCheckState.Done : SetupCheckState.Missing,
                Priority: 4),
        ]);
    }
}
