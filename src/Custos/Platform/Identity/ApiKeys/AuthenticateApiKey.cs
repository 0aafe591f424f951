using Custos.Platform.Persistence;
using Custos.Platform.Security;
using Microsoft.EntityFrameworkCore;

namespace Custos.Platform.Identity.ApiKeys;

public enum ApiKeyRefusal
{
    Malformed,
    Unknown,
    Revoked,
    Expired,
}

/// <summary>The outcome of presenting a key: the key's identity and scopes, or why it was refused.</summary>
public sealed record ApiKeyAuthentication(Guid? KeyId, string? Name, IReadOnlyList<string> Scopes, ApiKeyRefusal? Refusal)
{
    public bool Succeeded => Refusal is null;

    /// <summary>The actor that requests made with the key act as (a service account).</summary>
    public Actor? Actor => KeyId is { } id ? new Actor(ActorKind.ApiKey, id.ToString(), Name ?? id.ToString()) : null;
}

/// <summary>
/// Checks a presented bearer token on every request (45 CFR 164.312(d)): well-formed, known by its prefix, the
/// hash equal in constant time, not revoked, not past its expiry or rotation overlap. Records last use (at most once
/// a minute per key and address) and every refusal as a security event, without the secret.
/// </summary>
public sealed class AuthenticateApiKey(AppDbContext db, ISecurityEventSink events, TimeProvider time)
{
    public async Task<ApiKeyAuthentication> HandleAsync(string presentedToken, string? clientAddress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(presentedToken);
        var prefix = ApiKeyToken.PrefixOf(presentedToken);
        if (prefix is null)
        {
            return await RefuseAsync(ApiKeyRefusal.Malformed, null, null, cancellationToken);
        }

        var key = await db.Set<ApiKey>().AsNoTracking().SingleOrDefaultAsync(k => k.Prefix == prefix, cancellationToken);
        if (key is null || !ApiKeyToken.Matches(key.SecretHash, presentedToken))
        {
            return await RefuseAsync(ApiKeyRefusal.Unknown, key, prefix, cancellationToken);
        }

        var now = time.GetUtcNow();
        var status = key.StatusAt(now);
        if (status == ApiKeyStatus.Revoked)
        {
            return await RefuseAsync(ApiKeyRefusal.Revoked, key, prefix, cancellationToken);
        }

        if (status is ApiKeyStatus.Expired or ApiKeyStatus.Retired)
        {
            return await RefuseAsync(ApiKeyRefusal.Expired, key, prefix, cancellationToken);
        }

        if (key.LastUsedAt is not { } lastUsed || now - lastUsed >= ApiKeyRules.LastUseWriteInterval || key.LastUsedFrom != clientAddress)
        {
            var address = clientAddress is { Length: > 64 } ? clientAddress[..64] : clientAddress;
            await db.Set<ApiKey>().Where(k => k.Id == key.Id)
                .ExecuteUpdateAsync(set => set.SetProperty(k => k.LastUsedAt, now).SetProperty(k => k.LastUsedFrom, address), cancellationToken);
            await events.RecordAsync(
                new SecurityEvent("keys.use", AuditOutcome.Succeeded)
                {
                    ResourceType = "api-key",
                    ResourceId = key.Id.ToString(),
                    Actor = new Actor(ActorKind.ApiKey, key.Id.ToString(), key.Name),
                },
                cancellationToken);
        }

        return new ApiKeyAuthentication(key.Id, key.Name, key.ScopeList, null);
    }

    private async Task<ApiKeyAuthentication> RefuseAsync(ApiKeyRefusal refusal, ApiKey? key, string? prefix, CancellationToken cancellationToken)
    {
        await events.RecordAsync(
            new SecurityEvent("keys.use", AuditOutcome.Denied)
            {
                ResourceType = "api-key",
                ResourceId = key?.Id.ToString() ?? (prefix is null ? null : $"prefix:{prefix}"),
                Reason = refusal.ToString().ToLowerInvariant(),
                Actor = key is null ? Actor.Anonymous : new Actor(ActorKind.ApiKey, key.Id.ToString(), key.Name),
            },
            cancellationToken);
        return new ApiKeyAuthentication(null, null, [], refusal);
    }
}
