namespace Custos.Modules.Evidence.Contracts;

public sealed record EvidenceView(
    Guid Id,
    Guid SeriesId,
    int Version,
    EvidenceKind Kind,
    string Title,
    string? Description,
    string? Url,
    string? FileSha256,
    string? FileName,
    string? ContentType,
    long? FileLength,
    DateOnly EffectiveFrom,
    DateOnly? EffectiveUntil,
    DateTimeOffset UploadedAt,
    string UploadedBy,
    EvidenceReviewState State,
    DateTimeOffset? ApprovedAt,
    string? ReviewedBy,
    string? ReviewNote,
    DateTimeOffset? SupersededAt,
    Guid? SupersededById,
    DateOnly? RetainUntil,
    IReadOnlyList<string> RequirementKeys)
{
    public bool IsCurrentVersion => SupersededAt is null;
}

/// <summary>The result of one integrity run over every stored evidence file.</summary>
public sealed record EvidenceIntegrityReport(int FilesChecked, int Intact, IReadOnlyList<EvidenceIntegrityProblem> Problems);

public sealed record EvidenceIntegrityProblem(string FileSha256, string Result, string Detail, IReadOnlyList<Guid> EvidenceIds);
