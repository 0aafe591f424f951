using Custos.Modules.Incidents.Obligations;
using static Custos.Tests.Modules.Incidents.Obligations.BreachCases;

namespace Custos.Tests.Modules.Incidents.Obligations;

/// <summary>
/// The federal rules (45 CFR 164.404-164.412) with the regulation's own numbers. States here (OH, PA) have no rule
/// loaded, so only the federal obligations are compared; the State overlays have their own tests.
/// </summary>
public sealed class BreachNotificationRulesTests
{
    /// <param name="Expected">Every federal obligation, in the notation of <see cref="BreachCases.Describe"/>.</param>
    public sealed record RuleCase(string Name, BreachFacts Facts, string[] Expected)
    {
        public override string ToString() => Name;
    }

    public static TheoryData<RuleCase> Cases => new(
        // 45 CFR 164.408(b) "500 or more" counts all States; 164.406(a) "more than 500" counts one State.
        new RuleCase(
            "Exactly 500 in total: the Secretary at the same time as individuals and no media",
            CoveredEntity("2026-03-02", "OH=500"),
            ["individuals 2026-05-01", "secretary 2026-05-01"]),
        new RuleCase(
            "499 in total: the Secretary within 60 days after the end of the year of discovery",
            CoveredEntity("2026-03-02", "OH=499"),
            ["individuals 2026-05-01", "secretary 2027-03-01"]),
        new RuleCase(
            "501 in one State: media for that State too",
            CoveredEntity("2026-03-02", "OH=501"),
            ["individuals 2026-05-01", "secretary 2026-05-01", "media OH 2026-05-01"]),
        new RuleCase(
            "500 in each of two States: 1000 in total reaches the Secretary at once but neither State has more than 500",
            CoveredEntity("2026-03-02", "OH=500,PA=500"),
            ["individuals 2026-05-01", "secretary 2026-05-01"]),
        new RuleCase(
            "501 in one State and 499 in another: media only where more than 500 reside",
            CoveredEntity("2026-03-02", "OH=501,PA=499"),
            ["individuals 2026-05-01", "secretary 2026-05-01", "media OH 2026-05-01"]),
        new RuleCase(
            "300 and 199 in two States: 499 in total stays in the annual log",
            CoveredEntity("2026-03-02", "OH=300,PA=199"),
            ["individuals 2026-05-01", "secretary 2027-03-01"]),
        new RuleCase(
            "250 and 250 in two States: exactly 500 in total goes to the Secretary at once",
            CoveredEntity("2026-03-02", "OH=250,PA=250"),
            ["individuals 2026-05-01", "secretary 2026-05-01"]),
        new RuleCase(
            "No counts yet: the Secretary is shown at the same time as individuals, the safer rule",
            CoveredEntity("2026-03-02"),
            ["individuals 2026-05-01", "secretary 2026-05-01"]),

        // 45 CFR 164.408(c): December 31 + 60 days is March 1, or February 29 in a leap year.
        new RuleCase(
            "A small breach discovered in December: individuals in February, the Secretary by March 1",
            CoveredEntity("2026-12-15", "OH=20"),
            ["individuals 2027-02-13", "secretary 2027-03-01"]),
        new RuleCase(
            "A small breach discovered in December 2027: the Secretary by February 29 2028",
            CoveredEntity("2027-12-15", "OH=20"),
            ["individuals 2028-02-13", "secretary 2028-02-29"]),
        new RuleCase(
            "A small breach discovered in January of the leap year 2028: the Secretary by March 1 2029",
            CoveredEntity("2028-01-10", "OH=12"),
            ["individuals 2028-03-10", "secretary 2029-03-01"]),

        // Calendar days with no weekend or holiday shifting; February 29 counts as a day.
        new RuleCase(
            "A 60-day window crossing February 29 2028 ends a day earlier than in 2027",
            CoveredEntity("2028-01-15", "OH=600"),
            ["individuals 2028-03-15", "secretary 2028-03-15", "media OH 2028-03-15"]),
        new RuleCase(
            "The same window in 2027 without February 29",
            CoveredEntity("2027-01-15", "OH=600"),
            ["individuals 2027-03-16", "secretary 2027-03-16", "media OH 2027-03-16"]),
        new RuleCase(
            "A deadline on a Saturday (2026-10-03) stays on the Saturday",
            CoveredEntity("2026-08-04", "OH=3"),
            ["individuals 2026-10-03", "secretary 2027-03-01"]),

        // 45 CFR 164.412; ADR 0012: the clock stops for the days the delay lasts.
        new RuleCase(
            "An oral delay of 20 days moves the 60-day deadlines by 20 days",
            CoveredEntity("2026-03-02", "OH=600") with { LawEnforcementDelay = Oral("2026-03-10", "2026-03-30") },
            ["individuals 2026-05-21", "secretary 2026-05-21", "media OH 2026-05-21"]),
        new RuleCase(
            "An oral delay asked for 61 days without a written statement holds only 30",
            CoveredEntity("2026-03-02", "OH=600") with { LawEnforcementDelay = Oral("2026-03-10", "2026-05-10") },
            ["individuals 2026-05-31", "secretary 2026-05-31", "media OH 2026-05-31"]),
        new RuleCase(
            "An oral delay without an end date holds the full 30 days",
            CoveredEntity("2026-03-02", "OH=10") with { LawEnforcementDelay = Oral("2026-03-10") },
            ["individuals 2026-05-31", "secretary 2027-03-01"]),
        new RuleCase(
            "A written delay of 61 days holds for the whole period it specifies",
            CoveredEntity("2026-03-02", "OH=600") with { LawEnforcementDelay = Written("2026-03-10", "2026-05-10") },
            ["individuals 2026-07-01", "secretary 2026-07-01", "media OH 2026-07-01"]),
        new RuleCase(
            "A delay asked for after the deadline does not move it",
            CoveredEntity("2026-03-02", "OH=10") with { LawEnforcementDelay = Written("2026-05-05", "2026-06-05") },
            ["individuals 2026-05-01", "secretary 2027-03-01"]),
        new RuleCase(
            "A written delay still running on March 1 moves the annual submission to the day it ends",
            CoveredEntity("2026-11-20", "OH=10") with { LawEnforcementDelay = Written("2026-12-01", "2027-04-15") },
            ["individuals 2027-06-03", "secretary 2027-04-15"]),

        // 45 CFR 164.410(b): the earlier of the BAA window and 60 calendar days.
        new RuleCase(
            "A business associate with a 10-day BAA window notifies by day 10",
            BusinessAssociate("2026-03-02", new AffectedCoveredEntity("Cascade Health", 10)),
            ["covered_entity [Cascade Health] 2026-03-12"]),
        new RuleCase(
            "A business associate with no BAA window has the 60 days",
            BusinessAssociate("2026-03-02", new AffectedCoveredEntity("Cascade Health", null)),
            ["covered_entity [Cascade Health] 2026-05-01"]),
        new RuleCase(
            "A business associate with no covered entity named still gets the 60-day notice",
            BusinessAssociate("2026-03-02"),
            ["covered_entity 2026-05-01"]),
        new RuleCase(
            "A business associate serving two covered entities owes each its own deadline",
            BusinessAssociate("2026-03-02", new AffectedCoveredEntity("Cascade Health", 10), new AffectedCoveredEntity("Summit Plan", 60)),
            ["covered_entity [Cascade Health] 2026-03-12", "covered_entity [Summit Plan] 2026-05-01"]),
        new RuleCase(
            "A written delay of 15 days moves a business associate's 10-day notice by 15 days",
            BusinessAssociate("2026-03-02", new AffectedCoveredEntity("Cascade Health", 10)) with { LawEnforcementDelay = Written("2026-03-05", "2026-03-20") },
            ["covered_entity [Cascade Health] 2026-03-27"]),

        // 45 CFR 164.404(a)(2): an agent's discovery is the covered entity's; an independent contractor's is not.
        new RuleCase(
            "A covered entity whose business associate is its agent counts from the business associate's discovery",
            CoveredEntity("2026-03-02", "OH=10") with { CoveredEntityLearnedOn = D("2026-03-20"), BusinessAssociateIsAgent = true },
            ["individuals 2026-05-01", "secretary 2027-03-01"]),
        new RuleCase(
            "A covered entity whose business associate is independent counts from the day it learned",
            CoveredEntity("2026-03-02", "OH=10") with { CoveredEntityLearnedOn = D("2026-03-20"), BusinessAssociateIsAgent = false },
            ["individuals 2026-05-19", "secretary 2027-03-01"]),
        new RuleCase(
            "When agency is unknown the earlier date is used",
            CoveredEntity("2026-03-02", "OH=10") with { CoveredEntityLearnedOn = D("2026-03-20"), BusinessAssociateIsAgent = null },
            ["individuals 2026-05-01", "secretary 2027-03-01"]),
        new RuleCase(
            "An independent business associate discovered in December whose covered entity learned in January moves the annual submission a year",
            CoveredEntity("2026-12-20", "OH=10") with { CoveredEntityLearnedOn = D("2027-01-05"), BusinessAssociateIsAgent = false },
            ["individuals 2027-03-06", "secretary 2028-02-29"]),
        new RuleCase(
            "A business associate doing the covered entity's notices as an agent counts them from its own discovery",
            BusinessAssociate("2026-03-02", new AffectedCoveredEntity("Cascade Health", 10, DelegatesNotices: true)) with
            {
                BusinessAssociateIsAgent = true,
                CoveredEntityLearnedOn = D("2026-03-10"),
                AffectedByJurisdiction = Affected("OH=700"),
            },
            ["covered_entity [Cascade Health] 2026-03-12", "individuals [Cascade Health] 2026-05-01", "secretary [Cascade Health] 2026-05-01", "media OH [Cascade Health] 2026-05-01"]),
        new RuleCase(
            "A business associate doing an independent covered entity's notices counts them from the day the covered entity learned",
            BusinessAssociate("2026-03-02", new AffectedCoveredEntity("Cascade Health", 10, DelegatesNotices: true)) with
            {
                BusinessAssociateIsAgent = false,
                CoveredEntityLearnedOn = D("2026-03-10"),
                AffectedByJurisdiction = Affected("OH=700"),
            },
            ["covered_entity [Cascade Health] 2026-03-12", "individuals [Cascade Health] 2026-05-09", "secretary [Cascade Health] 2026-05-09", "media OH [Cascade Health] 2026-05-09"]),
        new RuleCase(
            "A business associate whose BAA does not delegate notices owes only its notice to the covered entity",
            BusinessAssociate("2026-03-02", new AffectedCoveredEntity("Cascade Health", 10)) with { AffectedByJurisdiction = Affected("OH=700") },
            ["covered_entity [Cascade Health] 2026-03-12"]),
        new RuleCase(
            "Of two affected covered entities only the one whose BAA delegates notices gets individual, media and Secretary notices on its behalf",
            BusinessAssociate("2026-03-02", new AffectedCoveredEntity("Cascade Health", 10, DelegatesNotices: true), new AffectedCoveredEntity("Summit Plan", 30)) with
            {
                AffectedByJurisdiction = Affected("OH=499"),
            },
            ["covered_entity [Cascade Health] 2026-03-12", "covered_entity [Summit Plan] 2026-04-01", "individuals [Cascade Health] 2026-05-01", "secretary [Cascade Health] 2027-03-01"]),
        new RuleCase(
            "Two covered entities whose BAAs both delegate notices each get their own set",
            BusinessAssociate("2026-03-02", new AffectedCoveredEntity("Cascade Health", 10, DelegatesNotices: true), new AffectedCoveredEntity("Summit Plan", 30, DelegatesNotices: true)) with
            {
                AffectedByJurisdiction = Affected("OH=501"),
            },
            [
                "covered_entity [Cascade Health] 2026-03-12", "covered_entity [Summit Plan] 2026-04-01",
                "individuals [Cascade Health] 2026-05-01", "secretary [Cascade Health] 2026-05-01", "media OH [Cascade Health] 2026-05-01",
                "individuals [Summit Plan] 2026-05-01", "secretary [Summit Plan] 2026-05-01", "media OH [Summit Plan] 2026-05-01",
            ]));

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_federal_rules_give_the_regulations_dates(RuleCase rule)
    {
        var obligations = BreachNotificationRules.Default.Calculate(rule.Facts, D("2030-01-01"));

        var federal = obligations.Where(o => o.StateRuleLoaded).Select(Describe);
        Sorted(federal).ShouldBe(Sorted(rule.Expected), rule.Name);
    }

