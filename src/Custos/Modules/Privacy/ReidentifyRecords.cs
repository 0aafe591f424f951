using Custos.Platform.Persistence;
using Custos.Platform.Security;
using Custos.Platform.Validation;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace Custos.Modules.Privacy;

/// <param name="Codes">The re-identification codes found in a de-identified data set.</param>
/// <param name="Purpose">Why they must be re-identified, in words an auditor can judge (required).</param>
public sealed record ReidentifyRecordsCommand(IReadOnlyList<string> Codes, string Purpose);

/// <param name="Code">The code asked for.</param>
/// <param name="Type">The identifier type, when the code is known.</param>
/// <param name="Value">The original value, when the code is known; null otherwise.</param>
public sealed record ReidentifiedCode(string Code, string? Type, string? Value)
{
    public bool Found => Value is not null;
}

/// <summary>
/// Re-identification through Custos (45 CFR 164.514(c)): the codes are one-way, so the way back is the table written
/// when the data set was pseudonymized through Custos. Needs its own permission (phi.reidentify, checked by the host),
/// a stated purpose, and leaves an audit-ledger entry with the purpose as its reason and the codes as the resource
/// (codes are not PHI), one per code; reading the values also records a ledger read per record, as for every sensitive field.
/// </summary>
public sealed class ReidentifyRecords(AppDbContext db, ISecurityEventSink events)
{
    /// <summary>The ledger action of a re-identification.</summary>
    public const string Action = "phi.reidentify";

    public const int MinimumPurposeLength = 15;
    public const int MaximumPurposeLength = 1000;

    private static readonly Validator Rules = new();

    public async Task<IReadOnlyList<ReidentifiedCode>> HandleAsync(ReidentifyRecordsCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        await Rules.ValidateOrThrowAsync(command, cancellationToken);
        var codes = command.Codes.Select(c => c.Trim()).Distinct(StringComparer.Ordinal).ToList();
        var purpose = command.Purpose.Trim();

        // One entry per code, written before the values are read: a re-identification that fails half-way was still
        // attempted for this purpose, and an auditor asking "who re-identified this code, and why" finds it directly.
        foreach (var code in codes)
        {
            await events.RecordAsync(
                new SecurityEvent(Action, AuditOutcome.Succeeded) { ResourceType = "pseudonym", ResourceId = code, Reason = purpose },
                cancellationToken);
        }

        var found = await db.Set<Pseudonym>().AsNoTracking().Where(p => codes.Contains(p.Code)).ToDictionaryAsync(p => p.Code, StringComparer.Ordinal, cancellationToken);
        return codes.Select(c => found.TryGetValue(c, out var p) ? new ReidentifiedCode(c, p.Type, p.Value) : new ReidentifiedCode(c, null, null)).ToList();
    }

    private sealed class Validator : AbstractValidator<ReidentifyRecordsCommand>
    {
        public Validator()
        {
            RuleFor(c => c.Purpose).Cascade(CascadeMode.Stop)
                .NotEmpty().WithMessage("State the purpose of the re-identification: it is recorded in the audit ledger (45 CFR 164.514(c)).")
                .Must(p => p.Trim().Length >= MinimumPurposeLength)
                .WithMessage($"State the purpose in at least {MinimumPurposeLength} characters, for example the request or ticket and why the person must be identified.")
                .MaximumLength(MaximumPurposeLength);
            RuleFor(c => c.Codes).Cascade(CascadeMode.Stop)
                .NotEmpty().WithMessage("Give at least one re-identification code.")
                .Must(c => c.Count <= PseudonymCodes.MaximumPerRequest).WithMessage($"Re-identify at most {PseudonymCodes.MaximumPerRequest} codes at a time.")
                .Must(c => c.All(code => PseudonymCodes.IsWellFormed(code?.Trim()))).WithMessage("Each code must look like NAME-7KQ2M9XW4HTR, as it appears in the pseudonymized data.");
        }
    }
}
