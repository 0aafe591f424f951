namespace Custos.Modules.Safeguards.Catalog;

/// <summary>
/// A set of requirements that can be switched on together. <see cref="BaseId"/> is the law in force and always on;
/// a proposed profile (the January 2025 Security Rule NPRM) is off unless the organization turns it on to prepare.
/// </summary>
/// <param name="Source">Where the profile comes from, such as <c>90 FR 898 (January 6, 2025)</c>.</param>
public sealed record CatalogProfile(string Id, string Title, string Description, bool IsProposed, bool ActiveByDefault, string Source)
{
    public const string BaseId = "base";

    /// <summary>The January 2025 proposed Security Rule update (not law; see hipaa-reference §8).</summary>
    public const string Nprm2025Id = "nprm-2025";
}
