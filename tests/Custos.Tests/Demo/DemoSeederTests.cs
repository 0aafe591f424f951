using Custos.Demo;
using Custos.Modules.Incidents;
using Custos.Modules.Incidents.Contracts;
using Custos.Modules.Incidents.Obligations;
using Custos.Modules.Organization;
using Custos.Modules.Organization.Contracts;
using Custos.Platform.Identity;
using Custos.Platform.Persistence;
using Custos.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Custos.Tests.Demo;

public sealed class DemoSeederTests
{
    [Theory, AllDatabaseProviders]
    public async Task Seeding_records_a_business_associate_both_officers_and_one_customer_of_each_kind(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);

        var result = await db.RunAsync<DemoSeeder, DemoSeedResult>((seeder, ct) => seeder.SeedAsync(null, ct));

        result.Seeded.ShouldBeTrue();
        var overview = await db.RunAsync<GetOrganizationProfile, OrganizationOverview>((h, ct) => h.HandleAsync(ct));
        overview.Profile.ShouldNotBeNull().LegalName.ShouldBe(DemoSeeder.OrganizationName);
        overview.Profile.EntityType.ShouldBe(EntityType.BusinessAssociate);
        overview.PrivacyOfficer.ShouldNotBeNull().Name.ShouldBe("Priya Raman");
        overview.SecurityOfficer.ShouldNotBeNull().Name.ShouldBe("Elena Sokolova");
        var customers = await db.RunAsync<ListCustomers, CustomerPage>((h, ct) => h.HandleAsync(new ListCustomersQuery(), ct));
        customers.Items.Select(c => c.Kind).ShouldBe(Enum.GetValues<CustomerKind>(), ignoreOrder: true);
        var status = await db.RunAsync<GetSetupStatus, SetupStatus>((h, ct) => h.HandleAsync(ct));
        status.IsComplete.ShouldBeTrue();
    }

    [Theory, AllDatabaseProviders]
    public async Task Seeding_adds_incidents_at_every_stage_with_sign_offs_by_a_different_Privacy_Officer_and_the_breachs_obligations(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);

        await db.RunAsync<DemoSeeder, DemoSeedResult>((seeder, ct) => seeder.SeedAsync(null, ct));
        var incidents = await db.QueryAsync((d, ct) => d.Set<Incident>().ToListAsync(ct));
        var assessments = await db.QueryAsync((d, ct) => d.Set<BreachAssessment>().ToListAsync(ct));
        var privacyOfficer = await db.QueryAsync((d, ct) => d.Users.SingleAsync(u => u.Email == IncidentsDemo.PrivacyOfficerEmail, ct));
        var breach = incidents.Single(i => i.Summary == "Misconfigured storage bucket exposed visit exports");
        var obligations = await db.RunAsync<GetIncidentObligations, IncidentObligations>((h, ct) => h.HandleAsync(breach.Id, ct));
        var register = await db.RunAsync<GetBreachRegister, IReadOnlyList<BreachRegisterEntry>>((h, ct) => h.HandleAsync(null, ct));
        var setupOpen = !await db.RunAsync<FirstRunSetup, bool>((h, ct) => h.IsCompleteAsync(ct));

        incidents.Select(i => i.Status).ShouldBe(
            [IncidentStatus.Triage, IncidentStatus.Assessed, IncidentStatus.Assessed, IncidentStatus.Notifying, IncidentStatus.Closed], ignoreOrder: true);
        incidents.Single(i => i.Status == IncidentStatus.Triage).PhiInvolved.ShouldBe(false);
        incidents.Single(i => i.Status == IncidentStatus.Closed).RootCause.ShouldNotBeNull();
        assessments.Select(a => a.Outcome).ShouldBe(
            [BreachOutcome.SecuredPhi, BreachOutcome.LowProbabilityOfCompromise, BreachOutcome.Breach, BreachOutcome.ExceptionApplies], ignoreOrder: true);
        assessments.ShouldAllBe(a => a.SignedById == privacyOfficer.Id.ToString() && a.AuthorId != a.SignedById); // segregation of duties
        obligations.Provisional.ShouldBeFalse();
        obligations.Obligations.Single(o => o.Recipient == NotificationRecipient.Media).Jurisdiction.ShouldBe("TX"); // 530 > 500; 90 is not
        obligations.Obligations.Single(o => o.Recipient == NotificationRecipient.Secretary).DueDate.ShouldBe(breach.DiscoveredOn.AddDays(60)); // 620 >= 500
        obligations.Obligations.Where(o => o.Recipient != NotificationRecipient.CoveredEntity)
            .ShouldAllBe(o => o.CoveredEntity == "Riverbend Community Health" && o.Reasoning.Contains("The BAA with Riverbend Community Health delegates"));
        obligations.Obligations.Single(o => o.Status == ObligationStatus.Sent).Recipient.ShouldBe(NotificationRecipient.CoveredEntity);
        register.ShouldHaveSingleItem().IndividualsAffected.ShouldBe(620);
        setupOpen.ShouldBeTrue(); // the demo accounts are not administrators, so first-run setup still creates one
    }

    [Theory, AllDatabaseProviders]
    public async Task A_second_run_adds_nothing_and_says_why(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);
        await db.RunAsync<DemoSeeder, DemoSeedResult>((seeder, ct) => seeder.SeedAsync(null, ct));
        var counts = await CountsAsync(db);

        var second = await db.RunAsync<DemoSeeder, DemoSeedResult>((seeder, ct) => seeder.SeedAsync(null, ct));

        second.Seeded.ShouldBeFalse();
        second.Lines.ShouldHaveSingleItem().ShouldContain(DemoSeeder.OrganizationName);
        (await CountsAsync(db)).ShouldBe(counts);
        counts.ShouldBe((1, 3, 3));
    }

    private static async Task<(int Profiles, int Designations, int Customers)> CountsAsync(TestDatabase db) =>
        (await db.CountAsync<OrganizationProfile>(), await db.CountAsync<OfficerDesignation>(), await db.CountAsync<CoveredEntityCustomer>());
}
