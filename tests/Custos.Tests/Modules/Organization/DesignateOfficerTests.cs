using Custos.Modules.Organization;
using Custos.Modules.Organization.Contracts;
using Custos.Platform.Persistence;
using Custos.Platform.Validation;
using Custos.Tests.Infrastructure;

namespace Custos.Tests.Modules.Organization;

public sealed class DesignateOfficerTests
{
    [Theory, AllDatabaseProviders]
    public async Task The_first_designation_is_current_and_records_who_made_it_and_when(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);
        var effectiveOn = db.Today.AddDays(-10);

        var officer = await Designate(db, OfficerRole.PrivacyOfficer, "Priya Raman", effectiveOn);

        officer.Role.ShouldBe(OfficerRole.PrivacyOfficer);
        officer.Name.ShouldBe("Priya Raman");
        officer.EffectiveOn.ShouldBe(effectiveOn);
        officer.EndedOn.ShouldBeNull();
        officer.RecordedAt.ShouldBe(TestDatabase.StartTime);
        officer.RecordedBy.ShouldBe(TestActor.Default.DisplayName);
    }

    [Theory, AllDatabaseProviders]
    public async Task A_new_designation_ends_the_previous_one_on_the_new_effective_date(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);
        var first = await Designate(db, OfficerRole.SecurityOfficer, "Marcus Oyelaran", db.Today.AddDays(-400));
        var handover = db.Today.AddDays(-90);

        var second = await Designate(db, OfficerRole.SecurityOfficer, "Elena Sokolova", handover);

        var history = await History(db, OfficerRole.SecurityOfficer);
        history.Single(o => o.Id == first.Id).EndedOn.ShouldBe(handover);
        history.Single(o => o.Id == second.Id).EndedOn.ShouldBeNull();
    }

    [Theory, AllDatabaseProviders]
    public async Task A_designation_for_one_role_leaves_the_other_role_current(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);
        await Designate(db, OfficerRole.PrivacyOfficer, "Priya Raman", db.Today.AddDays(-400));

        await Designate(db, OfficerRole.SecurityOfficer, "Elena Sokolova", db.Today.AddDays(-90));

        (await History(db, OfficerRole.PrivacyOfficer)).Single().EndedOn.ShouldBeNull();
    }

    [Theory, AllDatabaseProviders]
    public async Task A_designation_taking_effect_today_is_accepted(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);

        var officer = await Designate(db, OfficerRole.PrivacyOfficer, "Priya Raman", db.Today);

        officer.EffectiveOn.ShouldBe(new DateOnly(2026, 3, 2));
    }

    [Theory, AllDatabaseProviders]
    public async Task A_future_effective_date_is_refused_and_nothing_is_saved(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);

        var error = await Should.ThrowAsync<InvalidRequestException>(() =>
            Designate(db, OfficerRole.PrivacyOfficer, "Priya Raman", db.Today.AddDays(1)));

        error.Errors.Keys.ShouldBe(["EffectiveOn"]);
        (await db.CountAsync<OfficerDesignation>()).ShouldBe(0);
    }

    [Theory, AllDatabaseProviders]
    public async Task An_effective_date_before_the_current_holders_is_refused_and_the_holder_stays_current(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);
        var current = await Designate(db, OfficerRole.SecurityOfficer, "Elena Sokolova", db.Today.AddDays(-30));

        var error = await Should.ThrowAsync<InvalidRequestException>(() =>
            Designate(db, OfficerRole.SecurityOfficer, "Marcus Oyelaran", db.Today.AddDays(-31)));

        error.Errors.Keys.ShouldBe(["EffectiveOn"]);
        error.Errors["EffectiveOn"].ShouldHaveSingleItem().ShouldContain("2026-01-31");
        var history = await History(db, OfficerRole.SecurityOfficer);
        history.ShouldHaveSingleItem().Id.ShouldBe(current.Id);
        history[0].EndedOn.ShouldBeNull();
    }

    [Theory, AllDatabaseProviders]
    public async Task An_officer_email_that_is_not_an_address_is_refused(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);
        var command = Examples.Officer(OfficerRole.PrivacyOfficer, "Priya Raman", db.Today) with
        {
            Person = Examples.Contact(email: "priya.raman"),
        };

        var error = await Should.ThrowAsync<InvalidRequestException>(() =>
            db.RunAsync<DesignateOfficer, OfficerView>((h, ct) => h.HandleAsync(command, ct)));

        error.Errors.Keys.ShouldBe(["Person.Email"]);
        (await db.CountAsync<OfficerDesignation>()).ShouldBe(0);
    }

    [Theory, AllDatabaseProviders]
    public async Task A_role_outside_the_defined_values_is_refused(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);

        var error = await Should.ThrowAsync<InvalidRequestException>(() =>
            Designate(db, (OfficerRole)7, "Priya Raman", db.Today));

        error.Errors.Keys.ShouldBe(["Role"]);
        (await db.CountAsync<OfficerDesignation>()).ShouldBe(0);
    }

    private static Task<OfficerView> Designate(TestDatabase db, OfficerRole role, string name, DateOnly effectiveOn) =>
        db.RunAsync<DesignateOfficer, OfficerView>((h, ct) => h.HandleAsync(Examples.Officer(role, name, effectiveOn), ct));

    private static Task<IReadOnlyList<OfficerView>> History(TestDatabase db, OfficerRole role) =>
        db.RunAsync<GetOfficerHistory, IReadOnlyList<OfficerView>>((h, ct) => h.HandleAsync(role, ct));
}
