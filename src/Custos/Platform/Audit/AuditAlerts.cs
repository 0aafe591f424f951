using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Custos.Platform.Persistence;
using Custos.Platform.Security;
using Microsoft.EntityFrameworkCore;

namespace Custos.Platform.Audit;

public enum AuditAlertRule
{
    BreakGlass,
    RepeatedFailedSignIns,
    OutsideHours,
    BulkReads,
    BulkExports,
    VerificationFailed,
}

/// <summary>An alert raised over the ledger stream: an in-app notification until acknowledged (45 CFR 164.308(a)(1)(ii)(D), 164.308(a)(6)(ii)).</summary>
internal sealed class AuditAlert
{
    private AuditAlert()
    {
        Message = string.Empty;
    }

    public long Id { get; private set; }

    public DateTimeOffset RaisedAt { get; private set; }

    public AuditAlertRule Rule { get; private set; }

    public string Message { get; private set; }

    public string? ActorId { get; private set; }

    public long? Sequence { get; private set; }

    public DateTimeOffset? AcknowledgedAt { get; private set; }

    public string? AcknowledgedBy { get; private set; }

    public static AuditAlert Raise(AuditAlertRule rule, string message, string? actorId, long? sequence, DateTimeOffset now) => new()
    {
        Rule = rule,
        Message = message.Length > 1000 ? message[..1000] : message,
        ActorId = actorId,
        Sequence = sequence,
        RaisedAt = now,
    };

    public void Acknowledge(string by, DateTimeOffset now)
    {
        AcknowledgedAt ??= now;
        AcknowledgedBy ??= by;
    }

    public AuditAlertView ToView() => new(Id, RaisedAt, Rule, Message, ActorId, Sequence, AcknowledgedAt, AcknowledgedBy);
}

public sealed record AuditAlertView(long Id, DateTimeOffset RaisedAt, AuditAlertRule Rule, string Message, string? ActorId, long? Sequence, DateTimeOffset? AcknowledgedAt, string? AcknowledgedBy);

/// <summary>Alert thresholds, section <c>Audit:Alerts</c>.</summary>
public sealed class AuditAlertOptions
{
    public int FailedSignInThreshold { get; set; } = 5;

    public TimeSpan FailedSignInWindow { get; set; } = TimeSpan.FromMinutes(15);

    public int BulkReadThreshold { get; set; } = 100;

    public TimeSpan BulkReadWindow { get; set; } = TimeSpan.FromMinutes(5);

    public int ExportThreshold { get; set; } = 3;

    public TimeSpan ExportWindow { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Start of working hours (UTC); reads of sensitive records outside them alert. Null turns the rule off.</summary>
    public TimeOnly? WorkingHoursStart { get; set; }

    public TimeOnly? WorkingHoursEnd { get; set; }

    /// <summary>Receives every alert as JSON, signed: <c>X-Custos-Signature: sha256=HMAC-SHA256(secret, body)</c> in hex.</summary>
    public Uri? WebhookUrl { get; set; }

    public string? WebhookSecret { get; set; }

    public bool IsOutsideWorkingHours(DateTimeOffset time)
    {
        if (WorkingHoursStart is not { } start || WorkingHoursEnd is not { } end)
        {
            return false;
        }

        var t = TimeOnly.FromTimeSpan(time.ToUniversalTime().TimeOfDay);
        return start <= end ? t < start || t >= end : t < start && t >= end;
    }
}

/// <summary>Delivers alerts outside the database; the web host posts them to the configured webhook.</summary>
public interface IAuditAlertNotifier
{
    Task NotifyAsync(AuditAlertView alert, CancellationToken cancellationToken);
}

/// <summary>The signed webhook body and header both ends compute the same way.</summary>
public static class AuditWebhookSignature
{
    public const string Header = "X-Custos-Signature";

    public static byte[] Body(AuditAlertView alert) => JsonSerializer.SerializeToUtf8Bytes(new
    {
        id = alert.Id,
        raisedAt = alert.RaisedAt.ToString(AuditEntryContent.TimeFormat, CultureInfo.InvariantCulture),
        rule = alert.Rule.ToString(),
        message = alert.Message,
        actorId = alert.ActorId,
        sequence = alert.Sequence,
    });

    public static string Sign(string secret, byte[] body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));
}

