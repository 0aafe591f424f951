using Custos.Platform.Identity;
using Custos.Platform.Persistence;
using Custos.Platform.Security;
using Custos.Platform.Validation;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace Custos.Modules.Privacy;

/// <param name="Code">The code written into the data set.</param>
/// <param name="Type">The identifier type it replaced (NAME, MRN, ...).</param>
/// <param name="Value">The original value.</param>
public sealed record PseudonymEntry(string Code, string Type, string Value);

/// <param name="DataSet">A label for the data set (file name or export name; never PHI).</param>
/// <param name="Entries">The codes issued and the values they replace.</param>
public sealed record RecordPseudonymsCommand(string DataSet, IReadOnlyList<PseudonymEntry> Entries);

/// <param name="Recorded">Codes stored now.</param>
/// <param name="AlreadyKnown">Codes that were already stored (the same key and value always give the same code).</param>
public sealed record RecordPseudonymsResult(int Recorded, int AlreadyKnown);

/// <summary>
/// Stores the codes a pseudonymization run issued and the values behind them, so that re-identification can happen
/// through Custos alone, with its own permission, purpose and audit entry (45 CFR 164.514(c)). Values are encrypted at
/// rest; the security event names the data set and the counts, never a value.
/// </summary>
public sealed class RecordPseudonyms(AppDbContext db, ICurrentActor actor, ISecurityEventSink events, TimeProvider time)
{
    private static readonly Validator Rules = new();

    public async Task<RecordPseudonymsResult> HandleAsync(RecordPseudonymsCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        await Rules.ValidateOrThrowAsync(command, cancellationToken);
        var distinct = command.Entries.GroupBy(e => e.Code, StringComparer.Ordinal).Select(g => g.First()).ToList();
        var known = new HashSet<string>(StringComparer.Ordinal);
        foreach (var batch in distinct.Chunk(500))
        {
            var codes = batch.Select(e => e.Code).ToList();
            known.UnionWith(await db.Set<Pseudonym>().AsNoTracking().Where(p => codes.Contains(p.Code)).Select(p => p.Code).ToListAsync(cancellationToken));
        }

        var now = time.GetUtcNow();
        var dataSet = command.DataSet.Trim();
        var added = 0;
        foreach (var entry in distinct.Where(e => !known.Contains(e.Code)))
        {
            db.Add(Pseudonym.Record(entry.Code, entry.Type, entry.Value, dataSet, now, actor.Actor.DisplayName));
            added++;
        }

        await db.SaveChangesAsync(cancellationToken);
        await events.RecordAsync(
            new SecurityEvent("phi.pseudonyms.record", AuditOutcome.Succeeded)
            {
                ResourceType = "pseudonym-set",
                ResourceId = dataSet,
                Reason = $"{added} codes recorded, {known.Count} already known",
            },
            cancellationToken);
        return new RecordPseudonymsResult(added, known.Count);
    }

    private sealed class Validator : AbstractValidator<RecordPseudonymsCommand>
    {
        public Validator()
        {
            RuleFor(c => c.DataSet).Cascade(CascadeMode.Stop).NotEmpty().WithMessage("Name the data set the codes were issued for (a file or export name, never PHI).")
                .MaximumLength(Pseudonym.DataSetLength);
            RuleFor(c => c.Entries).NotNull().WithMessage("Give the codes to record.");
            RuleForEach(c => c.Entries).ChildRules(entry =>
            {
                entry.RuleFor(e => e.Code).Must(PseudonymCodes.IsWellFormed).WithMessage("Each code must look like NAME-7KQ2M9XW4HTR, as 'custos phi pseudonymize' writes them.");
                entry.RuleFor(e => e.Type).NotEmpty().MaximumLength(Pseudonym.TypeLength);
                entry.RuleFor(e => e.Value).Cascade(CascadeMode.Stop).NotEmpty().WithMessage("Each code needs the value it replaced.")
                    .MaximumLength(Pseudonym.ValueLength);
            });
        }
    }
}
