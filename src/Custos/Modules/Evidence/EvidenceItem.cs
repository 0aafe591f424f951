using Custos.Modules.Evidence.Contracts;

namespace Custos.Modules.Evidence;

/// <summary>
/// One version of an evidence item. Its content (title, file, link or note, effective period, requirements) never
/// changes: a correction is a new version of the same series that supersedes this one. Only the review moves
/// (draft → in review → approved or rejected; approved → expired), and supersession is recorded, never a deletion.
/// A superseded version is kept six years (45 CFR 164.316(b)(2)(i), 164.530(j)(2)).
/// </summary>
internal sealed class EvidenceItem
{
    /// <summary>45 CFR 164.316(b)(2)(i), 164.530(j)(2): six years from the date it was last in effect.</summary>
    public const int RetentionYears = 6;

    private readonly List<EvidenceRequirement> requirements = [];

    private EvidenceItem()
    {
        Title = string.Empty;
        UploadedBy = string.Empty;
    }

    public EvidenceItem(Guid id, Guid seriesId, int version, EvidenceContent content, IEnumerable<string> requirementKeys, DateTimeOffset now, string by)
    {
        ArgumentNullException.ThrowIfNull(content);
        Id = id;
        SeriesId = seriesId;
        Version = version;
        Kind = content.Kind;
        Title = content.Title;
        Description = content.Description;
        Url = content.Url;
        FileSha256 = content.FileSha256;
        FileName = content.FileName;
        ContentType = content.ContentType;
        FileLength = content.FileLength;
        EffectiveFrom = content.EffectiveFrom;
        EffectiveUntil = content.EffectiveUntil;
        UploadedAt = now;
        UploadedBy = by;
        State = EvidenceReviewState.Draft;
        requirements.AddRange(requirementKeys.Distinct(StringComparer.Ordinal).Select(k => new EvidenceRequirement(id, k)));
    }

    public Guid Id { get; private set; }

    /// <summary>The logical item; every version of it shares this id.</summary>
    public Guid SeriesId { get; private set; }

    public int Version { get; private set; }

    public EvidenceKind Kind { get; private set; }

    public string Title { get; private set; }

    public string? Description { get; private set; }

    public string? Url { get; private set; }

    public string? FileSha256 { get; private set; }

    public string? FileName { get; private set; }

    public string? ContentType { get; private set; }

    public long? FileLength { get; private set; }

    public DateOnly EffectiveFrom { get; private set; }

    public DateOnly? EffectiveUntil { get; private set; }

    public DateTimeOffset UploadedAt { get; private set; }

    public string UploadedBy { get; private set; }

    public EvidenceReviewState State { get; private set; }

    public DateTimeOffset? SubmittedAt { get; private set; }

    public DateTimeOffset? ApprovedAt { get; private set; }

    public DateTimeOffset? RejectedAt { get; private set; }

    public DateTimeOffset? ExpiredAt { get; private set; }

    public string? ReviewedBy { get; private set; }

    public string? ReviewNote { get; private set; }

    public DateTimeOffset? SupersededAt { get; private set; }

    public Guid? SupersededById { get; private set; }

    /// <summary>No deletion before this date: six years after it was superseded.</summary>
    public DateOnly? RetainUntil { get; private set; }

    public IReadOnlyList<EvidenceRequirement> Requirements => requirements;

    public void Submit(DateTimeOffset now)
    {
        State = EvidenceReviewState.InReview;
        SubmittedAt = now;
    }

    public void Approve(DateTimeOffset now, string by, string? note)
    {
        State = EvidenceReviewState.Approved;
        ApprovedAt = now;
        ReviewedBy = by;
        ReviewNote = note;
    }

    public void Reject(DateTimeOffset now, string by, string? note)
    {
        State = EvidenceReviewState.Rejected;
        RejectedAt = now;
        ReviewedBy = by;
        ReviewNote = note;
    }

    public void Expire(DateTimeOffset now, string by, string? note)
    {
        State = EvidenceReviewState.Expired;
        ExpiredAt = now;
        ReviewedBy = by;
        ReviewNote = note;
    }

    public void SupersedeBy(Guid newer, DateTimeOffset now)
    {
        SupersededAt = now;
        SupersededById = newer;
        RetainUntil = DateOnly.FromDateTime(now.UtcDateTime).AddYears(RetentionYears);
    }

    public EvidenceFact ToFact() => new(
        Id, SeriesId, Version, Title, Kind, [.. requirements.Select(r => r.RequirementKey).Order(StringComparer.Ordinal)], State, EffectiveFrom, EffectiveUntil,
        UploadedAt, ApprovedAt, ExpiredAt, SupersededAt, FileSha256, FileName, FileLength);

    public EvidenceView ToView() => new(
        Id, SeriesId, Version, Kind, Title, Description, Url, FileSha256, FileName, ContentType, FileLength, EffectiveFrom, EffectiveUntil,
        UploadedAt, UploadedBy, State, ApprovedAt, ReviewedBy, ReviewNote, SupersededAt, SupersededById, RetainUntil,
        [.. requirements.Select(r => r.RequirementKey).Order(StringComparer.Ordinal)]);
}

/// <summary>The immutable content of one evidence version.</summary>
internal sealed record EvidenceContent(
    EvidenceKind Kind,
    string Title,
    string? Description,
    string? Url,
    string? FileSha256,
    string? FileName,
    string? ContentType,
    long? FileLength,
    DateOnly EffectiveFrom,
    DateOnly? EffectiveUntil);

/// <summary>Which requirement an evidence version backs (fixed with the version).</summary>
internal sealed class EvidenceRequirement
{
    private EvidenceRequirement()
    {
        RequirementKey = string.Empty;
    }

    public EvidenceRequirement(Guid evidenceId, string requirementKey)
    {
        EvidenceId = evidenceId;
        RequirementKey = requirementKey;
    }

    public Guid EvidenceId { get; private set; }

    public string RequirementKey { get; private set; }
}

/// <summary>A stored evidence file that failed its re-hash: raised by <see cref="VerifyEvidenceIntegrity"/>.</summary>
internal sealed class EvidenceIntegrityFinding
{
    private EvidenceIntegrityFinding()
    {
        FileSha256 = string.Empty;
        Detail = string.Empty;
    }

    public EvidenceIntegrityFinding(Guid id, string fileSha256, string result, string detail, DateTimeOffset detectedAt)
    {
        Id = id;
        FileSha256 = fileSha256;
        Result = result;
        Detail = detail;
        DetectedAt = detectedAt;
    }

    public Guid Id { get; private set; }

    public string FileSha256 { get; private set; }

    public string Result { get; private set; } = string.Empty;

    public string Detail { get; private set; }

    public DateTimeOffset DetectedAt { get; private set; }
}
