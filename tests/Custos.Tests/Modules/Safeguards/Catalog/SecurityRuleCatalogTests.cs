using Custos.Modules.Safeguards.Catalog;

namespace Custos.Tests.Modules.Safeguards.Catalog;

/// <summary>45 CFR 164.308-164.316: every standard and specification, with its title and Required/Addressable flag.</summary>
public sealed class SecurityRuleCatalogTests
{
    private static readonly RequirementCatalog Catalog = HipaaCatalog.Load();

    private static IReadOnlyList<CatalogRequirement> Table308To316 => [.. Catalog.Active
        .Where(r => r.Rule == RequirementRule.Security && r.Section is "164.308" or "164.310" or "164.312" or "164.314" or "164.316")];

    [Fact]
    public void The_catalog_holds_exactly_the_checked_in_table_row_by_row()
    {
        var actual = Table308To316.Select(r => new SecurityRuleRow(r.Citation, r.Kind, r.Title, r.Required)).ToList();

        actual.ShouldBe(SecurityRuleTable.Expected);
    }

    [Fact]
    public void The_checked_in_table_counts_22_standards_and_43_specifications_of_which_21_required_and_22_addressable()
    {
        // hipaa-reference.md §1.3, counting 164.314(a)(2)(i)-(iii) as three and 164.314(b)(2) as one.
        var rows = SecurityRuleTable.Expected;

        rows.Count(r => r.Kind == RequirementKind.Standard).ShouldBe(22);
        rows.Count(r => r.Kind == RequirementKind.Specification).ShouldBe(43);
        rows.Count(r => r.Required == true).ShouldBe(21);
        rows.Count(r => r.Required == false).ShouldBe(22);
    }

    [Theory]
    [InlineData("164.308", 9, 21, 10, 11)]
    [InlineData("164.310", 4, 8, 2, 6)]
    [InlineData("164.312", 5, 7, 2, 5)]
    [InlineData("164.314", 2, 4, 4, 0)]
    [InlineData("164.316", 2, 3, 3, 0)]
    public void Each_section_has_the_counts_of_the_reference(string section, int standards, int specifications, int required, int addressable)
    {
        var rows = Table308To316.Where(r => r.Section == section).ToList();

        rows.Count(r => r.IsStandard).ShouldBe(standards);
        rows.Count(r => r.Kind == RequirementKind.Specification).ShouldBe(specifications);
        rows.Count(r => r.Required == true).ShouldBe(required);
        rows.Count(r => r.IsAddressable).ShouldBe(addressable);
    }

    [Fact]
    public void The_catalog_matches_the_reference_table_when_the_reference_is_present()
    {
        var path = SecurityRuleTable.ReferencePath();
        Assert.SkipWhen(path is null, "../shared/hipaa-reference.md is not present on this machine; the checked-in table was still checked");
        var reference = SecurityRuleTable.ReadReference(path);
        reference.Count.ShouldBe(65, "rows read from hipaa-reference.md §1.2");

        foreach (var row in reference)
        {
            var requirement = Catalog.Find(row.Citation);
            requirement.ShouldNotBeNull($"{row.Citation} ({row.Title}) is missing from the catalog");
            requirement.Kind.ShouldBe(row.Kind, row.Citation);
            requirement.Required.ShouldBe(row.Required, $"{row.Citation} {row.Title}: Required/Addressable");
            if (SecurityRuleTable.TitlesThatShortenTheReference.TryGetValue(row.Citation, out var shortened))
            {
                row.Title.ShouldStartWith(shortened, Case.Sensitive, row.Citation);
                requirement.Title.ShouldBe(shortened, row.Citation);
            }
            else
            {
                requirement.Title.ShouldBe(row.Title, row.Citation);
            }
        }

        Table308To316.Select(r => r.Citation).ShouldBe(reference.Select(r => r.Citation), "the catalog has nothing the reference lacks, in the same order");
    }

    [Fact]
    public void Every_standard_with_specifications_in_the_table_has_all_of_them_under_it()
    {
        var expectedChildren = SecurityRuleTable.Expected
            .Select((row, index) => (row, index))
            .Where(x => x.row.Kind == RequirementKind.Specification)
            .GroupBy(x => SecurityRuleTable.Expected.Take(x.index).Last(r => r.Kind == RequirementKind.Standard).Citation);

        foreach (var group in expectedChildren)
        {
            Catalog.SpecificationsOf(group.Key).Select(r => r.Citation).ShouldBe(group.Select(x => x.row.Citation), group.Key);
        }
    }

    [Theory]
    [InlineData("164.308(a)(2)")]
    [InlineData("164.308(a)(8)")]
    [InlineData("164.310(b)")]
    [InlineData("164.310(c)")]
    [InlineData("164.312(b)")]
    [InlineData("164.312(d)")]
    [InlineData("164.316(a)")]
    public void The_seven_standards_without_listed_specifications_have_none(string citation)
    {
        Catalog.Get(citation).IsStandard.ShouldBeTrue();

        Catalog.SpecificationsOf(citation).ShouldBeEmpty();
    }
}
