using Custos.Modules.Organization;
using Custos.Modules.Organization.Contracts;
using Custos.Platform.Persistence;
using Custos.Tests.Infrastructure;

namespace Custos.Tests.Modules.Organization;

public sealed class GetOfficerHistoryTests
{
    [Theory, AllDatabaseProviders]
    public async Task The_history_lists_every_designation_newest_first_with_the_dates_each_ended(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);
        var first = db.Today.AddDays(-400);
        var second = db.Today.AddDays(-200);
        var third = db.Today.AddDays(-90);
        await Designate(db, OfficerRole.SecurityOfficer, "Marcus Oyelaran", first);
        await Designate(db, OfficerRole.SecurityOfficer, "Elena Sokolova", second);
        await Designate(db, OfficerRole.SecurityOfficer, "Owen Park", third);

        var history = await db.RunAsync<GetOfficerHistory, IReadOnlyList<OfficerView>>((h, ct) => h.HandleAsync(OfficerRole.SecurityOfficer, ct));

        history.Select(o => (o.Name, o.EffectiveOn, o.EndedOn)).ShouldBe(
        [
            ("Owen Park", third, (DateOnly?)null),
            ("Elena Sokolova", second, third),
            ("Marcus Oyelaran", first, second),
        ]);
    }

    [Theory, AllDatabaseProviders]
    public async Task Two_designations_on_the_same_day_list_the_later_recorded_first(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);
        await Designate(db, OfficerRole.PrivacyOfficer, "Priya Raman", db.Today);
        db.Time.Advance(TimeSpan.FromMinutes(5));
        await Designate(db, OfficerRole.PrivacyOfficer, "Renee Hall", db.Today);

        var history = await db.RunAsync<GetOfficerHistory, IReadOnlyList<OfficerView>>((h, ct) => h.HandleAsync(OfficerRole.PrivacyOfficer, ct));

        history.Select(o => o.Name).ShouldBe(["Renee Hall", "Priya Raman"]);
        history[0].IsCurrent.ShouldBeTrue();
        history[1].IsCurrent.ShouldBeFalse();
    }

    [Theory, AllDatabaseProviders]
    public async Task Without_a_role_the_history_covers_both_roles(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);
        await Designate(db, OfficerRole.PrivacyOfficer, "Priya Raman", db.Today.AddDays(-10));
        await Designate(db, OfficerRole.SecurityOfficer, "Elena Sokolova", db.Today.AddDays(-5));

        var all = await db.RunAsync<GetOfficerHistory, IReadOnlyList<OfficerView>>((h, ct) => h.HandleAsync(null, ct));
        var privacyOnly = await db.RunAsync<GetOfficerHistory, IReadOnlyList<OfficerView>>((h, ct) => h.HandleAsync(OfficerRole.PrivacyOfficer, ct));

        all.Select(o => o.Name).ShouldBe(["Elena Sokolova", "Priya Raman"]);
        privacyOnly.Select(o => o.Name).ShouldBe(["Priya Raman"]);
    }

    private static Task<OfficerView> Designate(TestDatabase db, OfficerRole role, string name, DateOnly effectiveOn) =>
        db.RunAsync<DesignateOfficer, OfficerView>((h, ct) => h.HandleAsync(Examples.Officer(role, name, effectiveOn), ct));
}
