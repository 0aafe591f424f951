using Custos.Modules.Evidence.Contracts;
using Custos.Modules.Safeguards.Contracts;
using Custos.Platform.Files;
using Custos.Platform.Identity;
using Custos.Platform.Persistence;
using Custos.Platform.Validation;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace Custos.Modules.Evidence;

/// <param name="Content">For a file: its bytes, read once as a stream (never buffered whole).</param>
/// <param name="Supersedes">The id of the version this one replaces; null for a new item.</param>
/// <param name="EffectiveFrom">The first day the evidence describes, which may be before the upload.</param>
public sealed record AddEvidenceCommand(
    EvidenceKind Kind,
    string Title,
    IReadOnlyList<string> RequirementKeys,
    DateOnly EffectiveFrom,
    DateOnly? EffectiveUntil = null,
    string? Description = null,
    string? Url = null,
    Stream? Content = null,
    string? FileName = null,
    string? ContentType = null,
    Guid? Supersedes = null);

/// <summary>
/// Adds an evidence item, or a new version of one. Nothing is ever overwritten: a new version supersedes the one it
/// names, which stays readable for six years (45 CFR 164.316(b)(2)(i)). Files are streamed into the Files store;
/// an empty file, or one over the configured limit, is refused and nothing is saved.
/// </summary>
public sealed class AddEvidence(AppDbContext db, FileStore files, IRequirementDirectory requirements, EvidenceSettings settings, TimeProvider time, ICurrentActor actor)
{
    public async Task<EvidenceView> HandleAsync(AddEvidenceCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        await new Validator().ValidateOrThrowAsync(command, cancellationToken);
        var keys = command.RequirementKeys.Select(k => k.Trim()).Distinct(StringComparer.Ordinal).ToList();
        foreach (var key in keys)
        {
            if (await requirements.FindAsync(key, cancellationToken) is null)
            {
                throw new InvalidRequestException(nameof(command.RequirementKeys), $"No requirement has the key '{key}'. Use a citation from the catalog, such as 164.308(a)(1)(ii)(A), or a custom key.");
            }
        }

        EvidenceItem? previous = null;
        if (command.Supersedes is { } supersededId)
        {
            previous = await db.Set<EvidenceItem>().FirstOrDefaultAsync(e => e.Id == supersededId, cancellationToken)
                ?? throw new RecordNotFoundException("evidence", supersededId.ToString());
            if (previous.SupersededAt is not null)
            {
                throw new InvalidRequestException(nameof(command.Supersedes), $"Version {previous.Version} was already superseded. Add the new version to the latest one.");
            }
        }

        StoredFile? stored = null;
        if (command.Kind == EvidenceKind.File)
        {
            stored = await files.SaveAsync(command.Content!, settings.MaxFileBytes, "file", cancellationToken);
        }

        var now = time.GetUtcNow();
        var id = Guid.CreateVersion7(now);
        var content = new EvidenceContent(
            command.Kind,
            command.Title.Trim(),
            string.IsNullOrWhiteSpace(command.Description) ? null : command.Description.Trim(),
            command.Kind == EvidenceKind.Link ? command.Url!.Trim() : null,
            stored?.Sha256,
            command.Kind == EvidenceKind.File ? SafeFileName(command.FileName) : null,
            command.Kind == EvidenceKind.File ? (string.IsNullOrWhiteSpace(command.ContentType) ? "application/octet-stream" : command.ContentType.Trim()) : null,
            stored?.Length,
            command.EffectiveFrom,
            command.EffectiveUntil);
        var item = new EvidenceItem(id, previous?.SeriesId ?? id, (previous?.Version ?? 0) + 1, content, keys, now, actor.Actor.DisplayName);
        previous?.SupersedeBy(id, now);
        db.Add(item);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (DatabaseErrors.IsUniqueViolation(ex))
        {
            db.ChangeTracker.Clear();
            throw new InvalidRequestException(nameof(command.Supersedes), "Someone added a new version of this evidence at the same moment. Reload it and add yours to the latest version.");
        }

        return item.ToView();
    }

    /// <summary>The name without any folder part, at most 255 characters.</summary>
    internal static string SafeFileName(string? name)
    {
        var bare = Path.GetFileName((name ?? string.Empty).Replace('\\', '/').Split('/')[^1]).Trim();
        bare = new string([.. bare.Where(c => !char.IsControl(c))]);
        return string.IsNullOrEmpty(bare) ? "evidence.bin" : bare.Length > 255 ? bare[^255..] : bare;
    }

    private sealed class Validator : AbstractValidator<AddEvidenceCommand>
    {
        public Validator()
        {
            RuleFor(c => c.Kind).IsInEnum().WithMessage("Choose file, link or note.");
            RuleFor(c => c.Title).NotEmpty().MaximumLength(300).WithMessage("Give the evidence a title (up to 300 characters).");
            RuleFor(c => c.RequirementKeys).NotEmpty().WithMessage("Name at least one requirement this evidence backs.");
            RuleForEach(c => c.RequirementKeys).NotEmpty().MaximumLength(120).WithMessage("A requirement key is a citation or custom key of up to 120 characters.");
            RuleFor(c => c.EffectiveUntil).GreaterThanOrEqualTo(c => c.EffectiveFrom).When(c => c.EffectiveUntil is not null)
                .WithMessage("The effective period ends on or after the day it starts.");
            RuleFor(c => c.Description).MaximumLength(8000).WithMessage("Keep the description under 8000 characters.");
            RuleFor(c => c.Description).NotEmpty().When(c => c.Kind == EvidenceKind.Note).WithMessage("Write the note: it is the evidence.");
            RuleFor(c => c.Url).Must(u => Uri.TryCreate(u, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp))
                .When(c => c.Kind == EvidenceKind.Link)
                .WithMessage("Give the link as a full http or https address.");
            RuleFor(c => c.Url).MaximumLength(2000).WithMessage("Keep the address under 2000 characters.");
            RuleFor(c => c.Content).NotNull().When(c => c.Kind == EvidenceKind.File).WithMessage("Choose the file to upload.");
            RuleFor(c => c.ContentType).MaximumLength(200).WithMessage("The content type is at most 200 characters.");
        }
    }
}
