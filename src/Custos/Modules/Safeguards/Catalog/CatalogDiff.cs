namespace Custos.Modules.Safeguards.Catalog;

/// <summary>What changed for one requirement kept from one catalog version to the next.</summary>
/// <param name="Changes">Field names that differ: title, required, kind, parent, applies_to, freshness_days, guidance, evidence, family, profile.</param>
public sealed record RequirementChange(string Key, CatalogRequirement Before, CatalogRequirement After, IReadOnlyList<string> Changes)
{
    public bool IsRetitled => Changes.Contains(CatalogDiff.TitleField);
}

/// <summary>
/// The difference between two catalog versions, by key: what an upgrade adds, removes (retires) or changes. The
/// organization's records keep their keys; a removed key's records stay as history and are reported, never deleted
/// (ADR 0014).
/// </summary>
public sealed record CatalogDiff(
    string FromVersion,
    string ToVersion,
    IReadOnlyList<CatalogRequirement> Added,
    IReadOnlyList<CatalogRequirement> Removed,
    IReadOnlyList<RequirementChange> Changed)
{
    public const string TitleField = "title";

    public bool IsEmpty => Added.Count == 0 && Removed.Count == 0 && Changed.Count == 0;

    public IReadOnlyList<RequirementChange> Retitled => [.. Changed.Where(c => c.IsRetitled)];

    public static CatalogDiff Between(RequirementCatalog from, RequirementCatalog to)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        var added = to.Requirements.Where(r => !from.Contains(r.Key)).ToList();
        var removed = from.Requirements.Where(r => !to.Contains(r.Key)).ToList();
        var changed = new List<RequirementChange>();
        foreach (var before in from.Requirements)
        {
            if (to.Find(before.Key) is not { } after)
            {
                continue;
            }

            var fields = Compare(before, after);
            if (fields.Count > 0)
            {
                changed.Add(new RequirementChange(before.Key, before, after, fields));
            }
        }

        return new CatalogDiff(from.Version, to.Version, added, removed, changed);
    }

    /// <summary>One line per change, for an upgrade report or a log.</summary>
    public IReadOnlyList<string> Describe()
    {
        var lines = new List<string>();
        lines.AddRange(Added.Select(r => $"added {r.Key}: {r.Title}"));
        lines.AddRange(Removed.Select(r => $"removed {r.Key}: {r.Title}"));
        foreach (var change in Changed)
        {
            lines.Add(change.IsRetitled
                ? $"retitled {change.Key}: '{change.Before.Title}' -> '{change.After.Title}'" + Others(change)
                : $"changed {change.Key}: {string.Join(", ", change.Changes)}");
        }

        return lines;

        static string Others(RequirementChange change)
        {
            var others = change.Changes.Where(c => c != TitleField).ToList();
            return others.Count == 0 ? string.Empty : $" (also {string.Join(", ", others)})";
        }
    }

    private static List<string> Compare(CatalogRequirement a, CatalogRequirement b)
    {
        var fields = new List<string>();
        Add(!string.Equals(a.Title, b.Title, StringComparison.Ordinal), TitleField);
        Add(a.Required != b.Required, "required");
        Add(a.Kind != b.Kind, "kind");
        Add(!string.Equals(a.ParentCitation, b.ParentCitation, StringComparison.Ordinal), "parent");
        Add(a.Family != b.Family, "family");
        Add(!a.AppliesTo.SequenceEqual(b.AppliesTo), "applies_to");
        Add(a.EvidenceFreshnessDays != b.EvidenceFreshnessDays, "freshness_days");
        Add(!string.Equals(a.Guidance, b.Guidance, StringComparison.Ordinal), "guidance");
        Add(!a.TypicalEvidence.SequenceEqual(b.TypicalEvidence, StringComparer.Ordinal), "evidence");
        Add(!string.Equals(a.Profile, b.Profile, StringComparison.Ordinal), "profile");
        return fields;

        void Add(bool differs, string name)
        {
            if (differs)
            {
                fields.Add(name);
            }
        }
    }
}
