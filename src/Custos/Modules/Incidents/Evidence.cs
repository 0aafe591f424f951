namespace Custos.Modules.Incidents;

/// <summary>
/// An item of evidence with its chain of custody (45 CFR 164.308(a)(6)(ii) documentation; 164.316(b)): who collected
/// it, when, its SHA-256 (of an uploaded file streamed through the hash, or as measured for a physical or external
/// item), and every hand-over in <see cref="EvidenceCustodyTransfer"/>. The file itself is not stored by Custos.
/// </summary>
internal sealed class EvidenceItem
{
    private EvidenceItem()
    {
        Description = string.Empty;
        CollectedBy = string.Empty;
        Sha256 = string.Empty;
        Custodian = string.Empty;
        RecordedBy = string.Empty;
    }

    public EvidenceItem(Guid id, Guid incidentId, string description, string collectedBy, DateTimeOffset collectedAt, string sha256,
        string? fileName, long? sizeBytes, string custodian, string recordedBy, DateTimeOffset recordedAt)
        : this()
    {
        Id = id;
        IncidentId = incidentId;
        Description = description;
        CollectedBy = collectedBy;
        CollectedAt = collectedAt;
        Sha256 = sha256;
        FileName = fileName;
        SizeBytes = sizeBytes;
        Custodian = custodian;
        RecordedBy = recordedBy;
        RecordedAt = recordedAt;
    }

    public Guid Id { get; private set; }

    public Guid IncidentId { get; private set; }

    public string Description { get; private set; }

    public string CollectedBy { get; private set; }

    public DateTimeOffset CollectedAt { get; private set; }

    /// <summary>Lower-case hex SHA-256 of the item's content.</summary>
    public string Sha256 { get; private set; }

    /// <summary>The uploaded file's name, when the hash was computed from an upload; null for a physical or external item.</summary>
    public string? FileName { get; private set; }

    public long? SizeBytes { get; private set; }

    /// <summary>Who holds it now.</summary>
    public string Custodian { get; private set; }

    public string RecordedBy { get; private set; }

    public DateTimeOffset RecordedAt { get; private set; }

    public void HandTo(string custodian) => Custodian = custodian;
}

/// <summary>One hand-over of an evidence item: from whom, to whom, when and why. Never changed or deleted.</summary>
internal sealed class EvidenceCustodyTransfer
{
    private EvidenceCustodyTransfer()
    {
        From = string.Empty;
        To = string.Empty;
        Reason = string.Empty;
        RecordedBy = string.Empty;
    }

    public EvidenceCustodyTransfer(Guid id, Guid evidenceId, string from, string to, DateTimeOffset at, string reason, string recordedBy)
    {
        Id = id;
        EvidenceId = evidenceId;
        From = from;
        To = to;
        At = at;
        Reason = reason;
        RecordedBy = recordedBy;
    }

    public Guid Id { get; private set; }

    public Guid EvidenceId { get; private set; }

    public string From { get; private set; }

    public string To { get; private set; }

    public DateTimeOffset At { get; private set; }

    public string Reason { get; private set; }

    public string RecordedBy { get; private set; }
}
