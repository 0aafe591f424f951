namespace Custos.Platform.Identity.ApiKeys;

public enum ApiKeyStatus
{
    Active,

    /// <summary>Rotated: still accepted until the overlap ends, so callers can switch to the replacement.</summary>
    Rotating,
    Expired,

    /// <summary>Rotated and past the overlap.</summary>
    Retired,
    Revoked,
}

/// <summary>An API key as listed: never its secret.</summary>
public sealed record ApiKeyView(
    Guid Id,
    string Name,
    string Prefix,
    IReadOnlyList<string> Scopes,
    ApiKeyStatus Status,
    DateTimeOffset CreatedAt,
    string CreatedBy,
    DateTimeOffset ExpiresAt,
    DateTimeOffset EndsAt,
    DateTimeOffset? RevokedAt,
    string? RevokedBy,
    DateTimeOffset? RotatedAt,
    Guid? ReplacedById,
    DateTimeOffset? LastUsedAt,
    string? LastUsedFrom)
{
    /// <summary>Whether the key is accepted now.</summary>
    public bool IsUsable => Status is ApiKeyStatus.Active or ApiKeyStatus.Rotating;
}

/// <summary>A new key and its secret: the only time the secret exists outside the caller's hands.</summary>
/// <param name="Secret">The full bearer token (<c>custos_&lt;prefix&gt;_&lt;secret&gt;</c>): show it once, never store it.</param>
public sealed record IssuedApiKey(ApiKeyView Key, string Secret);

public static class ApiKeyRules
{
    /// <summary>Without a stated expiry a key lives 90 days.</summary>
    public const int DefaultLifetimeDays = 90;

    /// <summary>No key lives longer than a year: a forgotten key ends by itself (45 CFR 164.308(a)(4)(ii)(C)).</summary>
    public const int MaximumLifetimeDays = 365;

    public const int DefaultOverlapHours = 24;

    public const int MaximumOverlapHours = 7 * 24;

    public const int MaximumNameLength = 100;

    /// <summary>Last use is written at most once a minute per key and address, so a busy key does not write on every request.</summary>
    public static readonly TimeSpan LastUseWriteInterval = TimeSpan.FromMinutes(1);
}
