using Custos.Platform.Authorization;
using Custos.Platform.Persistence;
using Custos.Platform.Security;
using Custos.Platform.Validation;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace Custos.Modules.AccessGovernance;

/// <param name="Findings">What the reviewer found: was the emergency real, was the access used only for it, what follows.</param>
public sealed record CloseBreakGlassReviewCommand(Guid Id, string Findings);

/// <summary>
/// Closes the post-use review of a break-glass use with findings (45 CFR 164.308(a)(1)(ii)(D): information system
/// activity review). The reviewer needs elevation.approve and is never the person who broke the glass.
/// </summary>
public sealed class CloseBreakGlassReview(AppDbContext db, AccessRequester reviewer, ISecurityEventSink events, TimeProvider time)
{
    private static readonly Validator Rules = new();

    public async Task<ElevationView> HandleAsync(CloseBreakGlassReviewCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        await Rules.ValidateOrThrowAsync(command, cancellationToken);
        var elevation = await db.Set<Elevation>().SingleOrDefaultAsync(e => e.Id == command.Id && e.Kind == ElevationKind.BreakGlass, cancellationToken)
            ?? throw new RecordNotFoundException("break-glass use", command.Id.ToString());
        try
        {
            SegregationOfDuties.EnsureNotSelfApproval(elevation.UserId.ToString(), reviewer.Actor, "the review of this break-glass use");
            await reviewer.RequirePermissionAsync(Permissions.ElevationApprove, "a break-glass review", cancellationToken);
        }
        catch (InvalidRequestException refused)
        {
            await events.RecordAsync(
                new SecurityEvent("break-glass.review", AuditOutcome.Denied)
                {
                    ResourceType = "elevation",
                    ResourceId = elevation.Id.ToString(),
                    Reason = refused.Errors.Values.SelectMany(m => m).First(),
                },
                cancellationToken);
            throw;
        }

        if (elevation.Review == BreakGlassReviewState.Closed)
        {
            throw new InvalidRequestException(nameof(command.Id), $"This review was already closed by {elevation.ReviewedByName} on {elevation.ReviewedAt:yyyy-MM-dd}.");
        }

        var now = time.GetUtcNow();
        elevation.CloseReview(reviewer.Actor.DisplayName, command.Findings.Trim(), now);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            throw new InvalidRequestException(nameof(command.Id), "Someone else closed this review at the same moment; reload to see their findings.");
        }
        await events.RecordAsync(
            new SecurityEvent("break-glass.review", AuditOutcome.Succeeded)
            {
                ResourceType = "elevation",
                ResourceId = elevation.Id.ToString(),
                Reason = elevation.ReviewFindings,
            },
            cancellationToken);
        return elevation.ToView(now);
    }

    private sealed class Validator : AbstractValidator<CloseBreakGlassReviewCommand>
    {
        public Validator()
        {
            RuleFor(c => c.Findings).Cascade(CascadeMode.Stop).NotEmpty().WithMessage("Write the findings: was the emergency real, was the access used only for it, what follows.")
                .MinimumLength(ElevationRules.MinimumJustificationLength)
                .WithMessage($"Write the findings in at least {ElevationRules.MinimumJustificationLength} characters.")
                .MaximumLength(ElevationRules.MaximumTextLength);
        }
    }
}
