using Custos.Modules.Evidence.Contracts;
using Custos.Platform.Files;
using Custos.Platform.Persistence;
using Custos.Platform.Validation;
using Microsoft.EntityFrameworkCore;

namespace Custos.Modules.Evidence;

/// <summary>Evidence for the requirement rules and the auditor packet.</summary>
internal sealed class EvidenceRecords(AppDbContext db, FileStore files) : IEvidenceRecords
{
    public async Task<IReadOnlyList<EvidenceFact>> ListAsync(DateOnly asOf, CancellationToken cancellationToken)
    {
        var endOfDay = new DateTimeOffset(asOf.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var items = await db.Set<EvidenceItem>().AsNoTracking().Include(e => e.Requirements).Where(e => e.UploadedAt < endOfDay).ToListAsync(cancellationToken);
        return [.. items.OrderBy(e => e.UploadedAt).ThenBy(e => e.Id).Select(e => e.ToFact())];
    }

    public async Task<Stream> OpenFileAsync(Guid evidenceId, CancellationToken cancellationToken)
    {
        var sha = await db.Set<EvidenceItem>().AsNoTracking().Where(e => e.Id == evidenceId).Select(e => e.FileSha256).FirstOrDefaultAsync(cancellationToken)
            ?? throw new RecordNotFoundException("evidence file", evidenceId.ToString());
        return await files.OpenReadAsync(sha, cancellationToken);
    }
}

/// <summary>The file of an evidence version, for download: its name, type and a stream that decrypts as it is read.</summary>
public sealed record EvidenceDownload(string FileName, string ContentType, long Length, Stream Content);

public sealed class DownloadEvidenceFile(AppDbContext db, FileStore files)
{
    public async Task<EvidenceDownload> HandleAsync(Guid evidenceId, CancellationToken cancellationToken)
    {
        var item = await db.Set<EvidenceItem>().AsNoTracking().FirstOrDefaultAsync(e => e.Id == evidenceId, cancellationToken);
        if (item?.FileSha256 is not { } sha)
        {
            throw new RecordNotFoundException("evidence file", evidenceId.ToString());
        }

        return new EvidenceDownload(item.FileName ?? "evidence.bin", item.ContentType ?? "application/octet-stream", item.FileLength ?? 0, await files.OpenReadAsync(sha, cancellationToken));
    }
}
