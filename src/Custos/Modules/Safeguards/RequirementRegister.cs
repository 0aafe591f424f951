using System.Text.Json;
using System.Text.Json.Serialization;
using Custos.Modules.Evidence.Contracts;
using Custos.Modules.Organization.Contracts;
using Custos.Modules.Safeguards.Catalog;
using Custos.Modules.Safeguards.Contracts;
using Custos.Platform.Persistence;
using Microsoft.EntityFrameworkCore;
using Rule = Custos.Modules.Safeguards.RequirementIsMetOnlyWhenImplementedAndBackedByCurrentApprovedEvidence;

namespace Custos.Modules.Safeguards;

/// <summary>One requirement in the organization's register, with its implementation and verdict on a date.</summary>
public sealed record RequirementRow(
    string Key,
    string Citation,
    string Title,
    RequirementRule? Rule,
    RequirementKind Kind,
    bool? Required,
    string? ParentKey,
    RequirementFamily Family,
    bool IsCustom,
    int EvidenceFreshnessDays,
    ImplementationState Implementation,
    DateTimeOffset? UpdatedAt,
    string? UpdatedBy,
    ComplianceVerdict Compliance,
    string Why,
    int CurrentEvidence,
    int StaleEvidence,
    bool ReviewOverdue,
    string? ProposedNotice = null)
{
    /// <summary>
    /// True for a requirement of a proposed rule (not law): shown in its own section, marked with
    /// <see cref="ProposedNotice"/>, and never counted toward readiness under the rules in force.
    /// </summary>
    public bool IsProposed => ProposedNotice is not null;

    public bool IsAddressable => Kind == RequirementKind.Specification && Required == false;

    /// <summary>"security", "breach", "privacy" or "custom".</summary>
    public string RuleName => Rule switch
    {
        RequirementRule.Security => "security",
        RequirementRule.Breach => "breach",
        RequirementRule.Privacy => "privacy",
        _ => "custom",
    };
}

/// <summary>The whole register on one date: every applicable requirement, and the evidence that existed then.</summary>
/// <param name="Profiles">The optional profiles that were on that day (for example <c>nprm-2025</c>); their requirements are in <see cref="Rows"/>, marked proposed.</param>
public sealed record RequirementRegisterView(DateOnly AsOf, EntityType EntityType, string CatalogVersion, IReadOnlyList<RequirementRow> Rows, IReadOnlyList<EvidenceFact> Evidence, IReadOnlyList<string> Profiles)
{
    /// <summary>The requirements of the rules in force: what readiness is measured on.</summary>
    public IReadOnlyList<RequirementRow> InForce => [.. Rows.Where(r => !r.IsProposed)];

    /// <summary>The requirements of switched-on proposed profiles, not law.</summary>
    public IReadOnlyList<RequirementRow> Proposed => [.. Rows.Where(r => r.IsProposed)];
}

/// <summary>
/// Builds the register: the catalog requirements that bind the organization's entity type plus its custom
/// requirements, each with its implementation as it stood on the date (from the change history for past dates) and
/// the verdict of <see cref="RequirementIsMetOnlyWhenImplementedAndBackedByCurrentApprovedEvidence"/>.
/// </summary>
public sealed class RequirementRegister(AppDbContext db, IEvidenceRecords evidence, IOrganizationEntityType organization, TimeProvider time)
{
    internal static readonly JsonSerializerOptions StateJson = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    public static RequirementCatalog Catalog => HipaaCatalog.Load();

