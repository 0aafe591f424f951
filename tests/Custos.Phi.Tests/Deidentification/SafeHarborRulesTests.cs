using Custos.Phi.Deidentification;

namespace Custos.Phi.Tests.Deidentification;

/// <summary>45 CFR 164.514(b)(2)(i)(B) and (C), with the rule's own numbers.</summary>
public sealed class SafeHarborRulesTests
{
    [Theory]
    [InlineData("02139", "021")]
    [InlineData("02139-4307", "021")]
    [InlineData("036 01", null)]
    [InlineData("03601", "000")] // 036: 20,000 or fewer people (HHS list, 2000 Census)
    [InlineData("20301", "000")]
    [InlineData("89301", "000")]
    [InlineData("89501", "895")]
    [InlineData("ABCDE", null)]
    public void A_ZIP_code_keeps_its_first_three_digits_unless_the_area_holds_20000_people_or_fewer(string zip, string? expected) =>
        SafeHarborRules.Zip3(zip).ShouldBe(expected);

    [Fact]
    public void The_restricted_list_is_the_17_areas_of_the_HHS_guidance_and_can_be_replaced()
    {
        SafeHarborRules.RestrictedZip3Census2000.Count.ShouldBe(17);
        SafeHarborRules.Zip3("12345", new HashSet<string> { "123" }).ShouldBe("000");
        SafeHarborRules.Zip3("03601", new HashSet<string>()).ShouldBe("036");
    }

    [Theory]
    [InlineData(89, "89")]
    [InlineData(90, "90 or older")]
    [InlineData(104, "90 or older")]
    public void Ages_over_89_become_a_single_90_or_older_category(int age, string expected) => SafeHarborRules.Age(age).ShouldBe(expected);

    [Fact]
    public void A_birth_date_of_someone_aged_89_keeps_its_year()
    {
        var year = SafeHarborRules.BirthYear("1936-03-03", new DateOnly(2026, 3, 2), out var aggregated);

        year.ShouldBe(1936);
        aggregated.ShouldBeFalse();
    }

    [Fact]
    public void A_birth_date_of_someone_aged_90_or_more_gets_the_year_that_makes_them_exactly_90()
    {
        var year = SafeHarborRules.BirthYear("1930-05-01", new DateOnly(2026, 3, 2), out var aggregated);

        year.ShouldBe(1936);
        aggregated.ShouldBeTrue();
    }

    [Fact]
    public void Someone_born_on_29_February_turns_a_year_older_on_1_March_in_common_years()
    {
        var birth = new DateOnly(2000, 2, 29);

        SafeHarborRules.AgeOn(birth, new DateOnly(2090, 2, 28)).ShouldBe(89);
        SafeHarborRules.AgeOn(birth, new DateOnly(2090, 3, 1)).ShouldBe(90);
        SafeHarborRules.AgeOn(birth, new DateOnly(2092, 2, 29)).ShouldBe(92);
    }

    [Theory]
    [InlineData("2023-03-14", 2023)]
    [InlineData("2023-03-14T10:22:00-05:00", 2023)]
    [InlineData("3/14/2023", 2023)]
    [InlineData("March 14, 2023", 2023)]
    [InlineData("14 Mar 2023", 2023)]
    [InlineData("next week", null)]
    public void The_year_of_a_date_is_read_from_common_forms(string value, int? year) => SafeHarborRules.Year(value).ShouldBe(year);
}
