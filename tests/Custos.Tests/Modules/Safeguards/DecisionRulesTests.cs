using Custos.Modules.Safeguards;
using Custos.Modules.Safeguards.Contracts;
using Custos.Platform.Persistence;
using Custos.Platform.Validation;
using Custos.Tests.Infrastructure;
using static Custos.Tests.Modules.Safeguards.SafeguardsExamples;
using Rule = Custos.Modules.Safeguards.RequirementIsMetOnlyWhenImplementedAndBackedByCurrentApprovedEvidence;

namespace Custos.Tests.Modules.Safeguards;

/// <summary>45 CFR 164.306(d): required specifications are implemented; addressable ones need a recorded decision.</summary>
public sealed class DecisionRulesTests
{
    private static readonly ImplementationState Implemented = ImplementationState.NotAssessed with { Status = ImplementationStatus.Implemented };

    [Fact]
    public void Not_assessed_is_never_met_even_with_evidence()
    {
        Rule.ForSpecification(addressable: false, ImplementationState.NotAssessed, currentEvidence: 3).Compliance.ShouldBe(ComplianceVerdict.NotMet);
        Rule.ForSpecification(addressable: true, ImplementationState.NotAssessed with { Decision = AddressableDecision.NoReasonableAlternative, DecisionJustification = "x", NoAlternativeFinding = "y" }, 3)
            .Compliance.ShouldBe(ComplianceVerdict.NotMet);
    }

    [Fact]
    public void An_addressable_specification_implemented_with_evidence_but_without_a_decision_is_not_met()
    {
        var verdict = Rule.ForSpecification(addressable: true, Implemented, currentEvidence: 1);

        verdict.Compliance.ShouldBe(ComplianceVerdict.NotMet);
        verdict.Why.ShouldContain("164.306(d)(3)");
    }

    [Fact]
    public void Each_of_the_three_decisions_of_164_306_d_3_is_met_when_complete_and_evidenced()
    {
        Rule.ForSpecification(true, Implemented with { Decision = AddressableDecision.Implemented }, 1).Compliance.ShouldBe(ComplianceVerdict.Met);
        Rule.ForSpecification(true, Implemented with { Decision = AddressableDecision.AlternativeMeasure, DecisionJustification = "Legacy device cannot encrypt.", AlternativeMeasure = "Isolated VLAN." }, 1)
            .Compliance.ShouldBe(ComplianceVerdict.Met);
        Rule.ForSpecification(true, Implemented with { Status = ImplementationStatus.Planned, Decision = AddressableDecision.NoReasonableAlternative, DecisionJustification = "No ePHI at rest.", NoAlternativeFinding = "None needed." }, 1)
            .Compliance.ShouldBe(ComplianceVerdict.Met);
    }

    [Fact]
    public void A_decided_or_implemented_requirement_without_current_evidence_is_not_met()
    {
        Rule.ForSpecification(false, Implemented, currentEvidence: 0).Compliance.ShouldBe(ComplianceVerdict.NotMet);
        Rule.ForSpecification(true, Implemented with { Decision = AddressableDecision.Implemented }, 0).Compliance.ShouldBe(ComplianceVerdict.NotMet);
    }

    [Fact]
    public void A_required_specification_only_partly_implemented_is_not_met()
    {
        Rule.ForSpecification(false, Implemented with { Status = ImplementationStatus.PartiallyImplemented }, 1).Compliance.ShouldBe(ComplianceVerdict.NotMet);
    }

    [Fact]
    public void A_standard_is_met_only_when_every_applicable_specification_is_met()
    {
        Rule.ForStandard([ComplianceVerdict.Met, ComplianceVerdict.Met, ComplianceVerdict.NotApplicable]).Compliance.ShouldBe(ComplianceVerdict.Met);
        Rule.ForStandard([ComplianceVerdict.Met, ComplianceVerdict.NotMet]).Compliance.ShouldBe(ComplianceVerdict.NotMet);
        Rule.ForStandard([ComplianceVerdict.NotApplicable]).Compliance.ShouldBe(ComplianceVerdict.NotApplicable);
    }

    [Theory, AllDatabaseProviders]
    public async Task Not_applicable_without_a_reason_is_refused_and_nothing_is_saved(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);

        var refused = await Should.ThrowAsync<InvalidRequestException>(() => ImplementAsync(db, "164.308(a)(4)(ii)(A)", ImplementationStatus.NotApplicable, reason: " "));

