using Custos.Platform.Persistence;
using Custos.Platform.Security;
using Custos.Platform.Validation;
using Microsoft.EntityFrameworkCore;

namespace Custos.Platform.Identity.ApiKeys;

/// <summary>
/// Revokes a key: the next request that presents it is refused (the key is looked up on every request, nothing
/// is cached). 45 CFR 164.308(a)(3)(ii)(C) and (a)(4)(ii)(C): access ends when it is no longer authorized.
/// </summary>
public sealed class RevokeApiKey(AppDbContext db, ISecurityEventSink events, ICurrentActor actor, TimeProvider time)
{
    public async Task<ApiKeyView> HandleAsync(Guid id, CancellationToken cancellationToken)
    {
        var key = await db.Set<ApiKey>().SingleOrDefaultAsync(k => k.Id == id, cancellationToken)
            ?? throw new RecordNotFoundException("API key", id.ToString());
        var now = time.GetUtcNow();
        if (key.RevokedAt is { } revokedAt)
        {
            throw new InvalidRequestException("Id", $"The key {key.Prefix} was already revoked on {revokedAt:yyyy-MM-dd HH:mm} UTC by {key.RevokedByName}.");
        }

        key.Revoke(now, actor.Actor);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            throw new InvalidRequestException("Id", "The key was changed (rotated or revoked) by someone else at the same moment; list the keys again and retry if needed.");
        }
        await events.RecordAsync(
            new SecurityEvent("keys.revoke", AuditOutcome.Succeeded) { ResourceType = "api-key", ResourceId = key.Id.ToString(), Reason = key.Name },
            cancellationToken);
        return key.ToView(now);
    }
}
