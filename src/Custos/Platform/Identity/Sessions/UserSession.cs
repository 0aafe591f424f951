using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Custos.Platform.Identity.Sessions;

/// <summary>
/// A signed-in browser session, held on the server so that it can be listed, revoked and timed out
/// (45 CFR 164.312(a)(2)(iii) automatic logoff; ASVS 5.0 V7). The cookie carries only its id.
/// </summary>
internal sealed class UserSession
{
    public Guid Id { get; set; }

    public Guid UserId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset LastSeenAt { get; set; }

    /// <summary>The absolute end, fixed at sign-in; renewal keeps it.</summary>
    public DateTimeOffset ExpiresAt { get; set; }

    /// <summary>When the user last passed a second-factor check in this session (for step-up re-authentication).</summary>
    public DateTimeOffset MfaVerifiedAt { get; set; }

    public DateTimeOffset? EndedAt { get; set; }

    public SessionEndReason? EndReason { get; set; }

    public string? ClientAddress { get; set; }

    public string? UserAgent { get; set; }
}

public enum SessionEndReason
{
    SignedOut,
    Revoked,
    RevokedEverywhere,
    IdleTimeout,
    AbsoluteTimeout,
    Renewed,
    AccountDisabled,
}

internal sealed class UserSessionConfiguration : IEntityTypeConfiguration<UserSession>
{
    public void Configure(EntityTypeBuilder<UserSession> builder)
    {
        builder.ToTable("identity_sessions");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.EndReason).HasConversion<string>().HasMaxLength(30);
        builder.Property(s => s.ClientAddress).HasMaxLength(64);
        builder.Property(s => s.UserAgent).HasMaxLength(256);
        builder.HasIndex(s => new { s.UserId, s.EndedAt });
        builder.HasOne<CustosUser>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
