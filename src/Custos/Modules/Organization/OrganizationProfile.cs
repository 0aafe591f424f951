using Custos.Modules.Organization.Contracts;

namespace Custos.Modules.Organization;

/// <summary>The one organization this deployment serves (one row).</summary>
internal sealed class OrganizationProfile
{
    private OrganizationProfile()
    {
        LegalName = string.Empty;
        Address = null!;
        MainContact = null!;
        UpdatedBy = string.Empty;
    }

    public OrganizationProfile(Guid id, DateTimeOffset now, string updatedBy)
        : this()
    {
        Id = id;
        UpdatedAt = now;
        UpdatedBy = updatedBy;
    }

    public Guid Id { get; private set; }

    public string LegalName { get; private set; }

    public EntityType EntityType { get; private set; }

    public PostalAddress Address { get; private set; }

    public ContactPerson MainContact { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public string UpdatedBy { get; private set; }

    public void Describe(string legalName, EntityType entityType, PostalAddress address, ContactPerson mainContact, DateTimeOffset now, string updatedBy)
    {
        LegalName = legalName;
        EntityType = entityType;
        Address = address;
        MainContact = mainContact;
        UpdatedAt = now;
        UpdatedBy = updatedBy;
    }

    public OrganizationProfileView ToView() => new(LegalName, EntityType, Address, MainContact, UpdatedAt, UpdatedBy);
}
