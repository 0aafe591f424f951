using Custos.Modules.Organization.Contracts;

namespace Custos.Modules.Organization;

/// <summary>A covered entity the organization serves as a business associate, with the BAA's notice terms.</summary>
internal sealed class CoveredEntityCustomer
{
    private CoveredEntityCustomer()
    {
        Name = string.Empty;
        SearchName = string.Empty;
        BreachNoticeContact = null!;
    }

    public CoveredEntityCustomer(Guid id, DateTimeOffset now)
        : this()
    {
        Id = id;
        CreatedAt = now;
        UpdatedAt = now;
    }

    public Guid Id { get; private set; }

    public string Name { get; private set; }

    /// <summary>Lower-case name for case-insensitive search and uniqueness that behave alike on every provider.</summary>
    public string SearchName { get; private set; }

    public CustomerKind Kind { get; private set; }

    public ContactPerson BreachNoticeContact { get; private set; }

    public ContactPerson? RightsRequestContact { get; private set; }

    public int NotificationWindowDays { get; private set; }

    /// <summary>The BAA delegates the covered entity's notices to individuals, media and the Secretary to the organization.</summary>
    public bool DelegatesBreachNotices { get; private set; }

    public DateOnly? BaaEffectiveOn { get; private set; }

    public string? Notes { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public static string ToSearchName(string name) => name.Trim().ToLowerInvariant();

    public void Describe(CustomerDetails details, DateTimeOffset now)
    {
        Name = details.Name.Trim();
        SearchName = ToSearchName(details.Name);
        Kind = details.Kind;
        BreachNoticeContact = details.BreachNoticeContact;
        RightsRequestContact = details.RightsRequestContact;
        NotificationWindowDays = details.NotificationWindowDays;
        DelegatesBreachNotices = details.DelegatesBreachNotices;
        BaaEffectiveOn = details.BaaEffectiveOn;
        Notes = string.IsNullOrWhiteSpace(details.Notes) ? null : details.Notes.Trim();
        UpdatedAt = now;
    }

    public CustomerView ToView() => new(
        Id, Name, Kind, BreachNoticeContact, RightsRequestContact, NotificationWindowDays, DelegatesBreachNotices, BaaEffectiveOn, Notes, CreatedAt, UpdatedAt);
}
