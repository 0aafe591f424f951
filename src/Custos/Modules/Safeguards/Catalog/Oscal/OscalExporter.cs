using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Custos.Modules.Safeguards.Catalog.Oscal;

/// <summary>
/// Writes the catalog as an OSCAL 1.1 <c>catalog</c> document and a profile as an OSCAL <c>profile</c> document.
/// Groups: one per rule, one per family inside it, one for each proposed profile and one for custom requirements.
/// Controls: a standard, with its implementation specifications as child controls; props carry the citation
/// (<c>label</c> and Custos's <c>citation</c>), kind, Required/Addressable and applicability; parts carry the guidance
/// and the typical evidence. The same inputs always give the same bytes (ids are name-based, nothing is random).
/// </summary>
public static class OscalExporter
{
    /// <summary>The file name profiles refer to for the catalog they select from.</summary>
    public const string CatalogFileName = "custos-hipaa-catalog.json";

    private static readonly JsonSerializerOptions WriteOptions = new()
    {
        WriteIndented = true,

        // Titles and guidance contain quotes and apostrophes; the document is data, never HTML.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <param name="lastModified">OSCAL's required metadata timestamp (pass the export time).</param>
    /// <param name="custom">The organization's custom requirements to include, in a group of their own.</param>
    public static string ExportCatalog(RequirementCatalog catalog, DateTimeOffset lastModified, IEnumerable<CustomRequirementDefinition>? custom = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var groups = new JsonArray();
        foreach (var rule in Enum.GetValues<RequirementRule>())
        {
            var ruleRequirements = catalog.Active.Where(r => r.Rule == rule).ToList();
            if (ruleRequirements.Count == 0)
            {
                continue;
            }

            var families = new JsonArray();
            foreach (var family in ruleRequirements.Select(r => r.Family).Distinct())
            {
                families.Add(new JsonObject
                {
                    ["id"] = "family-" + OscalNames.Name(family),
                    ["class"] = "family",
                    ["title"] = OscalNames.Title(family),
                    ["controls"] = Controls(catalog, ruleRequirements.Where(r => r.Family == family)),
                });
            }

            groups.Add(new JsonObject
            {
                ["id"] = "rule-" + OscalNames.Name(rule),
                ["class"] = "rule",
                ["title"] = OscalNames.Title(rule),
                ["groups"] = families,
            });
        }

        foreach (var profile in catalog.Profiles.Where(p => p.Id != CatalogProfile.BaseId))
        {
            var group = new JsonObject
            {
                ["id"] = "profile-" + profile.Id,
                ["class"] = profile.IsProposed ? "proposed" : "profile",
                ["title"] = profile.Title,
                ["props"] = new JsonArray(Prop(OscalNames.ProfileProp, profile.Id), Prop(OscalNames.ProposedProp, Bool(profile.IsProposed))),
                ["parts"] = new JsonArray(new JsonObject
                {
                    ["id"] = "profile-" + profile.Id + "_overview",
                    ["name"] = "overview",
                    ["prose"] = $"{profile.Description} Source: {profile.Source}.",
                }),
                ["controls"] = Controls(catalog, catalog.InProfile(profile.Id)),
            };
            groups.Add(group);
        }

        var customControls = new JsonArray();
        foreach (var definition in custom ?? [])
        {
            customControls.Add(CustomControl(definition));
        }

        if (customControls.Count > 0)
        {
            groups.Add(new JsonObject
            {
                ["id"] = "custom",
                ["class"] = "custom",
                ["title"] = "Custom requirements",
                ["controls"] = customControls,
            });
        }

        var document = new JsonObject
        {
            ["catalog"] = new JsonObject
            {
                ["uuid"] = CatalogUuid(catalog),
                ["metadata"] = Metadata(
                    "Custos HIPAA requirement catalog",
                    catalog.Version,
                    lastModified,
                    "Requirements of the HIPAA Security, Breach Notification and Privacy Rules with guidance written for Custos. " +
                    "The guidance explains the rules in plain language; it is not the regulation's text and not legal advice. " +
                    "Groups whose class is 'proposed' hold proposed rules that are not law."),
                ["groups"] = groups,
            },
        };
        return document.ToJsonString(WriteOptions);
    }

    /// <summary>An OSCAL profile selecting the base requirements plus those of <paramref name="profileId"/> from the catalog.</summary>
    public static string ExportProfile(RequirementCatalog catalog, string profileId, DateTimeOffset lastModified)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var profile = catalog.FindProfile(profileId)
            ?? throw new KeyNotFoundException($"Profile '{profileId}' is not in catalog version {catalog.Version}; known profiles: {string.Join(", ", catalog.Profiles.Select(p => p.Id))}.");
        var ids = new JsonArray();
        foreach (var requirement in catalog.ForProfiles([profile.Id]))
        {
            ids.Add(OscalNames.ControlId(requirement.Key));
        }

        var resourceUuid = OscalNames.NameBasedUuid($"catalog-resource:{catalog.Version}").ToString();
        var metadata = Metadata(
            profile.IsProposed ? $"{profile.Title} (proposed, not law)" : profile.Title,
            catalog.Version,
            lastModified,
            $"{profile.Description} Source: {profile.Source}.");
        metadata["props"] = new JsonArray(Prop(OscalNames.ProfileProp, profile.Id), Prop(OscalNames.ProposedProp, Bool(profile.IsProposed)));
        var document = new JsonObject
        {
            ["profile"] = new JsonObject
            {
                ["uuid"] = OscalNames.NameBasedUuid($"profile:{profile.Id}:{catalog.Version}").ToString(),
                ["metadata"] = metadata,
                ["imports"] = new JsonArray(new JsonObject
                {
                    ["href"] = "#" + resourceUuid,
                    ["include-controls"] = new JsonArray(new JsonObject { ["with-ids"] = ids }),
                }),
                ["merge"] = new JsonObject { ["as-is"] = true },
                ["back-matter"] = new JsonObject
                {
                    ["resources"] = new JsonArray(new JsonObject
                    {
                        ["uuid"] = resourceUuid,
                        ["title"] = $"Custos HIPAA requirement catalog {catalog.Version}",
                        ["rlinks"] = new JsonArray(new JsonObject
                        {
                            ["href"] = CatalogFileName,
                            ["media-type"] = "application/oscal.catalog+json",
                        }),
                    }),
                },
            },
        };
        return document.ToJsonString(WriteOptions);
    }

