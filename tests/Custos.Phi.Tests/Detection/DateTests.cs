namespace Custos.Phi.Tests.Detection;

/// <summary>Dates: 45 CFR 164.514(b)(2)(i)(C), every element but the year, and only real calendar dates.</summary>
public sealed class DateTests
{
    [Theory]
    [InlineData("seen 03/14/2023 in clinic", "03/14/2023")]
    [InlineData("seen 3-14-23 in clinic", "3-14-23")]
    [InlineData("seen 2023-03-14 in clinic", "2023-03-14")]
    [InlineData("at 2024-03-05T10:22:33Z the job", "2024-03-05")]
    [InlineData("born 13/07/1970.", "13/07/1970")] // day first
    [InlineData("born 13.07.1970.", "13.07.1970")]
    [InlineData("on March 5, 2024 we", "March 5, 2024")]
    [InlineData("on Mar 5th we", "Mar 5th")]
    [InlineData("on 5 Jan 2021 we", "5 Jan 2021")]
    [InlineData("on the 5th of March 2020 we", "5th of March 2020")]
    [InlineData("since September 2019 she", "September 2019")]
    [InlineData("since 03/2019 she", "03/2019")]
    public void A_date_is_found(string text, string value) => Scan.ShouldFind(text, PhiType.Date, value);

    [Fact]
    public void The_29th_of_February_is_a_date_in_a_leap_year() => Scan.ShouldFind("born 02/29/2024", PhiType.Date, "02/29/2024");

    [Theory]
    [InlineData("code 02/29/2023 read")] // 2023 is not a leap year
    [InlineData("code 13/13/2020 read")]
    [InlineData("code 04/31/2020 read")]
    [InlineData("on February 30, 2020 read")]
    public void Impossible_dates_are_not_dates(string text) => Scan.ShouldNotFind(text, PhiType.Date);

    [Theory]
    [InlineData("May I help you?")]
    [InlineData("In 2019 she moved.")] // a year alone is not PHI under Safe Harbor
    [InlineData("BP 120/80 and 1/2 tab")]
    public void Words_and_numbers_that_are_not_dates_are_ignored(string text) => Scan.ShouldNotFind(text, PhiType.Date);
}
