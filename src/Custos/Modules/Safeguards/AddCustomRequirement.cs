using Custos.Modules.Safeguards.Catalog;
using Custos.Platform.Identity;
using Custos.Platform.Persistence;
using Custos.Platform.Validation;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace Custos.Modules.Safeguards;

/// <param name="Identifier">A short id such as <c>soc2-cc6.1</c>; the key becomes <c>custom:soc2-cc6.1</c>.</param>
public sealed record AddCustomRequirementCommand(string Identifier, string Title, string? Guidance, RequirementFamily Family, int EvidenceFreshnessDays = 365, string? Source = null);

public sealed record CustomRequirementView(string Key, string Title, string Guidance, RequirementFamily Family, int EvidenceFreshnessDays, string Source, DateTimeOffset CreatedAt);

/// <summary>Adds a requirement of the organization's own (or of another framework) beside the HIPAA catalog.</summary>
public sealed class AddCustomRequirement(AppDbContext db, TimeProvider time, ICurrentActor actor)
{
    public async Task<CustomRequirementView> HandleAsync(AddCustomRequirementCommand command, CancellationToken cancellationToken)
    {
        var view = await AddAsync([command], cancellationToken);
        return view[0];
    }

    /// <summary>Adds several at once (an import): all or none.</summary>
    public async Task<IReadOnlyList<CustomRequirementView>> AddAsync(IReadOnlyList<AddCustomRequirementCommand> commands, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(commands);
        var validator = new Validator();
        foreach (var command in commands)
        {
            await validator.ValidateOrThrowAsync(command, cancellationToken);
        }

        var keys = commands.Select(c => RequirementKey.ForCustom(c.Identifier.Trim())).ToList();
        var duplicate = keys.GroupBy(k => k, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1)?.Key
            ?? (await db.Set<CustomRequirement>().Where(c => keys.Contains(c.Key)).Select(c => c.Key).FirstOrDefaultAsync(cancellationToken));
        if (duplicate is not null)
        {
            throw new InvalidRequestException(nameof(AddCustomRequirementCommand.Identifier), $"A custom requirement {duplicate} already exists. Choose another identifier.");
        }

        var now = time.GetUtcNow();
        var added = commands.Select((c, i) => new CustomRequirement(keys[i], c.Title.Trim(), c.Guidance?.Trim() ?? string.Empty, c.Family.ToString(),
            c.EvidenceFreshnessDays, string.IsNullOrWhiteSpace(c.Source) ? "added by hand" : c.Source.Trim(), now, actor.Actor.DisplayName)).ToList();
        db.AddRange(added);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (DatabaseErrors.IsUniqueViolation(ex))
        {
            db.ChangeTracker.Clear();
            throw new InvalidRequestException(nameof(AddCustomRequirementCommand.Identifier), "A custom requirement with that identifier was added at the same moment. Choose another identifier.");
        }

        return [.. added.Select(c => new CustomRequirementView(c.Key, c.Title, c.Guidance, Enum.Parse<RequirementFamily>(c.Family), c.EvidenceFreshnessDays, c.Source, c.CreatedAt))];
    }

    private sealed class Validator : AbstractValidator<AddCustomRequirementCommand>
    {
        public Validator()
        {
            RuleFor(c => c.Identifier).Must(i => !string.IsNullOrWhiteSpace(i) && RequirementKey.IsValidCustom(RequirementKey.CustomPrefix + i.Trim().Replace(RequirementKey.CustomPrefix, string.Empty, StringComparison.Ordinal)))
                .WithMessage($"Use letters, digits, '.', '-', '_', '(' and ')' for the identifier, at most {RequirementKey.MaximumLength - RequirementKey.CustomPrefix.Length} characters.");
            RuleFor(c => c.Title).NotEmpty().MaximumLength(300).WithMessage("Give the requirement a title (up to 300 characters).");
            RuleFor(c => c.Guidance).MaximumLength(8000).WithMessage("Keep the guidance under 8000 characters.");
            RuleFor(c => c.Family).IsInEnum().WithMessage("Choose the family the requirement counts under on the dashboard.");
            RuleFor(c => c.EvidenceFreshnessDays).InclusiveBetween(1, 3660).WithMessage("Evidence freshness is between 1 and 3660 days.");
        }
    }
}
