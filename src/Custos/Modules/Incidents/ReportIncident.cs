using Custos.Modules.Incidents.Contracts;
using Custos.Platform.Identity;
using Custos.Platform.Notifications;
using Custos.Platform.Persistence;
using Custos.Platform.Security;
using Custos.Platform.Validation;
using FluentValidation;

namespace Custos.Modules.Incidents;

/// <param name="Kind">Security incident or which kind of privacy incident.</param>
/// <param name="Summary">One line without names or PHI, for example "Export sent to the wrong clinic".</param>
/// <param name="Description">What happened, in your words. Kept encrypted; only the officers see it.</param>
/// <param name="DiscoveredOn">When it was first known (today if you just found out).</param>
/// <param name="OccurredOn">When it happened, if known.</param>
/// <param name="PhiInvolved">Whether PHI was involved: yes, no, or not sure (null).</param>
/// <param name="EstimatedIndividuals">About how many people's information, if known.</param>
public sealed record ReportIncidentCommand(
    IncidentKind Kind,
    string Summary,
    string Description,
    DateOnly DiscoveredOn,
    DateOnly? OccurredOn = null,
    bool? PhiInvolved = null,
    int? EstimatedIndividuals = null);

/// <summary>What the reporter gets back; an anonymous reporter also gets the receipt code, shown once.</summary>
public sealed record IncidentReceipt(Guid Id, string Reference, IncidentSeverity Severity, DateTimeOffset ReportedAt, string? ReceiptCode);

/// <summary>
/// Any signed-in workforce member reports an incident (45 CFR 164.308(a)(6)(ii); 164.530(d) for privacy complaints):
/// the exact report time is kept, severity follows the configured criteria, and a high-severity report notifies the
/// Security and Privacy Officers at once.
/// </summary>
public sealed class ReportIncident(IncidentIntake intake, ICurrentActor actor)
{
    public async Task<IncidentReceipt> HandleAsync(ReportIncidentCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var person = IncidentCase.RequirePerson(actor, nameof(command.Summary));
        return await intake.ReportAsync(command, person, anonymous: false, cancellationToken);
    }
}

/// <summary>The intake both the signed-in and the anonymous form go through.</summary>
public sealed class IncidentIntake(AppDbContext db, SeverityCriteria severity, IncidentAlerts alerts, ISecurityEventSink events, TimeProvider time)
{
    internal async Task<IncidentReceipt> ReportAsync(ReportIncidentCommand command, Actor reporter, bool anonymous, CancellationToken cancellationToken)
    {
        await new ReportValidator(time).ValidateOrThrowAsync(command, cancellationToken);
        var now = time.GetUtcNow();
        var incident = new Incident(
            Guid.CreateVersion7(now), command.Kind, command.Summary.Trim(), command.OccurredOn, command.DiscoveredOn, command.PhiInvolved,
            command.EstimatedIndividuals, now, anonymous ? null : reporter.Id, anonymous ? "Anonymous reporter" : reporter.DisplayName, anonymous);
        var level = severity.Evaluate(command.Kind, command.PhiInvolved, command.EstimatedIndividuals);
        incident.SetSeverity(level, now);
        string? code = null;
        if (anonymous)
        {
            code = ReceiptCodes.New();
            incident.SetReceipt(ReceiptCodes.Hash(code));
        }

        db.Add(incident);
        db.Add(new IncidentDetails(incident.Id, command.Description.Trim()));
        IncidentCase.Log(db, incident, TimelineEntryKind.Reported,
            $"Reported ({IncidentTerms.Name(command.Kind)}); severity {level} by the configured criteria.", anonymous ? Actor.Anonymous : reporter, now);
        await db.SaveChangesAsync(cancellationToken);
        await events.RecordAsync(
            new SecurityEvent("incidents.report", AuditOutcome.Succeeded) { ResourceType = "incident", ResourceId = incident.Id.ToString() },
            cancellationToken);

        if (severity.Alerts(level))
        {
            await alerts.NotifyOfficersAsync(
                new NotificationMessage(
                    $"{level} incident reported: {incident.Reference}",
                    $"A {level.ToString().ToLowerInvariant()}-severity incident ({IncidentTerms.Name(command.Kind)}) was reported at {now:yyyy-MM-dd HH:mm} UTC and needs triage. Summary: {incident.Summary}",
                    $"/incidents/{incident.Id}"),
                cancellationToken);
        }

        return new IncidentReceipt(incident.Id, incident.Reference, level, now, code);
    }

    private sealed class ReportValidator : AbstractValidator<ReportIncidentCommand>
    {
        public ReportValidator(TimeProvider time)
        {
            var today = IncidentCase.Today(time);
            RuleFor(c => c.Kind).IsInEnum().WithMessage("Choose what kind of incident it is.");
            RuleFor(c => c.Summary).Cascade(CascadeMode.Stop).NotEmpty().WithMessage("Write a one-line summary (no names or health details).")
                .MaximumLength(200).WithMessage("Keep the summary under 200 characters; put the rest in the description.");
            RuleFor(c => c.Description).Cascade(CascadeMode.Stop).NotEmpty().WithMessage("Describe what happened.")
                .MaximumLength(20000).WithMessage("Keep the description under 20,000 characters.");
            RuleFor(c => c.DiscoveredOn).LessThanOrEqualTo(today)
                .WithMessage("The discovery date cannot be in the future: give the day it was first known.");
            RuleFor(c => c.OccurredOn).LessThanOrEqualTo(c => c.DiscoveredOn)
                .WithMessage("It cannot have happened after it was discovered: check the two dates.");
            RuleFor(c => c.EstimatedIndividuals).GreaterThanOrEqualTo(0)
                .WithMessage("The number of people affected cannot be negative; leave it empty if unknown.");
        }
    }
}
