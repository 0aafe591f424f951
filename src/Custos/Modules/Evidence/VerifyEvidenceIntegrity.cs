using Custos.Modules.Evidence.Contracts;
using Custos.Modules.Organization.Contracts;
using Custos.Platform.Files;
using Custos.Platform.Jobs;
using Custos.Platform.Notifications;
using Custos.Platform.Persistence;
using Custos.Platform.Security;
using Microsoft.EntityFrameworkCore;

namespace Custos.Modules.Evidence;

/// <summary>
/// Re-hashes every stored evidence file (45 CFR 164.312(c)(1): protect ePHI and the records that prove compliance from
/// improper alteration). A file that is missing, fails authentication or hashes to another value raises a finding,
/// records a security event and notifies the Security Officer in the app; the same problem is raised once, not on
/// every run.
/// </summary>
public sealed class VerifyEvidenceIntegrity(AppDbContext db, FileStore files, INotifier notifier, IOfficerDirectory officers, ISecurityEventSink events, TimeProvider time)
{
    public async Task<EvidenceIntegrityReport> HandleAsync(CancellationToken cancellationToken)
    {
        var stored = await db.Set<EvidenceItem>().AsNoTracking().Where(e => e.FileSha256 != null)
            .Select(e => new { e.Id, Sha = e.FileSha256! }).ToListAsync(cancellationToken);
        var bySha = stored.GroupBy(f => f.Sha, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        var problems = new List<EvidenceIntegrityProblem>();
        foreach (var group in bySha)
        {
            var check = await files.VerifyAsync(group.Key, cancellationToken);
            if (check.Result != FileIntegrity.Intact)
            {
                problems.Add(new EvidenceIntegrityProblem(group.Key, check.Result.ToString(), check.Detail ?? string.Empty, [.. group.Select(g => g.Id).Order()]));
            }
        }

        var now = time.GetUtcNow();
        var raised = new List<EvidenceIntegrityProblem>();
        foreach (var problem in problems)
        {
            var known = await db.Set<EvidenceIntegrityFinding>().AnyAsync(f => f.FileSha256 == problem.FileSha256 && f.Result == problem.Result, cancellationToken);
            if (!known)
            {
                db.Add(new EvidenceIntegrityFinding(Guid.CreateVersion7(now), problem.FileSha256, problem.Result, problem.Detail, now));
                raised.Add(problem);
            }
        }

        if (raised.Count > 0)
        {
            await db.SaveChangesAsync(cancellationToken);
            foreach (var problem in raised)
            {
                await events.RecordAsync(
                    new SecurityEvent("evidence.integrity", AuditOutcome.Failed)
                    {
                        ResourceType = "evidence-file",
                        ResourceId = problem.FileSha256,
                        Reason = $"{problem.Result}: {problem.Detail}",
                    },
                    cancellationToken);
            }

            var recipients = (await officers.SecurityOfficerAccountsAsync(cancellationToken)).UserIds;
            await notifier.NotifyAsync(
                recipients,
                new NotificationMessage(
                    "Evidence files failed their integrity check",
                    $"{raised.Count} stored evidence file(s) are missing or altered. Restore the files folder from a backup and re-run `custos evidence verify`.",
                    "/compliance"),
                cancellationToken);
        }

        return new EvidenceIntegrityReport(bySha.Count, bySha.Count - problems.Count, problems);
    }
}

/// <summary>
/// The scheduled form of <see cref="VerifyEvidenceIntegrity"/>, run daily by Platform/Jobs (each run in its own scope;
/// with PostgreSQL one node of the cluster runs each firing). 45 CFR 164.312(c)(1).
/// </summary>
public sealed class EvidenceIntegrityJob(VerifyEvidenceIntegrity verify) : IRecurringJob
{
    public const string Name = "evidence.integrity";

    public async Task RunAsync(CancellationToken cancellationToken) => await verify.HandleAsync(cancellationToken);
}
