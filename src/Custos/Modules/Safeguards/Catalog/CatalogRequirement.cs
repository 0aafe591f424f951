using Custos.Modules.Organization.Contracts;

namespace Custos.Modules.Safeguards.Catalog;

/// <summary>Which HIPAA rule a requirement belongs to.</summary>
public enum RequirementRule
{
    /// <summary>45 CFR Part 164 Subpart C (164.302-164.318).</summary>
    Security,

    /// <summary>45 CFR Part 164 Subpart D (164.400-164.414).</summary>
    Breach,

    /// <summary>45 CFR Part 164 Subpart E (164.500-164.534), plus 164.105 for hybrid entities.</summary>
    Privacy,
}

/// <summary>
/// 45 CFR 164.306(d)(1): a standard states what must be achieved; its implementation specifications say how.
/// A standard without listed specifications must be met as written.
/// </summary>
public enum RequirementKind
{
    Standard,
    Specification,
}

/// <summary>The readiness families of the posture dashboard (issue 7, item 4).</summary>
public enum RequirementFamily
{
    /// <summary>164.306 and 164.308.</summary>
    Administrative,

    /// <summary>164.310.</summary>
    Physical,

    /// <summary>164.312.</summary>
    Technical,

    /// <summary>164.314.</summary>
    Organizational,

    /// <summary>164.316.</summary>
    Documentation,

    /// <summary>Subpart E (and 164.105).</summary>
    Privacy,

    /// <summary>Subpart D.</summary>
    BreachNotification,
}

/// <summary>
/// One requirement of the catalog: a standard or an implementation specification, with the plain-language guidance,
/// the evidence that usually proves it and the entity types it binds. Catalog data, never edited by the organization;
/// the organization's records refer to it by <see cref="Key"/>.
/// </summary>
/// <param name="Key">
/// Stable identifier that other modules store. For current-law requirements it is the citation
/// (<c>164.308(a)(1)(ii)(A)</c>); for a profile's proposed requirements it is <c>profile:slug</c>
/// (<c>nprm-2025:asset-inventory</c>); custom requirements, which live in the database, use
/// <see cref="RequirementKey.CustomPrefix"/>. Keys are never reused for a different requirement.
/// </param>
/// <param name="Citation">The 45 CFR paragraph (without "45 CFR"), or the Federal Register citation of a proposal.</param>
/// <param name="Required">
/// For a Security Rule specification: true if Required, false if Addressable (45 CFR 164.306(d)). Other rules'
/// specifications are always true. Null for a standard.
/// </param>
/// <param name="ParentCitation">For a specification, the key of its standard; null for a standard.</param>
/// <param name="Guidance">What the requirement asks, in plain language, written for Custos (not the regulation's text).</param>
/// <param name="TypicalEvidence">The records that usually show an auditor the requirement is met.</param>
/// <param name="AppliesTo">The entity types the requirement binds (see <see cref="AppliesToEntity"/>).</param>
/// <param name="EvidenceFreshnessDays">Evidence older than this (by its effective date) is stale and must be renewed.</param>
/// <param name="Profile">The profile that brings the requirement in: <see cref="CatalogProfile.BaseId"/> or a proposal.</param>
/// <param name="IsProposed">True for a requirement that is not law yet (a proposed rule); never active by default.</param>
/// <param name="RelatedCitations">Current-law citations a proposed requirement would change or that a requirement leans on.</param>
public sealed record CatalogRequirement(
    string Key,
    string Citation,
    string Title,
    RequirementRule Rule,
    RequirementKind Kind,
    bool? Required,
    string? ParentCitation,
    RequirementFamily Family,
    string Guidance,
    IReadOnlyList<string> TypicalEvidence,
    IReadOnlyList<EntityType> AppliesTo,
    int EvidenceFreshnessDays,
    string Profile,
    bool IsProposed,
    IReadOnlyList<string> RelatedCitations)
{
    /// <summary>The CFR section the citation belongs to, such as <c>164.308</c>.</summary>
    public string Section => Citation.IndexOf('(', StringComparison.Ordinal) is var open and > 0 ? Citation[..open] : Citation;

    public bool IsStandard => Kind == RequirementKind.Standard;

    /// <summary>45 CFR 164.306(d)(3): an addressable specification needs a recorded decision, not just an implementation.</summary>
    public bool IsAddressable => Kind == RequirementKind.Specification && Required == false;

    public bool AppliesToEntity(EntityType entityType) => AppliesTo.Contains(entityType);
}
