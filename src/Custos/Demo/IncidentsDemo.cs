using Custos.Modules.Incidents;
using Custos.Modules.Incidents.Contracts;
using Custos.Platform.Authorization;
using Custos.Platform.Identity;
using Custos.Platform.Identity.Users;
using Microsoft.Extensions.DependencyInjection;

namespace Custos.Demo;

/// <summary>
/// The demo organization's incidents, a realistic mix at different stages: a triaged phishing report with no PHI, a
/// lost encrypted laptop determined not a breach (secured PHI), a misdirected email of low probability of compromise,
/// a breach of 620 people in Texas and Ohio with its obligations and one notice sent, and a closed case with its
/// post-incident review. Every name and detail is invented; there is no PHI.
/// Work is done by three demo accounts (created without a password; their activation links are discarded) through the same
/// handlers as users, so segregation of duties holds: the Security Officer writes each assessment and the Privacy
/// Officer, a different account, signs it off (45 CFR 164.530(a), 164.414(b)).
/// </summary>
public sealed class IncidentsDemo(IServiceProvider services, CreateUser createUser, TimeProvider time)
{
    public const string SecurityOfficerEmail = "security@brightwater.example";
    public const string PrivacyOfficerEmail = "privacy@brightwater.example";
    public const string ReporterEmail = "jordan.reyes@brightwater.example";

