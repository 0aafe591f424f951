using System.Collections.Frozen;
using System.Globalization;

namespace Custos.Phi.Deidentification;

/// <summary>
/// The Safe Harbor transformations of 45 CFR 164.514(b)(2)(i) for structured values: dates to their year, ages over
/// 89 into one "90 or older" category (birth years adjusted to match), ZIP codes to their first three digits or 000.
/// </summary>
public static class SafeHarborRules
{
    /// <summary>The category that replaces every age over 89 (164.514(b)(2)(i)(C)).</summary>
    public const string AgeCategory = "90 or older";

    /// <summary>
    /// The three-digit ZIP areas of 20,000 or fewer people listed in HHS's 2012 de-identification guidance from 2000
    /// Census data (67 FR 53182, 53233-53234). A configuration, versioned with its Census vintage, not law: pass a newer
    /// list when one is published (164.514(b)(2)(i)(B) requires "current publicly available data").
    /// </summary>
    public static IReadOnlySet<string> RestrictedZip3Census2000 { get; } = FrozenSet.Create(
        StringComparer.Ordinal, "036", "059", "063", "102", "203", "556", "692", "790", "821", "823", "830", "831", "878", "879", "884", "890", "893");

    /// <summary>
    /// A ZIP code reduced to its first three digits, or <c>000</c> when that area holds 20,000 people or fewer
    /// (164.514(b)(2)(i)(B)). Null when the value is not a U.S. ZIP code.
    /// </summary>
    /// <param name="zip">A ZIP or ZIP+4 code.</param>
    /// <param name="restricted">The restricted three-digit areas; <see cref="RestrictedZip3Census2000"/> when null.</param>
    /// <returns>The three digits, <c>000</c>, or null.</returns>
    public static string? Zip3(string? zip, IReadOnlySet<string>? restricted = null)
    {
        var value = zip?.Trim() ?? string.Empty;
        if (value.Length is not (5 or 9 or 10) || !char.IsAsciiDigit(value[0]) || !char.IsAsciiDigit(value[1]) || !char.IsAsciiDigit(value[2]))
        {
            return null;
        }

        var digits = value.Replace("-", string.Empty, StringComparison.Ordinal);
        if (digits.Length is not (5 or 9) || digits.AsSpan().ContainsAnyExceptInRange('0', '9'))
        {
            return null;
        }

        var three = digits[..3];
        return (restricted ?? RestrictedZip3Census2000).Contains(three) ? "000" : three;
    }

    /// <summary>The year of a date in any common form (ISO 8601 with or without time, m/d/y, "March 5, 2024"), or null.</summary>
    /// <param name="value">The date.</param>
    /// <returns>The four-digit year, or null when the value is not a recognizable date.</returns>
    public static int? Year(string? value)
    {
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (text.Length >= 4 && int.TryParse(text.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var isoYear)
            && (text.Length == 4 || text[4] == '-'))
        {
            return isoYear;
        }

        string[] formats = ["M/d/yyyy", "M/d/yy", "M-d-yyyy", "MMMM d, yyyy", "MMM d, yyyy", "d MMM yyyy", "d MMMM yyyy", "yyyyMMdd", "M/d/yyyy H:mm", "M/d/yyyy h:mm tt"];
        return DateTime.TryParseExact(text, formats, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var parsed)
            ? parsed.Year
            : null;
    }

    /// <summary>The age in whole years on <paramref name="asOf"/> of someone born on <paramref name="birth"/>.</summary>
    /// <param name="birth">Birth date.</param>
    /// <param name="asOf">The date the age is taken on.</param>
    /// <returns>Completed years; a 29 February birthday is reached on 1 March in common years.</returns>
    public static int AgeOn(DateOnly birth, DateOnly asOf)
    {
        var age = asOf.Year - birth.Year;
        var birthdayThisYear = birth.Month == 2 && birth.Day == 29 && !DateTime.IsLeapYear(asOf.Year)
            ? new DateOnly(asOf.Year, 3, 1)
            : new DateOnly(asOf.Year, birth.Month, birth.Day);
        return asOf < birthdayThisYear ? age - 1 : age;
    }

    /// <summary>
    /// A birth date under Safe Harbor: its year, unless the person is 90 or older on <paramref name="asOf"/>, when the
    /// year would reveal the age and becomes the year that makes the person exactly 90 (aggregated into "90 or older").
    /// </summary>
    /// <param name="birth">The birth date as written.</param>
    /// <param name="asOf">The date ages are taken on.</param>
    /// <param name="aggregated">Whether the person was 90 or older and the year was adjusted.</param>
    /// <returns>The year to keep, or null when the value is not a date.</returns>
    public static int? BirthYear(string? birth, DateOnly asOf, out bool aggregated)
    {
        aggregated = false;
        var year = Year(birth);
        if (year is null)
        {
            return null;
        }

        var date = TryFullDate(birth!) ?? new DateOnly(year.Value, 1, 1);
        if (AgeOn(date, asOf) >= 90)
        {
            aggregated = true;
            return asOf.Year - 90;
        }

        return year;
    }

    /// <summary>An age under Safe Harbor: the number when under 90, otherwise <see cref="AgeCategory"/>.</summary>
    /// <param name="age">The age in years.</param>
    /// <returns>The age to keep.</returns>
    public static string Age(int age) => age >= 90 ? AgeCategory : age.ToString(CultureInfo.InvariantCulture);

    private static DateOnly? TryFullDate(string value)
    {
        var text = value.Trim();
        if (text.Length >= 10 && DateOnly.TryParseExact(text[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var iso))
        {
            return iso;
        }

        return DateOnly.TryParseExact(text, ["M/d/yyyy", "MMMM d, yyyy", "MMM d, yyyy", "d MMM yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var other)
            ? other
            : null;
    }
}
