using Custos.Platform.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Custos.Modules.Privacy.Persistence;

internal sealed class PseudonymConfiguration : IEntityTypeConfiguration<Pseudonym>
{
    public void Configure(EntityTypeBuilder<Pseudonym> builder)
    {
        builder.ToTable("privacy_pseudonyms");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Code).HasMaxLength(Pseudonym.CodeLength).IsRequired();
        builder.Property(p => p.Type).HasMaxLength(Pseudonym.TypeLength).IsRequired();

        // 45 CFR 164.514(c)(2): the way back from a code is kept apart and protected: encrypted at rest, every read audited.
        builder.Property(p => p.Value).IsRequired().IsSensitive();
        builder.Property(p => p.DataSet).HasMaxLength(Pseudonym.DataSetLength).IsRequired();
        builder.Property(p => p.RecordedBy).HasMaxLength(200).IsRequired();
        builder.HasIndex(p => p.Code).IsUnique();
    }
}
