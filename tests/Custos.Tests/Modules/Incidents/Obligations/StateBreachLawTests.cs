using Custos.Modules.Incidents.Obligations;
using Custos.Platform;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using static Custos.Tests.Modules.Incidents.Obligations.BreachCases;

namespace Custos.Tests.Modules.Incidents.Obligations;

/// <summary>The State overlays (reference §10) on top of HIPAA, and the data file that carries them.</summary>
public sealed class StateBreachLawTests : IDisposable
{
    private static readonly DateOnly Today = D("2030-01-01");
    private readonly string folder = Directory.CreateTempSubdirectory("custos-state-laws-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    public sealed record StateCase(string Name, BreachFacts Facts, string[] Expected)
    {
        public override string ToString() => Name;
    }

    public static TheoryData<StateCase> Cases => new(
        new StateCase(
            "California: 30 days for residents and a sample to the Attorney General 15 days later for more than 500",
            CoveredEntity("2026-03-02", "CA=501"),
            ["individuals 2026-05-01", "secretary 2026-05-01", "media CA 2026-05-01", "state_individuals CA 2026-04-01", "state_regulator CA 2026-04-16"]),
        new StateCase(
            "California: exactly 500 residents needs neither the Attorney General nor media",
            CoveredEntity("2026-03-02", "CA=500"),
            ["individuals 2026-05-01", "secretary 2026-05-01", "state_individuals CA 2026-04-01"]),
        new StateCase(
            "Texas: 60 days for residents and the Attorney General within 30 days at 250 residents",
            CoveredEntity("2026-03-02", "TX=250"),
            ["individuals 2026-05-01", "secretary 2027-03-01", "state_individuals TX 2026-05-01", "state_regulator TX 2026-04-01"]),
        new StateCase(
            "Texas: 249 residents needs no Attorney General notice",
            CoveredEntity("2026-03-02", "TX=249"),
            ["individuals 2026-05-01", "secretary 2027-03-01", "state_individuals TX 2026-05-01"]),
        new StateCase(
            "Florida: 30 days for residents and the Department of Legal Affairs at 500",
            CoveredEntity("2026-03-02", "FL=500"),
            ["individuals 2026-05-01", "secretary 2026-05-01", "state_individuals FL 2026-04-01", "state_regulator FL 2026-04-01"]),
        new StateCase(
            "Florida: 499 residents needs no Department notice",
            CoveredEntity("2026-03-02", "FL=499"),
            ["individuals 2026-05-01", "secretary 2027-03-01", "state_individuals FL 2026-04-01"]),
        new StateCase(
            "New York: 30 days for residents and the regulators whenever any resident is notified",
            CoveredEntity("2026-03-02", "NY=1"),
            ["individuals 2026-05-01", "secretary 2027-03-01", "state_individuals NY 2026-04-01", "state_regulator NY 2026-04-01"]),
        new StateCase(
            "Colorado: 30 days for residents and the Attorney General at 500",
            CoveredEntity("2026-03-02", "CO=500"),
            ["individuals 2026-05-01", "secretary 2026-05-01", "state_individuals CO 2026-04-01", "state_regulator CO 2026-04-01"]),
        new StateCase(
            "Colorado: 499 residents needs no Attorney General notice",
            CoveredEntity("2026-03-02", "CO=499"),
            ["individuals 2026-05-01", "secretary 2027-03-01", "state_individuals CO 2026-04-01"]),
        new StateCase(
            "Washington: 30 days for residents and the Attorney General for more than 500",
            CoveredEntity("2026-03-02", "WA=501"),
            ["individuals 2026-05-01", "secretary 2026-05-01", "media WA 2026-05-01", "state_individuals WA 2026-04-01", "state_regulator WA 2026-04-01"]),
        new StateCase(
            "Washington: exactly 500 residents needs no Attorney General notice",
            CoveredEntity("2026-03-02", "WA=500"),
            ["individuals 2026-05-01", "secretary 2026-05-01", "state_individuals WA 2026-04-01"]),
        new StateCase(
            "A State with no rule loaded gets an explicit entry at the HIPAA date",
            CoveredEntity("2026-03-02", "TX=530,OH=90"),
            ["individuals 2026-05-01", "secretary 2026-05-01", "media TX 2026-05-01", "state_individuals TX 2026-05-01", "state_regulator TX 2026-04-01", "state_individuals OH 2026-05-01"]),
        new StateCase(
            "A State with no residents affected adds nothing",
            CoveredEntity("2026-03-02", "CA=0,OH=3"),
            ["individuals 2026-05-01", "secretary 2027-03-01", "state_individuals OH 2026-05-01"]),
        new StateCase(
            "California allows a law-enforcement delay, so its deadlines move by the same days",
            CoveredEntity("2026-03-02", "CA=501") with { LawEnforcementDelay = Written("2026-03-10", "2026-04-10") },
            ["individuals 2026-06-01", "secretary 2026-06-01", "media CA 2026-06-01", "state_individuals CA 2026-05-02", "state_regulator CA 2026-05-17"]),
        new StateCase(
            "Florida's loaded rule says nothing of a law-enforcement delay, so its deadline stays",
            CoveredEntity("2026-03-02", "FL=10") with { LawEnforcementDelay = Written("2026-03-10", "2026-04-10") },
            ["individuals 2026-06-01", "secretary 2027-03-01", "state_individuals FL 2026-04-01"]),
        new StateCase(
            "A business associate under Florida law notifies the covered entity within 10 days",
            BusinessAssociate("2026-03-02", new AffectedCoveredEntity("Cascade Health", null)) with { AffectedByJurisdiction = Affected("FL=3") },
            ["covered_entity [Cascade Health] 2026-05-01", "covered_entity FL 2026-03-12"]),
        new StateCase(
            "A business associate under New York law notifies the owner within 30 days",
            BusinessAssociate("2026-03-02") with { AffectedByJurisdiction = Affected("NY=3") },
            ["covered_entity 2026-05-01", "covered_entity NY 2026-04-01"]),
        new StateCase(
            "A business associate with residents of a State with no rule loaded is told so",
            BusinessAssociate("2026-03-02", new AffectedCoveredEntity("Cascade Health", 10)) with { AffectedByJurisdiction = Affected("OH=3") },
            ["covered_entity [Cascade Health] 2026-03-12", "covered_entity OH 2026-03-12"]));

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_State_overlays_add_their_deadlines_to_HIPAAs(StateCase rule)
    {
        var obligations = BreachNotificationRules.Default.Calculate(rule.Facts, Today);

        Sorted(obligations.Select(Describe)).ShouldBe(Sorted(rule.Expected), rule.Name);
    }

    [Fact]
    public void The_entry_for_a_State_with_no_rule_says_to_check_the_states_law()
    {
        var ohio = BreachNotificationRules.Default.Calculate(CoveredEntity("2026-03-02", "OH=90"), Today)
            .Single(o => o.Jurisdiction == "OH");

        ohio.StateRuleLoaded.ShouldBeFalse();
        ohio.Recipient.ShouldBe(NotificationRecipient.StateIndividuals);
        ohio.Basis.ShouldBe("No State rule loaded");
        ohio.Reasoning.ShouldContain("no State breach-notification rule is loaded for OH: check the state's law");
        ohio.Reasoning.ShouldContain("not a State deadline");
        ohio.AffectedIndividuals.ShouldBe(90);
    }

    [Fact]
    public void A_State_obligation_cites_the_statute_its_source_and_the_date_it_was_last_verified()
    {
        var regulator = BreachNotificationRules.Default.Calculate(CoveredEntity("2026-03-02", "TX=530"), Today)
            .Single(o => o.Recipient == NotificationRecipient.StateRegulator);

        regulator.Basis.ShouldStartWith("Tex. Bus. & Com. Code § 521.053");
        regulator.Reasoning.ShouldContain("530 Texas residents");
        regulator.Reasoning.ShouldContain("at least 250 Texas residents");
        regulator.Reasoning.ShouldContain("2026-03-02 + 30 days = 2026-04-01");
        regulator.Reasoning.ShouldContain("https://statutes.capitol.texas.gov/");
        regulator.Reasoning.ShouldContain("last verified");
    }

    [Fact]
    public void A_State_deadline_the_delay_does_not_move_says_why()
    {
        var florida = BreachNotificationRules.Default.Calculate(
                CoveredEntity("2026-03-02", "FL=10") with { LawEnforcementDelay = Written("2026-03-10", "2026-04-10") }, Today)
            .Single(o => o.Recipient == NotificationRecipient.StateIndividuals);

        florida.Reasoning.ShouldContain("not applied to this Florida deadline");
        florida.DueDateBeforeDelay.ShouldBeNull();
    }

    [Fact]
    public void The_shipped_data_covers_the_six_States_each_with_a_source_and_a_verification_date()
    {
        var laws = StateBreachLaws.Embedded.All.ToList();

        laws.Select(l => l.Code).ShouldBe(["CA", "CO", "FL", "NY", "TX", "WA"]);
        foreach (var law in laws)
        {
            law.Citation.ShouldNotBeNullOrWhiteSpace();
            law.SourceUrl.Scheme.ShouldStartWith("http");
            law.LastVerified.ShouldBeGreaterThan(D("2026-01-01"));
            law.Individuals.ShouldNotBeNull();
            law.Regulators.ShouldNotBeEmpty();
            law.Verification.ShouldNotBeNullOrWhiteSpace();
        }
    }

    [Fact]
    public void A_file_on_disk_replaces_a_shipped_State_and_adds_a_new_one_without_code_changes()
    {
        var path = WriteFile("""
            {
              "states": [
                {
                  "code": "TX", "name": "Texas", "citation": "Test citation TX", "sourceUrl": "https://example.org/tx",
                  "lastVerified": "2026-12-01",
                  "individuals": { "days": 45, "anchor": "discovery", "text": "within 45 days" }
                },
                {
                  "code": "oh", "name": "Ohio", "citation": "Test citation OH", "sourceUrl": "https://example.org/oh",
                  "lastVerified": "2026-12-01",
                  "individuals": { "days": 40, "anchor": "discovery", "text": "within 40 days" },
                  "regulators": [ { "name": "Ohio regulator", "minimumResidents": 50, "thresholdText": "50 or more",
                                    "deadline": { "days": 20, "anchor": "discovery", "text": "within 20 days" } } ]
                }
              ]
            }
            """);

        var rules = new BreachNotificationRules(StateBreachLaws.Load(path));
        var obligations = rules.Calculate(CoveredEntity("2026-03-02", "TX=300,OH=60,CA=5"), Today);

        Sorted(obligations.Where(o => o.Jurisdiction is not null).Select(Describe)).ShouldBe(Sorted(
            ["state_individuals TX 2026-04-16", "state_individuals OH 2026-04-11", "state_regulator OH 2026-03-22", "state_individuals CA 2026-04-01"]));
        obligations.Single(o => o.Jurisdiction == "TX").Basis.ShouldBe("Test citation TX");
    }

    [Fact]
    public void The_rules_registered_from_configuration_read_the_file_the_setting_names()
    {
        var path = WriteFile("""
            { "states": [ { "code": "OH", "name": "Ohio", "citation": "Test citation OH", "sourceUrl": "https://example.org/oh",
                            "lastVerified": "2026-12-01", "individuals": { "days": 40, "anchor": "discovery", "text": "within 40 days" } } ] }
            """);
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [StateBreachLaws.FileSettingKey] = path })
            .Build();
        using var services = new ServiceCollection().AddBreachNotificationRules(configuration).BuildServiceProvider();

