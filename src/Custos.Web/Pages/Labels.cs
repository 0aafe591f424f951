using Custos.Modules.Organization.Contracts;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace Custos.Web.Pages;

/// <summary>Labels for pages and exports: the module's own terms, plus select-list options built from them.</summary>
public static class Labels
{
    public static string For(EntityType value) => OrganizationTerms.Name(value);

    public static string For(CustomerKind value) => OrganizationTerms.Name(value);

    public static string For(OfficerRole value) => OrganizationTerms.Name(value);

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
