using Custos.Modules.Incidents;
using Custos.Modules.Incidents.Contracts;
using Custos.Modules.Incidents.Obligations;
using Custos.Modules.Organization;
using Custos.Modules.Organization.Contracts;
using Custos.Platform.Authorization;
using Custos.Platform.Identity.Users;
using Custos.Platform.Notifications;
using Custos.Platform.Persistence;
using Custos.Platform.Validation;
using Custos.Tests.Infrastructure;
using Custos.Tests.Modules.Organization;
using Microsoft.EntityFrameworkCore;

namespace Custos.Tests.Modules.Incidents;

/// <summary>Editing a case after intake: its facts, its encrypted details, its owner.</summary>
public sealed class IncidentFactsTests
{
    private static UpdateIncidentFactsCommand Facts(DateOnly discovered, IReadOnlyList<Guid>? customers = null, AgencyStatus agency = AgencyStatus.Unknown) =>
        new(IncidentKind.MisdirectedPhi, "Claims export emailed to the wrong clinic", discovered, discovered == default ? null : discovered.AddDays(-1), PhiInvolved: true,
            PhiTypes: ["Name", "Clinical"], AffectedCustomerIds: customers, Agency: agency, BreachType: "Unauthorized Access/Disclosure", BreachLocation: "Email");

    [Theory, AllDatabaseProviders]
    public async Task A_business_associate_names_the_affected_customers_and_each_gets_a_notice_due_within_its_BAA_window(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);
        await db.RunAsync<UpdateOrganizationProfile, OrganizationProfileView>((h, ct) => h.HandleAsync(Examples.Profile(entityType: EntityType.BusinessAssociate), ct));
        var riverbend = await db.RunAsync<AddCustomer, CustomerView>((h, ct) => h.HandleAsync(Examples.Customer("Riverbend Clinic", notificationWindowDays: 10), ct));
        var lakeside = await db.RunAsync<AddCustomer, CustomerView>((h, ct) => h.HandleAsync(Examples.Customer("Lakeside Health Plan", CustomerKind.HealthPlan, 30), ct));
        var id = await IncidentsTests.ReportAsync(db);
        var before = await db.RunAsync<GetIncidentObligations, IncidentObligations>((h, ct) => h.HandleAsync(id, ct));
        db.Time.Advance(TimeSpan.FromMinutes(1)); // the timeline is in time order

        await db.RunAsync<UpdateIncidentFacts, IncidentSummaryView>((h, ct) => h.HandleAsync(id, Facts(db.Today, [riverbend.Id, lakeside.Id], AgencyStatus.Agent), ct));
        var after = await db.RunAsync<GetIncidentObligations, IncidentObligations>((h, ct) => h.HandleAsync(id, ct));
        var view = await db.RunAsync<GetIncident, IncidentCaseView>((h, ct) => h.HandleAsync(id, false, ct));

