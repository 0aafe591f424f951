namespace Custos.Modules.Organization.Contracts;

/// <summary>The organization's entity type, which decides which HIPAA requirements bind it (45 CFR 160.103).</summary>
public interface IOrganizationEntityType
{
    /// <summary>The profile's entity type; a business associate until the profile is filled in (Custos's main user).</summary>
    Task<EntityType> CurrentAsync(CancellationToken cancellationToken);
}
