using Custos.Modules.Evidence.Contracts;
using Custos.Platform.Identity;
using Custos.Platform.Persistence;
using Custos.Platform.Validation;
using Microsoft.EntityFrameworkCore;

namespace Custos.Modules.Evidence;

public enum EvidenceReviewAction
{
    /// <summary>Draft → in review.</summary>
    Submit,

    /// <summary>In review → approved.</summary>
    Approve,

    /// <summary>In review → rejected.</summary>
    Reject,

    /// <summary>Approved → expired (no longer shows what it showed).</summary>
    Expire,
}

public sealed record ReviewEvidenceCommand(Guid EvidenceId, EvidenceReviewAction Action, string? Note = null);

/// <summary>
/// Moves an evidence version through its review: draft → in review → approved or rejected; approved → expired.
/// Only the review changes; the content never does.
/// </summary>
public sealed class ReviewEvidence(AppDbContext db, TimeProvider time, ICurrentActor actor)
{
    public async Task<EvidenceView> HandleAsync(ReviewEvidenceCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (command.Note is { Length: > 2000 })
        {
            throw new InvalidRequestException(nameof(command.Note), "Keep the review note under 2000 characters.");
        }

        var item = await db.Set<EvidenceItem>().Include(e => e.Requirements).FirstOrDefaultAsync(e => e.Id == command.EvidenceId, cancellationToken)
            ?? throw new RecordNotFoundException("evidence", command.EvidenceId.ToString());
        var (from, verb) = command.Action switch
        {
            EvidenceReviewAction.Submit => (EvidenceReviewState.Draft, "submitted for review"),
            EvidenceReviewAction.Approve => (EvidenceReviewState.InReview, "approved"),
            EvidenceReviewAction.Reject => (EvidenceReviewState.InReview, "rejected"),
            EvidenceReviewAction.Expire => (EvidenceReviewState.Approved, "expired"),
            _ => throw new InvalidRequestException(nameof(command.Action), "Choose submit, approve, reject or expire."),
        };
        if (item.State != from)
        {
            throw new InvalidRequestException(nameof(command.Action), $"This evidence is {Describe(item.State)}; only evidence that is {Describe(from)} can be {verb}.");
        }

        if (item.SupersededAt is not null && command.Action != EvidenceReviewAction.Expire)
        {
            throw new InvalidRequestException(nameof(command.Action), $"Version {item.Version} has been superseded; review the latest version instead.");
        }

        var now = time.GetUtcNow();
        var note = string.IsNullOrWhiteSpace(command.Note) ? null : command.Note.Trim();
        switch (command.Action)
        {
            case EvidenceReviewAction.Submit:
                item.Submit(now);
                break;
            case EvidenceReviewAction.Approve:
                item.Approve(now, actor.Actor.DisplayName, note);
                break;
            case EvidenceReviewAction.Reject:
                item.Reject(now, actor.Actor.DisplayName, note);
                break;
            default:
                item.Expire(now, actor.Actor.DisplayName, note);
                break;
        }

        await db.SaveChangesAsync(cancellationToken);
        return item.ToView();
    }

    internal static string Describe(EvidenceReviewState state) => state switch
    {
        EvidenceReviewState.InReview => "in review",
        _ => state.ToString().ToLowerInvariant(),
    };
}
