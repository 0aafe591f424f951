using System.Security.Cryptography;
using Custos.Modules.Incidents;
using Custos.Modules.Incidents.Contracts;
using Custos.Modules.Incidents.Obligations;
using Custos.Modules.Organization;
using Custos.Modules.Organization.Contracts;
using Custos.Platform.Authorization;
using Custos.Platform.Notifications;
using Custos.Platform.Persistence;
using Custos.Platform.Validation;
using Custos.Tests.Infrastructure;
using Custos.Tests.Modules.Organization;
using Microsoft.EntityFrameworkCore;

namespace Custos.Tests.Modules.Incidents;

public sealed class IncidentsTests
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(TestDatabase.StartTime.UtcDateTime);

    internal static ReportIncidentCommand Misdirected(bool? phi = true, int? individuals = null, DateOnly? discovered = null) =>
        new(IncidentKind.MisdirectedPhi, "Claims export emailed to the wrong clinic", "The March claims export for Riverbend went to Lakeside Clinic.",
            discovered ?? Today, Today.AddDays(-1), phi, individuals);

    internal static async Task<Guid> ReportAsync(TestDatabase db, ReportIncidentCommand? command = null) =>
        (await db.RunAsync<ReportIncident, IncidentReceipt>((h, ct) => h.HandleAsync(command ?? Misdirected(), ct))).Id;

    [Theory, AllDatabaseProviders]
    public async Task A_workforce_member_reports_an_incident_with_the_exact_time_and_the_description_kept_encrypted(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);
        var member = await TestUsers.CreateAsync(db, "wes@custos.example", BuiltInRoles.WorkforceMember);
        db.Actor.Actor = TestUsers.ActorFor(member, "Wes Worker");
        db.Time.Advance(TimeSpan.FromMilliseconds(1234));

        var receipt = await db.RunAsync<ReportIncident, IncidentReceipt>((h, ct) => h.HandleAsync(Misdirected(individuals: 3), ct));
        var hidden = await db.RunAsync<GetIncident, IncidentCaseView>((h, ct) => h.HandleAsync(receipt.Id, false, ct));
        var revealed = await db.RunAsync<GetIncident, IncidentCaseView>((h, ct) => h.HandleAsync(receipt.Id, true, ct));

        BuiltInRoles.Find(BuiltInRoles.WorkforceMember)!.Permissions.ShouldContain(Permissions.IncidentsReport);
        receipt.ReportedAt.ShouldBe(TestDatabase.StartTime.AddMilliseconds(1234));
        receipt.Reference.ShouldStartWith("INC-");
        receipt.ReceiptCode.ShouldBeNull();
        receipt.Severity.ShouldBe(IncidentSeverity.Medium);
        hidden.Summary.ReportedBy.ShouldBe("Wes Worker");
        hidden.Sensitive.ShouldBeNull();
        revealed.Sensitive!.Description.ShouldStartWith("The March claims export");
        hidden.Timeline.ShouldHaveSingleItem().Kind.ShouldBe(TimelineEntryKind.Reported);
    }

    [Theory, AllDatabaseProviders]
    public async Task A_high_severity_report_notifies_the_designated_officers_at_once(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);
        var officer = await TestUsers.CreateAsync(db, "sam@brightwater.example", BuiltInRoles.SecurityOfficer);
        await db.RunAsync<DesignateOfficer, OfficerView>((h, ct) => h.HandleAsync(Examples.Officer(OfficerRole.SecurityOfficer, "Sam Shield", Today), ct));

        var receipt = await db.RunAsync<ReportIncident, IncidentReceipt>((h, ct) => h.HandleAsync(Misdirected(individuals: 50), ct));
        var notified = await db.QueryAsync((d, ct) => d.Set<InAppNotification>().Where(n => n.RecipientId == officer).ToListAsync(ct));

        receipt.Severity.ShouldBe(IncidentSeverity.High);
        notified.ShouldHaveSingleItem().Title.ShouldContain(receipt.Reference);
        notified[0].Body.ShouldNotContain("Riverbend");
    }

    [Theory, AllDatabaseProviders]
    public async Task Bad_intake_input_gets_specific_errors_and_saves_nothing(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);

        var future = await Should.ThrowAsync<InvalidRequestException>(() => ReportAsync(db, Misdirected(discovered: Today.AddDays(1))));
        var negative = await Should.ThrowAsync<InvalidRequestException>(() => ReportAsync(db, Misdirected(individuals: -1)));
        var inverted = await Should.ThrowAsync<InvalidRequestException>(() => ReportAsync(db, Misdirected() with { OccurredOn = Today, DiscoveredOn = Today.AddDays(-3) }));

        future.Errors["DiscoveredOn"].ShouldHaveSingleItem().ShouldContain("future");
        negative.Errors["EstimatedIndividuals"].ShouldHaveSingleItem().ShouldContain("negative");
        inverted.Errors["OccurredOn"].ShouldHaveSingleItem().ShouldContain("after it was discovered");
        (await db.CountAsync<Incident>()).ShouldBe(0);
    }

    [Theory, AllDatabaseProviders]
    public async Task An_anonymous_reporter_follows_up_and_adds_information_with_the_receipt_code_only(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);
        db.Actor.Actor = Custos.Platform.Identity.Actor.Anonymous;

        var receipt = await db.RunAsync<ReportIncidentAnonymously, IncidentReceipt>((h, ct) => h.HandleAsync(Misdirected(), ct));
        var code = receipt.ReceiptCode!;
        var stored = await db.QueryAsync((d, ct) => d.Set<Incident>().Select(i => i.ReceiptHash).SingleAsync(ct));
        var typedLoosely = code.Replace("-", " ", StringComparison.Ordinal).ToLowerInvariant();
        var status = await db.RunAsync<FollowUpAnonymousReport, AnonymousReportStatus>((h, ct) => h.HandleAsync(new(typedLoosely, "It was 40 patients, not 4."), ct));
        var wrong = await Should.ThrowAsync<InvalidRequestException>(() =>
            db.RunAsync<FollowUpAnonymousReport, AnonymousReportStatus>((h, ct) => h.HandleAsync(new("AAAAA-BBBBB-CCCCC-DDDDD"), ct)));
        var revealed = await db.RunAsync<GetIncident, IncidentCaseView>((h, ct) => h.HandleAsync(receipt.Id, true, ct));

        code.Length.ShouldBe(23);
        stored.ShouldNotBeNull().ShouldNotContain(code);
        stored.ShouldBe(Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(code.Replace("-", string.Empty, StringComparison.Ordinal)))));
        status.Status.ShouldBe(IncidentStatus.Reported);
        status.AdditionsCount.ShouldBe(1);
        wrong.Errors.ShouldContainKey("ReceiptCode");
        revealed.Summary.ReportedBy.ShouldBe("Anonymous reporter");
        revealed.Sensitive!.ReporterMessages.ShouldHaveSingleItem().Text.ShouldBe("It was 40 patients, not 4.");
    }

    [Theory, AllDatabaseProviders]
    public async Task A_case_moves_only_by_the_allowed_transitions_and_closes_only_after_its_review(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);
        var id = await ReportAsync(db);
        Task Move(IncidentStatus status) => db.RunAsync<ChangeIncidentStatus, IncidentSummaryView>((h, ct) => h.HandleAsync(id, new(status), ct));

        var skip = await Should.ThrowAsync<InvalidRequestException>(() => Move(IncidentStatus.Notifying));
        await Move(IncidentStatus.Triage);
        await Move(IncidentStatus.Investigating);
        var unassessed = await Should.ThrowAsync<InvalidRequestException>(() => Move(IncidentStatus.Assessed));
        await Move(IncidentStatus.Triage);
        var unreviewed = await Should.ThrowAsync<InvalidRequestException>(() => Move(IncidentStatus.Closed));
        await db.RunAsync<RecordPostIncidentReview>((h, ct) => h.HandleAsync(id, new("Autocomplete picked the wrong clinic address.", "Disable autocomplete for external recipients."), ct));
        await Move(IncidentStatus.Closed);
        var closed = await db.RunAsync<GetIncident, IncidentCaseView>((h, ct) => h.HandleAsync(id, false, ct));

        skip.Errors["Status"].ShouldHaveSingleItem().ShouldContain("cannot go from Reported to Notifying");
        unassessed.Errors["Status"].ShouldHaveSingleItem().ShouldContain("sign it off");
        unreviewed.Errors["Status"].ShouldHaveSingleItem().ShouldContain("post-incident review");
        closed.Summary.Status.ShouldBe(IncidentStatus.Closed);
        closed.Timeline.Count(e => e.Kind == TimelineEntryKind.StatusChanged).ShouldBe(4);
    }

    internal static RecordBreachAssessmentCommand BreachAssessment(bool lowProbability = false, RiskRating rating = RiskRating.High) => new(
        false, false, false, null, PhiSecurity.Unsecured, null,
        new FactorAssessment(rating, "Names, dates of birth and diagnoses of identifiable patients."),
        new FactorAssessment(rating, "Another clinic with no relationship to these patients."),
        new FactorAssessment(rating, "The recipient opened the file before reporting it."),
        new FactorAssessment(rating, "Deletion attested in writing the same day."),
        lowProbability);

    [Theory, AllDatabaseProviders]
    public async Task Only_a_Privacy_Officer_who_did_not_write_the_assessment_can_sign_it_off_and_then_it_is_immutable(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);
        var author = await TestUsers.CreateAsync(db, "pat@custos.example", BuiltInRoles.PrivacyOfficer);
        var securityOfficer = await TestUsers.CreateAsync(db, "sol@custos.example", BuiltInRoles.SecurityOfficer);
        var privacyOfficer = await TestUsers.CreateAsync(db, "pia@custos.example", BuiltInRoles.PrivacyOfficer);
        var id = await ReportAsync(db);
        db.Actor.Actor = TestUsers.ActorFor(author, "Pat Author");
        var assessment = await db.RunAsync<RecordBreachAssessment, BreachAssessmentView>((h, ct) => h.HandleAsync(id, BreachAssessment(), ct));
        Task<BreachAssessmentView> SignAs(Guid user) { db.Actor.Actor = TestUsers.ActorFor(user); return db.RunAsync<SignOffBreachAssessment, BreachAssessmentView>((h, ct) => h.HandleAsync(assessment.Id, ct)); }

        var own = await Should.ThrowAsync<InvalidRequestException>(() => SignAs(author));
        var notPrivacy = await Should.ThrowAsync<InvalidRequestException>(() => SignAs(securityOfficer));
        var signed = await SignAs(privacyOfficer);
        var again = await Should.ThrowAsync<InvalidRequestException>(() => SignAs(privacyOfficer));
        var lowWithHigh = await Should.ThrowAsync<InvalidRequestException>(() =>
            db.RunAsync<RecordBreachAssessment, BreachAssessmentView>((h, ct) => h.HandleAsync(id, BreachAssessment(lowProbability: true), ct)));

        own.Errors[SegregationOfDuties.Field].ShouldHaveSingleItem().ShouldContain("made it yourself");
        notPrivacy.Errors[SegregationOfDuties.Field].ShouldHaveSingleItem().ShouldContain("Only the Privacy Officer");
        signed.Outcome.ShouldBe(BreachOutcome.Breach);
        signed.SignedAt.ShouldBe(TestDatabase.StartTime);
        again.Errors[SegregationOfDuties.Field].ShouldHaveSingleItem().ShouldContain("cannot change");
        lowWithHigh.Errors["LowProbabilityOfCompromise"].ShouldHaveSingleItem().ShouldContain("presumption");
    }

    [Fact]
    public void The_outcome_follows_164_402_exceptions_first_then_secured_PHI_then_the_risk_assessment()
    {
        RecordBreachAssessment.Determine(BreachAssessment() with { RecipientCouldNotRetain = true }).ShouldBe(BreachOutcome.ExceptionApplies);
        RecordBreachAssessment.Determine(BreachAssessment() with { Security = PhiSecurity.Encrypted }).ShouldBe(BreachOutcome.SecuredPhi);
        RecordBreachAssessment.Determine(BreachAssessment(lowProbability: true, rating: RiskRating.Low)).ShouldBe(BreachOutcome.LowProbabilityOfCompromise);
        RecordBreachAssessment.Determine(BreachAssessment()).ShouldBe(BreachOutcome.Breach);
    }

    [Theory, AllDatabaseProviders]
    public async Task Evidence_keeps_its_SHA_256_and_every_hand_over_in_order(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);
        var id = await ReportAsync(db);
        var content = System.Text.Encoding.UTF8.GetBytes("mail server log lines");
        await using var upload = new MemoryStream(content);

        var item = await db.RunAsync<RecordEvidence, EvidenceView>((h, ct) => h.HandleAsync(id, new("Mail log export", "Sam Shield", TestDatabase.StartTime.AddHours(-1), FileName: "../mail.log"), upload, ct));
        db.Time.Advance(TimeSpan.FromHours(2));
        await db.RunAsync<HandOverEvidence>((h, ct) => h.HandleAsync(item.Id, new("Forensics Ltd", TestDatabase.StartTime.AddHours(1), "Analysis"), ct));
        var same = await Should.ThrowAsync<InvalidRequestException>(() => db.RunAsync<HandOverEvidence>((h, ct) => h.HandleAsync(item.Id, new("forensics ltd", TestDatabase.StartTime.AddHours(2), "Again"), ct)));
        var backwards = await Should.ThrowAsync<InvalidRequestException>(() => db.RunAsync<HandOverEvidence>((h, ct) => h.HandleAsync(item.Id, new("Legal", TestDatabase.StartTime, "Hold"), ct)));
        var badHash = await Should.ThrowAsync<InvalidRequestException>(() => db.RunAsync<RecordEvidence, EvidenceView>((h, ct) => h.HandleAsync(id, new("USB stick", "Sam", TestDatabase.StartTime, "abc"), null, ct)));
        var view = await db.RunAsync<GetIncident, IncidentCaseView>((h, ct) => h.HandleAsync(id, false, ct));

        item.Sha256.ShouldBe(Convert.ToHexStringLower(SHA256.HashData(content)));
        item.FileName.ShouldBe("mail.log");
        item.SizeBytes.ShouldBe(content.Length);
        var evidence = view.Evidence.ShouldHaveSingleItem();
        evidence.Custodian.ShouldBe("Forensics Ltd");
        var transfer = evidence.Transfers.ShouldHaveSingleItem();
        (transfer.From, transfer.To, transfer.Reason).ShouldBe(("Sam Shield", "Forensics Ltd", "Analysis"));
        same.Errors.ShouldContainKey("To");
        backwards.Errors.ShouldContainKey("At");
        badHash.Errors.ShouldContainKey("Sha256");
    }

    [Theory, AllDatabaseProviders]
    public async Task Counts_per_State_are_revised_with_history_and_bad_counts_change_nothing(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);
        var id = await ReportAsync(db);
        Task<AffectedCountsView> Revise(Dictionary<string, int> counts) => db.RunAsync<ReviseAffectedCounts, AffectedCountsView>((h, ct) => h.HandleAsync(id, new(counts), ct));

        await Revise(new() { ["TX"] = 400 });
        await Revise(new() { ["tx"] = 530, ["OH"] = 90 });
        var unknown = await Should.ThrowAsync<InvalidRequestException>(() => Revise(new() { ["ZZ"] = 1 }));
        var negative = await Should.ThrowAsync<InvalidRequestException>(() => Revise(new() { ["OH"] = -5 }));
        var delay = await Should.ThrowAsync<InvalidRequestException>(() => db.RunAsync<RecordLawEnforcementDelay>((h, ct) =>
            h.HandleAsync(id, new(LawEnforcementDelayKind.Written, Today, Today.AddDays(-1), "Det. Ruiz, City PD"), ct)));
        var view = await db.RunAsync<GetIncident, IncidentCaseView>((h, ct) => h.HandleAsync(id, false, ct));

        unknown.Errors["Counts"].ShouldHaveSingleItem().ShouldContain("'ZZ' is not a State");
        negative.Errors["Counts"].ShouldHaveSingleItem().ShouldContain("negative");
        delay.Errors["Until"].ShouldHaveSingleItem().ShouldContain("cannot end before it starts");
        view.AffectedCounts!.Total.ShouldBe(620);
        view.AffectedCountHistory.Select(r => r.Total).ShouldBe([620, 400]);
        view.Summary.IndividualsAffected.ShouldBe(620);
        view.Delay.ShouldBeNull();
    }

    internal static async Task<Guid> SignedBreachAsync(TestDatabase db, EntityType entityType, Dictionary<string, int> counts, DateOnly discovered)
    {
        await db.RunAsync<UpdateOrganizationProfile, OrganizationProfileView>((h, ct) => h.HandleAsync(Examples.Profile(entityType: entityType), ct));
        var author = await TestUsers.CreateAsync(db, $"author{Guid.NewGuid():N}@custos.example", BuiltInRoles.SecurityOfficer);
        var signer = await TestUsers.CreateAsync(db, $"signer{Guid.NewGuid():N}@custos.example", BuiltInRoles.PrivacyOfficer);
        db.Actor.Actor = TestUsers.ActorFor(author);
        var id = await ReportAsync(db, Misdirected(discovered: discovered) with { OccurredOn = discovered });
        await db.RunAsync<ReviseAffectedCounts, AffectedCountsView>((h, ct) => h.HandleAsync(id, new(counts), ct));
        var assessment = await db.RunAsync<RecordBreachAssessment, BreachAssessmentView>((h, ct) => h.HandleAsync(id, BreachAssessment(), ct));
        db.Actor.Actor = TestUsers.ActorFor(signer);
        await db.RunAsync<SignOffBreachAssessment, BreachAssessmentView>((h, ct) => h.HandleAsync(assessment.Id, ct));
        return id;
    }

    [Theory, AllDatabaseProviders]
    public async Task A_covered_entity_breach_of_620_across_two_States_gets_its_obligations_with_dates_and_proof(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);
        var id = await SignedBreachAsync(db, EntityType.CoveredEntity, new() { ["TX"] = 530, ["OH"] = 90 }, Today);

        var obligations = await db.RunAsync<GetIncidentObligations, IncidentObligations>((h, ct) => h.HandleAsync(id, ct));
        var individuals = obligations.Obligations.Single(o => o.Recipient == NotificationRecipient.Individuals);
        await db.RunAsync<RecordObligationStatus, IncidentObligationView>((h, ct) => h.HandleAsync(id, new(individuals.Key, ObligationStatus.Sent, Today, "First-class mail", "Batch 1"), ct));
        var future = await Should.ThrowAsync<InvalidRequestException>(() =>
            db.RunAsync<RecordObligationStatus, IncidentObligationView>((h, ct) => h.HandleAsync(id, new(individuals.Key, ObligationStatus.Sent, Today.AddDays(1), "Mail"), ct)));
        var after = await db.RunAsync<GetIncidentObligations, IncidentObligations>((h, ct) => h.HandleAsync(id, ct));

        obligations.Provisional.ShouldBeFalse();
        individuals.DueDate.ShouldBe(new DateOnly(2026, 5, 1)); // 2 March 2026 + 60 calendar days (164.404(b))
        obligations.Obligations.Where(o => o.Recipient == NotificationRecipient.Media).ShouldHaveSingleItem().Jurisdiction.ShouldBe("TX"); // 530 > 500; 90 is not
        obligations.Obligations.ShouldContain(o => o.Recipient == NotificationRecipient.Secretary && o.DueDate == new DateOnly(2026, 5, 1)); // 620 >= 500
        obligations.Obligations.ShouldAllBe(o => o.Status == ObligationStatus.Pending);
        future.Errors.ShouldContainKey("SentOn");
        var sent = after.Obligations.Single(o => o.Key == individuals.Key);
        (sent.Status, sent.SentOn, sent.Method, sent.Reference).ShouldBe((ObligationStatus.Sent, (DateOnly?)Today, "First-class mail", "Batch 1"));
    }

    [Theory, AllDatabaseProviders]
    public async Task The_register_lists_signed_breaches_and_the_annual_report_holds_those_under_500_by_year_of_discovery(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);
        var small = await SignedBreachAsync(db, EntityType.CoveredEntity, new() { ["OH"] = 499 }, Today);
        var large = await SignedBreachAsync(db, EntityType.CoveredEntity, new() { ["OH"] = 500 }, Today);

        var register = await db.RunAsync<GetBreachRegister, IReadOnlyList<BreachRegisterEntry>>((h, ct) => h.HandleAsync(null, ct));
        var annual = await db.RunAsync<GetBreachRegister, AnnualBreachReport>((h, ct) => h.AnnualReportAsync(2026, ct));
        var nextYear = await db.RunAsync<GetBreachRegister, AnnualBreachReport>((h, ct) => h.AnnualReportAsync(2027, ct));

        register.Select(e => e.IncidentId).ShouldBe([small, large], ignoreOrder: true);
        register.Single(e => e.IncidentId == large).SecretaryDueOn.ShouldBe(new DateOnly(2026, 5, 1)); // 500 or more: with the individual notices
        register.Single(e => e.IncidentId == small).SecretaryDueOn.ShouldBe(new DateOnly(2027, 3, 1)); // fewer than 500: Dec 31 + 60
        register.ShouldAllBe(e => !e.MediaNoticeRequired); // 500 in one State is not "more than 500"
        register.ShouldAllBe(e => e.RetainUntil == new DateOnly(2032, 3, 2));
        annual.Breaches.ShouldHaveSingleItem().IncidentId.ShouldBe(small);
        annual.DueOn.ShouldBe(new DateOnly(2027, 3, 1));
        nextYear.Breaches.ShouldBeEmpty();
        GetBreachRegister.AnnualDueOn(2027).ShouldBe(new DateOnly(2028, 2, 29)); // the year after is a leap year
    }

    [Theory, AllDatabaseProviders]
    public async Task A_low_probability_determination_requires_no_notice(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);
        await db.RunAsync<UpdateOrganizationProfile, OrganizationProfileView>((h, ct) => h.HandleAsync(Examples.Profile(entityType: EntityType.CoveredEntity), ct));
        var author = await TestUsers.CreateAsync(db, "a@custos.example", BuiltInRoles.SecurityOfficer);
        var signer = await TestUsers.CreateAsync(db, "p@custos.example", BuiltInRoles.PrivacyOfficer);
        db.Actor.Actor = TestUsers.ActorFor(author);
        var id = await ReportAsync(db);
        var provisional = await db.RunAsync<GetIncidentObligations, IncidentObligations>((h, ct) => h.HandleAsync(id, ct));
        var assessment = await db.RunAsync<RecordBreachAssessment, BreachAssessmentView>((h, ct) => h.HandleAsync(id, BreachAssessment(lowProbability: true, rating: RiskRating.Low), ct));
        db.Actor.Actor = TestUsers.ActorFor(signer);
        await db.RunAsync<SignOffBreachAssessment, BreachAssessmentView>((h, ct) => h.HandleAsync(assessment.Id, ct));

        var obligations = await db.RunAsync<GetIncidentObligations, IncidentObligations>((h, ct) => h.HandleAsync(id, ct));

        provisional.Provisional.ShouldBeTrue();
        obligations.Obligations.ShouldBeEmpty();
        obligations.Footing.ShouldContain("low probability of compromise");
    }

    [Fact]
    public void Substitute_notice_guidance_switches_at_10_individuals_with_out_of_date_contacts()
    {
        GenerateNotice.SubstituteGuidance(9).ShouldContain("fewer than 10");
        GenerateNotice.SubstituteGuidance(10).ShouldContain("10 or more");
        GenerateNotice.SubstituteGuidance(10).ShouldContain("90 days");
        GenerateNotice.SubstituteGuidance(0).ShouldContain("not needed");
    }

    [Theory, AllDatabaseProviders]
    public async Task The_individual_letter_holds_every_element_of_164_404_c(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);
        var id = await SignedBreachAsync(db, EntityType.CoveredEntity, new() { ["TX"] = 530, ["OH"] = 90 }, Today);

        var letter = await db.RunAsync<GenerateNotice, NoticeDraft>((h, ct) => h.HandleAsync(id, NoticeKind.Individual, false, ct));
        var ceNotice = await Should.ThrowAsync<InvalidRequestException>(() => db.RunAsync<GenerateNotice, NoticeDraft>((h, ct) => h.HandleAsync(id, NoticeKind.CoveredEntity, false, ct)));

        letter.Sections.Select(s => s.Heading).ShouldBe(["What happened", "What information was involved", "What you can do", "What we are doing", "For more information"]);
        letter.Sections[0].Paragraphs[0].ShouldContain("March 2, 2026"); // date of discovery (c)(1)(A)
        letter.Sections[4].Paragraphs[0].ShouldContain("dana.whitfield@brightwater.example"); // contact procedures (c)(1)(E)
        ceNotice.Errors.ShouldContainKey("kind");
    }
}
