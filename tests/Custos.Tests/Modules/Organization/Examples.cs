using Custos.Modules.Organization;
using Custos.Modules.Organization.Contracts;

namespace Custos.Tests.Modules.Organization;

/// <summary>Valid requests with invented details; each test changes only what it is about.</summary>
internal static class Examples
{
    public static ContactPerson Contact(string name = "Priya Raman", string email = "priya.raman@brightwater.example") =>
        new(name, email, "+1 503 555 0117", "Director of Privacy");

    public static PostalAddress Address() =>
        new("400 Harbor Point Drive", "Suite 1200", "Portland", "OR", "97201", "United States");

    public static UpdateOrganizationProfileCommand Profile(
        string legalName = "Brightwater Telehealth, Inc.", EntityType entityType = EntityType.BusinessAssociate) =>
        new(legalName, entityType, Address(), Contact("Dana Whitfield", "dana.whitfield@brightwater.example"));

    public static CustomerDetails Customer(
        string name, CustomerKind kind = CustomerKind.HealthcareProvider, int notificationWindowDays = 30) =>
        new(
            name,
            kind,
            Contact("Tomás Alvarez", "privacy.office@riverbend-health.example"),
            RightsRequestContact: null,
            notificationWindowDays,
            BaaEffectiveOn: new DateOnly(2025, 1, 15),
            Notes: null);

    public static DesignateOfficerCommand Officer(OfficerRole role, string name, DateOnly effectiveOn) =>
        new(role, Contact(name, $"{name.Split(' ')[0].ToLowerInvariant()}@brightwater.example"), effectiveOn, Note: null);
}