    public DateOnly Today => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    public async Task<RequirementRegisterView> BuildAsync(DateOnly? asOf, CancellationToken cancellationToken)
    {
        var date = asOf ?? Today;
        var endOfDay = Rule.EndOf(date);
        var entityType = await organization.CurrentAsync(cancellationToken);
        var states = await StatesAsync(date, cancellationToken);
        var customs = await db.Set<CustomRequirement>().AsNoTracking().Where(c => c.CreatedAt < endOfDay).ToListAsync(cancellationToken);
        var facts = await evidence.ListAsync(date, cancellationToken);
        var byRequirement = facts.SelectMany(f => f.RequirementKeys.Select(k => (Key: k, Fact: f)))
            .ToLookup(p => p.Key, p => p.Fact, StringComparer.Ordinal);

        var catalog = Catalog;
        var profiles = await CatalogProfiles.EnabledAsync(db, catalog, endOfDay, cancellationToken);
        var applicable = catalog.ApplicableTo(entityType, profiles);
        var rows = new List<RequirementRow>(applicable.Count + customs.Count);
        var verdicts = new Dictionary<string, ComplianceVerdict>(StringComparer.Ordinal);

        RequirementRow Leaf(string key, string citation, string title, RequirementRule? rule, RequirementKind kind, bool? required, string? parent, RequirementFamily family, bool custom, int freshness, string? proposed = null)
        {
            var (state, updatedAt, updatedBy) = states.GetValueOrDefault(key, (ImplementationState.NotAssessed, null, null));
            var backing = byRequirement[key].Where(f => Rule.IsApprovedAndInForce(f, date)).ToList();
            var current = backing.Count(f => !Rule.IsStale(f, date, freshness));
            var stale = backing.Count - current;
            var verdict = Rule.ForSpecification(kind == RequirementKind.Specification && required == false, state, current);
            return new RequirementRow(key, citation, title, rule, kind, required, parent, family, custom, freshness, state, updatedAt, updatedBy,
                verdict.Compliance, verdict.Why, current, stale, state.NextReviewOn is { } review && review < date, proposed);
        }

        // Specifications first, so each standard can be judged from them.
        foreach (var requirement in applicable.Where(r => r.Kind == RequirementKind.Specification))
        {
            var row = Leaf(requirement.Key, requirement.Citation, requirement.Title, requirement.Rule, requirement.Kind, requirement.Required, requirement.ParentCitation, requirement.Family, false, requirement.EvidenceFreshnessDays);
            verdicts[row.Key] = row.Compliance;
        }

        var applicableKeys = applicable.Select(r => r.Key).ToHashSet(StringComparer.Ordinal);
        foreach (var requirement in applicable)
        {
            var notice = requirement.IsProposed && catalog.FindProfile(requirement.Profile) is { } profile ? CatalogProfiles.NoticeFor(profile) : null;
            var row = Leaf(requirement.Key, requirement.Citation, requirement.Title, requirement.Rule, requirement.Kind, requirement.Required, requirement.ParentCitation, requirement.Family, false, requirement.EvidenceFreshnessDays, notice);
            if (requirement.Kind == RequirementKind.Standard)
            {
                var specifications = catalog.SpecificationsOf(requirement.Key).Where(s => applicableKeys.Contains(s.Key)).ToList();
                if (specifications.Count > 0)
                {
                    var verdict = Rule.ForStandard([.. specifications.Select(s => verdicts[s.Key])]);
                    row = row with { Compliance = verdict.Compliance, Why = verdict.Why };
                }
            }

            rows.Add(row);
        }

        foreach (var custom in customs.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            var family = Enum.TryParse<RequirementFamily>(custom.Family, out var parsed) ? parsed : RequirementFamily.Administrative;
            rows.Add(Leaf(custom.Key, custom.Key[RequirementKey.CustomPrefix.Length..], custom.Title, null, RequirementKind.Specification, true, null, family, true, custom.EvidenceFreshnessDays));
        }

        return new RequirementRegisterView(date, entityType, catalog.Version, rows, facts, [.. profiles.Order(StringComparer.Ordinal)]);
    }

    /// <summary>Each requirement's implementation on <paramref name="asOf"/>: current rows for today or later, history for the past.</summary>
    private async Task<Dictionary<string, (ImplementationState, DateTimeOffset?, string?)>> StatesAsync(DateOnly asOf, CancellationToken cancellationToken)
    {
        if (asOf >= Today)
        {
            var rows = await db.Set<ControlImplementation>().AsNoTracking().ToListAsync(cancellationToken);
            return rows.ToDictionary(r => r.RequirementKey, r => (r.State, (DateTimeOffset?)r.UpdatedAt, (string?)r.UpdatedBy), StringComparer.Ordinal);
        }

        var endOfDay = Rule.EndOf(asOf);
        var changes = await db.Set<ImplementationChange>().AsNoTracking().Where(c => c.ChangedAt < endOfDay).ToListAsync(cancellationToken);
        return changes
            .GroupBy(c => c.RequirementKey, StringComparer.Ordinal)
            .Select(g => g.OrderBy(c => c.ChangedAt).ThenBy(c => c.Id).Last())
            .ToDictionary(c => c.RequirementKey, c => (ReadState(c.After), (DateTimeOffset?)c.ChangedAt, (string?)c.ChangedBy), StringComparer.Ordinal);
    }

    internal static string WriteState(ImplementationState state) => JsonSerializer.Serialize(state, StateJson);

    internal static ImplementationState ReadState(string json) =>
        JsonSerializer.Deserialize<ImplementationState>(json, StateJson) ?? ImplementationState.NotAssessed;
}