    [Fact]
    public void Obligations_come_earliest_first()
    {
        var obligations = BreachNotificationRules.Default.Calculate(
            BusinessAssociate("2026-03-02", new AffectedCoveredEntity("Summit Plan", 60), new AffectedCoveredEntity("Cascade Health", 10)),
            D("2030-01-01"));

        obligations.Select(o => o.DueDate).ShouldBe([D("2026-03-12"), D("2026-05-01")]);
    }

    [Fact]
    public void The_reasoning_shows_the_arithmetic_and_the_citation()
    {
        var obligations = BreachNotificationRules.Default.Calculate(CoveredEntity("2026-03-02", "OH=499"), D("2030-01-01"));

        var individuals = obligations.Single(o => o.Recipient == NotificationRecipient.Individuals);
        individuals.Basis.ShouldBe("45 CFR 164.404(b)");
        individuals.Reasoning.ShouldContain("2026-03-02 + 60 days = 2026-05-01");
        individuals.WithoutUnreasonableDelay.ShouldBeTrue();
        individuals.ClockStartsOn.ShouldBe(D("2026-03-02"));
        var secretary = obligations.Single(o => o.Recipient == NotificationRecipient.Secretary);
        secretary.Basis.ShouldBe("45 CFR 164.408(c)");
        secretary.Reasoning.ShouldContain("499 individuals");
        secretary.Reasoning.ShouldContain("2026-12-31 + 60 days = 2027-03-01");
        secretary.AtSameTimeAsIndividuals.ShouldBeFalse();
    }

