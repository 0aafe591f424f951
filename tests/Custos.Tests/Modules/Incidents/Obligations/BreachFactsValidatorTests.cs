using Custos.Modules.Incidents.Obligations;
using static Custos.Tests.Modules.Incidents.Obligations.BreachCases;

namespace Custos.Tests.Modules.Incidents.Obligations;

/// <summary>Bad breach facts: a specific message on the field at fault, and nothing computed.</summary>
public sealed class BreachFactsValidatorTests
{
    private static readonly DateOnly Today = D("2026-12-05");

    public sealed record BadFacts(string Name, BreachFacts Facts, string Field, string Message)
    {
        public override string ToString() => Name;
    }

    public static TheoryData<BadFacts> Cases => new(
        new BadFacts(
            "A discovery date in the future",
            CoveredEntity("2026-12-06"),
            "DiscoveredOn",
            "The discovery date 2026-12-06 is after today (2026-12-05)"),
        new BadFacts(
            "A discovery date before the rule took effect",
            CoveredEntity("2009-09-22"),
            "DiscoveredOn",
            "before 2009-09-23, when the Breach Notification Rule took effect (45 CFR 164.400)"),
        new BadFacts(
            "An unknown State code",
            CoveredEntity("2026-03-02", "ZZ=5"),
            "AffectedByJurisdiction",
            "'ZZ' is not a U.S. State or jurisdiction code"),
        new BadFacts(
            "A three-letter State code",
            CoveredEntity("2026-03-02", "TEX=5"),
            "AffectedByJurisdiction",
            "'TEX' is not a U.S. State or jurisdiction code"),
        new BadFacts(
            "A negative count",
            CoveredEntity("2026-03-02", "TX=-3"),
            "AffectedByJurisdiction",
            "The number of individuals affected in TX is -3. Enter 0 or more."),
        new BadFacts(
            "The same State twice in different case",
            CoveredEntity("2026-03-02", "TX=3,tx=4"),
            "AffectedByJurisdiction",
            "TX is given more than once"),
        new BadFacts(
            "A BAA window of 0 days",
            BusinessAssociate("2026-03-02", new AffectedCoveredEntity("Cascade Health", 0)),
            "CoveredEntities[0].BaaNoticeDays",
            "The BAA notice window for Cascade Health is 0 days. Enter 1 to 60"),
        new BadFacts(
            "A BAA window longer than the regulation's 60 days",
            BusinessAssociate("2026-03-02", new AffectedCoveredEntity(null, 61)),
            "CoveredEntities[0].BaaNoticeDays",
            "a BAA can shorten it but not extend it"),
        new BadFacts(
            "Covered entities given for a covered entity",
            CoveredEntity("2026-03-02") with { CoveredEntities = [new AffectedCoveredEntity("Cascade Health", 10)] },
            "CoveredEntities",
            "apply only to a business associate"),
        new BadFacts(
            "A covered entity that learned before the discovery",
            CoveredEntity("2026-03-02") with { CoveredEntityLearnedOn = D("2026-03-01") },
            "CoveredEntityLearnedOn",
            "learned of the breach on 2026-03-01, before it was discovered (2026-03-02)"),
        new BadFacts(
            "A covered entity that learns in the future",
            CoveredEntity("2026-03-02") with { CoveredEntityLearnedOn = D("2026-12-06") },
            "CoveredEntityLearnedOn",
            "is after today (2026-12-05)"),
        new BadFacts(
            "A delay that ends before it starts",
            CoveredEntity("2026-03-02") with { LawEnforcementDelay = Written("2026-03-10", "2026-03-09") },
            "LawEnforcementDelay.Until",
            "The law-enforcement delay ends on 2026-03-09, before it starts (2026-03-10)"),
        new BadFacts(
            "A delay that ends the day it starts",
            CoveredEntity("2026-03-02") with { LawEnforcementDelay = Oral("2026-03-10", "2026-03-10") },
            "LawEnforcementDelay.Until",
            "ends on 2026-03-10, the day it starts"),
        new BadFacts(
            "A written delay without an end date",
            CoveredEntity("2026-03-02") with { LawEnforcementDelay = new LawEnforcementDelay(LawEnforcementStatement.Written, D("2026-03-10"), null) },
            "LawEnforcementDelay.Until",
            "A written law-enforcement statement specifies how long the delay lasts (45 CFR 164.412(a))"),
        new BadFacts(
            "A delay stated before the discovery",
            CoveredEntity("2026-03-02") with { LawEnforcementDelay = Oral("2026-03-01") },
            "LawEnforcementDelay.From",
            "is dated before the breach was discovered (2026-03-02)"),
        new BadFacts(
            "A delay stated in the future",
            CoveredEntity("2026-03-02") with { LawEnforcementDelay = Oral("2026-12-06") },
            "LawEnforcementDelay.From",
            "dated 2026-12-06, after today (2026-12-05)"));

    [Theory]
    [MemberData(nameof(Cases))]
    public void Bad_facts_get_a_specific_message_on_the_field_at_fault(BadFacts bad)
    {
        var result = new BreachFactsValidator(Today).Validate(bad.Facts);

        result.IsValid.ShouldBeFalse(bad.Name);
        result.Errors.ShouldContain(
            e => e.PropertyName == bad.Field && e.ErrorMessage.Contains(bad.Message, StringComparison.Ordinal),
            $"{bad.Name}: got {string.Join(" | ", result.Errors.Select(e => $"{e.PropertyName}: {e.ErrorMessage}"))}");
    }

    [Fact]
    public void Facts_discovered_today_with_valid_counts_and_a_delay_pass()
    {
        var facts = CoveredEntity("2026-12-05", "TX=530,dc=2,PR=0") with { LawEnforcementDelay = Oral("2026-12-05") };

        new BreachFactsValidator(Today).Validate(facts).IsValid.ShouldBeTrue();
    }

    [Fact]
    public void Several_bad_facts_are_all_reported_at_once()
    {
        var facts = CoveredEntity("2027-01-01", "ZZ=1,TX=-1") with { LawEnforcementDelay = Written("2026-03-10", "2026-03-01") };

        var result = new BreachFactsValidator(Today).Validate(facts);

        result.Errors.Select(e => e.PropertyName).Distinct().Order(StringComparer.Ordinal)
            .ShouldBe(["AffectedByJurisdiction", "DiscoveredOn", "LawEnforcementDelay.From", "LawEnforcementDelay.Until"]);
    }
}
