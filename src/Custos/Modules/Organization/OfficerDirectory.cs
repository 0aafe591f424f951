using Custos.Modules.Organization.Contracts;
using Custos.Platform.Authorization;
using Custos.Platform.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Custos.Modules.Organization;

internal sealed class OfficerDirectory(AppDbContext db, TimeProvider time) : IOfficerDirectory
{
    public async Task<OfficerView?> CurrentAsync(OfficerRole role, CancellationToken cancellationToken)
    {
        var designation = await db.Set<OfficerDesignation>().AsNoTracking()
            .SingleOrDefaultAsync(d => d.Role == role && d.EndedOn == null, cancellationToken);
        return designation?.ToView();
    }

    public async Task<OfficerAccounts> SecurityOfficerAccountsAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var officer = await CurrentAsync(OfficerRole.SecurityOfficer, cancellationToken);
        if (officer is not null)
        {
            var email = officer.Email.Trim().ToUpperInvariant();
            var designated = await db.Users
                .Where(u => u.NormalizedEmail == email && u.DisabledAt == null && (u.AccessEndsAt == null || u.AccessEndsAt > now))
                .Select(u => u.Id).ToListAsync(cancellationToken);
            if (designated.Count > 0)
            {
                return new OfficerAccounts(designated, "designated Security Officer");
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
                return new OfficerAccounts(holders, $"holders of the {role} role");
            }
        }

        return new OfficerAccounts([], "nobody found");
    }
}
