namespace Custos.Modules.Organization.Contracts;

/// <summary>How HIPAA sees the organization; it decides which obligations apply (45 CFR 160.103).</summary>
public enum EntityType
{
    BusinessAssociate,
    CoveredEntity,
    HybridEntity,
    SubcontractorBusinessAssociate,
}

/// <summary>The three kinds of covered entity (45 CFR 160.103).</summary>
public enum CustomerKind
{
    HealthcareProvider,
    HealthPlan,
    HealthcareClearinghouse,
}

public enum OfficerRole
{
    /// <summary>45 CFR 164.530(a)(1)(i): the privacy official responsible for privacy policies and procedures.</summary>
    PrivacyOfficer,

    /// <summary>45 CFR 164.308(a)(2): the security official responsible for the security policies and procedures.</summary>
    SecurityOfficer,
}

public sealed record PostalAddress(string Line1, string? Line2, string City, string Region, string PostalCode, string Country);

public sealed record ContactPerson(string Name, string Email, string? Phone, string? Title);

public sealed record OrganizationProfileView(
    string LegalName,
    EntityType EntityType,
    PostalAddress Address,
    ContactPerson MainContact,
    DateTimeOffset UpdatedAt,
    string UpdatedBy);

public sealed record OfficerView(
    Guid Id,
    OfficerRole Role,
    string Name,
    string Email,
    string? Phone,
    string? Title,
    DateOnly EffectiveOn,
    DateOnly? EndedOn,
    DateTimeOffset RecordedAt,
    string RecordedBy,
    string? Note)
{
    public bool IsCurrent => EndedOn is null;
}

/// <param name="DelegatesBreachNotices">
/// The BAA delegates the covered entity's breach notices to the organization: when this customer is affected, the
/// organization (as business associate) owes the notices to individuals, media and the Secretary on its behalf.
/// </param>
public sealed record CustomerView(
    Guid Id,
    string Name,
    CustomerKind Kind,
    ContactPerson BreachNoticeContact,
    ContactPerson? RightsRequestContact,
    int NotificationWindowDays,
    bool DelegatesBreachNotices,
    DateOnly? BaaEffectiveOn,
    string? Notes,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);

public sealed record CustomerPage(IReadOnlyList<CustomerView> Items, string? NextCursor, int TotalCount);

public static class OrganizationRules
{
    /// <summary>
    /// 45 CFR 164.410(b): a business associate notifies the covered entity without unreasonable delay and in no case
    /// later than 60 calendar days after discovery. A BAA may shorten this; it cannot lengthen it.
    /// </summary>
    public const int MaximumBreachNotificationDays = 60;

    public const int MinimumBreachNotificationDays = 1;
}
