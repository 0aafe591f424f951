using Custos.Platform.Authorization;
using Custos.Platform.Persistence;
using Custos.Platform.Security;
using Custos.Platform.Validation;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace Custos.Modules.AccessGovernance;

/// <param name="Approve">True to approve, false to reject.</param>
/// <param name="Note">Optional for an approval, required for a rejection (the requester learns why).</param>
public sealed record DecideElevationCommand(Guid Id, bool Approve, string? Note);

/// <summary>
/// Approves or rejects a pending elevation request. The decider needs elevation.approve and must not be the requester
/// (<see cref="SegregationOfDuties"/>); an approved grant runs from now for the requested duration and ends by itself.
/// </summary>
public sealed class DecideElevation(AppDbContext db, AccessRequester decider, ISecurityEventSink events, TimeProvider time)
{
    private static readonly Validator Rules = new();

    public async Task<ElevationView> HandleAsync(DecideElevationCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        await Rules.ValidateOrThrowAsync(command, cancellationToken);
        var elevation = await db.Set<Elevation>().SingleOrDefaultAsync(e => e.Id == command.Id && e.Kind == ElevationKind.Request, cancellationToken)
            ?? throw new RecordNotFoundException("elevation request", command.Id.ToString());
        var action = command.Approve ? "elevation.approve" : "elevation.reject";
        try
        {
            SegregationOfDuties.EnsureNotSelfApproval(elevation.UserId.ToString(), decider.Actor, "this elevation request");
            await decider.RequirePermissionAsync(Permissions.ElevationApprove, "an elevation request", cancellationToken);
        }
        catch (InvalidRequestException refused)
        {
            await events.RecordAsync(
                new SecurityEvent(action, AuditOutcome.Denied)
                {
                    ResourceType = "elevation",
                    ResourceId = elevation.Id.ToString(),
                    Reason = refused.Errors.Values.SelectMany(m => m).First(),
                },
                cancellationToken);
            throw;
        }

        var now = time.GetUtcNow();
        var status = elevation.StatusAt(now);
        if (status != ElevationStatus.Pending)
        {
            throw new InvalidRequestException(
                nameof(command.Id),
                status == ElevationStatus.Lapsed
                    ? $"This request waited more than {ElevationRules.DecisionWindow.TotalHours:0} hours and has lapsed; the requester can ask again."
                    : $"This request was already decided ({status.ToString().ToLowerInvariant()}).");
        }

        var note = string.IsNullOrWhiteSpace(command.Note) ? null : command.Note.Trim();
        if (command.Approve)
        {
            elevation.Approve(decider.Actor.Id, decider.Actor.DisplayName, note, now);
        }
        else
        {
            elevation.Reject(decider.Actor.Id, decider.Actor.DisplayName, note, now);
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            throw new InvalidRequestException(nameof(command.Id), "Someone else decided this request at the same moment; reload to see their decision.");
        }

        await events.RecordAsync(
            new SecurityEvent(action, AuditOutcome.Succeeded)
            {
                ResourceType = "elevation",
                ResourceId = elevation.Id.ToString(),
                Reason = command.Approve
                    ? $"{elevation.RoleName} for {elevation.UserName} until {elevation.ExpiresAt:yyyy-MM-dd HH:mm} UTC{(note is null ? string.Empty : ": " + note)}"
                    : $"{elevation.RoleName} for {elevation.UserName}: {note}",
            },
            cancellationToken);
        return elevation.ToView(now);
    }

    private sealed class Validator : AbstractValidator<DecideElevationCommand>
    {
        public Validator()
        {
            RuleFor(c => c.Note).NotEmpty().When(c => !c.Approve).WithMessage("Say why you reject the request; the requester sees it.");
            RuleFor(c => c.Note).MaximumLength(ElevationRules.MaximumTextLength);
        }
    }
}
