using Custos.Platform.Crypto;
using Custos.Platform.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Custos.Platform.Persistence;

/// <summary>
/// The one database context. Its entity sets are internal, and hosts never take it as a dependency: they reach data
/// only through handlers and named platform services (an architecture test fails the run otherwise). It is public
/// only because handlers, which are public, receive it from the container. Module tables carry their module's
/// prefix (SQLite has no schemas).
/// </summary>
public sealed class AppDbContext(DbContextOptions<AppDbContext> options)
    : IdentityDbContext<CustosUser, CustosRole, Guid>(options)
{
    internal DbSet<SetupToken> SetupTokens => Set<SetupToken>();


    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);

        builder.Entity<CustosUser>().ToTable("identity_users");
        builder.Entity<CustosRole>().ToTable("identity_roles");
        builder.Entity<IdentityUserRole<Guid>>().ToTable("identity_user_roles");
        builder.Entity<IdentityUserClaim<Guid>>().ToTable("identity_user_claims");
        builder.Entity<IdentityUserLogin<Guid>>().ToTable("identity_user_logins");
        builder.Entity<IdentityUserToken<Guid>>().ToTable("identity_user_tokens");

        // The authenticator (TOTP) secret lives here: encrypted at rest like any other secret.
        builder.Entity<IdentityUserToken<Guid>>().Property(t => t.Value).IsSensitive();
        builder.Entity<IdentityRoleClaim<Guid>>().ToTable("identity_role_claims");

        // Passkeys (WebAuthn credentials), as Identity's schema version 3 stores them. Mapped here rather than by
        // setting the schema version in the host's Identity options, so that the design-time model that migrations
        // are made from is the same as the running one.
        builder.Entity<IdentityUserPasskey<Guid>>(passkey =>
        {
            passkey.ToTable("identity_user_passkeys");
            passkey.HasKey(p => p.CredentialId);
            passkey.Property(p => p.CredentialId).HasMaxLength(1024);
            passkey.HasOne<CustosUser>().WithMany().HasForeignKey(p => p.UserId).IsRequired().OnDelete(DeleteBehavior.Cascade);
            passkey.OwnsOne(p => p.Data).ToJson();
        });

        // Module and platform configurations are found by assembly scan: adding a module adds no line here.
        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);

        // Every property declared sensitive is stored encrypted (45 CFR 164.312(a)(2)(iv)); modules only declare.
        SensitiveDataEncryption.Apply(builder, this);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);

        // Timestamps are UTC DateTimeOffset everywhere. SQLite cannot compare or sort DateTimeOffset text,
        // so there it is stored as a sortable 64-bit number of the UTC instant; PostgreSQL stores timestamptz,
        // which requires offset zero.
        if (Database.IsSqlite())
        {
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcDateTimeOffsetToBinaryConverter>();
        }
        else
        {
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcDateTimeOffsetConverter>();
        }
    }

    /// <summary>
    /// The UTC instant in EF's DateTimeOffsetToBinaryConverter layout (milliseconds-scale ticks shifted left 11 bits,
    /// offset bits zero), so rows written by that converter for UTC values read back unchanged. Unlike it, a value
    /// with a non-zero offset is stored as its instant, so order and comparisons follow time, not wall clocks.
    /// </summary>
    private sealed class UtcDateTimeOffsetToBinaryConverter() : ValueConverter<DateTimeOffset, long>(
        value => (value.UtcTicks / 1000) << 11,
        value => new DateTimeOffset((value >> 11) * 1000, TimeSpan.Zero));

    private sealed class UtcDateTimeOffsetConverter() : ValueConverter<DateTimeOffset, DateTimeOffset>(
        value => value.ToUniversalTime(),
        value => value.ToUniversalTime());
}

/// <summary>
/// One process may hold contexts for both providers (the test suite does); the model differs by provider,
/// so the cache key must include it. It also differs by container: sensitive properties' converters capture
/// that container's key ring.
/// </summary>
internal sealed class ProviderAwareModelCacheKeyFactory : IModelCacheKeyFactory
{
    public object Create(DbContext context, bool designTime) =>
        (context.GetType(), context.Database.ProviderName, designTime, SensitiveDataEncryption.ModelCacheKey(context));
}
