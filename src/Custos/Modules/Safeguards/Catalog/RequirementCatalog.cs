using System.Collections.Frozen;
using Custos.Modules.Organization.Contracts;

namespace Custos.Modules.Safeguards.Catalog;

/// <summary>
/// One version of the requirement catalog: every requirement of every profile, in regulation order, looked up by key.
/// Immutable; build it with <see cref="HipaaCatalog.Load"/> (the shipped data) or <see cref="HipaaCatalog.Parse"/>.
/// </summary>
public sealed class RequirementCatalog
{
    private readonly FrozenDictionary<string, CatalogRequirement> byKey;
    private readonly FrozenDictionary<string, CatalogProfile> profiles;

    public RequirementCatalog(string version, IEnumerable<CatalogProfile> profiles, IEnumerable<CatalogRequirement> requirements)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(version);
        ArgumentNullException.ThrowIfNull(profiles);
        ArgumentNullException.ThrowIfNull(requirements);
        Version = version;
        Profiles = [.. profiles];
        Requirements = [.. requirements];
        this.profiles = Profiles.ToFrozenDictionary(p => p.Id, StringComparer.Ordinal);
        byKey = Requirements.ToFrozenDictionary(r => r.Key, StringComparer.Ordinal);
        Active = [.. Requirements.Where(r => r.Profile == CatalogProfile.BaseId)];
    }

    /// <summary>The data version, such as <c>2026.12</c>; a new version may add, retitle or retire requirements.</summary>
    public string Version { get; }

    public IReadOnlyList<CatalogProfile> Profiles { get; }

    /// <summary>Every requirement of every profile, proposed ones included, in regulation order.</summary>
    public IReadOnlyList<CatalogRequirement> Requirements { get; }

    /// <summary>The requirements in force: the base profile only.</summary>
    public IReadOnlyList<CatalogRequirement> Active { get; }

    public CatalogProfile? FindProfile(string id) => profiles.GetValueOrDefault(id);

    /// <summary>The requirement with this key (for current law, its citation), or null.</summary>
    public CatalogRequirement? Find(string key) => byKey.GetValueOrDefault(key);

    public bool Contains(string key) => byKey.ContainsKey(key);

    /// <summary>Like <see cref="Find"/>, but an unknown key is a bug or stale data: it throws, naming the key and version.</summary>
    public CatalogRequirement Get(string key) => Find(key)
        ?? throw new KeyNotFoundException($"Requirement '{key}' is not in catalog version {Version}.");

    /// <summary>The base requirements plus those of the named profiles (for example <c>nprm-2025</c>).</summary>
    public IReadOnlyList<CatalogRequirement> ForProfiles(IEnumerable<string> profileIds)
    {
        ArgumentNullException.ThrowIfNull(profileIds);
        var wanted = new HashSet<string>(profileIds, StringComparer.Ordinal) { CatalogProfile.BaseId };
        foreach (var id in wanted)
        {
            if (!profiles.ContainsKey(id))
            {
                throw new KeyNotFoundException($"Profile '{id}' is not in catalog version {Version}; known profiles: {string.Join(", ", profiles.Keys.Order(StringComparer.Ordinal))}.");
            }
        }

        return [.. Requirements.Where(r => wanted.Contains(r.Profile))];
    }

    /// <summary>Only the requirements brought in by one profile (without the base).</summary>
    public IReadOnlyList<CatalogRequirement> InProfile(string profileId) =>
        [.. Requirements.Where(r => string.Equals(r.Profile, profileId, StringComparison.Ordinal))];

    /// <summary>The implementation specifications of a standard, in order.</summary>
    public IReadOnlyList<CatalogRequirement> SpecificationsOf(string standardKey) =>
        [.. Requirements.Where(r => string.Equals(r.ParentCitation, standardKey, StringComparison.Ordinal))];

    /// <summary>The requirements that bind an organization of this entity type, base plus the named profiles.</summary>
    public IReadOnlyList<CatalogRequirement> ApplicableTo(EntityType entityType, IEnumerable<string>? profileIds = null) =>
        [.. ForProfiles(profileIds ?? []).Where(r => r.AppliesToEntity(entityType))];
}
