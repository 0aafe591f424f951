using Custos.Platform.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Custos.Modules.Incidents;

/// <summary>An account that may own a case: its id, the name people know it by, and its email to tell namesakes apart.</summary>
public sealed record IncidentOwnerCandidate(Guid Id, string Name, string Email);

/// <summary>
/// The accounts <see cref="AssignIncidentOwner"/> accepts as an owner: enabled, and with access that has not ended
/// (45 CFR 164.308(a)(3)(ii)(C): no work goes to someone whose access was terminated), by name.
/// </summary>
public sealed class ListIncidentOwnerCandidates(AppDbContext db, TimeProvider time)
{
    public async Task<IReadOnlyList<IncidentOwnerCandidate>> HandleAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var users = await db.Users.AsNoTracking()
            .Where(u => u.DisabledAt == null && (u.AccessEndsAt == null || u.AccessEndsAt > now))
            .Select(u => new { u.Id, u.DisplayName, u.Email })
            .ToListAsync(cancellationToken);
        return users
            .Select(u => new IncidentOwnerCandidate(u.Id, string.IsNullOrWhiteSpace(u.DisplayName) ? u.Email ?? string.Empty : u.DisplayName, u.Email ?? string.Empty))
            .OrderBy(u => u.Name, StringComparer.OrdinalIgnoreCase)
            .ThenBy(u => u.Email, StringComparer.OrdinalIgnoreCase)
            .ToList();
    }
}
