using System.Text.Json;
using System.Text.Json.Serialization;
using Custos.Modules.Organization.Contracts;

namespace Custos.Modules.Safeguards.Catalog;

/// <summary>
/// Loads the HIPAA requirement catalog shipped inside the core as embedded JSON (Data/*.json): a manifest
/// (<c>catalog.json</c>: version, profiles, files) and one file per rule or profile. The data is part of the release,
/// upgraded with it, and never written by the organization (ADR 0014).
/// </summary>
public static class HipaaCatalog
{
    private const string ResourcePrefix = "Custos.Modules.Safeguards.Catalog.Data.";
    private const string ManifestName = "catalog.json";
    private const int DefaultFreshnessDays = 365;

    private static readonly Lazy<RequirementCatalog> Shipped = new(() => Parse(ManifestName, ReadResource));

    internal static readonly JsonSerializerOptions DataOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Skip,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false) },
    };

    private static readonly EntityType[] AllEntityTypes = Enum.GetValues<EntityType>();

    /// <summary>The catalog shipped with this build (read once, then shared: it is immutable).</summary>
    public static RequirementCatalog Load() => Shipped.Value;

    /// <summary>
    /// Builds a catalog from a manifest and the files it lists, read through <paramref name="readFile"/>.
    /// Inconsistent data (duplicate keys, a specification without its standard, a standard with a Required flag,
    /// mismatched versions) throws <see cref="CatalogDataException"/> naming the file and requirement.
    /// </summary>
    public static RequirementCatalog Parse(string manifestName, Func<string, string> readFile)
    {
        ArgumentNullException.ThrowIfNull(readFile);
        var manifest = Deserialize<ManifestData>(manifestName, readFile(manifestName));
        if (string.IsNullOrWhiteSpace(manifest.Version))
        {
            throw new CatalogDataException($"{manifestName}: 'version' is missing.");
        }

        var profiles = (manifest.Profiles ?? []).Select(p => new CatalogProfile(
            Required(p.Id, manifestName, "profiles[].id"),
            Required(p.Title, manifestName, "profiles[].title"),
            p.Description ?? string.Empty,
            p.Proposed,
            p.ActiveByDefault,
            p.Source ?? string.Empty)).ToList();
        if (!profiles.Any(p => p.Id == CatalogProfile.BaseId))
        {
            throw new CatalogDataException($"{manifestName}: the '{CatalogProfile.BaseId}' profile is missing.");
        }

        var requirements = new List<CatalogRequirement>();
        foreach (var fileName in manifest.Files ?? [])
        {
            var file = Deserialize<RequirementFileData>(fileName, readFile(fileName));
            if (!string.Equals(file.Version, manifest.Version, StringComparison.Ordinal))
            {
                throw new CatalogDataException($"{fileName}: version '{file.Version}' differs from the manifest's '{manifest.Version}'.");
            }

            var profile = profiles.FirstOrDefault(p => p.Id == file.Profile)
                ?? throw new CatalogDataException($"{fileName}: profile '{file.Profile}' is not declared in {manifestName}.");
            foreach (var item in file.Requirements ?? [])
            {
                requirements.Add(ToRequirement(fileName, file, profile, item));
            }
        }

        Check(requirements);
        return new RequirementCatalog(manifest.Version, profiles, requirements);
    }

    private static CatalogRequirement ToRequirement(string fileName, RequirementFileData file, CatalogProfile profile, RequirementData item)
    {
        var citation = Required(item.Citation, fileName, "requirements[].citation");
        var where = $"{fileName}: {item.Key ?? citation}";
        var key = item.Key ?? citation;
        if (RequirementKey.IsCustom(key))
        {
            throw new CatalogDataException($"{where}: '{RequirementKey.CustomPrefix}' keys belong to the organization's own requirements, not the catalog.");
        }

        var kind = item.Kind ?? throw new CatalogDataException($"{where}: 'kind' is missing.");
        if (kind == RequirementKind.Standard && (item.Required is not null || item.Parent is not null))
        {
            throw new CatalogDataException($"{where}: a standard has neither 'required' nor 'parent'.");
        }

        if (kind == RequirementKind.Specification && (item.Required is null || item.Parent is null))
        {
            throw new CatalogDataException($"{where}: a specification needs 'required' (true or false) and 'parent'.");
        }

        if (item.Evidence is not { Count: > 0 })
        {
            throw new CatalogDataException($"{where}: 'evidence' lists at least one record.");
        }

        return new CatalogRequirement(
            key,
            citation,
            Required(item.Title, where, "title"),
            item.Rule ?? file.Rule,
            kind,
            item.Required,
            item.Parent,
            item.Family ?? throw new CatalogDataException($"{where}: 'family' is missing."),
            Required(item.Guidance, where, "guidance"),
            item.Evidence,
            item.AppliesTo is { Count: > 0 } types ? [.. types.Distinct().Order()] : AllEntityTypes,
            item.FreshnessDays ?? DefaultFreshnessDays,
            profile.Id,
            profile.IsProposed,
            item.Related ?? []);
    }

    private static void Check(List<CatalogRequirement> requirements)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var requirement in requirements)
        {
            if (!keys.Add(requirement.Key))
            {
                throw new CatalogDataException($"Requirement '{requirement.Key}' appears twice.");
            }

            if (requirement.EvidenceFreshnessDays is < 1 or > 3 * 365)
            {
                throw new CatalogDataException($"{requirement.Key}: freshness_days must be 1 to {3 * 365}.");
            }
        }

        foreach (var requirement in requirements.Where(r => r.ParentCitation is not null))
        {
            var parent = requirements.FirstOrDefault(r => r.Key == requirement.ParentCitation);
            if (parent is not { Kind: RequirementKind.Standard })
            {
                throw new CatalogDataException($"{requirement.Key}: parent '{requirement.ParentCitation}' is not a standard of the catalog.");
            }
        }
    }

    private static string Required(string? value, string where, string field) =>
        string.IsNullOrWhiteSpace(value) ? throw new CatalogDataException($"{where}: '{field}' is missing.") : value;

    private static T Deserialize<T>(string name, string json)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(json, DataOptions) ?? throw new CatalogDataException($"{name}: the document is empty.");
        }
        catch (JsonException ex)
        {
            throw new CatalogDataException($"{name}: {ex.Message}", ex);
        }
    }

    private static string ReadResource(string name)
    {
        using var stream = typeof(HipaaCatalog).Assembly.GetManifestResourceStream(ResourcePrefix + name)
            ?? throw new CatalogDataException($"The embedded catalog file {name} is missing from {typeof(HipaaCatalog).Assembly.GetName().Name}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private sealed record ManifestData(string Version, List<ProfileData>? Profiles, List<string>? Files);

    private sealed record ProfileData(string? Id, string? Title, string? Description, bool Proposed, bool ActiveByDefault, string? Source);

    private sealed record RequirementFileData(string Version, RequirementRule Rule, string Profile, List<RequirementData>? Requirements);

    private sealed record RequirementData(
        string? Key,
        string? Citation,
        string? Title,
        RequirementRule? Rule,
        RequirementKind? Kind,
        bool? Required,
        string? Parent,
        RequirementFamily? Family,
        string? Guidance,
        List<string>? Evidence,
        List<EntityType>? AppliesTo,
        int? FreshnessDays,
        List<string>? Related);
}

/// <summary>The shipped catalog data is inconsistent: a build defect, caught by the catalog tests.</summary>
public sealed class CatalogDataException : Exception
{
    public CatalogDataException(string message)
        : base(message)
    {
    }

    public CatalogDataException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
