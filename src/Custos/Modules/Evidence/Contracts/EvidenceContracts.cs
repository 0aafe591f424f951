namespace Custos.Modules.Evidence.Contracts;

public enum EvidenceKind
{
    File,
    Link,
    Note,
}

/// <summary>The review of an evidence item. Expired is set by a reviewer or computed (see <c>EvidenceFreshness</c>).</summary>
public enum EvidenceReviewState
{
    Draft,
    InReview,
    Approved,
    Rejected,
    Expired,
}

/// <summary>
/// One evidence version as the requirement rules need it: what it backs, its review, and when it was in force.
/// </summary>
/// <param name="EffectiveFrom">The first day the evidence describes (not the upload date).</param>
/// <param name="EffectiveUntil">The last day it describes, when it has one.</param>
public sealed record EvidenceFact(
    Guid Id,
    Guid SeriesId,
    int Version,
    string Title,
    EvidenceKind Kind,
    IReadOnlyList<string> RequirementKeys,
    EvidenceReviewState State,
    DateOnly EffectiveFrom,
    DateOnly? EffectiveUntil,
    DateTimeOffset UploadedAt,
    DateTimeOffset? ApprovedAt,
    DateTimeOffset? ExpiredAt,
    DateTimeOffset? SupersededAt,
    string? FileSha256,
    string? FileName,
    long? FileLength);

/// <summary>The evidence other modules may read (the Safeguards rules, the auditor packet).</summary>
public interface IEvidenceRecords
{
    /// <summary>Every evidence version mapped to any requirement, uploaded at or before <paramref name="asOf"/> (end of that UTC day).</summary>
    Task<IReadOnlyList<EvidenceFact>> ListAsync(DateOnly asOf, CancellationToken cancellationToken);

    /// <summary>The decrypted content of a file evidence version.</summary>
    Task<Stream> OpenFileAsync(Guid evidenceId, CancellationToken cancellationToken);
}
