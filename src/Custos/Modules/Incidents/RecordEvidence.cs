using System.Security.Cryptography;
using Custos.Platform.Identity;
using Custos.Platform.Persistence;
using Custos.Platform.Validation;
using Microsoft.EntityFrameworkCore;

namespace Custos.Modules.Incidents;

/// <param name="Description">What the item is (no PHI), for example "Mail server log export, 2 Mar".</param>
/// <param name="CollectedBy">Who collected it.</param>
/// <param name="CollectedAt">When it was collected.</param>
/// <param name="Sha256">For a physical or external item: its SHA-256 as measured (64 hex digits). Leave empty with a file.</param>
/// <param name="FileName">The uploaded file's name, when a file is given.</param>
public sealed record RecordEvidenceCommand(string Description, string CollectedBy, DateTimeOffset CollectedAt, string? Sha256 = null, string? FileName = null);

/// <summary>
/// Records an evidence item with its SHA-256: computed from the uploaded file streamed through the hash (the file is
/// not stored), or entered for a physical or external item. The collector is its first custodian.
/// </summary>
public sealed class RecordEvidence(AppDbContext db, ICurrentActor actor, TimeProvider time)
{
    public async Task<EvidenceView> HandleAsync(Guid id, RecordEvidenceCommand command, Stream? content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var person = IncidentCase.RequirePerson(actor, nameof(command.Description));
        if (string.IsNullOrWhiteSpace(command.Description) || command.Description.Length > 1000)
        {
            throw new InvalidRequestException(nameof(command.Description), "Describe the item in 1 to 1,000 characters.");
        }

        if (string.IsNullOrWhiteSpace(command.CollectedBy))
        {
            throw new InvalidRequestException(nameof(command.CollectedBy), "Say who collected it.");
        }

        if (command.CollectedAt > time.GetUtcNow())
        {
            throw new InvalidRequestException(nameof(command.CollectedAt), "The collection time cannot be in the future.");
        }

        string sha256;
        long? size = null;
        if (content is not null)
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var buffer = new byte[81920];
            long total = 0;
            int read;
            while ((read = await content.ReadAsync(buffer, cancellationToken)) > 0)
            {
                hash.AppendData(buffer, 0, read);
                total += read;
            }

            sha256 = Convert.ToHexStringLower(hash.GetHashAndReset());
            size = total;
        }
        else
        {
            sha256 = (command.Sha256 ?? string.Empty).Trim().ToLowerInvariant();
            if (sha256.Length != 64 || !sha256.All(Uri.IsHexDigit))
            {
                throw new InvalidRequestException(nameof(command.Sha256), "Upload the file, or enter the item's SHA-256 as 64 hexadecimal digits.");
            }
        }

        var incident = await IncidentCase.FindAsync(db, id, cancellationToken);
        var now = time.GetUtcNow();
        var collector = command.CollectedBy.Trim();
        var item = new EvidenceItem(Guid.CreateVersion7(now), id, command.Description.Trim(), collector, command.CollectedAt.ToUniversalTime(), sha256,
            content is null ? null : Path.GetFileName(command.FileName), size, collector, person.DisplayName, now);
        db.Add(item);
        IncidentCase.Log(db, incident, TimelineEntryKind.Evidence, $"Evidence recorded: {item.Description} (SHA-256 {sha256[..12]}…), collected by {collector}.", person, now);
        await db.SaveChangesAsync(cancellationToken);
        return new EvidenceView(item.Id, item.Description, item.CollectedBy, item.CollectedAt, item.Sha256, item.FileName, item.SizeBytes, item.Custodian, []);
    }
}

/// <param name="To">Who receives the item.</param>
/// <param name="At">When it changed hands.</param>
/// <param name="Reason">Why (analysis, legal hold, storage...).</param>
public sealed record HandOverEvidenceCommand(string To, DateTimeOffset At, string Reason);

/// <summary>Records a hand-over in the chain of custody: from the current custodian to another, when and why.</summary>
public sealed class HandOverEvidence(AppDbContext db, ICurrentActor actor, TimeProvider time)
{
    public async Task HandleAsync(Guid evidenceId, HandOverEvidenceCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var person = IncidentCase.RequirePerson(actor, nameof(command.To));
        var item = await db.Set<EvidenceItem>().SingleOrDefaultAsync(e => e.Id == evidenceId, cancellationToken)
            ?? throw new RecordNotFoundException("evidence item", evidenceId.ToString());
        if (string.IsNullOrWhiteSpace(command.To))
        {
            throw new InvalidRequestException(nameof(command.To), "Say who receives the item.");
        }

        if (string.Equals(command.To.Trim(), item.Custodian, StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidRequestException(nameof(command.To), $"{item.Custodian} already holds the item.");
        }

        if (string.IsNullOrWhiteSpace(command.Reason))
        {
            throw new InvalidRequestException(nameof(command.Reason), "Say why the item changes hands.");
        }

        var now = time.GetUtcNow();
        if (command.At > now)
        {
            throw new InvalidRequestException(nameof(command.At), "The hand-over time cannot be in the future.");
        }

        var lastAt = await db.Set<EvidenceCustodyTransfer>().Where(t => t.EvidenceId == evidenceId)
            .Select(t => (DateTimeOffset?)t.At).OrderByDescending(t => t).FirstOrDefaultAsync(cancellationToken) ?? item.CollectedAt;
        if (command.At < lastAt)
        {
            throw new InvalidRequestException(nameof(command.At), $"The hand-over cannot be before the item's last custody event ({lastAt:yyyy-MM-dd HH:mm} UTC).");
        }

        var incident = await IncidentCase.FindAsync(db, item.IncidentId, cancellationToken);
        var from = item.Custodian;
        var to = command.To.Trim();
        db.Add(new EvidenceCustodyTransfer(Guid.CreateVersion7(now), evidenceId, from, to, command.At.ToUniversalTime(), command.Reason.Trim(), person.DisplayName));
        item.HandTo(to);
        IncidentCase.Log(db, incident, TimelineEntryKind.Evidence, $"Evidence \"{item.Description}\" handed from {from} to {to}: {command.Reason.Trim()}", person, now);
        await db.SaveChangesAsync(cancellationToken);
    }
}