/// <summary>
/// The rules over the stream, applied by the sequencer to each batch it integrates (so each entry is judged once,
/// by one process): break-glass use, repeated failed sign-ins, reads outside working hours, bulk reads and bulk
/// exports over their thresholds. Counting rules fire when the count reaches the threshold, not on every entry after.
/// </summary>
internal static class AuditAlertRules
{
    public static async Task<List<AuditAlert>> EvaluateAsync(AppDbContext db, IReadOnlyList<AuditEntry> batch, AuditAlertOptions options, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var alerts = new List<AuditAlert>();
        foreach (var e in batch)
        {
            if (e.Action.Contains("break-glass", StringComparison.OrdinalIgnoreCase))
            {
                alerts.Add(AuditAlert.Raise(AuditAlertRule.BreakGlass, $"Break-glass access by {e.ActorName} ({e.ActorId}) to {e.ResourceType} {e.ResourceId}. Reason given: {e.Reason ?? "none"}.", e.ActorId, e.Sequence, now));
            }

            if (e.Action == AuditActions.RecordRead && options.IsOutsideWorkingHours(e.RecordedAt))
            {
                alerts.Add(AuditAlert.Raise(AuditAlertRule.OutsideHours, $"{e.ActorName} ({e.ActorId}) read {e.ResourceType} {e.ResourceId} at {e.RecordedAt:HH:mm} UTC, outside working hours.", e.ActorId, e.Sequence, now));
            }
        }

        // 45 CFR 164.308(a)(5)(ii)(C): log-in monitoring, counted per account named (the resource of the sign-in).
        // Counting rules query once per account or actor in the batch, not once per entry: the count before the
        // batch plus the batch's own entries in order.
        var failedSignIns = batch.Where(e => e.Action == "auth.sign-in" && e.Outcome != AuditOutcome.Succeeded).ToList();
        foreach (var group in failedSignIns.GroupBy(e => e.ResourceId))
        {
            var first = group.First();
            var since = first.RecordedAt - options.FailedSignInWindow;
            var before = await CountBeforeAsync(
                db.Set<AuditEntry>().Where(x => x.Action == "auth.sign-in" && x.Outcome != AuditOutcome.Succeeded && x.ResourceId == group.Key && x.RecordedAt > since && x.Sequence < first.Sequence),
                options.FailedSignInThreshold,
                cancellationToken);
            if (Crossing(group.ToList(), before, options.FailedSignInThreshold, options.FailedSignInWindow) is { } e)
            {
                alerts.Add(AuditAlert.Raise(AuditAlertRule.RepeatedFailedSignIns, $"{options.FailedSignInThreshold} failed sign-ins for account {e.ResourceId} within {options.FailedSignInWindow.TotalMinutes:0} minutes; the last from {e.ClientAddress ?? "an unknown address"}.", e.ActorId, e.Sequence, now));
            }
        }

        foreach (var (action, rule, threshold, window) in new[]
        {
            (AuditActions.RecordRead, AuditAlertRule.BulkReads, options.BulkReadThreshold, options.BulkReadWindow),
            (AuditActions.LedgerExported, AuditAlertRule.BulkExports, options.ExportThreshold, options.ExportWindow),
        })
        {
            foreach (var group in batch.Where(e => e.Action == action).GroupBy(e => e.ActorId))
            {
                var first = group.First();
                var since = first.RecordedAt - window;
                var before = await CountBeforeAsync(
                    db.Set<AuditEntry>().Where(x => x.Action == action && x.ActorId == group.Key && x.RecordedAt > since && x.Sequence < first.Sequence),
                    threshold,
                    cancellationToken);
                if (Crossing(group.ToList(), before, threshold, window) is { } e)
                {
                    alerts.Add(AuditAlert.Raise(rule, $"{e.ActorName} ({e.ActorId}) reached {threshold} {(rule == AuditAlertRule.BulkReads ? "record reads" : "exports")} within {window.TotalMinutes:0} minutes.", e.ActorId, e.Sequence, now));
                }
            }
        }

        return alerts;
    }

    /// <summary>
    /// How many matching entries precede the batch, counted only up to the threshold (a count at or above it means
    /// the rule already fired): newest first, so a busy actor costs <paramref name="threshold"/> index rows, not the
    /// whole window, on every round.
    /// </summary>
    private static Task<int> CountBeforeAsync(IQueryable<AuditEntry> matching, int threshold, CancellationToken cancellationToken) =>
        matching.OrderByDescending(x => x.Sequence).Take(threshold).CountAsync(cancellationToken);

    /// <summary>
    /// The entry at which the count within the window reaches the threshold, if one does in this batch.
    /// <paramref name="before"/> counts matching entries before the batch within the window of its first entry.
    /// </summary>
    private static AuditEntry? Crossing(List<AuditEntry> entries, int before, int threshold, TimeSpan window)
    {
        var windowStart = 0;
        for (var i = 0; i < entries.Count; i++)
        {
            while (entries[i].RecordedAt - entries[windowStart].RecordedAt >= window)
            {
                windowStart++;
            }

            // Earlier entries count only while the batch's first entry is within the window of this one.
            var carried = entries[i].RecordedAt - entries[0].RecordedAt < window ? before : 0;
            var count = carried + (i - windowStart + 1);
            var previous = i == 0 ? before : (entries[i - 1].RecordedAt - entries[0].RecordedAt < window ? before : 0) + (i - PreviousStart(entries, i - 1, window));
            if (count >= threshold && previous < threshold)
            {
                return entries[i];
            }
        }

        return null;
    }

    private static int PreviousStart(List<AuditEntry> entries, int index, TimeSpan window)
    {
        var start = 0;
        while (entries[index].RecordedAt - entries[start].RecordedAt >= window)
        {
            start++;
        }

        return start;
    }
}

/// <summary>Alerts for the in-app list: newest first; acknowledging records who did it.</summary>
public sealed class AuditAlertInbox(AppDbContext db, TimeProvider time)
{
    public async Task<IReadOnlyList<AuditAlertView>> ListAsync(bool openOnly, int limit, CancellationToken cancellationToken)
    {
        var query = db.Set<AuditAlert>().AsNoTracking();
        if (openOnly)
        {
            query = query.Where(a => a.AcknowledgedAt == null);
        }

        var rows = await query.OrderByDescending(a => a.Id).Take(Math.Clamp(limit, 1, 500)).ToListAsync(cancellationToken);
        return rows.Select(a => a.ToView()).ToList();
    }

    public Task<int> CountOpenAsync(CancellationToken cancellationToken) =>
        db.Set<AuditAlert>().CountAsync(a => a.AcknowledgedAt == null, cancellationToken);

    public async Task AcknowledgeAsync(long id, Identity.Actor by, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(by);
        var alert = await db.Set<AuditAlert>().SingleOrDefaultAsync(a => a.Id == id, cancellationToken)
            ?? throw new Validation.RecordNotFoundException("alert", id.ToString(CultureInfo.InvariantCulture));
        alert.Acknowledge(by.DisplayName, time.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
    }
}
