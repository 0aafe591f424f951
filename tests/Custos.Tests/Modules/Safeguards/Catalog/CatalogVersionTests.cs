using Custos.Modules.Safeguards.Catalog;

namespace Custos.Tests.Modules.Safeguards.Catalog;

/// <summary>Upgrading in place: what changed between two catalog versions, and data that must not load.</summary>
public sealed class CatalogVersionTests
{
    private static readonly RequirementCatalog Current = HipaaCatalog.Load();

    [Fact]
    public void The_same_catalog_has_no_differences()
    {
        var diff = CatalogDiff.Between(Current, Current);

        diff.IsEmpty.ShouldBeTrue();
        diff.Describe().ShouldBeEmpty();
    }

    [Fact]
    public void A_newer_version_reports_added_removed_retitled_and_changed_requirements_by_key()
    {
        var logoff = Current.Get("164.312(a)(2)(iii)");
        var encryption = Current.Get("164.312(e)(2)(ii)");
        var added = logoff with { Key = "164.312(a)(2)(v)", Citation = "164.312(a)(2)(v)", Title = "Session binding" };
        var next = new RequirementCatalog(
            "2027.06",
            Current.Profiles,
            Current.Requirements
                .Where(r => r.Key != "164.310(a)(2)(iv)")
                .Select(r => r.Key == logoff.Key ? r with { Title = "Automatic session logoff" } : r)
                .Select(r => r.Key == encryption.Key ? r with { Required = true, EvidenceFreshnessDays = 90 } : r)
                .Append(added));

        var diff = CatalogDiff.Between(Current, next);

        diff.FromVersion.ShouldBe("2026.12");
        diff.ToVersion.ShouldBe("2027.06");
        diff.Added.Select(r => r.Key).ShouldBe(["164.312(a)(2)(v)"]);
        diff.Removed.Select(r => r.Key).ShouldBe(["164.310(a)(2)(iv)"]);
        diff.Retitled.Select(c => c.Key).ShouldBe(["164.312(a)(2)(iii)"]);
        diff.Changed.Single(c => c.Key == encryption.Key).Changes.ShouldBe(["required", "freshness_days"]);
        diff.Describe().ShouldBe(
        [
            "added 164.312(a)(2)(v): Session binding",
            "removed 164.310(a)(2)(iv): Maintenance records",
            "retitled 164.312(a)(2)(iii): 'Automatic logoff' -> 'Automatic session logoff'",
            "changed 164.312(e)(2)(ii): required, freshness_days",
        ]);
    }

    [Fact]
    public void A_stored_snapshot_of_the_previous_version_reads_back_whole_and_diffs_against_the_shipped_one()
    {
        var previous = new RequirementCatalog(
            "2026.06",
            Current.Profiles,
            Current.Requirements
                .Select(r => r.Key == "164.402" ? r with { Title = "Breach risk assessment" } : r)
                .Append(Current.Get("164.412") with { Key = "164.413", Citation = "164.413", Title = "Retired requirement" }));
        var stored = CatalogSnapshot.Write(previous);

        var read = CatalogSnapshot.Read(stored);
        var diff = CatalogDiff.Between(read, Current);

        CatalogSnapshot.Write(read).ShouldBe(stored);
        CatalogDiff.Between(previous, read).IsEmpty.ShouldBeTrue();
        read.Version.ShouldBe("2026.06");
        diff.Removed.Select(r => r.Key).ShouldBe(["164.413"]);
        diff.Retitled.Select(c => c.Key).ShouldBe(["164.402"]);
        diff.Added.ShouldBeEmpty();
    }

    [Fact]
    public void A_damaged_snapshot_is_refused()
    {
        Should.Throw<CatalogDataException>(() => CatalogSnapshot.Read("{ \"version\": "));
        Should.Throw<CatalogDataException>(() => CatalogSnapshot.Read("{ \"profiles\": [] }"));
    }

    [Theory]
    [InlineData("duplicate", "appears twice")]
    [InlineData("orphan", "is not a standard of the catalog")]
    [InlineData("custom", "belong to the organization's own requirements")]
    [InlineData("standard-with-flag", "a standard has neither 'required' nor 'parent'")]
    [InlineData("no-evidence", "'evidence' lists at least one record")]
    [InlineData("version", "differs from the manifest's")]
    [InlineData("unknown-field", "rquired")]
    public void Inconsistent_catalog_data_does_not_load(string defect, string message)
    {
        var standard = """{ "citation": "164.308(a)(2)", "title": "Assigned security responsibility", "kind": "standard", "family": "administrative", "guidance": "Name a security official.", "evidence": [ "Designation" ] }""";
        var requirements = defect switch
        {
            "duplicate" => $"{standard}, {standard}",
            "orphan" => """{ "citation": "164.308(a)(9)(i)", "title": "X", "kind": "specification", "required": true, "parent": "164.308(a)(9)", "family": "administrative", "guidance": "X", "evidence": [ "X" ] }""",
            "custom" => """{ "key": "custom:x", "citation": "x", "title": "X", "kind": "standard", "family": "administrative", "guidance": "X", "evidence": [ "X" ] }""",
            "standard-with-flag" => """{ "citation": "164.308(a)(2)", "title": "X", "kind": "standard", "required": true, "family": "administrative", "guidance": "X", "evidence": [ "X" ] }""",
            "no-evidence" => """{ "citation": "164.308(a)(2)", "title": "X", "kind": "standard", "family": "administrative", "guidance": "X", "evidence": [] }""",
            "unknown-field" => """{ "citation": "164.308(a)(2)", "title": "X", "kind": "standard", "rquired": true, "family": "administrative", "guidance": "X", "evidence": [ "X" ] }""",
            _ => standard,
        };
        var files = new Dictionary<string, string>
        {
            ["catalog.json"] = """{ "version": "1", "profiles": [ { "id": "base", "title": "Base" } ], "files": [ "rules.json" ] }""",
            ["rules.json"] = $$"""{ "version": "{{(defect == "version" ? "2" : "1")}}", "rule": "security", "profile": "base", "requirements": [ {{requirements}} ] }""",
        };

        var ex = Should.Throw<CatalogDataException>(() => HipaaCatalog.Parse("catalog.json", name => files[name]));

        ex.Message.ShouldContain(message);
    }
}
