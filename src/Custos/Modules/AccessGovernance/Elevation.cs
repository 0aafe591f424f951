namespace Custos.Modules.AccessGovernance;

public enum ElevationKind
{
    /// <summary>Just-in-time elevation: asked for, approved by someone else, then in force for a bounded time.</summary>
    Request,

    /// <summary>Emergency access: in force at once, the Security Officer told at once, reviewed afterwards.</summary>
    BreakGlass,
}

public enum ElevationStatus
{
    Pending,

    /// <summary>Not decided within <see cref="ElevationRules.DecisionWindow"/>: it can no longer be approved.</summary>
    Lapsed,
    Rejected,
    Active,
    Expired,
}

public enum BreakGlassReviewState
{
    NotRequired,
    Open,
    Closed,
}

public sealed record ElevationView(
    Guid Id,
    ElevationKind Kind,
    Guid UserId,
    string UserName,
    string RoleName,
    string Justification,
    int DurationMinutes,
    DateTimeOffset RequestedAt,
    ElevationStatus Status,
    DateTimeOffset? DecidedAt,
    string? DecidedBy,
    string? DecisionNote,
    DateTimeOffset? ExpiresAt,
    BreakGlassReviewState Review,
    DateTimeOffset? ReviewedAt,
    string? ReviewedBy,
    string? ReviewFindings);

/// <summary>The limits of temporary access (45 CFR 164.308(a)(4)(ii)(B)-(C), 164.312(a)(2)(ii)).</summary>
public static class ElevationRules
{
    /// <summary>No temporary grant lasts longer than a working shift.</summary>
    public static readonly TimeSpan MaximumDuration = TimeSpan.FromHours(8);

    public static readonly TimeSpan MinimumDuration = TimeSpan.FromMinutes(15);

    /// <summary>A request not decided within a day lapses: an approval should answer a present need.</summary>
    public static readonly TimeSpan DecisionWindow = TimeSpan.FromHours(24);

    public const int MinimumJustificationLength = 20;

    public const int MaximumTextLength = 2000;
}

/// <summary>
/// A temporary role grant and its history: a JIT elevation request or a break-glass use. Rows are never deleted;
/// the decision, expiry and review are recorded on them.
/// </summary>
internal sealed class Elevation
{
    private Elevation()
    {
    }

    private Elevation(Guid id, ElevationKind kind, Guid userId, string userName, string roleName, string justification, int durationMinutes, DateTimeOffset now)
    {
        Id = id;
        Kind = kind;
        UserId = userId;
        UserName = userName;
        RoleName = roleName;
        Justification = justification;
        DurationMinutes = durationMinutes;
        RequestedAt = now;
    }

    public Guid Id { get; private set; }

    public ElevationKind Kind { get; private set; }

    public Guid UserId { get; private set; }

    public string UserName { get; private set; } = string.Empty;

    public string RoleName { get; private set; } = string.Empty;

    public string Justification { get; private set; } = string.Empty;

    public int DurationMinutes { get; private set; }

    public DateTimeOffset RequestedAt { get; private set; }

    /// <summary>Null while pending; true approved (break-glass: granted by itself), false rejected.</summary>
    public bool? Approved { get; private set; }

    public DateTimeOffset? DecidedAt { get; private set; }

    public string? DecidedById { get; private set; }

    public string? DecidedByName { get; private set; }

    public string? DecisionNote { get; private set; }

    public DateTimeOffset? ExpiresAt { get; private set; }

    public BreakGlassReviewState Review { get; private set; }

    public DateTimeOffset? ReviewedAt { get; private set; }

    public string? ReviewedByName { get; private set; }

    public string? ReviewFindings { get; private set; }

    public static Elevation Request(Guid userId, string userName, string roleName, string justification, int durationMinutes, DateTimeOffset now) =>
        new(Guid.CreateVersion7(now), ElevationKind.Request, userId, userName, roleName, justification, durationMinutes, now);

    /// <summary>Break-glass: granted at once, with a review that stays open until someone else closes it.</summary>
    public static Elevation BreakGlass(Guid userId, string userName, string roleName, string reason, int durationMinutes, DateTimeOffset now)
    {
        var elevation = new Elevation(Guid.CreateVersion7(now), ElevationKind.BreakGlass, userId, userName, roleName, reason, durationMinutes, now)
        {
            Approved = true,
            DecidedAt = now,
            DecidedById = userId.ToString(),
            DecidedByName = "Break-glass (no approval)",
            ExpiresAt = now.AddMinutes(durationMinutes),
            Review = BreakGlassReviewState.Open,
        };
        return elevation;
    }

    public ElevationStatus StatusAt(DateTimeOffset now) => Approved switch
    {
        null => RequestedAt + ElevationRules.DecisionWindow <= now ? ElevationStatus.Lapsed : ElevationStatus.Pending,
        false => ElevationStatus.Rejected,
        true => ExpiresAt > now ? ElevationStatus.Active : ElevationStatus.Expired,
    };

    public void Approve(string approverId, string approverName, string? note, DateTimeOffset now)
    {
        Decide(true, approverId, approverName, note, now);
        ExpiresAt = now.AddMinutes(DurationMinutes);
    }

    public void Reject(string approverId, string approverName, string? note, DateTimeOffset now) => Decide(false, approverId, approverName, note, now);

    public void CloseReview(string reviewerName, string findings, DateTimeOffset now)
    {
        Review = BreakGlassReviewState.Closed;
        ReviewedAt = now;
        ReviewedByName = reviewerName;
        ReviewFindings = findings;
    }

    public ElevationView ToView(DateTimeOffset now) => new(
        Id, Kind, UserId, UserName, RoleName, Justification, DurationMinutes, RequestedAt, StatusAt(now), DecidedAt, DecidedByName,
        DecisionNote, ExpiresAt, Review, ReviewedAt, ReviewedByName, ReviewFindings);

    private void Decide(bool approved, string approverId, string approverName, string? note, DateTimeOffset now)
    {
        Approved = approved;
        DecidedAt = now;
        DecidedById = approverId;
        DecidedByName = approverName;
        DecisionNote = note;
    }
}
