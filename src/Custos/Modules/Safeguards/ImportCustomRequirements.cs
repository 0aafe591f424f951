using Custos.Modules.Safeguards.Catalog;
using Custos.Modules.Safeguards.Catalog.Oscal;
using Custos.Platform.Identity;
using Custos.Platform.Persistence;
using Custos.Platform.Validation;
using Microsoft.EntityFrameworkCore;

namespace Custos.Modules.Safeguards;

public sealed record CustomRequirementImport(string Title, IReadOnlyList<CustomRequirementView> Added, int Mappings);

/// <summary>
/// Stores the controls of an OSCAL catalog (NIST SP 800-53, SOC 2, the organization's own) as custom requirements,
/// each linked (kind <c>maps-to</c>) to the HIPAA requirements it helps meet. All or nothing: malformed OSCAL, an
/// unknown citation or a control that already exists stores nothing and says where the problem is.
/// </summary>
public sealed class ImportCustomRequirements(AppDbContext db, AddCustomRequirement addCustom, TimeProvider time, ICurrentActor actor)
{
    public const string MapsToKind = "maps-to";

    public async Task<CustomRequirementImport> HandleAsync(string oscalJson, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(oscalJson);
        var catalog = HipaaCatalog.Load();
        var result = OscalImporter.Import(oscalJson, catalog);
        if (!result.Succeeded)
        {
            throw new InvalidRequestException(new Dictionary<string, string[]>(StringComparer.Ordinal)
            {
                ["oscal"] = [.. result.Errors.Select(e => e.ToString())],
            });
        }

        var document = result.Document!;
        if (document.CustomRequirements.Count == 0)
        {
            throw new InvalidRequestException("oscal", "The document holds no control that is not already a HIPAA requirement of the catalog; nothing to import.");
        }

        var commands = document.CustomRequirements.Select(c => new AddCustomRequirementCommand(
            c.Key,
            c.Title.Length > 300 ? c.Title[..300] : c.Title,
            c.Guidance,
            c.MapsTo.Select(catalog.Find).OfType<CatalogRequirement>().Select(r => r.Family).DefaultIfEmpty(RequirementFamily.Administrative).First(),
            365,
            "OSCAL import: " + (c.Source ?? document.Title))).ToList();

        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async ct =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var added = await addCustom.AddAsync(commands, ct);
            var now = time.GetUtcNow();
            var links = document.CustomRequirements.SelectMany(c => c.MapsTo.Select(target =>
                new ImplementationLink(Guid.CreateVersion7(now), c.Key, MapsToKind, target, $"{c.ControlId} maps to {target}", now, actor.Actor.DisplayName))).ToList();
            db.AddRange(links);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return new CustomRequirementImport(document.Title, added, links.Count);
        }, cancellationToken);
    }
}