        var rules = services.GetRequiredService<BreachNotificationRules>();

        rules.StateLaws.Find("OH")!.Citation.ShouldBe("Test citation OH");
        rules.StateLaws.Find("CA").ShouldNotBeNull();
    }

    [Fact]
    public void Registering_the_rules_twice_keeps_one_set()
    {
        var configuration = new ConfigurationBuilder().Build();
        var collection = new ServiceCollection().AddBreachNotificationRules(configuration).AddBreachNotificationRules(configuration);

        collection.Count(d => d.ServiceType == typeof(BreachNotificationRules)).ShouldBe(1);
        using var services = collection.BuildServiceProvider();
        services.GetRequiredService<BreachNotificationRules>().StateLaws.ShouldBeSameAs(StateBreachLaws.Embedded);
    }

    [Fact]
    public void A_missing_State_law_file_is_a_configuration_error_naming_the_setting()
    {
        var ex = Should.Throw<CustosConfigurationException>(() => StateBreachLaws.Load(Path.Combine(folder, "missing.json")));

        ex.Setting.ShouldBe(StateBreachLaws.FileSettingKey);
        ex.Message.ShouldContain("does not exist");
    }

    [Theory]
    [InlineData("""{ "states": [ { "code": "ZZ", "name": "Nowhere", "citation": "c", "sourceUrl": "https://example.org", "lastVerified": "2026-12-01" } ] }""", "'ZZ' is not a U.S. State")]
    [InlineData("""{ "states": [ { "code": "OH", "name": "Ohio", "citation": "c", "sourceUrl": "https://example.org" } ] }""", "lastVerified")]
    [InlineData("""{ "states": [ { "code": "OH", "name": "Ohio", "citation": "c", "sourceUrl": "https://example.org", "lastVerified": "2026-12-01", "individuals": { "days": -1, "anchor": "discovery", "text": "t" } } ] }""", "days of 0 or more")]
    [InlineData("""{ "states": [ { "code": "OH", "name": "Ohio", "citation": "c", "sourceUrl": "https://example.org", "lastVerified": "2026-12-01", "regulators": [ { "name": "AG", "minimumResidents": 0, "thresholdText": "t", "deadline": { "days": 1, "anchor": "discovery", "text": "t" } } ] } ] }""", "minimumResidents of 1 or more")]
    [InlineData("""{ "about": "no states" }""", "no \"states\" array")]
    [InlineData("""{ "states": [ """, "cannot use the State breach-law file")]
    public void A_bad_State_law_file_is_a_configuration_error_that_says_what_is_wrong(string json, string expected)
    {
        var path = WriteFile(json);

        var ex = Should.Throw<CustosConfigurationException>(() => StateBreachLaws.Load(path));

        ex.Setting.ShouldBe(StateBreachLaws.FileSettingKey);
        ex.Message.ShouldContain(expected);
    }

    private string WriteFile(string json)
    {
        var path = Path.Combine(folder, $"laws-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, json);
        return path;
    }
}
