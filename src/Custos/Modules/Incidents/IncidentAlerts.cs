using Custos.Modules.Organization.Contracts;
using Custos.Platform.Authorization;
using Custos.Platform.Notifications;
using Custos.Platform.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Custos.Modules.Incidents;

/// <summary>Who the officers are, as Custos users (in-app) and as email addresses.</summary>
internal sealed record OfficerRecipients(IReadOnlyList<Guid> UserIds, IReadOnlyList<string> Emails);

/// <summary>
/// Tells the designated Security and Privacy Officers (45 CFR 164.308(a)(2), 164.530(a)) something about an incident,
/// in-app and by email. The designation's email reaches the officer even without a Custos account; when an officer
/// role is not designated, the holders of the matching built-in role are told instead. Messages never carry PHI.
/// </summary>
public sealed class IncidentAlerts(AppDbContext db, IOfficerDirectory officers, INotifier notifier, IEmailSender email, TimeProvider time)
{
    internal async Task<OfficerRecipients> FindOfficersAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var userIds = new List<Guid>();
        var emails = new List<string>();
        foreach (var (role, roleName) in new[] { (OfficerRole.SecurityOfficer, BuiltInRoles.SecurityOfficer), (OfficerRole.PrivacyOfficer, BuiltInRoles.PrivacyOfficer) })
        {
            var officer = await officers.CurrentAsync(role, cancellationToken);
            if (officer is not null)
            {
                emails.Add(officer.Email);
                var normalized = officer.Email.Trim().ToUpperInvariant();
                userIds.AddRange(await db.Users
                    .Where(u => u.NormalizedEmail == normalized && u.DisabledAt == null && (u.AccessEndsAt == null || u.AccessEndsAt > now))
                    .Select(u => u.Id).ToListAsync(cancellationToken));
                continue;
            }

            var holders = await (
                from userRole in db.Set<IdentityUserRole<Guid>>()
                join r in db.Roles on userRole.RoleId equals r.Id
                join u in db.Users on userRole.UserId equals u.Id
                where r.Name == roleName && u.DisabledAt == null && (u.AccessEndsAt == null || u.AccessEndsAt > now)
                select new { u.Id, u.Email }).ToListAsync(cancellationToken);
            userIds.AddRange(holders.Select(h => h.Id));
            emails.AddRange(holders.Where(h => h.Email != null).Select(h => h.Email!));
        }

        return new OfficerRecipients(
            userIds.Distinct().ToList(),
            emails.Distinct(StringComparer.OrdinalIgnoreCase).ToList());
    }

    /// <summary>Sends <paramref name="message"/> to the officers in-app and by email; returns how many were reached.</summary>
    public async Task<int> NotifyOfficersAsync(NotificationMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var recipients = await FindOfficersAsync(cancellationToken);
        await notifier.NotifyAsync(recipients.UserIds, message, cancellationToken);
        if (recipients.Emails.Count > 0)
        {
            await email.SendAsync(new EmailMessage(recipients.Emails, message.Title, message.Body + (message.Link is null ? string.Empty : $"\n\nOpen it in Custos: {message.Link}")), cancellationToken);
        }

        return recipients.UserIds.Count + recipients.Emails.Count;
    }
}
