using System.CommandLine;
using Custos.Cli.Commands.Database;
using Custos.Cli.Output;
using Custos.Modules.Organization.Contracts;
using Custos.Modules.Safeguards.Catalog;
using Custos.Modules.Safeguards.Catalog.Oscal;
using Microsoft.Extensions.DependencyInjection;

namespace Custos.Cli.Commands.Catalog;

internal static class ListCatalogCommand
{
    private static readonly string[] Rules = ["security", "breach", "privacy"];

    public static Command Create(CommandRuntime runtime)
    {
        var rule = new Option<string?>("--rule")
        {
            Description = "Only the requirements of one rule: security (164.302-318), breach (164.400-414) or privacy (Subpart E).",
            HelpName = string.Join('|', Rules),
            CustomParser = result =>
            {
                var text = result.Tokens.Count == 1 ? result.Tokens[0].Value.ToLowerInvariant() : string.Empty;
                if (Rules.Contains(text))
                {
                    return text;
                }

                result.AddError($"'{(result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Empty)}' is not a rule. Use --rule security, breach or privacy.");
                return null;
            },
        };
        rule.CompletionSources.Add(Rules);
        var entityNames = Enum.GetValues<EntityType>().Select(OscalNames.Name).ToArray();
        var appliesTo = new Option<EntityType?>("--applies-to")
        {
            Description = "Only the requirements that bind this entity type (for example, the notice of privacy practices binds covered entities only).",
            HelpName = string.Join('|', entityNames),
            CustomParser = result =>
            {
                var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Empty;
                foreach (var type in Enum.GetValues<EntityType>())
                {
                    if (string.Equals(OscalNames.Name(type), text, StringComparison.OrdinalIgnoreCase))
                    {
                        return type;
                    }
                }

                result.AddError($"'{text}' is not an entity type. Use one of: {string.Join(", ", entityNames)}.");
                return null;
            },
        };
        appliesTo.CompletionSources.Add(entityNames);
        var profile = CatalogCommands.ProfileOption(
            "Add a profile's requirements to the rules in force, for example nprm-2025 (the January 2025 proposed Security " +
            "Rule update: proposed, not law).");

        var command = new Command(
            "list",
            "List every requirement of the catalog with its citation, title, rule, kind (standard or implementation " +
            "specification), Required/Addressable flag and the organization's implementation status.")
        {
            rule,
            profile,
            appliesTo,
        };
        command.SetAction((parseResult, cancellationToken) => runtime.RunWithServicesAsync(parseResult, async (output, services) =>
        {
            var statusSource = services.GetService<IRequirementStatusSource>();
            if (statusSource is not null)
            {
                // A registered source reads the organization's records; the built-in one needs no database.
                await SchemaGuard.EnsureCurrentAsync(services, output, cancellationToken);
            }

            var statuses = await (statusSource ?? NotAssessedStatusSource.Instance).GetStatusesAsync(cancellationToken);
            var catalog = HipaaCatalog.Load();
            var profileId = parseResult.GetValue(profile);
            string[] profiles = profileId is null or CatalogProfile.BaseId ? [] : [profileId];
            var ruleName = parseResult.GetValue(rule);
            var entityType = parseResult.GetValue(appliesTo);
            var items = catalog.ForProfiles(profiles)
                .Where(r => entityType is null || r.AppliesToEntity(entityType.Value))
                .Select(r => Item(r, statuses))
                .Where(i => ruleName is null || i.Rule == ruleName)
                .ToList();
            var listing = new CatalogListing(
                catalog.Version,
                [CatalogProfile.BaseId, .. profiles],
                ruleName,
                entityType is null ? null : OscalNames.Name(entityType.Value),
                items.Count,
                items);
            output.Write(listing, l => WriteText(output, catalog, l));
            return ExitCodes.Success;
        }, cancellationToken));
        return command;
    }

    private static CatalogListItem Item(CatalogRequirement requirement, IReadOnlyDictionary<string, string> statuses) => new(
        requirement.Key,
        requirement.Citation,
        requirement.Title,
        OscalNames.Name(requirement.Rule),
        OscalNames.Name(requirement.Kind),
        requirement.Required,
        statuses.GetValueOrDefault(requirement.Key, RequirementStatusNames.NotAssessed),
        OscalNames.Name(requirement.Family),
        requirement.ParentCitation,
        requirement.Profile,
        requirement.IsProposed,
        [.. requirement.AppliesTo.Select(OscalNames.Name)]);

    private static void WriteText(CommandOutput output, RequirementCatalog catalog, CatalogListing listing)
    {
        var table = new TextTable("CITATION", "TITLE", "RULE", "KIND", "R/A", "STATUS");
        foreach (var item in listing.Requirements)
        {
            table.AddRow(
                item.Key,
                item.Title,
                item.Rule,
                item.Kind == "standard" ? "standard" : "spec",
                item.Required switch { true => "R", false => "A", null => "-" },
                item.Status.Replace('_', ' '));
        }

        output.Table(table);
        output.Line();
        var standards = listing.Requirements.Count(i => i.Kind == "standard");
        var required = listing.Requirements.Count(i => i.Required == true);
        var addressable = listing.Requirements.Count(i => i.Required == false);
        output.Line(
            $"{DisplayText.Count(listing.Count, "requirement", "requirements")} from catalog {listing.CatalogVersion}: " +
            $"{DisplayText.Count(standards, "standard", "standards")}, {required} required and {addressable} addressable " +
            "specifications (R/A: 45 CFR 164.306(d); '-' for standards). Not assessed is never compliant.");
        foreach (var id in listing.Profiles.Where(p => p != CatalogProfile.BaseId))
        {
            var profile = catalog.FindProfile(id)!;
            if (profile.IsProposed)
            {
                output.Line($"Includes {profile.Title}: PROPOSED, NOT LAW ({profile.Source}).");
            }
        }
    }
}

/// <param name="Profiles">The profiles listed: always "base", plus the one asked for.</param>
/// <param name="Rule">The --rule filter, or null.</param>
/// <param name="AppliesTo">The --applies-to filter, or null.</param>
internal sealed record CatalogListing(
    string CatalogVersion,
    IReadOnlyList<string> Profiles,
    string? Rule,
    string? AppliesTo,
    int Count,
    IReadOnlyList<CatalogListItem> Requirements);

/// <param name="Key">What the organization's records refer to: the citation for rules in force, profile:slug for a proposal.</param>
/// <param name="Required">True Required, false Addressable, null for a standard.</param>
/// <param name="AppliesTo">business-associate, covered-entity, hybrid-entity, subcontractor-business-associate.</param>
/// <param name="Status">not_assessed, planned, partially_implemented, implemented or not_applicable.</param>
internal sealed record CatalogListItem(
    string Key,
    string Citation,
    string Title,
    string Rule,
    string Kind,
    bool? Required,
    string Status,
    string Family,
    string? Parent,
    string Profile,
    bool Proposed,
    IReadOnlyList<string> AppliesTo);