    internal static string CatalogUuid(RequirementCatalog catalog) => OscalNames.NameBasedUuid($"catalog:{catalog.Version}").ToString();

    private static JsonObject Metadata(string title, string version, DateTimeOffset lastModified, string remarks) => new()
    {
        ["title"] = title,
        ["last-modified"] = lastModified.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        ["version"] = version,
        ["oscal-version"] = OscalNames.OscalVersion,
        ["remarks"] = remarks,
    };

    /// <summary>Standards at this level, each with its specifications nested; a specification whose standard is elsewhere stands alone.</summary>
    private static JsonArray Controls(RequirementCatalog catalog, IEnumerable<CatalogRequirement> requirements)
    {
        var list = requirements.ToList();
        var keys = list.Select(r => r.Key).ToHashSet(StringComparer.Ordinal);
        var controls = new JsonArray();
        foreach (var requirement in list.Where(r => r.ParentCitation is null || !keys.Contains(r.ParentCitation)))
        {
            var control = Control(requirement);
            var children = new JsonArray();
            foreach (var specification in catalog.SpecificationsOf(requirement.Key).Where(s => keys.Contains(s.Key)))
            {
                children.Add(Control(specification));
            }

            if (children.Count > 0)
            {
                control["controls"] = children;
            }

            controls.Add(control);
        }

        return controls;
    }

