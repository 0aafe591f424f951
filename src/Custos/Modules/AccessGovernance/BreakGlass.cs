using Custos.Platform.Notifications;
using Custos.Platform.Persistence;
using Custos.Platform.Security;
using Custos.Platform.Validation;
using FluentValidation;
using Microsoft.Extensions.Options;

namespace Custos.Modules.AccessGovernance;

/// <param name="RoleName">The role needed in the emergency.</param>
/// <param name="Reason">What the emergency is, written now: the Security Officer reads it at once, the review later.</param>
/// <param name="DurationMinutes">How long; the configured default (60) when not given, at most the configured maximum.</param>
public sealed record BreakGlassCommand(string RoleName, string Reason, int? DurationMinutes = null);

/// <summary>
/// Emergency access procedure (45 CFR 164.312(a)(2)(ii)): the role is granted at once, without approval, for a short
/// bounded time; the Security Officer is notified at once; a post-use review opens that someone else holding
/// elevation.approve must close with findings.
/// </summary>
public sealed class BreakGlass(
    AppDbContext db,
    AccessRequester requester,
    BreakGlassRecipients recipients,
    INotifier notifier,
    ISecurityEventSink events,
    IOptions<BreakGlassOptions> options,
    TimeProvider time)
{
    public async Task<ElevationView> HandleAsync(BreakGlassCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var settings = options.Value;
        await new Validator(settings.EffectiveMaximumMinutes).ValidateOrThrowAsync(command, cancellationToken);
        var userId = requester.RequireUser(nameof(command.RoleName));
        var role = await requester.RequireGrantableRoleAsync(userId, command.RoleName, nameof(command.RoleName), cancellationToken);

        var now = time.GetUtcNow();
        var minutes = command.DurationMinutes ?? Math.Min(settings.DefaultMinutes, settings.EffectiveMaximumMinutes);
        var elevation = Elevation.BreakGlass(userId, requester.Actor.DisplayName, role, command.Reason.Trim(), minutes, now);
        db.Add(elevation);
        await db.SaveChangesAsync(cancellationToken);
        await events.RecordAsync(
            new SecurityEvent("break-glass.use", AuditOutcome.Succeeded)
            {
                ResourceType = "elevation",
                ResourceId = elevation.Id.ToString(),
                Reason = $"{role} for {minutes} minutes: {elevation.Justification}",
            },
            cancellationToken);

        var found = await recipients.FindAsync(cancellationToken);
        await notifier.NotifyAsync(
            found.UserIds,
            new NotificationMessage(
                $"Break-glass: {elevation.UserName} took {role}",
                $"{elevation.UserName} used emergency access to {role} for {minutes} minutes, until {elevation.ExpiresAt:yyyy-MM-dd HH:mm} UTC. Reason: “{Shorten(elevation.Justification)}”. A post-use review is open.",
                "/access/approvals#reviews"),
            cancellationToken);
        await events.RecordAsync(
            new SecurityEvent("break-glass.notify", found.UserIds.Count > 0 ? AuditOutcome.Succeeded : AuditOutcome.Failed)
            {
                ResourceType = "elevation",
                ResourceId = elevation.Id.ToString(),
                Reason = found.UserIds.Count > 0
                    ? $"notified {found.UserIds.Count} ({found.FoundBy})"
                    : "no Security Officer or Administrator account to notify: designate the Security Officer with the email of their Custos account",
            },
            cancellationToken);
        return elevation.ToView(now);
    }

    private static string Shorten(string text) => text.Length <= 300 ? text : text[..300] + "…";

    private sealed class Validator : AbstractValidator<BreakGlassCommand>
    {
        public Validator(int maximumMinutes)
        {
            RuleFor(c => c.RoleName).NotEmpty().WithMessage("Choose the role the emergency needs.");
            RuleFor(c => c.Reason).Cascade(CascadeMode.Stop).NotEmpty().WithMessage("Write what the emergency is: breaking the glass needs a written reason.")
                .MinimumLength(ElevationRules.MinimumJustificationLength)
                .WithMessage($"Write the reason in at least {ElevationRules.MinimumJustificationLength} characters: what is happening and what you must do.")
                .MaximumLength(ElevationRules.MaximumTextLength);
            RuleFor(c => c.DurationMinutes)
                .GreaterThanOrEqualTo(5).WithMessage("Break-glass lasts at least 5 minutes.")
                .LessThanOrEqualTo(maximumMinutes)
                .WithMessage($"Break-glass lasts at most {maximumMinutes} minutes here; break the glass again if the emergency goes on.");
        }
    }
}

/// <summary>Settings under AccessGovernance:BreakGlass.</summary>
public sealed class BreakGlassOptions
{
    public const string Section = "AccessGovernance:BreakGlass";

    public int DefaultMinutes { get; set; } = 60;

    public int MaximumMinutes { get; set; } = 240;

    /// <summary>The configured maximum, never beyond the 8 hours any temporary grant may last.</summary>
    public int EffectiveMaximumMinutes => Math.Clamp(MaximumMinutes, 5, (int)ElevationRules.MaximumDuration.TotalMinutes);
}
