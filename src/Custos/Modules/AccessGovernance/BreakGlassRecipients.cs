using Custos.Modules.Organization.Contracts;
using Custos.Platform.Authorization;
using Custos.Platform.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Custos.Modules.AccessGovernance;

/// <summary>Who is told of a break-glass use, and how they were found.</summary>
public sealed record BreakGlassRecipientList(IReadOnlyList<Guid> UserIds, string FoundBy);

/// <summary>
/// Finds the Security Officer to tell (45 CFR 164.308(a)(2)): the user whose email is the current designation's; when
/// the designation names nobody with an account, every enabled user holding the Security Officer role; when there is
/// none, every Administrator, so that a break-glass use is never told to nobody.
/// </summary>
public sealed class BreakGlassRecipients(AppDbContext db, IOfficerDirectory officers, TimeProvider time)
{
    internal async Task<BreakGlassRecipientList> FindAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var officer = await officers.CurrentAsync(OfficerRole.SecurityOfficer, cancellationToken);
        if (officer is not null)
        {
            var email = officer.Email.Trim().ToUpperInvariant();
            var designated = await db.Users
                .Where(u => u.NormalizedEmail == email && u.DisabledAt == null && (u.AccessEndsAt == null || u.AccessEndsAt > now))
                .Select(u => u.Id).ToListAsync(cancellationToken);
            if (designated.Count > 0)
            {
                return new BreakGlassRecipientList(designated, "designated Security Officer");
            }
        }

        foreach (var role in new[] { BuiltInRoles.SecurityOfficer, BuiltInRoles.Administrator })
        {
            var holders = await (
                from userRole in db.Set<IdentityUserRole<Guid>>()
                join r in db.Roles on userRole.RoleId equals r.Id
                join u in db.Users on userRole.UserId equals u.Id
                where r.Name == role && u.DisabledAt == null && (u.AccessEndsAt == null || u.AccessEndsAt > now)
                select u.Id).ToListAsync(cancellationToken);
            if (holders.Count > 0)
            {
                return new BreakGlassRecipientList(holders, $"holders of the {role} role");
            }
        }

        return new BreakGlassRecipientList([], "nobody found");
    }
}
