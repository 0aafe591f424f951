using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Custos.Platform.Identity.ApiKeys;

/// <summary>
/// An API key: the credential of a service account (a script, a CI job, an integration). Only the SHA-256 hash of
/// the secret is stored, with the visible prefix that finds it; the secret itself is shown once at creation.
/// </summary>
internal sealed class ApiKey
{
    private ApiKey()
    {
    }

    public ApiKey(Guid id, string name, string prefix, byte[] secretHash, IEnumerable<string> scopes, DateTimeOffset createdAt, DateTimeOffset expiresAt, Actor createdBy)
    {
        Id = id;
        Name = name;
        Prefix = prefix;
        SecretHash = secretHash;
        Scopes = string.Join(' ', scopes);
        CreatedAt = createdAt;
        ExpiresAt = expiresAt;
        CreatedById = createdBy.ToString();
        CreatedByName = createdBy.DisplayName;
    }

    public Guid Id { get; private set; }

    public string Name { get; private set; } = string.Empty;

    public string Prefix { get; private set; } = string.Empty;

    public byte[] SecretHash { get; private set; } = [];

    /// <summary>Permissions of the catalog, separated by spaces.</summary>
    public string Scopes { get; private set; } = string.Empty;

    public DateTimeOffset CreatedAt { get; private set; }

    public string CreatedById { get; private set; } = string.Empty;

    public string CreatedByName { get; private set; } = string.Empty;

    public DateTimeOffset ExpiresAt { get; private set; }

    public DateTimeOffset? RevokedAt { get; private set; }

    public string? RevokedByName { get; private set; }

    /// <summary>When the key was rotated; it keeps working until <see cref="RetiresAt"/>.</summary>
    public DateTimeOffset? RotatedAt { get; private set; }

    /// <summary>The end of the rotation overlap: after it, the key is refused.</summary>
    public DateTimeOffset? RetiresAt { get; private set; }

    public Guid? ReplacedById { get; private set; }

    public DateTimeOffset? LastUsedAt { get; private set; }

    public string? LastUsedFrom { get; private set; }

    public IReadOnlyList<string> ScopeList => Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>When the key stops working: its expiry, or the end of its rotation overlap if sooner.</summary>
    public DateTimeOffset EndsAt => RetiresAt is { } retires && retires < ExpiresAt ? retires : ExpiresAt;

    public ApiKeyStatus StatusAt(DateTimeOffset now) =>
        RevokedAt is not null ? ApiKeyStatus.Revoked
        : EndsAt <= now ? (RotatedAt is not null ? ApiKeyStatus.Retired : ApiKeyStatus.Expired)
        : RotatedAt is not null ? ApiKeyStatus.Rotating
        : ApiKeyStatus.Active;

    public void Revoke(DateTimeOffset now, Actor by)
    {
        RevokedAt = now;
        RevokedByName = by.DisplayName;
    }

    public void ReplaceWith(Guid replacementId, DateTimeOffset now, DateTimeOffset retiresAt)
    {
        RotatedAt = now;
        RetiresAt = retiresAt;
        ReplacedById = replacementId;
    }

    public ApiKeyView ToView(DateTimeOffset now) => new(
        Id, Name, Prefix, ScopeList, StatusAt(now), CreatedAt, CreatedByName, ExpiresAt, EndsAt, RevokedAt, RevokedByName,
        RotatedAt, ReplacedById, LastUsedAt, LastUsedFrom);
}

internal sealed class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKey> builder)
    {
        builder.ToTable("identity_api_keys");
        builder.HasKey(k => k.Id);
        builder.Property(k => k.Name).HasMaxLength(ApiKeyRules.MaximumNameLength).IsRequired();
        builder.Property(k => k.Prefix).HasMaxLength(ApiKeyToken.PrefixLength).IsRequired();
        builder.HasIndex(k => k.Prefix).IsUnique();
        builder.Property(k => k.SecretHash).HasMaxLength(32).IsRequired();
        builder.Property(k => k.Scopes).HasMaxLength(2000).IsRequired();
        builder.Property(k => k.CreatedById).HasMaxLength(120).IsRequired();
        builder.Property(k => k.CreatedByName).HasMaxLength(200).IsRequired();
        builder.Property(k => k.RevokedByName).HasMaxLength(200);
        builder.Property(k => k.LastUsedFrom).HasMaxLength(64);

        // A rotation and a revocation (or two rotations) at once: only the first update matches the state it read.
        builder.Property(k => k.RevokedAt).IsConcurrencyToken();
        builder.Property(k => k.RotatedAt).IsConcurrencyToken();
        builder.Ignore(k => k.ScopeList);
        builder.Ignore(k => k.EndsAt);
    }
}
