using Custos.Platform.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Custos.Platform.Identity.ApiKeys;

/// <summary>Every API key, usable ones first, newest first within each group. Never a secret.</summary>
public sealed class ListApiKeys(AppDbContext db, TimeProvider time)
{
    public async Task<IReadOnlyList<ApiKeyView>> HandleAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var keys = await db.Set<ApiKey>().AsNoTracking().ToListAsync(cancellationToken);
        return keys.Select(k => k.ToView(now))
            .OrderBy(k => k.IsUsable ? 0 : 1)
            .ThenByDescending(k => k.CreatedAt)
            .ToList();
    }
}