    [Fact]
    public void The_Secretary_notice_for_500_or_more_is_marked_as_due_with_the_individuals_notice()
    {
        var secretary = BreachNotificationRules.Default.Calculate(CoveredEntity("2026-03-02", "OH=500"), D("2030-01-01"))
            .Single(o => o.Recipient == NotificationRecipient.Secretary);

        secretary.Basis.ShouldBe("45 CFR 164.408(b)");
        secretary.AtSameTimeAsIndividuals.ShouldBeTrue();
        secretary.AffectedIndividuals.ShouldBe(500);
    }

    [Fact]
    public void A_delayed_obligation_keeps_its_original_date_and_explains_the_oral_cap()
    {
        var individuals = BreachNotificationRules.Default.Calculate(
                CoveredEntity("2026-03-02", "OH=10") with { LawEnforcementDelay = Oral("2026-03-10", "2026-05-10") },
                D("2030-01-01"))
            .Single(o => o.Recipient == NotificationRecipient.Individuals);

        individuals.DueDate.ShouldBe(D("2026-05-31"));
        individuals.DueDateBeforeDelay.ShouldBe(D("2026-05-01"));
        individuals.Reasoning.ShouldContain("holds at most 30 days, until 2026-04-09");
        individuals.Reasoning.ShouldContain("no written statement was entered");
        individuals.Reasoning.ShouldContain("2026-05-01 + 30 days = 2026-05-31");
    }

