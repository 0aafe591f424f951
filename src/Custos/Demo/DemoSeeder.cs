using Custos.Modules.Organization;
using Custos.Modules.Organization.Contracts;

namespace Custos.Demo;

public sealed record DemoSeedResult(bool Seeded, IReadOnlyList<string> Lines);

/// <summary>
/// A fictional business associate (a telehealth software company) and its covered-entity customers, so a newcomer
/// sees a meaningful dashboard. Every name, address and contact is invented; emails use reserved example domains.
/// It goes through the same handlers as users do, so demo data obeys every rule. Later modules add their part here.
/// </summary>
public sealed class DemoSeeder(
    GetOrganizationProfile getProfile,
    UpdateOrganizationProfile updateProfile,
    DesignateOfficer designateOfficer,
    AddCustomer addCustomer,
    SafeguardsDemo safeguards,
    IncidentsDemo incidents,
    TimeProvider time)
{
    public const string OrganizationName = "Brightwater Telehealth, Inc.";

    public async Task<DemoSeedResult> SeedAsync(IProgress<string>? progress, CancellationToken cancellationToken)
    {
        var existing = await getProfile.HandleAsync(cancellationToken);
        if (existing.Profile is not null)
        {
            return new DemoSeedResult(false, [$"The organization profile already exists ('{existing.Profile.LegalName}'); demo data was not added."]);
        }

        var lines = new List<string>();
        void Report(string line)
        {
            lines.Add(line);
            progress?.Report(line);
        }

        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        await updateProfile.HandleAsync(
            new UpdateOrganizationProfileCommand(
                OrganizationName,
                EntityType.BusinessAssociate,
                new PostalAddress("400 Harbor Point Drive", "Suite 1200", "Portland", "OR", "97201", "United States"),
                new ContactPerson("Dana Whitfield", "dana.whitfield@brightwater.example", "+1 503 555 0142", "Chief Operating Officer")),
            cancellationToken);
        Report($"Organization profile: {OrganizationName} (business associate)");

        await designateOfficer.HandleAsync(
            new DesignateOfficerCommand(
                OfficerRole.PrivacyOfficer,
                new ContactPerson("Priya Raman", "privacy@brightwater.example", "+1 503 555 0117", "Director of Privacy"),
                today.AddDays(-400),
                "Designated by the board at the founding of the compliance program."),
            cancellationToken);
        await designateOfficer.HandleAsync(
            new DesignateOfficerCommand(
                OfficerRole.SecurityOfficer,
                new ContactPerson("Marcus Oyelaran", "security@brightwater.example", "+1 503 555 0163", "Head of Security Engineering"),
                today.AddDays(-400),
                null),
            cancellationToken);
        await designateOfficer.HandleAsync(
            new DesignateOfficerCommand(
                OfficerRole.SecurityOfficer,
                new ContactPerson("Elena Sokolova", "security@brightwater.example", "+1 503 555 0168", "Chief Information Security Officer"),
                today.AddDays(-90),
                "Succeeds Marcus Oyelaran, who moved to platform engineering."),
            cancellationToken);
        Report("Privacy Officer: Priya Raman; Security Officer: Elena Sokolova (succeeding Marcus Oyelaran)");

        CustomerDetails[] customers =
        [
            new(
                "Riverbend Community Health",
                CustomerKind.HealthcareProvider,
                new ContactPerson("Tomás Alvarez", "privacy.office@riverbend-health.example", "+1 541 555 0190", "Privacy Officer"),
                new ContactPerson("Health Information Management", "him@riverbend-health.example", "+1 541 555 0191", null),
                NotificationWindowDays: 10,
                BaaEffectiveOn: today.AddDays(-700),
                "Video visits and patient messaging for 14 clinics.",
                DelegatesBreachNotices: true),
            new(
                "Cascade Family Health Plan",
                CustomerKind.HealthPlan,
                new ContactPerson("Renee Hall", "compliance@cascadefamilyplan.example", "+1 206 555 0134", "Chief Compliance Officer"),
                null,
                NotificationWindowDays: 30,
                BaaEffectiveOn: today.AddDays(-380),
                "Nurse-line telehealth for plan members."),
            new(
                "Summit Claims Exchange",
                CustomerKind.HealthcareClearinghouse,
                new ContactPerson("Owen Park", "security@summitclaims.example", null, "Security and Privacy Lead"),
                new ContactPerson("Owen Park", "security@summitclaims.example", null, "Security and Privacy Lead"),
                NotificationWindowDays: 5,
                BaaEffectiveOn: today.AddDays(-120),
                "Eligibility checks for telehealth visits."),
        ];
        var added = new List<CustomerView>();
        foreach (var customer in customers)
        {
            added.Add(await addCustomer.HandleAsync(customer, cancellationToken));
            Report($"Customer: {customer.Name} ({customer.Kind}, breach notice within {customer.NotificationWindowDays} days" +
                (customer.DelegatesBreachNotices ? "; the BAA delegates its notices to individuals, media and the Secretary to us)" : ")"));
        }

        foreach (var line in await safeguards.SeedAsync(cancellationToken))
        {
            Report(line);
        }

        foreach (var line in await incidents.SeedAsync(added[0].Id, cancellationToken))
        {
            Report(line);
        }

        return new DemoSeedResult(true, lines);
    }
}