    public async Task<IReadOnlyList<string>> SeedAsync(Guid affectedCustomerId, CancellationToken cancellationToken)
    {
        var lines = new List<string>();
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var elena = await AccountAsync(SecurityOfficerEmail, "Elena Sokolova", BuiltInRoles.SecurityOfficer, cancellationToken);
        var priya = await AccountAsync(PrivacyOfficerEmail, "Priya Raman", BuiltInRoles.PrivacyOfficer, cancellationToken);
        var jordan = await AccountAsync(ReporterEmail, "Jordan Reyes", BuiltInRoles.WorkforceMember, cancellationToken);
        lines.Add("Accounts, created without a password so nobody can sign in with them until activated: Elena Sokolova (Security Officer), Priya Raman (Privacy Officer), Jordan Reyes (workforce member)");

        T As<T>(Actor actor)
            where T : class => ActivatorUtilities.CreateInstance<T>(services, new DemoActor(actor));

        async Task Move(Actor actor, Guid id, params IncidentStatus[] statuses)
        {
            foreach (var status in statuses)
            {
                await As<ChangeIncidentStatus>(actor).HandleAsync(id, new ChangeIncidentStatusCommand(status), cancellationToken);
            }
        }

        async Task<BreachAssessmentView> Determine(Guid id, RecordBreachAssessmentCommand assessment)
        {
            var written = await As<RecordBreachAssessment>(elena).HandleAsync(id, assessment, cancellationToken);
            return await As<SignOffBreachAssessment>(priya).HandleAsync(written.Id, cancellationToken);
        }

        // 1. A phishing email reported by a workforce member; no PHI; in triage.
        var phishing = await As<ReportIncident>(jordan).HandleAsync(
            new ReportIncidentCommand(IncidentKind.SecurityIncident, "Phishing email imitating the payroll provider",
                "Three staff received an email asking them to confirm payroll details on a look-alike site. Nobody entered credentials; the sender domain is blocked.",
                today.AddDays(-2), today.AddDays(-2), PhiInvolved: false),
            cancellationToken);
        await Move(elena, phishing.Id, IncidentStatus.Triage);
        lines.Add($"Incident {phishing.Reference}: phishing report, no PHI, in triage");

        // 2. A lost laptop with full-disk encryption: secured PHI is not a breach (164.402, HHS guidance).
        var laptop = await As<ReportIncident>(jordan).HandleAsync(
            new ReportIncidentCommand(IncidentKind.LostOrStolenDevice, "Encrypted laptop left on a train",
                "A support engineer's laptop was left on a commuter train. It holds cached visit notes for a few patients.",
                today.AddDays(-12), today.AddDays(-12), PhiInvolved: true, EstimatedIndividuals: 14),
            cancellationToken);
        await Move(elena, laptop.Id, IncidentStatus.Triage, IncidentStatus.Investigating);
        var secured = await Determine(laptop.Id, new RecordBreachAssessmentCommand(
            false, false, false, null, PhiSecurity.Encrypted,
            "Full-disk encryption (AES-256, FIPS 140-validated module) was on and the device was locked; the recovery key is held in the company's key management service, not on the device.",
            new FactorAssessment(RiskRating.Low, "Cached visit notes for 14 patients, unreadable without the key."),
            new FactorAssessment(RiskRating.Low, "Unknown finder on a public train."),
            new FactorAssessment(RiskRating.Low, "The device never checked in again; the encrypted disk cannot be read."),
            new FactorAssessment(RiskRating.Low, "Device wiped remotely and its certificates revoked the same day."),
            LowProbabilityOfCompromise: true));
        await Move(elena, laptop.Id, IncidentStatus.Assessed);
        lines.Add($"Incident {laptop.Reference}: lost encrypted laptop, signed off as not a breach ({IncidentTerms.Name(secured.Outcome)})");

        // 3. A misdirected email to another covered entity's privacy office: low probability of compromise, signed off.
        var email = await As<ReportIncident>(jordan).HandleAsync(
            new ReportIncidentCommand(IncidentKind.MisdirectedPhi, "Appointment summary emailed to the wrong clinic",
                "A scheduling summary for two patients was sent to a clinic with a similar name, which reported it and deleted it.",
                today.AddDays(-30), today.AddDays(-31), PhiInvolved: true, EstimatedIndividuals: 2),
            cancellationToken);
        await Move(elena, email.Id, IncidentStatus.Triage, IncidentStatus.Investigating);
        var lowProbability = await Determine(email.Id, new RecordBreachAssessmentCommand(
            false, false, false, null, PhiSecurity.Unsecured, null,
            new FactorAssessment(RiskRating.Low, "Names and appointment times of two patients; no diagnosis, no identifiers beyond the names."),
            new FactorAssessment(RiskRating.Low, "A HIPAA covered entity's privacy office, itself bound to protect PHI."),
            new FactorAssessment(RiskRating.Low, "The recipient opened the email only far enough to see it was not theirs."),
            new FactorAssessment(RiskRating.Low, "Written attestation of deletion received the same day."),
            LowProbabilityOfCompromise: true));
        await Move(elena, email.Id, IncidentStatus.Assessed);
        lines.Add($"Incident {email.Reference}: misdirected email, signed off as {IncidentTerms.Name(lowProbability.Outcome)}");

        // 4. A breach of 620 people (Texas 530, Ohio 90) at one customer whose BAA delegates its notices to us.
        var breach = await As<ReportIncident>(jordan).HandleAsync(
            new ReportIncidentCommand(IncidentKind.UnauthorizedAccess, "Misconfigured storage bucket exposed visit exports",
                "A storage bucket holding visit-summary exports for one customer was publicly readable for nine days; access logs show downloads from an unknown address.",
                today.AddDays(-20), today.AddDays(-29), PhiInvolved: true, EstimatedIndividuals: 620),
            cancellationToken);
        await Move(elena, breach.Id, IncidentStatus.Triage, IncidentStatus.Investigating);
        await As<UpdateIncidentFacts>(elena).HandleAsync(breach.Id, new UpdateIncidentFactsCommand(
            IncidentKind.UnauthorizedAccess, "Misconfigured storage bucket exposed visit exports", today.AddDays(-20), today.AddDays(-29), today.AddDays(-20),
            PhiInvolved: true, AffectedCustomerIds: [affectedCustomerId], Agency: AgencyStatus.Agent,
            BreachType: "Unauthorized Access/Disclosure", BreachLocation: "Network Server",
            SafeguardsInPlace: "Encryption in transit, access logging, quarterly configuration review.",
            ActionsTaken: "Bucket made private, exports moved to encrypted storage, configuration checks added to deployment."), cancellationToken);
        await As<ReviseAffectedCounts>(elena).HandleAsync(breach.Id, new ReviseAffectedCountsCommand(
            new Dictionary<string, int> { ["TX"] = 530, ["OH"] = 90 }, "Counted from the export files and the customer's patient addresses."), cancellationToken);
        var determination = await Determine(breach.Id, new RecordBreachAssessmentCommand(
            false, false, false, null, PhiSecurity.Unsecured, null,
            new FactorAssessment(RiskRating.High, "Names, dates of birth, visit reasons and insurance member numbers."),
            new FactorAssessment(RiskRating.High, "An unknown party with no obligation to protect the information."),
            new FactorAssessment(RiskRating.High, "Access logs show the files were downloaded."),
            new FactorAssessment(RiskRating.Medium, "The bucket was closed on discovery; the downloaded copies cannot be recovered."),
            LowProbabilityOfCompromise: false));
        await Move(elena, breach.Id, IncidentStatus.Assessed, IncidentStatus.Notifying);
        var obligations = await services.GetRequiredService<GetIncidentObligations>().HandleAsync(breach.Id, cancellationToken);
        var toCustomer = obligations.Obligations.First(o => o.Recipient == Modules.Incidents.Obligations.NotificationRecipient.CoveredEntity && o.Jurisdiction is null);
        await As<RecordObligationStatus>(priya).HandleAsync(breach.Id, new RecordObligationStatusCommand(
            toCustomer.Key, ObligationStatus.Sent, today.AddDays(-15), "Email and certified letter to the breach-notice contact", "BW-2026-014"), cancellationToken);
        lines.Add($"Incident {breach.Reference}: breach of 620 (TX 530, OH 90), {IncidentTerms.Name(determination.Outcome)}, {obligations.Obligations.Count} obligations, notice to {toCustomer.CoveredEntity} sent");

        // 5. A closed case: a workforce member viewed a record without a work reason; the exception applies.
        var snooping = await As<ReportIncident>(jordan).HandleAsync(
            new ReportIncidentCommand(IncidentKind.UnauthorizedAccess, "Support agent opened the wrong patient's visit log",
                "While handling a ticket, a support agent opened a visit log for a patient with the same surname, closed it at once and reported it.",
                today.AddDays(-60), today.AddDays(-60), PhiInvolved: true, EstimatedIndividuals: 1),
            cancellationToken);
        await Move(elena, snooping.Id, IncidentStatus.Triage, IncidentStatus.Investigating);
        await Determine(snooping.Id, new RecordBreachAssessmentCommand(
            true, false, false, "Unintentional access in good faith by a workforce member acting within the scope of her authority, with no further use or disclosure (164.402(1)(i)).",
            PhiSecurity.Unsecured, null,
            new FactorAssessment(RiskRating.Low, "One visit log: date, clinician and visit reason."),
            new FactorAssessment(RiskRating.Low, "A trained workforce member bound by the confidentiality agreement."),
            new FactorAssessment(RiskRating.Low, "Viewed for seconds and closed."),
            new FactorAssessment(RiskRating.Low, "Reported at once; no copy made."),
            LowProbabilityOfCompromise: true));
        await Move(elena, snooping.Id, IncidentStatus.Assessed);
        await As<RecordPostIncidentReview>(elena).HandleAsync(snooping.Id, new RecordPostIncidentReviewCommand(
            "Patient search returned partial surname matches first, so the wrong record was one click away.",
            "Search now requires a second identifier before a visit log opens; refresher training given to the support team."), cancellationToken);
        await Move(elena, snooping.Id, IncidentStatus.Closed);
        lines.Add($"Incident {snooping.Reference}: wrong record opened by a support agent, exception applies, closed after its post-incident review");
        return lines;
    }

    private async Task<Actor> AccountAsync(string email, string name, string role, CancellationToken cancellationToken)
    {
        var created = await createUser.HandleAsync(new CreateUserCommand(email, name, role), cancellationToken);
        return new Actor(ActorKind.User, created.User.Id.ToString(), name);
    }

    /// <summary>The demo account a step is done as.</summary>
    private sealed class DemoActor(Actor actor) : ICurrentActor
    {
        public Actor Actor { get; } = actor;
    }
}