    [Fact]
    public void A_business_associates_notice_cites_the_BAA_when_its_window_is_shorter_and_asks_for_the_individuals_identities()
    {
        var notice = BreachNotificationRules.Default.Calculate(
                BusinessAssociate("2026-03-02", new AffectedCoveredEntity("Cascade Health", 10)), D("2030-01-01"))
            .Single();

        notice.Recipient.ShouldBe(NotificationRecipient.CoveredEntity);
        notice.CoveredEntity.ShouldBe("Cascade Health");
        notice.Basis.ShouldBe("45 CFR 164.410(b); BAA notice window");
        notice.Reasoning.ShouldContain("The BAA allows 10 days");
        notice.Reasoning.ShouldContain("164.410(c)(1)");
    }

    [Fact]
    public void A_delegated_notice_says_it_comes_from_the_BAA_with_that_customer()
    {
        var obligations = BreachNotificationRules.Default.Calculate(
            BusinessAssociate("2026-03-02", new AffectedCoveredEntity("Cascade Health", 10, DelegatesNotices: true)) with { AffectedByJurisdiction = Affected("TX=530,OH=90") },
            D("2030-01-01"));

        var delegated = obligations.Where(o => o.Recipient != NotificationRecipient.CoveredEntity).ToList();
        delegated.Select(o => o.Recipient).Distinct().ShouldBe(
            [NotificationRecipient.Individuals, NotificationRecipient.Secretary, NotificationRecipient.Media, NotificationRecipient.StateIndividuals, NotificationRecipient.StateRegulator],
            ignoreOrder: true);
        delegated.ShouldAllBe(o => o.CoveredEntity == "Cascade Health");
        delegated.ShouldAllBe(o => o.Reasoning.StartsWith("The BAA with Cascade Health delegates this notice to the business associate, which gives it on Cascade Health's behalf.", StringComparison.Ordinal));
        delegated.ShouldAllBe(o => !o.Reasoning.Contains("totals", StringComparison.Ordinal)); // one covered entity: the counts are its own
        obligations.Single(o => o.Recipient == NotificationRecipient.Media).Jurisdiction.ShouldBe("TX"); // 530 > 500; 90 is not
        obligations.ShouldContain(o => o.Recipient == NotificationRecipient.StateRegulator && o.Jurisdiction == "TX" && o.DueDate == D("2026-04-01")); // Texas AG: at least 250, 30 days
        obligations.ShouldContain(o => o.Recipient == NotificationRecipient.StateIndividuals && o.Jurisdiction == "OH" && !o.StateRuleLoaded);
    }

