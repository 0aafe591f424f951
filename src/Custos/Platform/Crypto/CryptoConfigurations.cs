using Custos.Platform.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Custos.Platform.Crypto;

internal sealed class DataKeyConfiguration : IEntityTypeConfiguration<DataKey>
{
    public void Configure(EntityTypeBuilder<DataKey> builder)
    {
        builder.ToTable("platform_data_keys");
        builder.HasKey(k => k.Id);
        builder.Property(k => k.Purpose).HasConversion<string>().HasMaxLength(40);
        builder.Property(k => k.State).HasConversion<string>().HasMaxLength(20);
        builder.Property(k => k.KeyEncryptionKeyId).HasMaxLength(64).IsRequired();
        builder.Ignore(k => k.Wrapped);

        // One active key per purpose, even when two nodes race to create the first one.
        builder.HasIndex(k => k.Purpose).IsUnique().HasFilter("state = 'Active'").HasDatabaseName("ux_platform_data_keys_one_active");
    }
}

internal sealed class DataProtectionKeyRecordConfiguration : IEntityTypeConfiguration<DataProtectionKeyRecord>
{
    public void Configure(EntityTypeBuilder<DataProtectionKeyRecord> builder)
    {
        builder.ToTable("platform_data_protection_keys");
        builder.HasKey(k => k.Id);
        builder.Property(k => k.FriendlyName).HasMaxLength(200).IsRequired();
        builder.Property(k => k.Xml).IsRequired().IsSensitive();
    }
}
