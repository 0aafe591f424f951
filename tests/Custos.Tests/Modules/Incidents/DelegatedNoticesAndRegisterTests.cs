using Custos.Modules.Incidents;
using Custos.Modules.Incidents.Contracts;
using Custos.Modules.Incidents.Obligations;
using Custos.Modules.Organization;
using Custos.Modules.Organization.Contracts;
using Custos.Platform.Persistence;
using Custos.Tests.Infrastructure;
using Custos.Tests.Modules.Organization;

namespace Custos.Tests.Modules.Incidents;

/// <summary>
/// Issue 6 item 4 "when a BAA delegates notices" (the flag on the Organization customer feeds the rule set), and the
/// breach register taking its Secretary date from the same rule set, so a 164.412 law-enforcement delay moves it.
/// </summary>
public sealed class DelegatedNoticesAndRegisterTests
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(TestDatabase.StartTime.UtcDateTime);

    [Theory, AllDatabaseProviders]
    public async Task A_customer_records_whether_its_BAA_delegates_breach_notices_and_can_change_it(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);

        var added = await db.RunAsync<AddCustomer, CustomerView>((h, ct) => h.HandleAsync(Examples.Customer("Riverbend Community Health") with { DelegatesBreachNotices = true }, ct));
        var plain = await db.RunAsync<AddCustomer, CustomerView>((h, ct) => h.HandleAsync(Examples.Customer("Summit Claims Exchange"), ct));
        var updated = await db.RunAsync<UpdateCustomer, CustomerView>((h, ct) => h.HandleAsync(added.Id, Examples.Customer("Riverbend Community Health"), ct));
        var read = await db.RunAsync<GetCustomer, CustomerView>((h, ct) => h.HandleAsync(plain.Id, ct));

        added.DelegatesBreachNotices.ShouldBeTrue();
        updated.DelegatesBreachNotices.ShouldBeFalse();
        read.DelegatesBreachNotices.ShouldBeFalse();
    }

    [Theory, AllDatabaseProviders]
    public async Task A_business_associate_owes_individual_media_Secretary_and_State_notices_for_the_customer_whose_BAA_delegates_them(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);
        var delegating = await db.RunAsync<AddCustomer, CustomerView>((h, ct) => h.HandleAsync(Examples.Customer("Riverbend Community Health", notificationWindowDays: 10) with { DelegatesBreachNotices = true }, ct));
        var own = await db.RunAsync<AddCustomer, CustomerView>((h, ct) => h.HandleAsync(Examples.Customer("Cascade Family Health Plan", CustomerKind.HealthPlan, 30), ct));
        var id = await IncidentsTests.SignedBreachAsync(db, EntityType.BusinessAssociate, new() { ["TX"] = 530, ["OH"] = 90 }, Today);
        await db.RunAsync<UpdateIncidentFacts, IncidentSummaryView>((h, ct) => h.HandleAsync(id, new(
            IncidentKind.MisdirectedPhi, "Claims export emailed to the wrong clinic", Today, Today, PhiInvolved: true,
            AffectedCustomerIds: [delegating.Id, own.Id], Agency: AgencyStatus.Agent), ct));

        var obligations = (await db.RunAsync<GetIncidentObligations, IncidentObligations>((h, ct) => h.HandleAsync(id, ct))).Obligations;

        obligations.Where(o => o.Recipient == NotificationRecipient.CoveredEntity && o.Jurisdiction is null)
            .Select(o => (o.CoveredEntity, o.DueDate))
            .ShouldBe([("Riverbend Community Health", Today.AddDays(10)), ("Cascade Family Health Plan", Today.AddDays(30))], ignoreOrder: true);
        var onBehalf = obligations.Where(o => o.Recipient != NotificationRecipient.CoveredEntity).ToList();
        onBehalf.Select(o => o.Key).ShouldBe(
        [
            "individuals:Riverbend Community Health", "secretary:Riverbend Community Health", "media:TX:Riverbend Community Health",
            "state_individuals:TX:Riverbend Community Health", "state_regulator:TX:Riverbend Community Health", "state_individuals:OH:Riverbend Community Health",
        ], ignoreOrder: true);
        onBehalf.ShouldAllBe(o => o.Reasoning.Contains("The BAA with Riverbend Community Health delegates this notice"));
        onBehalf.Single(o => o.Recipient == NotificationRecipient.Individuals).DueDate.ShouldBe(new DateOnly(2026, 5, 1)); // agent: 2 March + 60 days
        onBehalf.Single(o => o.Recipient == NotificationRecipient.Secretary).DueDate.ShouldBe(new DateOnly(2026, 5, 1)); // 620 >= 500: with individuals
        obligations.ShouldNotContain(o => o.CoveredEntity == "Cascade Family Health Plan" && o.Recipient != NotificationRecipient.CoveredEntity);
    }

    [Theory, AllDatabaseProviders]
    public async Task A_business_associate_whose_BAAs_delegate_nothing_has_no_Secretary_date_in_the_register_nor_in_the_annual_report(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);
        var customer = await db.RunAsync<AddCustomer, CustomerView>((h, ct) => h.HandleAsync(Examples.Customer("Riverbend Community Health"), ct));
        var id = await IncidentsTests.SignedBreachAsync(db, EntityType.BusinessAssociate, new() { ["OH"] = 40 }, Today);
        await db.RunAsync<UpdateIncidentFacts, IncidentSummaryView>((h, ct) => h.HandleAsync(id, new(
            IncidentKind.MisdirectedPhi, "Claims export emailed to the wrong clinic", Today, Today, PhiInvolved: true, AffectedCustomerIds: [customer.Id]), ct));

        var entry = (await db.RunAsync<GetBreachRegister, IReadOnlyList<BreachRegisterEntry>>((h, ct) => h.HandleAsync(null, ct))).ShouldHaveSingleItem();
        var obligations = (await db.RunAsync<GetIncidentObligations, IncidentObligations>((h, ct) => h.HandleAsync(id, ct))).Obligations;

        var annual = await db.RunAsync<GetBreachRegister, AnnualBreachReport>((h, ct) => h.AnnualReportAsync(Today.Year, ct));

        obligations.ShouldNotContain(o => o.Recipient == NotificationRecipient.Secretary);
        entry.SecretaryDueOn.ShouldBeNull();
        annual.Breaches.ShouldBeEmpty(); // 164.408(c): the covered entity, not the business associate, reports it
    }

    [Theory, AllDatabaseProviders]
    public async Task An_oral_law_enforcement_delay_moves_the_registers_Secretary_date_by_at_most_30_days(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);
        var id = await IncidentsTests.SignedBreachAsync(db, EntityType.CoveredEntity, new() { ["TX"] = 530, ["OH"] = 90 }, Today);
        var before = (await db.RunAsync<GetBreachRegister, IReadOnlyList<BreachRegisterEntry>>((h, ct) => h.HandleAsync(null, ct))).Single().SecretaryDueOn;

        // An oral statement holds at most 30 days (164.412(b)); the case refuses a longer one, so this is the longest: until 1 April.
        await db.RunAsync<RecordLawEnforcementDelay>((h, ct) => h.HandleAsync(id, new(LawEnforcementDelayKind.Oral, Today, new DateOnly(2026, 4, 1), "Det. Ruiz, City PD"), ct));
        var entry = (await db.RunAsync<GetBreachRegister, IReadOnlyList<BreachRegisterEntry>>((h, ct) => h.HandleAsync(null, ct))).Single();
        var secretary = (await db.RunAsync<GetIncidentObligations, IncidentObligations>((h, ct) => h.HandleAsync(id, ct))).Obligations.Single(o => o.Recipient == NotificationRecipient.Secretary);

        before.ShouldBe(new DateOnly(2026, 5, 1));
        entry.SecretaryDueOn.ShouldBe(new DateOnly(2026, 5, 31)); // 1 May + 30 days the clock stood still (ADR 0012)
        entry.SecretaryDueOn.ShouldBe(secretary.DueDate);
    }

    [Theory, AllDatabaseProviders]
    public async Task A_written_law_enforcement_delay_moves_the_registers_Secretary_date_for_the_period_it_specifies(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);
        var id = await IncidentsTests.SignedBreachAsync(db, EntityType.CoveredEntity, new() { ["TX"] = 530, ["OH"] = 90 }, Today);
        var small = await IncidentsTests.SignedBreachAsync(db, EntityType.CoveredEntity, new() { ["OH"] = 40 }, Today);

        await db.RunAsync<RecordLawEnforcementDelay>((h, ct) => h.HandleAsync(id, new(LawEnforcementDelayKind.Written, Today, new DateOnly(2026, 5, 10), "Special Agent Chen, FBI"), ct));
        await db.RunAsync<RecordLawEnforcementDelay>((h, ct) => h.HandleAsync(small, new(LawEnforcementDelayKind.Written, Today, new DateOnly(2026, 5, 10), "Special Agent Chen, FBI"), ct));
        var register = await db.RunAsync<GetBreachRegister, IReadOnlyList<BreachRegisterEntry>>((h, ct) => h.HandleAsync(null, ct));
        var secretary = (await db.RunAsync<GetIncidentObligations, IncidentObligations>((h, ct) => h.HandleAsync(id, ct))).Obligations.Single(o => o.Recipient == NotificationRecipient.Secretary);

        register.Single(e => e.IncidentId == id).SecretaryDueOn.ShouldBe(new DateOnly(2026, 7, 9)); // 1 May + the 69 days from 2 March to 10 May
        register.Single(e => e.IncidentId == id).SecretaryDueOn.ShouldBe(secretary.DueDate);
        register.Single(e => e.IncidentId == small).SecretaryDueOn.ShouldBe(new DateOnly(2027, 3, 1)); // the annual date: the delay ended long before it
    }

    [Theory, AllDatabaseProviders]
    public async Task The_register_shows_the_Secretary_notice_as_reported_when_it_is_recorded_as_sent(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);
        var id = await IncidentsTests.SignedBreachAsync(db, EntityType.CoveredEntity, new() { ["TX"] = 530, ["OH"] = 90 }, Today);
        var secretary = (await db.RunAsync<GetIncidentObligations, IncidentObligations>((h, ct) => h.HandleAsync(id, ct))).Obligations.Single(o => o.Recipient == NotificationRecipient.Secretary);

        await db.RunAsync<RecordObligationStatus, IncidentObligationView>((h, ct) => h.HandleAsync(id, new(secretary.Key, ObligationStatus.Sent, Today, "HHS breach portal", "Portal receipt 1"), ct));
        var entry = (await db.RunAsync<GetBreachRegister, IReadOnlyList<BreachRegisterEntry>>((h, ct) => h.HandleAsync(null, ct))).Single();

        entry.SecretaryReportedOn.ShouldBe("2026-03-02");
    }
}