    private static JsonObject Control(CatalogRequirement requirement)
    {
        var id = OscalNames.ControlId(requirement.Key);
        var props = new JsonArray
        {
            new JsonObject { ["name"] = "label", ["value"] = requirement.Citation },
            Prop(OscalNames.KeyProp, requirement.Key),
            Prop(OscalNames.CitationProp, requirement.Citation),
            Prop(OscalNames.RuleProp, OscalNames.Name(requirement.Rule)),
            Prop(OscalNames.KindProp, OscalNames.Name(requirement.Kind)),
        };
        if (requirement.Required is { } required)
        {
            props.Add(Prop(OscalNames.ImplementationProp, required ? "required" : "addressable"));
        }

        props.Add(Prop(OscalNames.FamilyProp, OscalNames.Name(requirement.Family)));
        foreach (var type in requirement.AppliesTo)
        {
            props.Add(Prop(OscalNames.AppliesToProp, OscalNames.Name(type)));
        }

        props.Add(Prop(OscalNames.FreshnessProp, requirement.EvidenceFreshnessDays.ToString(CultureInfo.InvariantCulture)));
        props.Add(Prop(OscalNames.ProfileProp, requirement.Profile));
        props.Add(Prop(OscalNames.ProposedProp, Bool(requirement.IsProposed)));
        foreach (var related in requirement.RelatedCitations)
        {
            props.Add(Prop(OscalNames.RelatedCitationProp, related));
        }

        return new JsonObject
        {
            ["id"] = id,
            ["class"] = OscalNames.Name(requirement.Kind),
            ["title"] = requirement.Title,
            ["props"] = props,
            ["parts"] = Parts(id, requirement.Guidance, requirement.TypicalEvidence),
        };
    }

    private static JsonObject CustomControl(CustomRequirementDefinition definition)
    {
        var id = OscalNames.ControlId(definition.Key);
        var props = new JsonArray { Prop(OscalNames.KeyProp, definition.Key) };
        if (definition.Source is { } source)
        {
            props.Add(Prop(OscalNames.SourceProp, source));
        }

        var links = new JsonArray();
        foreach (var key in definition.MapsTo)
        {
            props.Add(Prop(OscalNames.MapsToProp, key));
            links.Add(new JsonObject { ["href"] = "#" + OscalNames.ControlId(key), ["rel"] = OscalNames.MapsToRel });
        }

        var control = new JsonObject
        {
            ["id"] = id,
            ["class"] = "custom",
            ["title"] = definition.Title,
            ["props"] = props,
        };
        if (links.Count > 0)
        {
            control["links"] = links;
        }

        var parts = Parts(id, definition.Guidance, definition.TypicalEvidence);
        if (parts.Count > 0)
        {
            control["parts"] = parts;
        }

        return control;
    }

    private static JsonArray Parts(string id, string? guidance, IReadOnlyList<string> evidence)
    {
        var parts = new JsonArray();
        if (!string.IsNullOrWhiteSpace(guidance))
        {
            parts.Add(new JsonObject { ["id"] = id + "_gdn", ["name"] = OscalNames.GuidancePart, ["prose"] = guidance });
        }

        if (evidence.Count > 0)
        {
            var items = new JsonArray();
            for (var i = 0; i < evidence.Count; i++)
            {
                items.Add(new JsonObject
                {
                    ["id"] = $"{id}_evidence.{(i + 1).ToString(CultureInfo.InvariantCulture)}",
                    ["name"] = OscalNames.EvidenceItemPart,
                    ["ns"] = OscalNames.Namespace,
                    ["prose"] = evidence[i],
                });
            }

            parts.Add(new JsonObject
            {
                ["id"] = id + "_evidence",
                ["name"] = OscalNames.EvidencePart,
                ["ns"] = OscalNames.Namespace,
                ["title"] = "Typical evidence",
                ["parts"] = items,
            });
        }

        return parts;
    }

    private static JsonObject Prop(string name, string value) => new() { ["name"] = name, ["ns"] = OscalNames.Namespace, ["value"] = value };

    private static string Bool(bool value) => value ? "true" : "false";
}
