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

    /// <summary>
    /// The one profile always has this id, so two first saves at once cannot create two profiles: the second
    /// insert breaks the primary key and becomes an update.
    /// </summary>
    public static readonly Guid SingletonId = new("0c0570a1-0000-4000-8000-000000000001");

    public OrganizationProfile(DateTimeOffset now, string updatedBy)
        : this()
    {
        Id = SingletonId;
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
