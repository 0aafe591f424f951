using Custos.Modules.Organization.Contracts;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace Custos.Web.Pages;

/// <summary>Words people use for the domain's enums, in one place for pages and exports.</summary>
public static class Labels
{
    public static string For(EntityType value) => value switch
    {
        EntityType.BusinessAssociate => "Business associate",
        EntityType.CoveredEntity => "Covered entity",
        EntityType.HybridEntity => "Hybrid entity",
        EntityType.SubcontractorBusinessAssociate => "Subcontractor business associate",
    };

    public static string For(CustomerKind value) => value switch
    {
        CustomerKind.HealthcareProvider => "Healthcare provider",
        CustomerKind.HealthPlan => "Health plan",
        CustomerKind.HealthcareClearinghouse => "Healthcare clearinghouse",
    };

    public static string For(OfficerRole value) => value switch
    {
        OfficerRole.PrivacyOfficer => "Privacy Officer",
        OfficerRole.SecurityOfficer => "Security Officer",
    };

    public static IEnumerable<SelectListItem> Options<TEnum>(Func<TEnum, string> label)
        where TEnum : struct, Enum =>
        Enum.GetValues<TEnum>().Select(v => new SelectListItem(label(v), v.ToString()));
}

/// <summary>Form fields for a contact person, shared by several forms.</summary>
public sealed class ContactInput
{
    public string? Name { get; set; }

    public string? Email { get; set; }

    public string? Phone { get; set; }

    public string? Title { get; set; }

    public bool IsBlank => string.IsNullOrWhiteSpace(Name) && string.IsNullOrWhiteSpace(Email) && string.IsNullOrWhiteSpace(Phone) && string.IsNullOrWhiteSpace(Title);

    public static ContactInput From(ContactPerson? person) =>
        person is null ? new() : new() { Name = person.Name, Email = person.Email, Phone = person.Phone, Title = person.Title };

    public ContactPerson ToContact() => new(Name ?? string.Empty, Email ?? string.Empty, Phone, Title);
}
