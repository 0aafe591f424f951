using Custos.Platform.Persistence;
using Custos.Platform.Security;
using Custos.Platform.Validation;
using Microsoft.EntityFrameworkCore;

namespace Custos.Platform.Identity.ApiKeys;

/// <param name="OverlapHours">How long the old key keeps working beside the new one: 24 hours when not given, at most 168.</param>
public sealed record RotateApiKeyCommand(Guid Id, int? OverlapHours = null);

/// <summary>
/// Replaces a key with a new secret of the same name, scopes and lifetime. The old key keeps working until the
/// overlap ends (or its own expiry, if sooner), so the caller can switch without an outage; then it is refused.
/// </summary>
public sealed class RotateApiKey(AppDbContext db, ISecurityEventSink events, ICurrentActor actor, TimeProvider time)
{
    public async Task<IssuedApiKey> HandleAsync(RotateApiKeyCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (command.OverlapHours is < 0 or > ApiKeyRules.MaximumOverlapHours)
        {
            throw new InvalidRequestException(
                nameof(RotateApiKeyCommand.OverlapHours),
                $"The overlap is 0 to {ApiKeyRules.MaximumOverlapHours} hours (seven days): long enough to deploy the new key, short enough that the old one ends soon.");
        }

        var old = await db.Set<ApiKey>().SingleOrDefaultAsync(k => k.Id == command.Id, cancellationToken)
            ?? throw new RecordNotFoundException("API key", command.Id.ToString());
        var now = time.GetUtcNow();
        var status = old.StatusAt(now);
        if (status != ApiKeyStatus.Active)
        {
            throw new InvalidRequestException(
                nameof(RotateApiKeyCommand.Id),
                status == ApiKeyStatus.Rotating
                    ? $"The key {old.Prefix} was already rotated; rotate its replacement instead."
                    : $"The key {old.Prefix} is {status.ToString().ToLowerInvariant()}; create a new key instead of rotating it.");
        }

        var lifetime = old.ExpiresAt - old.CreatedAt;
        var (prefix, token) = ApiKeyToken.Generate();
        var replacement = new ApiKey(
            Guid.CreateVersion7(now), old.Name, prefix, ApiKeyToken.Hash(token), old.ScopeList, now, now + lifetime, actor.Actor);
        var retiresAt = now.AddHours(command.OverlapHours ?? ApiKeyRules.DefaultOverlapHours);
        old.ReplaceWith(replacement.Id, now, retiresAt < old.ExpiresAt ? retiresAt : old.ExpiresAt);
        db.Add(replacement);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            throw new InvalidRequestException(nameof(RotateApiKeyCommand.Id), "The key was changed (rotated or revoked) by someone else at the same moment; list the keys again and retry if needed.");
        }
        await events.RecordAsync(
            new SecurityEvent("keys.rotate", AuditOutcome.Succeeded)
            {
                ResourceType = "api-key",
                ResourceId = old.Id.ToString(),
                Reason = $"replaced by {replacement.Id}; old key ends {old.EndsAt:yyyy-MM-dd HH:mm} UTC",
            },
            cancellationToken);
        return new IssuedApiKey(replacement.ToView(now), token);
    }
}
