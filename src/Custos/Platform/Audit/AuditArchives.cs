using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Custos.Platform.Audit;

/// <summary>
/// A segment of the ledger moved to an archive folder and removed from <c>audit_entries</c> (ADR 0006): entries
/// [<see cref="FromSequence"/>, <see cref="ThroughSequence"/>), which end at a signed checkpoint whose root is
/// <see cref="RootHash"/>, and the SHA-256 of the archive's manifest (which holds the SHA-256 of every other file).
/// The same facts are in the ledger itself, as the <see cref="AuditActions.LedgerArchived"/> entry written in the
/// removal's transaction. Never updated or deleted.
/// </summary>
internal sealed class AuditArchiveRecord
{
    public const int LocationLength = 500;
    public const int FileHashesLength = 2000;

    private AuditArchiveRecord()
    {
        ManifestSha256 = FileHashes = Location = ArchivedBy = string.Empty;
        RootHash = [];
    }

    public long Id { get; private set; }

    public long FromSequence { get; private set; }

    /// <summary>The end, exclusive: the size of the checkpoint that covers the segment.</summary>
    public long ThroughSequence { get; private set; }

    public byte[] RootHash { get; private set; }

    /// <summary>Lower-case hex SHA-256 of <c>manifest.json</c>.</summary>
    public string ManifestSha256 { get; private set; }

    /// <summary>Every archive file with its SHA-256, one <c>name sha256</c> per line (sha256sum's order swapped).</summary>
    public string FileHashes { get; private set; }

    public DateTimeOffset OldestRecordedAt { get; private set; }

    public DateTimeOffset NewestRecordedAt { get; private set; }

    public DateTimeOffset ArchivedAt { get; private set; }

    public string ArchivedBy { get; private set; }

    /// <summary>Where the archive was written, as given to the command (a path on the archiving host).</summary>
    public string Location { get; private set; }

    public long EntryCount => ThroughSequence - FromSequence;

    public static AuditArchiveRecord Create(ArchiveManifest manifest, string manifestSha256, DateTimeOffset oldest, DateTimeOffset newest, DateTimeOffset archivedAt, string archivedBy, string location)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var files = string.Concat(manifest.Files.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => $"{f.Key} {f.Value}\n"));
        return new AuditArchiveRecord
        {
            FromSequence = manifest.From,
            ThroughSequence = manifest.Through,
            RootHash = manifest.RootHash,
            ManifestSha256 = manifestSha256,
            FileHashes = files.Length > FileHashesLength ? files[..FileHashesLength] : files,
            OldestRecordedAt = oldest,
            NewestRecordedAt = newest,
            ArchivedAt = archivedAt,
            ArchivedBy = AuditEntry.Clean(archivedBy, AuditEntry.NameLength)!,
            Location = location.Length > LocationLength ? location[..LocationLength] : location,
        };
    }

    public ArchiveRecordView ToView() => new(FromSequence, ThroughSequence, Convert.ToBase64String(RootHash), ManifestSha256, OldestRecordedAt, NewestRecordedAt, ArchivedAt, ArchivedBy, Location);
}

/// <summary>An archive record as pages, the API and the CLI show it.</summary>
public sealed record ArchiveRecordView(
    long FromSequence,
    long ThroughSequence,
    string RootHash,
    string ManifestSha256,
    DateTimeOffset OldestRecordedAt,
    DateTimeOffset NewestRecordedAt,
    DateTimeOffset ArchivedAt,
    string ArchivedBy,
    string Location)
{
    public long EntryCount => ThroughSequence - FromSequence;
}

internal sealed class AuditArchiveRecordConfiguration : IEntityTypeConfiguration<AuditArchiveRecord>
{
    public void Configure(EntityTypeBuilder<AuditArchiveRecord> builder)
    {
        builder.ToTable("audit_archives");
        builder.HasKey(a => a.Id);

        // Segments chain: each starts where the previous ended, so two archivers racing cannot both record one start.
        builder.HasIndex(a => a.FromSequence).IsUnique();
        builder.HasIndex(a => a.ThroughSequence).IsUnique();
        builder.Ignore(a => a.EntryCount);
        builder.Property(a => a.RootHash).IsRequired();
        builder.Property(a => a.ManifestSha256).HasMaxLength(64).IsRequired();
        builder.Property(a => a.FileHashes).HasMaxLength(AuditArchiveRecord.FileHashesLength).IsRequired();
        builder.Property(a => a.ArchivedBy).HasMaxLength(AuditEntry.NameLength).IsRequired();
        builder.Property(a => a.Location).HasMaxLength(AuditArchiveRecord.LocationLength).IsRequired();
    }
}
