using Custos.Modules.Organization;
using Custos.Modules.Organization.Contracts;
using Custos.Platform.Persistence;
using Custos.Tests.Infrastructure;

namespace Custos.Tests.Modules.Organization;

public sealed class GetOrganizationProfileTests
{
    [Theory, AllDatabaseProviders]
    public async Task Before_anything_is_recorded_the_overview_is_empty(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);

        var overview = await db.RunAsync<GetOrganizationProfile, OrganizationOverview>((h, ct) => h.HandleAsync(ct));

        overview.ShouldBe(new OrganizationOverview(null, null, null));
    }

    [Theory, AllDatabaseProviders]
    public async Task The_overview_shows_the_current_officers_and_not_their_predecessors(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);
        await db.RunAsync<UpdateOrganizationProfile, OrganizationProfileView>((h, ct) => h.HandleAsync(Examples.Profile(), ct));
        await Designate(db, OfficerRole.PrivacyOfficer, "Priya Raman", db.Today.AddDays(-400));
        await Designate(db, OfficerRole.SecurityOfficer, "Marcus Oyelaran", db.Today.AddDays(-400));
        await Designate(db, OfficerRole.SecurityOfficer, "Elena Sokolova", db.Today.AddDays(-90));

        var overview = await db.RunAsync<GetOrganizationProfile, OrganizationOverview>((h, ct) => h.HandleAsync(ct));

        overview.Profile.ShouldNotBeNull().LegalName.ShouldBe("Brightwater Telehealth, Inc.");
        overview.PrivacyOfficer.ShouldNotBeNull().Name.ShouldBe("Priya Raman");
        overview.SecurityOfficer.ShouldNotBeNull().Name.ShouldBe("Elena Sokolova");
        overview.SecurityOfficer.IsCurrent.ShouldBeTrue();
    }

    private static Task<OfficerView> Designate(TestDatabase db, OfficerRole role, string name, DateOnly effectiveOn) =>
        db.RunAsync<DesignateOfficer, OfficerView>((h, ct) => h.HandleAsync(Examples.Officer(role, name, effectiveOn), ct));
}