        refused.Errors.ShouldContainKey(nameof(UpdateImplementationCommand.NotApplicableReason));
        (await db.CountAsync<ControlImplementation>()).ShouldBe(0);
        (await db.CountAsync<ImplementationChange>()).ShouldBe(0);
    }

    [Theory, AllDatabaseProviders]
    public async Task Not_applicable_with_a_reason_is_left_out_of_readiness(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);

        await ImplementAsync(db, "164.310(d)(2)(ii)", ImplementationStatus.NotApplicable, reason: "No electronic media is ever re-used: all media is destroyed.");

        (await RowAsync(db, "164.310(d)(2)(ii)")).Compliance.ShouldBe(ComplianceVerdict.NotApplicable);
    }

    [Theory, AllDatabaseProviders]
    public async Task A_decision_not_to_implement_without_a_justification_is_refused_and_nothing_is_saved(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);

        var refused = await Should.ThrowAsync<InvalidRequestException>(() => DecideAsync(db, Encryption, AddressableDecision.AlternativeMeasure, justification: null, alternative: null));

        refused.Errors.ShouldContainKey(nameof(RecordAddressableDecisionCommand.Justification));
        refused.Errors.ShouldContainKey(nameof(RecordAddressableDecisionCommand.AlternativeMeasure));
        (await db.CountAsync<ControlImplementation>()).ShouldBe(0);
    }

    [Theory, AllDatabaseProviders]
    public async Task A_finding_of_no_reasonable_alternative_must_be_written(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);

        var refused = await Should.ThrowAsync<InvalidRequestException>(() => DecideAsync(db, "164.312(a)(2)(iii)", AddressableDecision.NoReasonableAlternative, justification: "Kiosks only.", finding: ""));

        refused.Errors.ShouldContainKey(nameof(RecordAddressableDecisionCommand.NoAlternativeFinding));
    }

    [Theory, AllDatabaseProviders]
    public async Task A_decision_on_a_required_specification_is_refused(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);

        var refused = await Should.ThrowAsync<InvalidRequestException>(() => DecideAsync(db, RiskAnalysis, AddressableDecision.Implemented));

        refused.Errors[nameof(RecordAddressableDecisionCommand.RequirementKey)].ShouldHaveSingleItem().ShouldContain("not an addressable");
    }

    [Theory, AllDatabaseProviders]
    public async Task An_unknown_citation_is_not_found(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);

        await Should.ThrowAsync<RecordNotFoundException>(() => ImplementAsync(db, "164.399(z)"));
    }

    [Theory, AllDatabaseProviders]
    public async Task An_addressable_specification_turns_met_only_after_its_decision_and_approved_evidence(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);
        await ImplementAsync(db, Encryption);
        var evidence = await AddNoteAsync(db, Encryption, db.Today, title: "Disk encryption report");

        (await RowAsync(db, Encryption)).Why.ShouldContain("no 164.306(d)(3) decision");
        await DecideAsync(db, Encryption, AddressableDecision.Implemented);
        (await RowAsync(db, Encryption)).Compliance.ShouldBe(ComplianceVerdict.NotMet);
        await ApproveAsync(db, evidence.Id);

        (await RowAsync(db, Encryption)).Compliance.ShouldBe(ComplianceVerdict.Met);
    }

    [Theory, AllDatabaseProviders]
    public async Task Every_change_keeps_who_when_before_and_after_and_the_register_reads_as_of_a_past_date(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);
        var firstDay = db.Today;
        await ImplementAsync(db, RiskAnalysis, ImplementationStatus.Planned);
        db.Time.Advance(TimeSpan.FromDays(3));
        await ImplementAsync(db, RiskAnalysis, ImplementationStatus.Implemented);

        var detail = await db.RunAsync<GetRequirement, RequirementDetail>((h, ct) => h.HandleAsync(RiskAnalysis, null, ct));
        detail.History.Count.ShouldBe(2);
        detail.History[0].Before.ShouldContain("\"planned\"");
        detail.History[0].After.ShouldContain("\"implemented\"");
        detail.History[0].ChangedBy.ShouldBe(TestActor.Default.DisplayName);
        detail.History[1].Before.ShouldContain("\"not_assessed\"");

        (await RowAsync(db, RiskAnalysis, firstDay)).Implementation.Status.ShouldBe(ImplementationStatus.Planned);
        (await RowAsync(db, RiskAnalysis, firstDay.AddDays(-1))).Implementation.Status.ShouldBe(ImplementationStatus.NotAssessed);
        (await RowAsync(db, RiskAnalysis)).Implementation.Status.ShouldBe(ImplementationStatus.Implemented);
    }

    [Theory, AllDatabaseProviders]
    public async Task A_standard_turns_met_when_each_of_its_specifications_is_met(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);
        var specifications = new[] { "164.312(a)(2)(i)", "164.312(a)(2)(ii)", "164.312(a)(2)(iii)", "164.312(a)(2)(iv)" };
        foreach (var key in specifications)
        {
            await ImplementAsync(db, key);
            await ApproveAsync(db, (await AddNoteAsync(db, key, db.Today)).Id);
        }

        (await RowAsync(db, AccessControl)).Compliance.ShouldBe(ComplianceVerdict.NotMet);
        await DecideAsync(db, "164.312(a)(2)(iii)", AddressableDecision.Implemented);
        (await RowAsync(db, AccessControl)).Compliance.ShouldBe(ComplianceVerdict.NotMet);
        await DecideAsync(db, "164.312(a)(2)(iv)", AddressableDecision.Implemented);

        (await RowAsync(db, AccessControl)).Compliance.ShouldBe(ComplianceVerdict.Met);
    }
}
