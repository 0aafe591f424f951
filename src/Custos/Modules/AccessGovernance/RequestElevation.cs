using Custos.Platform.Persistence;
using Custos.Platform.Security;
using Custos.Platform.Validation;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace Custos.Modules.AccessGovernance;

/// <param name="RoleName">The role wanted for a while.</param>
/// <param name="Justification">Why, in words the approver and an auditor can judge.</param>
/// <param name="DurationMinutes">How long, from approval: 15 minutes to 8 hours.</param>
public sealed record RequestElevationCommand(string RoleName, string Justification, int DurationMinutes);

/// <summary>
/// A person asks for a role for a bounded time with a justification; someone else holding elevation.approve decides
/// (45 CFR 164.308(a)(4)(ii)(B): access is authorized; (C): established for the time it is needed, then ended).
/// </summary>
public sealed class RequestElevation(AppDbContext db, AccessRequester requester, ISecurityEventSink events, TimeProvider time)
{
    private static readonly Validator Rules = new();

    public async Task<ElevationView> HandleAsync(RequestElevationCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        await Rules.ValidateOrThrowAsync(command, cancellationToken);
        var userId = requester.RequireUser(nameof(command.RoleName));
        var role = await requester.RequireGrantableRoleAsync(userId, command.RoleName, nameof(command.RoleName), cancellationToken);

        var now = time.GetUtcNow();
        var open = await db.Set<Elevation>().AsNoTracking()
            .Where(e => e.UserId == userId && e.RoleName == role && (e.Approved == null || e.ExpiresAt > now)).ToListAsync(cancellationToken);
        if (open.Any(e => e.StatusAt(now) is ElevationStatus.Pending or ElevationStatus.Active))
        {
            throw new InvalidRequestException(nameof(command.RoleName), $"You already have a pending or active elevation to {role}.");
        }

        var elevation = Elevation.Request(userId, requester.Actor.DisplayName, role, command.Justification.Trim(), command.DurationMinutes, now);
        db.Add(elevation);
        await db.SaveChangesAsync(cancellationToken);
        await events.RecordAsync(
            new SecurityEvent("elevation.request", AuditOutcome.Succeeded)
            {
                ResourceType = "elevation",
                ResourceId = elevation.Id.ToString(),
                Reason = $"{role} for {command.DurationMinutes} minutes: {elevation.Justification}",
            },
            cancellationToken);
        return elevation.ToView(now);
    }

    private sealed class Validator : AbstractValidator<RequestElevationCommand>
    {
        public Validator()
        {
            RuleFor(c => c.RoleName).NotEmpty().WithMessage("Choose the role you need.");
            RuleFor(c => c.Justification).Cascade(CascadeMode.Stop).NotEmpty().WithMessage("Say why you need the role: the approver and the auditors read it.")
                .MinimumLength(ElevationRules.MinimumJustificationLength)
                .WithMessage($"Say why in at least {ElevationRules.MinimumJustificationLength} characters, for example the ticket and the task.")
                .MaximumLength(ElevationRules.MaximumTextLength);
            RuleFor(c => c.DurationMinutes)
                .GreaterThanOrEqualTo((int)ElevationRules.MinimumDuration.TotalMinutes)
                .WithMessage($"Ask for at least {ElevationRules.MinimumDuration.TotalMinutes:0} minutes.")
                .LessThanOrEqualTo((int)ElevationRules.MaximumDuration.TotalMinutes)
                .WithMessage($"Elevation lasts at most {ElevationRules.MaximumDuration.TotalHours:0} hours ({ElevationRules.MaximumDuration.TotalMinutes:0} minutes); ask again if the work takes longer.");
        }
    }
}