    [Fact]
    public void With_several_affected_covered_entities_a_delegated_notice_says_the_counts_are_the_incidents_totals()
    {
        var individuals = BreachNotificationRules.Default.Calculate(
                BusinessAssociate("2026-03-02", new AffectedCoveredEntity("Cascade Health", 10, DelegatesNotices: true), new AffectedCoveredEntity("Summit Plan", 30)) with
                {
                    AffectedByJurisdiction = Affected("OH=40"),
                },
                D("2030-01-01"))
            .Single(o => o.Recipient == NotificationRecipient.Individuals);

        individuals.CoveredEntity.ShouldBe("Cascade Health");
        individuals.Reasoning.ShouldContain("The BAA with Cascade Health delegates this notice");
        individuals.Reasoning.ShouldContain("totals across its 2 affected covered entities");
    }

    [Fact]
    public void An_independent_business_associates_reasoning_names_both_dates()
    {
        var individuals = BreachNotificationRules.Default.Calculate(
                CoveredEntity("2026-03-02") with { CoveredEntityLearnedOn = D("2026-03-20"), BusinessAssociateIsAgent = false },
                D("2030-01-01"))
            .Single(o => o.Recipient == NotificationRecipient.Individuals);

        individuals.ClockStartsOn.ShouldBe(D("2026-03-20"));
        individuals.Reasoning.ShouldContain("independent");
        individuals.Reasoning.ShouldContain("2026-03-20");
        individuals.Reasoning.ShouldContain("2026-03-02");
    }

    [Fact]
    public void Without_counts_the_individuals_notice_says_media_may_also_be_due()
    {
        var individuals = BreachNotificationRules.Default.Calculate(CoveredEntity("2026-03-02"), D("2030-01-01"))
            .Single(o => o.Recipient == NotificationRecipient.Individuals);

        individuals.AffectedIndividuals.ShouldBeNull();
        individuals.Reasoning.ShouldContain("more than 500 residents");
    }

    [Fact]
    public void Today_comes_from_the_time_provider_when_one_is_given()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
        time.SetLocalTimeZone(TimeZoneInfo.Utc);

        Should.Throw<Custos.Platform.Validation.InvalidRequestException>(() => BreachNotificationRules.Default.Calculate(CoveredEntity("2026-03-02"), time));
        BreachNotificationRules.Default.Calculate(CoveredEntity("2026-03-01"), time).ShouldNotBeEmpty();
    }

    [Fact]
    public void Invalid_facts_are_refused_with_the_validators_messages()
    {
        var ex = Should.Throw<Custos.Platform.Validation.InvalidRequestException>(() =>
            BreachNotificationRules.Default.Calculate(CoveredEntity("2026-03-02", "OH=-1"), D("2026-12-05")));

        ex.Errors.Keys.ShouldContain(nameof(BreachFacts.AffectedByJurisdiction));
    }

    [Fact]
    public void Recipients_have_the_snake_case_wire_names_in_JSON()
    {
        var json = System.Text.Json.JsonSerializer.Serialize(Enum.GetValues<NotificationRecipient>());

        json.ShouldBe("""["covered_entity","individuals","secretary","media","state_regulator","state_individuals"]""");
        Enum.GetValues<NotificationRecipient>().Select(r => r.ToWireName())
            .ShouldBe(["covered_entity", "individuals", "secretary", "media", "state_regulator", "state_individuals"]);
    }
}
