using Custos.Modules.Organization;
using Custos.Modules.Organization.Contracts;
using Custos.Platform.Persistence;
using Custos.Tests.Infrastructure;

namespace Custos.Tests.Modules.Organization;

public sealed class GetSetupStatusTests
{
    [Theory, AllDatabaseProviders]
    public async Task A_new_installation_lists_every_item_as_missing_in_priority_order(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);

        var status = await db.RunAsync<GetSetupStatus, SetupStatus>((h, ct) => h.HandleAsync(ct));

        status.Missing.Select(c => c.Key).ShouldBe(
        [
            GetSetupStatus.ProfileKey,
            GetSetupStatus.SecurityOfficerKey,
            GetSetupStatus.PrivacyOfficerKey,
            GetSetupStatus.CustomersKey,
        ]);
        status.Missing.Select(c => c.Priority).ShouldBe([1, 2, 3, 4]);
        status.DoneCount.ShouldBe(0);
        status.IsComplete.ShouldBeFalse();
    }

    [Theory, AllDatabaseProviders]
    public async Task Items_done_drop_out_of_the_missing_list_and_the_rest_keep_their_order(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);
        await db.RunAsync<UpdateOrganizationProfile, OrganizationProfileView>((h, ct) => h.HandleAsync(Examples.Profile(), ct));
        await db.RunAsync<DesignateOfficer, OfficerView>((h, ct) =>
            h.HandleAsync(Examples.Officer(OfficerRole.PrivacyOfficer, "Priya Raman", db.Today), ct));

        var status = await db.RunAsync<GetSetupStatus, SetupStatus>((h, ct) => h.HandleAsync(ct));

        status.Missing.Select(c => c.Key).ShouldBe([GetSetupStatus.SecurityOfficerKey, GetSetupStatus.CustomersKey]);
        status.DoneCount.ShouldBe(2);
        status.ApplicableCount.ShouldBe(4);
    }

    [Theory, AllDatabaseProviders]
    public async Task For_a_covered_entity_customers_are_not_applicable(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);
        await db.RunAsync<UpdateOrganizationProfile, OrganizationProfileView>((h, ct) =>
            h.HandleAsync(Examples.Profile(entityType: EntityType.CoveredEntity), ct));

        var status = await db.RunAsync<GetSetupStatus, SetupStatus>((h, ct) => h.HandleAsync(ct));

        status.Checks.Single(c => c.Key == GetSetupStatus.CustomersKey).State.ShouldBe(SetupCheckState.NotApplicable);
        status.Missing.Select(c => c.Key).ShouldBe([GetSetupStatus.SecurityOfficerKey, GetSetupStatus.PrivacyOfficerKey]);
        status.ApplicableCount.ShouldBe(3);
    }

    [Theory, AllDatabaseProviders]
    public async Task With_the_profile_both_officers_and_a_customer_setup_is_complete(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);
        await db.RunAsync<UpdateOrganizationProfile, OrganizationProfileView>((h, ct) => h.HandleAsync(Examples.Profile(), ct));
        await db.RunAsync<DesignateOfficer, OfficerView>((h, ct) =>
            h.HandleAsync(Examples.Officer(OfficerRole.PrivacyOfficer, "Priya Raman", db.Today), ct));
        await db.RunAsync<DesignateOfficer, OfficerView>((h, ct) =>
            h.HandleAsync(Examples.Officer(OfficerRole.SecurityOfficer, "Elena Sokolova", db.Today), ct));
        await db.RunAsync<AddCustomer, CustomerView>((h, ct) => h.HandleAsync(Examples.Customer("Riverbend"), ct));

        var status = await db.RunAsync<GetSetupStatus, SetupStatus>((h, ct) => h.HandleAsync(ct));

        status.IsComplete.ShouldBeTrue();
        status.Checks.ShouldAllBe(c => c.State == SetupCheckState.Done);
        status.DoneCount.ShouldBe(4);
    }
}
