using Custos.Modules.Organization;
using Custos.Modules.Organization.Contracts;
using Custos.Platform.Persistence;
using Custos.Platform.Validation;
using Custos.Tests.Infrastructure;

namespace Custos.Tests.Modules.Organization;

/// <summary>Two web nodes (or two tabs) writing at the same moment must leave the records consistent.</summary>
public sealed class ConcurrentWritesTests
{
    private const int Writers = 4;

    [Theory, AllDatabaseProviders]
    public async Task Simultaneous_first_saves_of_the_profile_leave_exactly_one_profile(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);

        await Task.WhenAll(Enumerable.Range(1, Writers).Select(i =>
            db.RunAsync<UpdateOrganizationProfile, OrganizationProfileView>((h, ct) => h.HandleAsync(Examples.Profile($"Writer {i} Inc."), ct))));

        (await db.CountAsync<Custos.Modules.Organization.OrganizationProfile>()).ShouldBe(1);
        var overview = await db.RunAsync<GetOrganizationProfile, OrganizationOverview>((h, ct) => h.HandleAsync(ct));
        overview.Profile!.LegalName.ShouldStartWith("Writer ");
    }

    [Theory, AllDatabaseProviders]
    public async Task Simultaneous_designations_for_one_role_leave_exactly_one_current_officer(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);
        await db.RunAsync<DesignateOfficer, OfficerView>((h, ct) =>
            h.HandleAsync(Examples.Officer(OfficerRole.SecurityOfficer, "Marcus Oyelaran", db.Today.AddDays(-30)), ct));

        var outcomes = await Task.WhenAll(Enumerable.Range(1, Writers).Select(async i =>
        {
            try
            {
                await db.RunAsync<DesignateOfficer, OfficerView>((h, ct) =>
                    h.HandleAsync(Examples.Officer(OfficerRole.SecurityOfficer, $"Successor {i}", db.Today), ct));
                return "recorded";
            }
            catch (InvalidRequestException refused)
            {
                refused.Errors[nameof(DesignateOfficerCommand.Role)].Single().ShouldContain("at the same moment");
                return "refused";
            }
        }));

        outcomes.ShouldContain("recorded");
        var history = await db.RunAsync<GetOfficerHistory, IReadOnlyList<OfficerView>>((h, ct) => h.HandleAsync(OfficerRole.SecurityOfficer, ct));
        history.Count(o => o.IsCurrent).ShouldBe(1);
        history.Count.ShouldBe(1 + outcomes.Count(o => o == "recorded"));
        var overview = await db.RunAsync<GetOrganizationProfile, OrganizationOverview>((h, ct) => h.HandleAsync(ct));
        overview.SecurityOfficer!.Name.ShouldStartWith("Successor ");
    }

    [Theory, AllDatabaseProviders]
    public async Task Simultaneous_adds_of_one_customer_name_store_it_once_and_refuse_the_rest_by_name(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);

        var outcomes = await Task.WhenAll(Enumerable.Range(1, Writers).Select(async _ =>
        {
            try
            {
                await db.RunAsync<AddCustomer, CustomerView>((h, ct) => h.HandleAsync(Examples.Customer("Riverbend Community Health"), ct));
                return "added";
            }
            catch (InvalidRequestException refused)
            {
                refused.Errors[nameof(CustomerDetails.Name)].Single().ShouldContain("already exists");
                return "refused";
            }
        }));

        outcomes.Count(o => o == "added").ShouldBe(1);
        (await db.CountAsync<CoveredEntityCustomer>()).ShouldBe(1);
    }
}
