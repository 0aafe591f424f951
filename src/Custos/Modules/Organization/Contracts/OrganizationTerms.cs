namespace Custos.Modules.Organization.Contracts;

/// <summary>The words people use for the module's values, shared by every host (pages, exports, CLI tables).</summary>
public static class OrganizationTerms
{
    public static string Name(EntityType value) => value switch
    {
        EntityType.BusinessAssociate => "Business associate",
        EntityType.CoveredEntity => "Covered entity",
        EntityType.HybridEntity => "Hybrid entity",
        EntityType.SubcontractorBusinessAssociate => "Subcontractor business associate",
    };

    public static string Name(CustomerKind value) => value switch
    {
        CustomerKind.HealthcareProvider => "Healthcare provider",
        CustomerKind.HealthPlan => "Health plan",
        CustomerKind.HealthcareClearinghouse => "Healthcare clearinghouse",
    };

    public static string Name(OfficerRole value) => value switch
    {
        OfficerRole.PrivacyOfficer => "Privacy Officer",
        OfficerRole.SecurityOfficer => "Security Officer",
    };
}
