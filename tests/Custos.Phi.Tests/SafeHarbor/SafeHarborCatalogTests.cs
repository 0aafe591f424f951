using Custos.Phi.SafeHarbor;

namespace Custos.Phi.Tests.SafeHarbor;

public sealed class SafeHarborCatalogTests
{
    [Fact]
    public void There_are_exactly_18_categories_one_for_each_identifier()
    {
        var categories = SafeHarborCatalog.Categories;

        categories.Count.ShouldBe(18);
        categories.Select(c => c.Identifier).ShouldBe(Enum.GetValues<SafeHarborIdentifier>());
        Enum.GetValues<SafeHarborIdentifier>().Length.ShouldBe(18);
    }

    [Fact]
    public void The_categories_are_lettered_A_to_R_in_the_order_of_the_rule()
    {
        var letters = SafeHarborCatalog.Categories.Select(c => c.Letter);

        letters.ShouldBe("ABCDEFGHIJKLMNOPQR".ToCharArray());
    }

    [Fact]
    public void Each_category_cites_its_own_paragraph_of_164_514_b_2_i()
    {
        var citations = SafeHarborCatalog.Categories.Select(c => c.Citation);

        citations.ShouldBe("ABCDEFGHIJKLMNOPQR".Select(letter => $"45 CFR 164.514(b)(2)(i)({letter})"));
    }

    [Theory]
    [InlineData(SafeHarborIdentifier.Names, 'A')]
    [InlineData(SafeHarborIdentifier.GeographicSubdivisions, 'B')]
    [InlineData(SafeHarborIdentifier.Dates, 'C')]
    [InlineData(SafeHarborIdentifier.SocialSecurityNumbers, 'G')]
    [InlineData(SafeHarborIdentifier.MedicalRecordNumbers, 'H')]
    [InlineData(SafeHarborIdentifier.IpAddresses, 'O')]
    [InlineData(SafeHarborIdentifier.FullFacePhotographs, 'Q')]
    [InlineData(SafeHarborIdentifier.OtherUniqueIdentifiers, 'R')]
    public void A_category_is_found_by_its_identifier_with_the_letter_the_rule_gives_it(SafeHarborIdentifier identifier, char letter)
    {
        var category = SafeHarborCatalog.Get(identifier);

        category.Identifier.ShouldBe(identifier);
        category.Letter.ShouldBe(letter);
    }

    [Fact]
    public void Every_category_has_a_distinct_name_and_a_description()
    {
        var categories = SafeHarborCatalog.Categories;

        categories.Select(c => c.Name).Distinct(StringComparer.OrdinalIgnoreCase).Count().ShouldBe(18);
        categories.ShouldAllBe(c => c.Name.Trim().Length > 0 && c.Description.Trim().Length > 0);
    }

    [Fact]
    public void The_geographic_and_date_categories_state_their_exceptions()
    {
        var geographic = SafeHarborCatalog.Get(SafeHarborIdentifier.GeographicSubdivisions).Description;
        var dates = SafeHarborCatalog.Get(SafeHarborIdentifier.Dates).Description;
        var other = SafeHarborCatalog.Get(SafeHarborIdentifier.OtherUniqueIdentifiers).Description;

        geographic.ShouldContain("20,000");
        geographic.ShouldContain("000");
        dates.ShouldContain("89");
        dates.ShouldContain("90 or older");
        other.ShouldContain("164.514(c)");
    }

    [Fact]
    public void A_category_reads_as_its_letter_and_name()
    {
        var category = SafeHarborCatalog.Get(SafeHarborIdentifier.MedicalRecordNumbers);

        category.ToString().ShouldBe("(H) Medical record numbers");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(19)]
    [InlineData(-1)]
    public void A_value_that_is_not_a_category_is_refused(int value)
    {
        var identifier = (SafeHarborIdentifier)value;

        Should.Throw<ArgumentOutOfRangeException>(() => SafeHarborCatalog.Get(identifier)).ParamName.ShouldBe("identifier");
    }
}
