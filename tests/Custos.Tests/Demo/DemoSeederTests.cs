using Custos.Demo;
using Custos.Modules.Organization;
using Custos.Modules.Organization.Contracts;
using Custos.Platform.Persistence;
using Custos.Tests.Infrastructure;

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
