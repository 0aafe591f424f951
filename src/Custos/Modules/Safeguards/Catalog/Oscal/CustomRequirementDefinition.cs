namespace Custos.Modules.Safeguards.Catalog.Oscal;

/// <summary>
/// A requirement the organization adds (by hand or from an imported OSCAL catalog, for example a SOC 2 criterion or a
/// NIST SP 800-53 control), with the HIPAA requirements it maps to. The Safeguards module stores these in the
/// database; the catalog itself never holds them.
/// </summary>
/// <param name="Key">Starts with <see cref="RequirementKey.CustomPrefix"/>.</param>
/// <param name="ControlId">The control id in the source document (<c>ac-2</c>, <c>CC6.1</c>).</param>
/// <param name="MapsTo">Keys of catalog requirements this one helps meet (validated against the catalog).</param>
/// <param name="Source">The framework or document it came from (the source catalog's title).</param>
public sealed record CustomRequirementDefinition(
    string Key,
    string ControlId,
    string Title,
    string? Guidance,
    IReadOnlyList<string> TypicalEvidence,
    IReadOnlyList<string> MapsTo,
    string? Source);
