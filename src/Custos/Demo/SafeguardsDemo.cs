using System.Text;
using Custos.Modules.Evidence;
using Custos.Modules.Evidence.Contracts;
using Custos.Modules.Safeguards;
using Custos.Modules.Safeguards.Contracts;

namespace Custos.Demo;

/// <summary>
/// The demo organization's HIPAA program part way through: met requirements with approved evidence, each of the three
/// 164.306(d)(3) decisions, planned and partial work, evidence in review, stale evidence, a superseded version and an
/// overdue review, so the posture dashboard shows a realistic mix. All text is invented; no PHI.
/// </summary>
public sealed class SafeguardsDemo(UpdateImplementation implement, RecordAddressableDecision decide, AddEvidence addEvidence, ReviewEvidence review, TimeProvider time)
{
    public async Task<IReadOnlyList<string>> SeedAsync(CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        const string Owner = "Elena Sokolova";

        async Task Implement(string key, ImplementationStatus status, string how, DateOnly? review = null) =>
            await implement.HandleAsync(new UpdateImplementationCommand(key, status, null, Owner, how, review ?? today.AddDays(180)), cancellationToken);

        async Task<EvidenceView> Evidence(string key, string title, DateOnly from, EvidenceReviewState state, string? file = null, string? url = null, Guid? supersedes = null)
        {
            var kind = file is not null ? EvidenceKind.File : url is not null ? EvidenceKind.Link : EvidenceKind.Note;
            await using var content = file is null ? null : new MemoryStream(Encoding.UTF8.GetBytes($"{title}\nBrightwater Telehealth, Inc. (fictional demo organization)\nEffective {from:yyyy-MM-dd}\n"));
            var added = await addEvidence.HandleAsync(
                new AddEvidenceCommand(kind, title, [key], from, Description: kind == EvidenceKind.Note ? title + ": recorded in the security program minutes." : null,
                    Url: url, Content: content, FileName: file, ContentType: file is null ? null : "text/plain", Supersedes: supersedes),
                cancellationToken);
            if (state is EvidenceReviewState.InReview or EvidenceReviewState.Approved)
            {
                added = await review.HandleAsync(new ReviewEvidenceCommand(added.Id, EvidenceReviewAction.Submit), cancellationToken);
            }

            if (state == EvidenceReviewState.Approved)
            {
                added = await review.HandleAsync(new ReviewEvidenceCommand(added.Id, EvidenceReviewAction.Approve, "Reviewed by the Security Officer."), cancellationToken);
            }

            return added;
        }

        // Met: implemented and backed by approved, current evidence.
        await Implement("164.308(a)(1)(ii)(A)", ImplementationStatus.Implemented, "Annual enterprise risk analysis following NIST SP 800-30; last run in January.");
        var oldAnalysis = await Evidence("164.308(a)(1)(ii)(A)", "Risk analysis 2025", today.AddDays(-400), EvidenceReviewState.Approved, "risk-analysis-2025.txt");
        await Evidence("164.308(a)(1)(ii)(A)", "Risk analysis 2026", today.AddDays(-35), EvidenceReviewState.Approved, "risk-analysis-2026.txt", supersedes: oldAnalysis.Id);
        await Implement("164.308(a)(1)(ii)(B)", ImplementationStatus.Implemented, "Risk register with owners and treatment dates, reviewed monthly.");
        await Evidence("164.308(a)(1)(ii)(B)", "Risk register review, last quarter", today.AddDays(-60), EvidenceReviewState.Approved);
        await Implement("164.308(a)(1)(ii)(C)", ImplementationStatus.Implemented, "Sanctions policy in the employee handbook, section 9.");
        await Evidence("164.308(a)(1)(ii)(C)", "Sanctions policy", today.AddDays(-200), EvidenceReviewState.Approved, url: "https://intranet.brightwater.example/policies/sanctions");
        await Implement("164.308(a)(1)(ii)(D)", ImplementationStatus.Implemented, "Weekly review of the Custos audit ledger and cloud audit logs.");
        await Evidence("164.308(a)(1)(ii)(D)", "Log review checklist, last month", today.AddDays(-20), EvidenceReviewState.Approved, "log-review.txt");
        await Implement("164.308(a)(2)", ImplementationStatus.Implemented, "Elena Sokolova designated Security Officer by the board.");
        await Evidence("164.308(a)(2)", "Board resolution designating the Security Officer", today.AddDays(-90), EvidenceReviewState.Approved);
        await Implement("164.312(a)(2)(i)", ImplementationStatus.Implemented, "Every person signs in with their own account; shared accounts are disabled.");
        await Evidence("164.312(a)(2)(i)", "Quarterly user access review", today.AddDays(-45), EvidenceReviewState.Approved, "access-review.txt");

        // The three 164.306(d)(3) decisions.
        await Implement("164.312(a)(2)(iv)", ImplementationStatus.Implemented, "AES-256 at rest for databases, disks and backups; keys in the cloud KMS.");
        await decide.HandleAsync(new RecordAddressableDecisionCommand("164.312(a)(2)(iv)", AddressableDecision.Implemented, "Encryption at rest is standard on our cloud platform at negligible cost.", null, null), cancellationToken);
        await Evidence("164.312(a)(2)(iv)", "Encryption configuration report", today.AddDays(-30), EvidenceReviewState.Approved, "encryption-report.txt");
        await Implement("164.312(a)(2)(iii)", ImplementationStatus.Implemented, "Call-centre kiosks lock when the badge is removed from the reader.");
        await decide.HandleAsync(
            new RecordAddressableDecisionCommand("164.312(a)(2)(iii)", AddressableDecision.AlternativeMeasure,
                "A time-based logoff interrupts nurses mid-call on the shared triage kiosks and was bypassed in practice.",
                "Badge-removal lock on every kiosk, with a 2-minute screen lock on all other workstations.", null),
            cancellationToken);
        await Evidence("164.312(a)(2)(iii)", "Kiosk badge-lock configuration", today.AddDays(-50), EvidenceReviewState.Approved);
        await Implement("164.310(a)(2)(ii)", ImplementationStatus.Implemented, "No Brightwater facility holds ePHI; all systems run in the cloud provider's data centres.");
        await decide.HandleAsync(
            new RecordAddressableDecisionCommand("164.310(a)(2)(ii)", AddressableDecision.NoReasonableAlternative,
                "The company is fully remote and no office stores or processes ePHI, so a facility security plan would protect nothing.",
                null,
                "The cloud provider's facility controls (covered by its SOC 2 report and BAA) protect the only facilities holding ePHI; no alternative measure is reasonable."),
            cancellationToken);
        await Evidence("164.310(a)(2)(ii)", "Cloud provider SOC 2 report (facility controls)", today.AddDays(-100), EvidenceReviewState.Approved, url: "https://trust.cloud-provider.example/soc2");

        // Addressable, implemented, but nobody recorded the decision yet: not met.
        await Implement("164.308(a)(5)(ii)(B)", ImplementationStatus.Implemented, "Endpoint protection on every laptop, managed centrally.");

        // Work in progress.
        await Implement("164.308(a)(7)(ii)(D)", ImplementationStatus.Planned, "First restore test of the contingency plan scheduled for next quarter.");
        await Implement("164.308(a)(5)(ii)(A)", ImplementationStatus.PartiallyImplemented, "Monthly security tips go to engineering only so far.", today.AddDays(-14));
        await Implement("164.308(a)(6)(ii)", ImplementationStatus.Implemented, "Incident response procedure with on-call rotation.");
        await Evidence("164.308(a)(6)(ii)", "Incident response tabletop exercise", today.AddDays(-10), EvidenceReviewState.InReview, "tabletop.txt");

        // Stale: approved long ago, never renewed.
        await Implement("164.308(a)(7)(ii)(A)", ImplementationStatus.Implemented, "Nightly snapshots, 35-day retention, copied to a second region.");
        await Evidence("164.308(a)(7)(ii)(A)", "Backup configuration export", today.AddDays(-420), EvidenceReviewState.Approved, "backup-config.txt");

        return
        [
            "HIPAA posture: 14 requirements recorded, 10 with approved evidence, each kind of addressable decision, work in progress, evidence in review, one stale and one overdue review",
        ];
    }
}
