using Custos.Modules.Incidents.Contracts;
using Custos.Platform.Identity;
using Custos.Platform.Persistence;
using Custos.Platform.Validation;
using Microsoft.EntityFrameworkCore;

namespace Custos.Modules.Incidents;

/// <param name="Counts">Residents affected per two-letter State or jurisdiction code (160.103 "State").</param>
/// <param name="Reason">Why the count changes (first count, or what was learned).</param>
public sealed record ReviseAffectedCountsCommand(IReadOnlyDictionary<string, int> Counts, string? Reason = null);

/// <summary>
/// Records how many individuals are affected per State as a new revision; earlier revisions are kept as the history.
/// The per-State numbers drive media notice (more than 500 in a State, 164.406) and the State overlays; their total
/// drives the Secretary notice (500 or more, 164.408).
/// </summary>
public sealed class ReviseAffectedCounts(AppDbContext db, ICurrentActor actor, TimeProvider time)
{
    public async Task<AffectedCountsView> HandleAsync(Guid id, ReviseAffectedCountsCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var person = IncidentCase.RequirePerson(actor, nameof(command.Counts));
        var counts = Validate(command.Counts);
        var incident = await IncidentCase.FindAsync(db, id, cancellationToken);
        var total = counts.Values.Sum();
        if (incident.OutOfDateContacts is { } stale && stale > total)
        {
            throw new InvalidRequestException(nameof(command.Counts),
                $"The incident records {stale} people with out-of-date contact information, more than the {total} now counted: correct one of the two.");
        }

        var last = await db.Set<AffectedCountRevision>().Where(r => r.IncidentId == id).MaxAsync(r => (int?)r.Number, cancellationToken) ?? 0;
        var now = time.GetUtcNow();
        var revision = new AffectedCountRevision(Guid.CreateVersion7(now), id, last + 1, counts, string.IsNullOrWhiteSpace(command.Reason) ? null : command.Reason.Trim(), person.DisplayName, now);
        db.Add(revision);
        incident.SetEstimatedIndividuals(total, now);
        IncidentCase.Log(db, incident, TimelineEntryKind.AffectedCountsRevised, $"Individuals affected, revision {revision.Number}: {AffectedCountRevision.Format(counts)} (total {total}).", person, now);
        await db.SaveChangesAsync(cancellationToken);
        return revision.ToView();
    }

    /// <summary>Checks and normalizes State counts; throws with the offending code.</summary>
    public static Dictionary<string, int> Validate(IReadOnlyDictionary<string, int>? counts)
    {
        if (counts is null || counts.Count == 0)
        {
            throw new InvalidRequestException(nameof(ReviseAffectedCountsCommand.Counts), "Give the number affected for at least one State, for example TX=530.");
        }

        var result = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (rawCode, count) in counts)
        {
            var code = (rawCode ?? string.Empty).Trim().ToUpperInvariant();
            if (!IncidentRules.Jurisdictions.Contains(code))
            {
                throw new InvalidRequestException(nameof(ReviseAffectedCountsCommand.Counts),
                    $"'{rawCode}' is not a State or jurisdiction code: use the two-letter postal code (for example TX, DC or PR).");
            }

            if (count < 0)
            {
                throw new InvalidRequestException(nameof(ReviseAffectedCountsCommand.Counts), $"The count for {code} is negative; counts are 0 or more.");
            }

            if (!result.TryAdd(code, count))
            {
                throw new InvalidRequestException(nameof(ReviseAffectedCountsCommand.Counts), $"{code} is given twice; give each State once.");
            }
        }

        return result;
    }

    /// <summary>Parses "TX=530, OH=90" (the form and the CLI's notation).</summary>
    public static Dictionary<string, int> Parse(string? text)
    {
        var result = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var pair in (text ?? string.Empty).Split([',', ';', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = pair.Split('=', 2, StringSplitOptions.TrimEntries);
            if (parts.Length != 2 || !int.TryParse(parts[1], System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var n))
            {
                throw new InvalidRequestException(nameof(ReviseAffectedCountsCommand.Counts), $"'{pair}' is not STATE=number; write for example TX=530, OH=90.");
            }

            var code = parts[0].ToUpperInvariant();
            if (!result.TryAdd(code, n))
            {
                throw new InvalidRequestException(nameof(ReviseAffectedCountsCommand.Counts), $"{code} is given twice; give each State once.");
            }
        }

        return result;
    }
}
