using System.Text.Json;
using Custos.Modules.Organization.Contracts;

namespace Custos.Modules.Safeguards.Catalog;

/// <summary>
/// A whole catalog version as one JSON document, so that the version an organization last saw can be kept (one text
/// value in the database, or a file) and compared with the shipped one after an upgrade:
/// <c>CatalogDiff.Between(CatalogSnapshot.Read(stored), HipaaCatalog.Load())</c>. Unlike an OSCAL import, reading a
/// snapshot does not require its requirements to exist in the running catalog: retired ones are exactly what the
/// diff must find.
/// </summary>
public static class CatalogSnapshot
{
    public static string Write(RequirementCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var document = new SnapshotData(
            catalog.Version,
            [.. catalog.Profiles.Select(p => new ProfileData(p.Id, p.Title, p.Description, p.IsProposed, p.ActiveByDefault, p.Source))],
            [.. catalog.Requirements.Select(r => new RequirementData(
                r.Key, r.Citation, r.Title, r.Rule, r.Kind, r.Required, r.ParentCitation, r.Family, r.Guidance,
                [.. r.TypicalEvidence], [.. r.AppliesTo], r.EvidenceFreshnessDays, r.Profile, r.IsProposed, [.. r.RelatedCitations]))]);
        return JsonSerializer.Serialize(document, HipaaCatalog.DataOptions);
    }

    /// <summary>Reads what <see cref="Write"/> wrote; a damaged snapshot throws <see cref="CatalogDataException"/>.</summary>
    public static RequirementCatalog Read(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        SnapshotData? document;
        try
        {
            document = JsonSerializer.Deserialize<SnapshotData>(json, HipaaCatalog.DataOptions);
        }
        catch (JsonException ex)
        {
            throw new CatalogDataException($"The catalog snapshot is damaged: {ex.Message}", ex);
        }

        if (document is null || string.IsNullOrWhiteSpace(document.Version))
        {
            throw new CatalogDataException("The catalog snapshot has no version.");
        }

        try
        {
            return new RequirementCatalog(
                document.Version,
                (document.Profiles ?? []).Select(p => new CatalogProfile(p.Id, p.Title, p.Description, p.Proposed, p.ActiveByDefault, p.Source)),
                (document.Requirements ?? []).Select(r => new CatalogRequirement(
                    r.Key, r.Citation, r.Title, r.Rule, r.Kind, r.Required, r.Parent, r.Family, r.Guidance,
                    r.Evidence ?? [], r.AppliesTo ?? [], r.FreshnessDays, r.Profile, r.Proposed, r.Related ?? [])));
        }
        catch (ArgumentException ex)
        {
            throw new CatalogDataException($"The catalog snapshot of version {document.Version} is inconsistent: {ex.Message}", ex);
        }
    }

    private sealed record SnapshotData(string Version, List<ProfileData>? Profiles, List<RequirementData>? Requirements);

    private sealed record ProfileData(string Id, string Title, string Description, bool Proposed, bool ActiveByDefault, string Source);

    private sealed record RequirementData(
        string Key,
        string Citation,
        string Title,
        RequirementRule Rule,
        RequirementKind Kind,
        bool? Required,
        string? Parent,
        RequirementFamily Family,
        string Guidance,
        List<string>? Evidence,
        List<EntityType>? AppliesTo,
        int FreshnessDays,
        string Profile,
        bool Proposed,
        List<string>? Related);
}
