using Custos.Modules.Incidents.Contracts;
using Custos.Platform.Identity;
using Custos.Platform.Jobs;
using Custos.Platform.Notifications;
using Custos.Platform.Persistence;
using Custos.Platform.Validation;
using Microsoft.EntityFrameworkCore;

namespace Custos.Modules.Incidents;

/// <summary>
/// Escalating reminders before each pending obligation's due date (14, 7, 3 and 1 days before, and on the day) and an
/// overdue alert the day after, in-app and by email to the Security and Privacy Officers and in-app to the case
/// owner. Each stage is sent once per obligation (the last stage sent is kept on the obligation's record), so the job
/// can run as often as the scheduler likes. Messages carry the reference, recipient and date, never PHI.
/// </summary>
public sealed class DeadlineReminders(AppDbContext db, GetIncidentObligations obligations, IncidentAlerts alerts, INotifier notifier, TimeProvider time) : IRecurringJob
{
    public const string JobName = "incidents.deadline-reminders";

    /// <summary>Days before the due date at which a reminder goes out; -1 is the overdue alert.</summary>
    public static IReadOnlyList<int> Stages { get; } = [14, 7, 3, 1, 0, -1];

    /// <summary>The stage that applies with <paramref name="daysLeft"/> days left, or null when it is not yet time.</summary>
    public static int? StageFor(int daysLeft) => daysLeft < 0 ? -1 : Stages.Where(s => s >= 0 && daysLeft <= s).Cast<int?>().LastOrDefault();

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var open = await db.Set<Incident>().AsNoTracking().Where(i => i.Status != IncidentStatus.Closed)
            .Select(i => new { i.Id, i.Reference, i.OwnerId }).ToListAsync(cancellationToken);
        foreach (var incident in open)
        {
            IncidentObligations current;
            try
            {
                current = await obligations.HandleAsync(incident.Id, cancellationToken);
            }
            catch (InvalidRequestException)
            {
                continue; // facts incomplete (no organization profile yet): the case page says what to record
            }

            foreach (var obligation in current.Obligations.Where(o => o.Status == ObligationStatus.Pending))
            {
                if (StageFor(obligation.DaysLeft) is not { } stage)
                {
                    continue;
                }

                var record = await db.Set<ObligationRecord>().SingleOrDefaultAsync(r => r.IncidentId == incident.Id && r.Key == obligation.Key, cancellationToken);
                if (record?.LastReminderDays is { } last && last <= stage)
                {
                    continue;
                }

                var now = time.GetUtcNow();
                if (record is null)
                {
                    record = new ObligationRecord(Guid.CreateVersion7(now), incident.Id, obligation.Key, now, Actor.System.DisplayName);
                    db.Add(record);
                }

                record.Reminded(stage);
                var what = $"{Describe(obligation)} for {incident.Reference}";
                var message = stage < 0
                    ? new NotificationMessage($"OVERDUE: {what}", $"The {Describe(obligation)} for {incident.Reference} was due {obligation.DueDate:yyyy-MM-dd} ({obligation.Basis}) and is not recorded as sent. Send it now and record the proof.", $"/incidents/{incident.Id}")
                    : new NotificationMessage($"Due in {obligation.DaysLeft} day(s): {what}", $"The {Describe(obligation)} for {incident.Reference} is due {obligation.DueDate:yyyy-MM-dd} ({obligation.Basis}). {obligation.Reasoning}", $"/incidents/{incident.Id}");
                var entity = await db.Set<Incident>().SingleAsync(i => i.Id == incident.Id, cancellationToken);
                IncidentCase.Log(db, entity, TimelineEntryKind.Obligation, stage < 0 ? $"Overdue alert sent: {Describe(obligation)}." : $"Reminder sent: {Describe(obligation)} due in {obligation.DaysLeft} day(s).", Actor.System, now);
                await db.SaveChangesAsync(cancellationToken);
                await alerts.NotifyOfficersAsync(message, cancellationToken);
                if (incident.OwnerId is { } owner)
                {
                    await notifier.NotifyAsync([owner], message, cancellationToken);
                }
            }
        }
    }

    private static string Describe(IncidentObligationView o) =>
        $"notice to {o.Recipient.ToString().ToLowerInvariant()}" + (o.Jurisdiction is null ? string.Empty : $" ({o.Jurisdiction})") + (o.CoveredEntity is null ? string.Empty : $" ({o.CoveredEntity})");
}
