using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Custos.Platform.Identity.Users;

/// <summary>
/// A one-time link with which a new user chooses their password (then enrols MFA at first sign-in). Only the
/// SHA-256 hash of its 256-bit token is stored; it lasts <see cref="UserRules.ActivationLifetime"/> and works once.
/// </summary>
internal sealed class AccountActivation
{
    private AccountActivation()
    {
    }

    public AccountActivation(Guid id, Guid userId, string tokenHash, DateTimeOffset createdAt, DateTimeOffset expiresAt)
    {
        Id = id;
        UserId = userId;
        TokenHash = tokenHash;
        CreatedAt = createdAt;
        ExpiresAt = expiresAt;
    }

    public Guid Id { get; private set; }

    public Guid UserId { get; private set; }

    public string TokenHash { get; private set; } = string.Empty;

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset ExpiresAt { get; private set; }

    public DateTimeOffset? UsedAt { get; private set; }

    public static (string Token, string Hash) NewToken()
    {
        var token = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        return (token, Hash(token));
    }

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token.Trim())));
}

internal sealed class AccountActivationConfiguration : IEntityTypeConfiguration<AccountActivation>
{
    public void Configure(EntityTypeBuilder<AccountActivation> builder)
    {
        builder.ToTable("identity_account_activations");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.TokenHash).HasMaxLength(64).IsRequired();
        builder.HasIndex(a => a.TokenHash).IsUnique();
        builder.HasIndex(a => a.UserId);
    }
}
