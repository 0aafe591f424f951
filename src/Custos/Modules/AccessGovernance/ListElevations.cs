using Custos.Platform.Identity;
using Custos.Platform.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Custos.Modules.AccessGovernance;

public enum ElevationListScope
{
    /// <summary>The signed-in person's own requests and break-glass uses.</summary>
    Mine,

    /// <summary>Requests awaiting a decision, other people's only (nobody decides their own).</summary>
    AwaitingDecision,

    /// <summary>Break-glass uses whose review is open, other people's only.</summary>
    OpenReviews,

    /// <summary>The whole history.</summary>
    All,
}

/// <summary>Elevations and break-glass uses, newest first (at most <see cref="Limit"/>).</summary>
public sealed class ListElevations(AppDbContext db, ICurrentActor actor, TimeProvider time)
{
    public const int Limit = 200;

    public async Task<IReadOnlyList<ElevationView>> HandleAsync(ElevationListScope scope, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        Guid? me = actor.Actor.Kind == ActorKind.User && Guid.TryParse(actor.Actor.Id, out var id) ? id : null;
        var query = db.Set<Elevation>().AsNoTracking();
        query = scope switch
        {
            ElevationListScope.Mine => query.Where(e => e.UserId == me),
            ElevationListScope.AwaitingDecision => query.Where(e => e.Approved == null && e.UserId != me && e.Kind == ElevationKind.Request),
            ElevationListScope.OpenReviews => query.Where(e => e.Review == BreakGlassReviewState.Open && e.UserId != me),
            _ => query,
        };
        var rows = await query.OrderByDescending(e => e.Id).Take(Limit).ToListAsync(cancellationToken);
        var views = rows.Select(e => e.ToView(now));
        return (scope == ElevationListScope.AwaitingDecision ? views.Where(v => v.Status == ElevationStatus.Pending) : views).ToList();
    }
}
