using Custos.Modules.Incidents.Contracts;

namespace Custos.Modules.Incidents;

/// <summary>
/// The breach determination of 45 CFR 164.402 for one incident, kept as the burden-of-proof record of 164.414(b):
/// the three exceptions, whether the PHI was secured, the four-factor risk assessment with a rating and rationale
/// for each factor, and the outcome. Signed off by a Privacy Officer who did not write it; immutable once signed (a
/// revision is a new assessment with the next version number, and the signed one stays as it was).
/// </summary>
internal sealed class BreachAssessment
{
    private BreachAssessment()
    {
        AuthorId = string.Empty;
        AuthorName = string.Empty;
        NatureRationale = string.Empty;
        RecipientRationale = string.Empty;
        AcquiredRationale = string.Empty;
        MitigationRationale = string.Empty;
    }

    public BreachAssessment(Guid id, Guid incidentId, int version, RecordBreachAssessmentCommand c, BreachOutcome outcome, string authorId, string authorName, DateTimeOffset writtenAt)
        : this()
    {
        Id = id;
        IncidentId = incidentId;
        Version = version;
        WorkforceGoodFaithException = c.WorkforceGoodFaith;
        AuthorizedPersonException = c.InadvertentBetweenAuthorizedPersons;
        CouldNotRetainException = c.RecipientCouldNotRetain;
        ExceptionRationale = c.ExceptionRationale?.Trim();
        Security = c.Security;
        SecurityRationale = c.SecurityRationale?.Trim();
        NatureRating = c.NatureAndExtent.Rating;
        NatureRationale = c.NatureAndExtent.Rationale.Trim();
        RecipientRating = c.UnauthorizedPerson.Rating;
        RecipientRationale = c.UnauthorizedPerson.Rationale.Trim();
        AcquiredRating = c.AcquiredOrViewed.Rating;
        AcquiredRationale = c.AcquiredOrViewed.Rationale.Trim();
        MitigationRating = c.Mitigation.Rating;
        MitigationRationale = c.Mitigation.Rationale.Trim();
        Outcome = outcome;
        AuthorId = authorId;
        AuthorName = authorName;
        WrittenAt = writtenAt;
    }

    public Guid Id { get; private set; }

    public Guid IncidentId { get; private set; }

    public int Version { get; private set; }

    /// <summary>164.402(1)(i): unintentional, good-faith acquisition, access or use by a workforce member within scope.</summary>
    public bool WorkforceGoodFaithException { get; private set; }

    /// <summary>164.402(1)(ii): inadvertent disclosure between persons authorized at the same CE, BA or OHCA.</summary>
    public bool AuthorizedPersonException { get; private set; }

    /// <summary>164.402(1)(iii): good-faith belief the recipient could not reasonably have retained it.</summary>
    public bool CouldNotRetainException { get; private set; }

    public string? ExceptionRationale { get; private set; }

    public PhiSecurity Security { get; private set; }

    public string? SecurityRationale { get; private set; }

    /// <summary>164.402(2)(i): nature and extent of the PHI, identifiers, likelihood of re-identification.</summary>
    public RiskRating NatureRating { get; private set; }

    public string NatureRationale { get; private set; }

    /// <summary>164.402(2)(ii): the unauthorized person who used the PHI or to whom it was disclosed.</summary>
    public RiskRating RecipientRating { get; private set; }

    public string RecipientRationale { get; private set; }

    /// <summary>164.402(2)(iii): whether the PHI was actually acquired or viewed.</summary>
    public RiskRating AcquiredRating { get; private set; }

    public string AcquiredRationale { get; private set; }

    /// <summary>164.402(2)(iv): the extent to which the risk has been mitigated.</summary>
    public RiskRating MitigationRating { get; private set; }

    public string MitigationRationale { get; private set; }

    public BreachOutcome Outcome { get; private set; }

    public string AuthorId { get; private set; }

    public string AuthorName { get; private set; }

    public DateTimeOffset WrittenAt { get; private set; }

    public string? SignedById { get; private set; }

    public string? SignedByName { get; private set; }

    public DateTimeOffset? SignedAt { get; private set; }

    public bool IsSigned => SignedAt is not null;

    public void SignOff(string userId, string name, DateTimeOffset now)
    {
        if (IsSigned)
        {
            throw new InvalidOperationException("A signed assessment is immutable.");
        }

        SignedById = userId;
        SignedByName = name;
        SignedAt = now;
    }
}

/// <summary>What Custos keeps per computed obligation: its status and the proof of sending (164.414(b)).</summary>
internal sealed class ObligationRecord
{
    private ObligationRecord()
    {
        Key = string.Empty;
        UpdatedBy = string.Empty;
    }

    public ObligationRecord(Guid id, Guid incidentId, string key, DateTimeOffset now, string by)
    {
        Id = id;
        IncidentId = incidentId;
        Key = key;
        Status = ObligationStatus.Pending;
        UpdatedAt = now;
        UpdatedBy = by;
    }

    public Guid Id { get; private set; }

    public Guid IncidentId { get; private set; }

    /// <summary>Which obligation: recipient, jurisdiction and covered entity, for example "individuals" or "state_regulator:TX".</summary>
    public string Key { get; private set; }

    public ObligationStatus Status { get; private set; }

    public DateOnly? SentOn { get; private set; }

    public string? Method { get; private set; }

    public string? Reference { get; private set; }

    public string? Note { get; private set; }

    /// <summary>The last reminder stage sent for it (days before the due date; negative = overdue), so each is sent once.</summary>
    public int? LastReminderDays { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public string UpdatedBy { get; private set; }

    public void Record(ObligationStatus status, DateOnly? sentOn, string? method, string? reference, string? note, string by, DateTimeOffset now)
    {
        Status = status;
        SentOn = status == ObligationStatus.Sent ? sentOn : null;
        Method = status == ObligationStatus.Sent ? method?.Trim() : null;
        Reference = status == ObligationStatus.Sent ? reference?.Trim() : null;
        Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        UpdatedBy = by;
        UpdatedAt = now;
    }

    public void Reminded(int days) => LastReminderDays = days;
}
