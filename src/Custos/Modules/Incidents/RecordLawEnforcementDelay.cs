using Custos.Modules.Incidents.Contracts;
using Custos.Platform.Identity;
using Custos.Platform.Persistence;
using Custos.Platform.Validation;

namespace Custos.Modules.Incidents;

/// <param name="Statement">Written or oral; null removes the delay.</param>
/// <param name="From">The date of the statement.</param>
/// <param name="Until">The end of the delay (a written statement's period; for an oral one at most 30 days later).</param>
/// <param name="Official">The official's name and agency (164.412(b) requires it for an oral statement).</param>
public sealed record RecordLawEnforcementDelayCommand(LawEnforcementDelayKind? Statement, DateOnly? From, DateOnly? Until, string? Official);

/// <summary>Records a law-enforcement delay of notices (45 CFR 164.412), which moves the notice due dates.</summary>
public sealed class RecordLawEnforcementDelay(AppDbContext db, ICurrentActor actor, TimeProvider time)
{
    public async Task HandleAsync(Guid id, RecordLawEnforcementDelayCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var person = IncidentCase.RequirePerson(actor, nameof(command.Statement));
        var incident = await IncidentCase.FindAsync(db, id, cancellationToken);
        if (command.Statement is { } statement)
        {
            if (!Enum.IsDefined(statement))
            {
                throw new InvalidRequestException(nameof(command.Statement), "Choose written or oral.");
            }

            if (command.From is not { } from)
            {
                throw new InvalidRequestException(nameof(command.From), "Give the date of the official's statement.");
            }

            if (from > IncidentCase.Today(time))
            {
                throw new InvalidRequestException(nameof(command.From), "The statement's date cannot be in the future.");
            }

            if (command.Until is { } until && until < from)
            {
                throw new InvalidRequestException(nameof(command.Until), "The delay cannot end before it starts: check the two dates.");
            }

            if (statement == LawEnforcementDelayKind.Written && command.Until is null)
            {
                throw new InvalidRequestException(nameof(command.Until), "A written statement specifies the time of the delay (164.412(a)): give its end date.");
            }

            if (command.Official is { Length: > 300 })
            {
                throw new InvalidRequestException(nameof(command.Official), "Keep the official's name and agency under 300 characters.");
            }

            if (statement == LawEnforcementDelayKind.Oral)
            {
                if (string.IsNullOrWhiteSpace(command.Official))
                {
                    throw new InvalidRequestException(nameof(command.Official), "Record the identity of the official who made the oral statement (164.412(b)).");
                }

                if (command.Until is { } end && end > from.AddDays(IncidentRules.OralDelayMaximumDays))
                {
                    throw new InvalidRequestException(nameof(command.Until),
                        $"An oral statement delays notice at most {IncidentRules.OralDelayMaximumDays} days (until {from.AddDays(IncidentRules.OralDelayMaximumDays):yyyy-MM-dd}) unless a written statement follows; record the written statement instead.");
                }
            }
        }

        var now = time.GetUtcNow();
        incident.RecordDelay(command.Statement, command.From, command.Until, command.Official, now);
        IncidentCase.Log(db, incident, TimelineEntryKind.Delay,
            command.Statement is null
                ? "Law-enforcement delay removed."
                : $"Law-enforcement delay ({command.Statement.ToString()!.ToLowerInvariant()} statement) from {command.From:yyyy-MM-dd}" + (command.Until is { } u ? $" until {u:yyyy-MM-dd}." : " (oral: at most 30 days)."),
            person, now);
        await db.SaveChangesAsync(cancellationToken);
    }
}
