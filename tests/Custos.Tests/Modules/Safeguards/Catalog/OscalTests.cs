using System.Text.Json;
using System.Text.RegularExpressions;
using Custos.Modules.Safeguards.Catalog;
using Custos.Modules.Safeguards.Catalog.Oscal;

namespace Custos.Tests.Modules.Safeguards.Catalog;

/// <summary>OSCAL 1.1 export and import: round trips, document shape, mappings from other frameworks, and each import error.</summary>
public sealed partial class OscalTests
{
    private static readonly RequirementCatalog Catalog = HipaaCatalog.Load();
    private static readonly DateTimeOffset ExportedAt = new(2026, 12, 5, 3, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_catalog_exported_and_imported_again_gives_back_every_requirement_unchanged()
    {
        var json = OscalExporter.ExportCatalog(Catalog, ExportedAt);

        var result = OscalImporter.Import(json, Catalog);

        result.Errors.ShouldBeEmpty();
        result.Succeeded.ShouldBeTrue();
        var imported = result.Document!;
        imported.DocumentType.ShouldBe(OscalDocumentType.Catalog);
        imported.Version.ShouldBe(Catalog.Version);
        imported.CustomRequirements.ShouldBeEmpty();
        imported.CatalogRequirements.Select(Snapshot).OrderBy(s => s, StringComparer.Ordinal)
            .ShouldBe(Catalog.Requirements.Select(Snapshot).OrderBy(s => s, StringComparer.Ordinal));
    }

    [Fact]
    public void Custom_requirements_survive_the_round_trip_with_their_mappings()
    {
        CustomRequirementDefinition[] custom =
        [
            new("custom:soc2-cc6.1", "CC6.1", "Logical access security", "Restrict logical access to systems.", ["Access policy"], ["164.312(a)(1)", "164.308(a)(4)(i)"], "SOC 2"),
        ];

        var result = OscalImporter.Import(OscalExporter.ExportCatalog(Catalog, ExportedAt, custom), Catalog);

        result.Succeeded.ShouldBeTrue(string.Join("; ", result.Errors));
        var definition = result.Document!.CustomRequirements.ShouldHaveSingleItem();
        definition.Key.ShouldBe("custom:soc2-cc6.1");
        definition.ControlId.ShouldBe("custom_soc2-cc6.1");
        definition.Title.ShouldBe("Logical access security");
        definition.Guidance.ShouldBe("Restrict logical access to systems.");
        definition.TypicalEvidence.ShouldBe(["Access policy"]);
        definition.MapsTo.ShouldBe(["164.312(a)(1)", "164.308(a)(4)(i)"]);
        definition.Source.ShouldBe("SOC 2");
    }

    [Fact]
    public void The_export_is_an_OSCAL_1_1_catalog_grouped_by_rule_and_family_with_citation_and_flag_props()
    {
        using var document = JsonDocument.Parse(OscalExporter.ExportCatalog(Catalog, ExportedAt));
        var catalog = document.RootElement.GetProperty("catalog");

        UuidV4OrV5().IsMatch(catalog.GetProperty("uuid").GetString()!).ShouldBeTrue();
        var metadata = catalog.GetProperty("metadata");
        metadata.GetProperty("oscal-version").GetString().ShouldBe("1.1.2");
        metadata.GetProperty("version").GetString().ShouldBe("2026.12");
        metadata.GetProperty("last-modified").GetString().ShouldBe("2026-12-05T03:00:00Z");
        catalog.GetProperty("groups").EnumerateArray().Select(g => g.GetProperty("id").GetString())
            .ShouldBe(["rule-security", "rule-breach", "rule-privacy", "profile-nprm-2025"]);
        var administrative = catalog.GetProperty("groups")[0].GetProperty("groups")[0];
        administrative.GetProperty("id").GetString().ShouldBe("family-administrative");

        var riskAnalysis = AllControls(catalog).Single(c => c.GetProperty("id").GetString() == "hipaa-164.308-a-1-ii-A");
        riskAnalysis.GetProperty("title").GetString().ShouldBe("Risk analysis");
        PropValue(riskAnalysis, "label").ShouldBe("164.308(a)(1)(ii)(A)");
        PropValue(riskAnalysis, "implementation").ShouldBe("required");
        PropValue(AllControls(catalog).Single(c => c.GetProperty("id").GetString() == "hipaa-164.312-a-2-iv"), "implementation").ShouldBe("addressable");
        riskAnalysis.GetProperty("parts").EnumerateArray().Select(p => p.GetProperty("name").GetString()).ShouldBe(["guidance", "evidence"]);
        AllControls(catalog).ShouldAllBe(c => Token().IsMatch(c.GetProperty("id").GetString()!));
        AllControls(catalog).Count().ShouldBe(Catalog.Requirements.Count);
    }

    [Fact]
    public void The_same_catalog_exports_the_same_bytes()
    {
        OscalExporter.ExportCatalog(Catalog, ExportedAt).ShouldBe(OscalExporter.ExportCatalog(Catalog, ExportedAt));
        OscalExporter.ExportProfile(Catalog, "nprm-2025", ExportedAt).ShouldBe(OscalExporter.ExportProfile(Catalog, "nprm-2025", ExportedAt));
    }

    [Theory]
    [InlineData("base")]
    [InlineData("nprm-2025")]
    public void A_profile_exported_and_imported_selects_the_same_requirements(string profile)
    {
        var json = OscalExporter.ExportProfile(Catalog, profile, ExportedAt);

        var result = OscalImporter.Import(json, Catalog);

        result.Succeeded.ShouldBeTrue(string.Join("; ", result.Errors));
        result.Document!.DocumentType.ShouldBe(OscalDocumentType.Profile);
        result.Document.SelectedKeys.ShouldBe(Catalog.ForProfiles([profile]).Select(r => r.Key));
        if (profile == "nprm-2025")
        {
            result.Document.Title.ShouldContain("proposed, not law");
        }
    }

    [Fact]
    public void A_NIST_SP_800_53_control_mapped_by_prop_and_link_becomes_a_custom_requirement_mapped_to_HIPAA()
    {
        var json = ForeignCatalog("""
            {
              "id": "ac-2", "title": "Account Management",
              "props": [ { "name": "hipaa-citation", "value": "45 CFR 164.308(a)(3)(ii)(C)" } ],
              "links": [ { "href": "#hipaa-164.308-a-4-ii-C", "rel": "maps-to" }, { "href": "#ac-3", "rel": "related" } ],
              "parts": [ { "id": "ac-2_gdn", "name": "guidance", "prose": "Manage system accounts." } ],
              "controls": [ { "id": "ac-2.1", "title": "Automated System Account Management" } ]
            }
            """);

        var result = OscalImporter.Import(json, Catalog);

        result.Succeeded.ShouldBeTrue(string.Join("; ", result.Errors));
        var custom = result.Document!.CustomRequirements;
        custom.Select(c => c.Key).ShouldBe(["custom:ac-2", "custom:ac-2.1"]);
        custom[0].MapsTo.ShouldBe(["164.308(a)(3)(ii)(C)", "164.308(a)(4)(ii)(C)"]);
        custom[0].Guidance.ShouldBe("Manage system accounts.");
        custom[0].Source.ShouldBe("NIST SP 800-53 Rev. 5 (excerpt)");
        custom[1].MapsTo.ShouldBeEmpty();
    }

    [Fact]
    public void Malformed_JSON_is_refused_with_its_line_and_nothing_kept()
    {
        var result = OscalImporter.Import("{\n  \"catalog\": {\n    \"uuid\": \"x\",,\n", Catalog);

        result.Document.ShouldBeNull();
        var error = result.Errors.ShouldHaveSingleItem();
        error.Path.ShouldStartWith("$");
        error.Message.ShouldContain("not valid JSON at line 3");
    }

    [Fact]
    public void Another_OSCAL_document_type_is_refused_by_name()
    {
        var result = OscalImporter.Import("""{ "system-security-plan": { "uuid": "9c2b8a5e-1d4f-4e0a-8b6c-3f2e1d0c9b8a" } }""", Catalog);

        result.Document.ShouldBeNull();
        result.Errors.ShouldBe([new OscalImportError("$", "this is an OSCAL 'system-security-plan' document; import takes a 'catalog' or a 'profile'.")]);
    }

    [Theory]
    [InlineData("""{ "controls": [] }""")]
    [InlineData("""[ { "catalog": {} } ]""")]
    public void A_document_that_is_not_OSCAL_is_refused(string json)
    {
        var result = OscalImporter.Import(json, Catalog);

        result.Document.ShouldBeNull();
        result.Errors.ShouldHaveSingleItem().Path.ShouldBe("$");
    }

    [Fact]
    public void A_mapping_to_an_unknown_citation_is_refused_at_its_path_and_the_valid_controls_are_not_kept()
    {
        var json = ForeignCatalog("""
            { "id": "cc6.1", "title": "Logical access", "props": [ { "name": "hipaa-citation", "value": "164.312(a)(1)" } ] },
            { "id": "cc6.2", "title": "Registration", "props": [ { "name": "hipaa-citation", "value": "164.999(z)" } ] }
            """);

        var result = OscalImporter.Import(json, Catalog);

        result.Document.ShouldBeNull();
        var error = result.Errors.ShouldHaveSingleItem();
        error.Path.ShouldBe("$.catalog.groups[0].controls[1].props[0].value");
        error.Message.ShouldContain("'164.999(z)' is not a citation of the Custos HIPAA catalog 2026.12");
    }

    [Fact]
    public void A_maps_to_link_to_something_outside_the_catalog_is_refused_at_its_path()
    {
        var json = ForeignCatalog("""{ "id": "ac-3", "title": "Access Enforcement", "links": [ { "href": "#ac-2", "rel": "maps-to" } ] }""");

        var result = OscalImporter.Import(json, Catalog);

        result.Errors.ShouldHaveSingleItem().Path.ShouldBe("$.catalog.groups[0].controls[0].links[0].href");
    }

    [Fact]
    public void Controls_without_an_id_or_title_are_refused_one_error_each()
    {
        var json = ForeignCatalog("""{ "title": "No id" }, { "id": "no-title" }, { "id": "3bad", "title": "Bad id" }""");

        var result = OscalImporter.Import(json, Catalog);

        result.Document.ShouldBeNull();
        result.Errors.Select(e => e.Path).ShouldBe(
        [
            "$.catalog.groups[0].controls[0].id",
            "$.catalog.groups[0].controls[1].title",
            "$.catalog.groups[0].controls[2].id",
        ]);
        result.Errors[0].Message.ShouldBe("missing.");
    }

    [Fact]
    public void Duplicate_control_ids_are_refused()
    {
        var json = ForeignCatalog("""{ "id": "ac-2", "title": "One" }, { "id": "ac-2", "title": "Two" }""");

        var result = OscalImporter.Import(json, Catalog);

        result.Errors.ShouldHaveSingleItem().Path.ShouldBe("$.catalog.groups[0].controls[1].id");
    }

    [Fact]
    public void Missing_metadata_and_an_unsupported_OSCAL_version_are_refused()
    {
        var noTitle = """{ "catalog": { "uuid": "9c2b8a5e-1d4f-4e0a-8b6c-3f2e1d0c9b8a", "metadata": { "version": "1", "oscal-version": "1.1.2" }, "controls": [ { "id": "a", "title": "A" } ] } }""";
        var oldVersion = """{ "catalog": { "uuid": "not-a-uuid", "metadata": { "title": "T", "version": "1", "oscal-version": "0.9.0" }, "controls": [ { "id": "a", "title": "A" } ] } }""";

        OscalImporter.Import(noTitle, Catalog).Errors.ShouldBe([new OscalImportError("$.catalog.metadata.title", "missing.")]);
        OscalImporter.Import(oldVersion, Catalog).Errors.Select(e => e.Path).ShouldBe(["$.catalog.uuid", "$.catalog.metadata.oscal-version"]);
    }

    [Fact]
    public void A_Custos_control_naming_a_requirement_the_catalog_does_not_have_is_refused()
    {
        var json = ForeignCatalog("""{ "id": "hipaa-164.999", "title": "Invented", "props": [ { "name": "key", "ns": "urn:custos:oscal", "value": "164.999" } ] }""");

        var result = OscalImporter.Import(json, Catalog);

        var error = result.Errors.ShouldHaveSingleItem();
        error.Path.ShouldBe("$.catalog.groups[0].controls[0].props[0]");
        error.Message.ShouldContain("'164.999' is not a requirement");
    }

    [Fact]
    public void A_profile_selecting_an_unknown_control_is_refused_at_the_id()
    {
        var json = """
            {
              "profile": {
                "uuid": "9c2b8a5e-1d4f-4e0a-8b6c-3f2e1d0c9b8a",
                "metadata": { "title": "Tailored", "last-modified": "2026-12-05T00:00:00Z", "version": "1", "oscal-version": "1.1.2" },
                "imports": [ { "href": "custos-hipaa-catalog.json", "include-controls": [ { "with-ids": [ "hipaa-164.308-a-1-i", "ac-2" ] } ] } ]
              }
            }
            """;

        var result = OscalImporter.Import(json, Catalog);

        result.Document.ShouldBeNull();
        result.Errors.ShouldHaveSingleItem().Path.ShouldBe("$.profile.imports[0].include-controls[0].with-ids[1]");
    }

    [Fact]
    public void A_profile_may_include_all_and_exclude_some_controls()
    {
        var json = """
            {
              "profile": {
                "uuid": "9c2b8a5e-1d4f-4e0a-8b6c-3f2e1d0c9b8a",
                "metadata": { "title": "Without the proposals", "version": "1", "oscal-version": "1.1.2" },
                "imports": [ {
                  "href": "custos-hipaa-catalog.json",
                  "include-all": {},
                  "exclude-controls": [ { "with-ids": [ "nprm-2025_encryption", "hipaa-164.520-a" ] } ]
                } ]
              }
            }
            """;

        var result = OscalImporter.Import(json, Catalog);

        result.Succeeded.ShouldBeTrue(string.Join("; ", result.Errors));
        result.Document!.SelectedKeys.Count.ShouldBe(Catalog.Requirements.Count - 2);
        result.Document.SelectedKeys.ShouldNotContain("164.520(a)");
        result.Document.SelectedKeys.ShouldNotContain("nprm-2025:encryption");
        result.Document.SelectedKeys.ShouldContain("nprm-2025:multi-factor-authentication");
    }

    [Fact]
    public void A_profile_without_imports_is_refused()
    {
        var json = """{ "profile": { "uuid": "9c2b8a5e-1d4f-4e0a-8b6c-3f2e1d0c9b8a", "metadata": { "title": "T", "version": "1", "oscal-version": "1.1.2" }, "imports": [] } }""";

        OscalImporter.Import(json, Catalog).Errors.ShouldHaveSingleItem().Path.ShouldBe("$.profile.imports");
    }

    [Theory]
    [InlineData("164.308(a)(1)(ii)(A)", "hipaa-164.308-a-1-ii-A")]
    [InlineData("164.402", "hipaa-164.402")]
    [InlineData("nprm-2025:encryption", "nprm-2025_encryption")]
    [InlineData("custom:soc2-cc6.1", "custom_soc2-cc6.1")]
    public void Requirement_keys_become_OSCAL_tokens(string key, string id)
    {
        OscalNames.ControlId(key).ShouldBe(id);
        Token().IsMatch(id).ShouldBeTrue();
    }

    private static string ForeignCatalog(string controls) => $$"""
        {
          "catalog": {
            "uuid": "0e1f2a3b-4c5d-4e6f-8a9b-0c1d2e3f4a5b",
            "metadata": { "title": "NIST SP 800-53 Rev. 5 (excerpt)", "last-modified": "2026-12-05T00:00:00Z", "version": "5.1.1", "oscal-version": "1.1.2" },
            "groups": [ { "id": "ac", "title": "Access Control", "controls": [ {{controls}} ] } ]
          }
        }
        """;

    private static string Snapshot(CatalogRequirement r) => string.Join(
        " | ",
        r.Key, r.Citation, r.Title, r.Rule, r.Kind, r.Required, r.ParentCitation, r.Family, r.Guidance,
        string.Join(";", r.TypicalEvidence), string.Join(";", r.AppliesTo), r.EvidenceFreshnessDays, r.Profile, r.IsProposed,
        string.Join(";", r.RelatedCitations));

    private static IEnumerable<JsonElement> AllControls(JsonElement container)
    {
        foreach (var name in new[] { "controls", "groups" })
        {
            if (!container.TryGetProperty(name, out var items))
            {
                continue;
            }

            foreach (var item in items.EnumerateArray())
            {
                if (name == "controls")
                {
                    yield return item;
                }

                foreach (var nested in AllControls(item))
                {
                    yield return nested;
                }
            }
        }
    }

    private static string? PropValue(JsonElement control, string name) =>
        control.GetProperty("props").EnumerateArray().FirstOrDefault(p => p.GetProperty("name").GetString() == name) is { ValueKind: JsonValueKind.Object } prop
            ? prop.GetProperty("value").GetString()
            : null;

    [GeneratedRegex("^[0-9a-f]{8}-[0-9a-f]{4}-[45][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")]
    private static partial Regex UuidV4OrV5();

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9._-]*$")]
    private static partial Regex Token();
}