        before.Obligations.ShouldHaveSingleItem().CoveredEntity.ShouldBeNull(); // no customer named: one generic 60-day notice
        var notices = after.Obligations.Where(o => o.Recipient == NotificationRecipient.CoveredEntity).ToDictionary(o => o.CoveredEntity!, o => o.DueDate);
        notices["Riverbend Clinic"].ShouldBe(db.Today.AddDays(10)); // the BAA's 10 days bind (164.410(b))
        notices["Lakeside Health Plan"].ShouldBe(db.Today.AddDays(30));
        view.AffectedCustomerIds.Order().ShouldBe(new[] { riverbend.Id, lakeside.Id }.Order());
        view.Agency.ShouldBe(AgencyStatus.Agent);
        view.PhiTypes.ShouldBe(["Clinical", "Name"]);
        var entry = view.Timeline[^1];
        entry.Kind.ShouldBe(TimelineEntryKind.FactsChanged);
        entry.Text.ShouldContain("affected covered entities");
        entry.Text.ShouldContain("agent status");
        entry.Text.ShouldNotContain("Riverbend"); // the timeline names what changed, not the values
    }

    [Theory, AllDatabaseProviders]
    public async Task A_covered_entity_whose_independent_business_associate_found_the_breach_counts_from_the_day_it_learned(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);
        await db.RunAsync<UpdateOrganizationProfile, OrganizationProfileView>((h, ct) => h.HandleAsync(Examples.Profile(entityType: EntityType.CoveredEntity), ct));
        var discovered = db.Today.AddDays(-20);
        var id = await IncidentsTests.ReportAsync(db, IncidentsTests.Misdirected(discovered: discovered) with { OccurredOn = discovered });

        await db.RunAsync<UpdateIncidentFacts, IncidentSummaryView>((h, ct) => h.HandleAsync(id, Facts(discovered, agency: AgencyStatus.Agent) with { CoveredEntityLearnedOn = db.Today.AddDays(-5) }, ct));
        var agent = await db.RunAsync<GetIncidentObligations, IncidentObligations>((h, ct) => h.HandleAsync(id, ct));
        await db.RunAsync<UpdateIncidentFacts, IncidentSummaryView>((h, ct) => h.HandleAsync(id, Facts(discovered, agency: AgencyStatus.IndependentContractor) with { CoveredEntityLearnedOn = db.Today.AddDays(-5) }, ct));
        var independent = await db.RunAsync<GetIncidentObligations, IncidentObligations>((h, ct) => h.HandleAsync(id, ct));

        agent.Obligations.Single(o => o.Recipient == NotificationRecipient.Individuals).DueDate.ShouldBe(discovered.AddDays(60)); // the agent's discovery is the entity's (164.404(a)(2))
        independent.Obligations.Single(o => o.Recipient == NotificationRecipient.Individuals).DueDate.ShouldBe(db.Today.AddDays(-5).AddDays(60));
    }

    [Theory, AllDatabaseProviders]
    public async Task Facts_naming_an_unknown_customer_or_PHI_type_or_a_date_before_the_rule_are_refused_and_nothing_changes(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);
        var id = await IncidentsTests.ReportAsync(db);
        var entries = await db.CountAsync<IncidentTimelineEntry>();

        var customer = await Should.ThrowAsync<InvalidRequestException>(() =>
            db.RunAsync<UpdateIncidentFacts, IncidentSummaryView>((h, ct) => h.HandleAsync(id, Facts(db.Today, [Guid.NewGuid()]), ct)));
        var type = await Should.ThrowAsync<InvalidRequestException>(() =>
            db.RunAsync<UpdateIncidentFacts, IncidentSummaryView>((h, ct) => h.HandleAsync(id, Facts(db.Today) with { PhiTypes = ["Name", "Horoscope"] }, ct)));
        var unset = await Should.ThrowAsync<InvalidRequestException>(() =>
            db.RunAsync<UpdateIncidentFacts, IncidentSummaryView>((h, ct) => h.HandleAsync(id, Facts(default), ct)));
        var view = await db.RunAsync<GetIncident, IncidentCaseView>((h, ct) => h.HandleAsync(id, false, ct));

        customer.Errors["AffectedCustomerIds"].ShouldHaveSingleItem().ShouldContain("not a recorded customer");
        type.Errors["PhiTypes"].ShouldHaveSingleItem().ShouldContain("'Horoscope'");
        unset.Errors["DiscoveredOn"].ShouldHaveSingleItem().ShouldContain("2009-09-23");
        view.PhiTypes.ShouldBeEmpty();
        view.AffectedCustomerIds.ShouldBeEmpty();
        (await db.CountAsync<IncidentTimelineEntry>()).ShouldBe(entries);
    }

    [Theory, AllDatabaseProviders]
    public async Task The_restricted_details_change_encrypted_and_the_timeline_names_the_parts_without_their_contents(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);
        var id = await IncidentsTests.ReportAsync(db);
        db.Time.Advance(TimeSpan.FromMinutes(1)); // the timeline is in time order

        await db.RunAsync<UpdateIncidentDetails>((h, ct) => h.HandleAsync(id, new("The March claims export for Riverbend went to Lakeside Clinic.", "Names and diagnosis codes", "Jane Roe, 12 Elm St, Austin TX\nJohn Doe, 4 Oak Ave, Dallas TX"), ct));
        var empty = await Should.ThrowAsync<InvalidRequestException>(() => db.RunAsync<UpdateIncidentDetails>((h, ct) => h.HandleAsync(id, new("  ", null, null), ct)));
        var view = await db.RunAsync<GetIncident, IncidentCaseView>((h, ct) => h.HandleAsync(id, true, ct));
        var stored = await db.QueryAsync((d, ct) => d.Database.SqlQueryRaw<byte[]>("SELECT affected_people AS \"Value\" FROM incidents_details").ToListAsync(ct));

        view.Sensitive!.AffectedPeople!.ShouldContain("Jane Roe");
        view.Sensitive.Description.ShouldStartWith("The March claims export");
        empty.Errors["Description"].ShouldHaveSingleItem().ShouldContain("Describe what happened");
        var entry = view.Timeline[^1];
        entry.Text.ShouldBe("Restricted details updated: PHI specifics, affected-person list.");
        System.Text.Encoding.UTF8.GetString(stored.ShouldHaveSingleItem()).ShouldNotContain("Jane Roe"); // encrypted at rest
    }

    [Theory, AllDatabaseProviders]
    public async Task A_case_is_given_to_another_enabled_account_who_is_told_and_a_disabled_one_is_not_offered(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);
        var sam = await TestUsers.CreateAsync(db, "sam@brightwater.example", BuiltInRoles.SecurityOfficer);
        var gone = await TestUsers.CreateAsync(db, "gone@brightwater.example", BuiltInRoles.SecurityOfficer);
        await db.RunAsync<DisableUser, UserSummary>((h, ct) => h.HandleAsync("gone@brightwater.example", ct));
        var id = await IncidentsTests.ReportAsync(db);
        db.Time.Advance(TimeSpan.FromMinutes(1)); // the timeline is in time order

        var candidates = await db.RunAsync<ListIncidentOwnerCandidates, IReadOnlyList<IncidentOwnerCandidate>>((h, ct) => h.HandleAsync(ct));
        var assigned = await db.RunAsync<AssignIncidentOwner, IncidentSummaryView>((h, ct) => h.HandleAsync(id, new(sam), ct));
        var refused = await Should.ThrowAsync<InvalidRequestException>(() => db.RunAsync<AssignIncidentOwner, IncidentSummaryView>((h, ct) => h.HandleAsync(id, new(gone), ct)));
        var told = await db.QueryAsync((d, ct) => d.Set<InAppNotification>().Where(n => n.RecipientId == sam).ToListAsync(ct));
        var view = await db.RunAsync<GetIncident, IncidentCaseView>((h, ct) => h.HandleAsync(id, false, ct));

        candidates.Select(c => c.Email).ShouldContain("sam@brightwater.example");
        candidates.Select(c => c.Email).ShouldNotContain("gone@brightwater.example");
        (assigned.OwnerId, assigned.OwnerName).ShouldBe(((Guid?)sam, "sam"));
        refused.Errors["OwnerId"].ShouldHaveSingleItem().ShouldContain("enabled");
        told.ShouldHaveSingleItem().Title.ShouldContain(assigned.Reference);
        view.Timeline[^1].Text.ShouldBe("Owner nobody → sam.");
        view.Summary.OwnerId.ShouldBe(sam);
    }
}
