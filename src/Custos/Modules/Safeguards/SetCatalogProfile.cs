using Custos.Modules.Safeguards.Catalog;
using Custos.Platform.Identity;
using Custos.Platform.Persistence;
using Custos.Platform.Validation;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace Custos.Modules.Safeguards;

/// <param name="ProfileId">An optional profile of the catalog, such as <c>nprm-2025</c>; the base profile is always on.</param>
public sealed record SetCatalogProfileCommand(string ProfileId, bool Enabled);

/// <summary>
/// Switches an optional catalog profile on or off for the organization. The January 2025 proposed Security Rule
/// update (90 FR 898) is not law: switched on, its requirements appear in the register, the dashboard and the auditor
/// packet marked as proposed, in their own section, and never count toward readiness under the rules in force. Each
/// switch is kept (who, when) and written to the audit ledger with the row.
/// </summary>
public sealed class SetCatalogProfile(AppDbContext db, RequirementCatalog catalog, GetCatalogProfiles profiles, TimeProvider time, ICurrentActor actor)
{
    public async Task<IReadOnlyList<CatalogProfileSetting>> HandleAsync(SetCatalogProfileCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        await new Validator(catalog).ValidateOrThrowAsync(command, cancellationToken);
        var current = await CatalogProfiles.EnabledAsync(db, catalog, null, cancellationToken);
        if (current.Contains(command.ProfileId) != command.Enabled)
        {
            var now = time.GetUtcNow();
            db.Add(new CatalogProfileChoice(Guid.CreateVersion7(now), command.ProfileId, command.Enabled, now, actor.Actor.DisplayName));
            await db.SaveChangesAsync(cancellationToken);
        }

        return await profiles.HandleAsync(cancellationToken);
    }

    private sealed class Validator : AbstractValidator<SetCatalogProfileCommand>
    {
        public Validator(RequirementCatalog catalog)
        {
            RuleFor(c => c.ProfileId)
                .Must(id => id != CatalogProfile.BaseId)
                .WithMessage("The rules in force are always on; only optional profiles can be switched.")
                .Must(id => id is not null && catalog.FindProfile(id) is not null)
                .WithMessage(c => $"'{c.ProfileId}' is not a profile of catalog {catalog.Version}. Use one of: {string.Join(", ", catalog.Profiles.Where(p => p.Id != CatalogProfile.BaseId).Select(p => p.Id))}.");
        }
    }
}

/// <summary>An optional profile and whether the organization has it on.</summary>
/// <param name="Notice">For a proposed profile, the words shown next to each of its requirements.</param>
public sealed record CatalogProfileSetting(
    string Id,
    string Title,
    string Description,
    bool IsProposed,
    string? Notice,
    string Source,
    bool Enabled,
    DateTimeOffset? ChangedAt,
    string? ChangedBy,
    IReadOnlyList<CatalogProfileChange> History);

public sealed record CatalogProfileChange(bool Enabled, DateTimeOffset ChangedAt, string ChangedBy);

/// <summary>The optional profiles of the catalog, each with the organization's setting and its history (newest first).</summary>
public sealed class GetCatalogProfiles(AppDbContext db, RequirementCatalog catalog)
{
    public async Task<IReadOnlyList<CatalogProfileSetting>> HandleAsync(CancellationToken cancellationToken)
    {
        var choices = await db.Set<CatalogProfileChoice>().AsNoTracking().ToListAsync(cancellationToken);
        return [.. catalog.Profiles.Where(p => p.Id != CatalogProfile.BaseId).Select(profile =>
        {
            var history = choices.Where(c => c.ProfileId == profile.Id).OrderByDescending(c => c.ChangedAt).ThenByDescending(c => c.Id).ToList();
            var latest = history.FirstOrDefault();
            return new CatalogProfileSetting(
                profile.Id, profile.Title, profile.Description, profile.IsProposed, CatalogProfiles.NoticeFor(profile), profile.Source,
                latest?.Enabled ?? profile.ActiveByDefault, latest?.ChangedAt, latest?.ChangedBy,
                [.. history.Select(c => new CatalogProfileChange(c.Enabled, c.ChangedAt, c.ChangedBy))]);
        })];
    }
}

/// <summary>Which optional profiles are on, now or at the end of a past day.</summary>
internal static class CatalogProfiles
{
    /// <summary>The label every proposed requirement carries wherever it is shown.</summary>
    public const string Nprm2025Notice = "Proposed (NPRM Jan 2025), not yet law";

    public static string? NoticeFor(CatalogProfile profile) => !profile.IsProposed
        ? null
        : profile.Id == CatalogProfile.Nprm2025Id ? Nprm2025Notice : $"Proposed ({profile.Title}), not yet law";

    public static string? NoticeFor(CatalogRequirement requirement) => !requirement.IsProposed
        ? null
        : requirement.Profile == CatalogProfile.Nprm2025Id ? Nprm2025Notice : $"Proposed ({requirement.Profile}), not yet law";

    /// <param name="before">Only choices made before this moment; null for the current setting.</param>
    public static async Task<HashSet<string>> EnabledAsync(AppDbContext db, RequirementCatalog catalog, DateTimeOffset? before, CancellationToken cancellationToken)
    {
        var query = db.Set<CatalogProfileChoice>().AsNoTracking();
        if (before is { } end)
        {
            query = query.Where(c => c.ChangedAt < end);
        }

        var choices = await query.ToListAsync(cancellationToken);
        var enabled = new HashSet<string>(StringComparer.Ordinal);
        foreach (var profile in catalog.Profiles.Where(p => p.Id != CatalogProfile.BaseId))
        {
            var latest = choices.Where(c => c.ProfileId == profile.Id).OrderBy(c => c.ChangedAt).ThenBy(c => c.Id).LastOrDefault();
            if (latest?.Enabled ?? profile.ActiveByDefault)
            {
                enabled.Add(profile.Id);
            }
        }

        return enabled;
    }
}
