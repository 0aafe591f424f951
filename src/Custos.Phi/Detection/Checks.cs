namespace Custos.Phi.Detection;

/// <summary>Structure and check-digit rules of the identifiers that have them.</summary>
internal static class Checks
{
    /// <summary>
    /// SSA rules for a Social Security number: area 001-899 except 666, group 01-99, serial 0001-9999 (numbers that
    /// break them are never issued).
    /// </summary>
    public static bool IsValidSsn(int area, int group, int serial) =>
        area is > 0 and < 900 and not 666 && group is > 0 and < 100 && serial is > 0 and < 10000;

    /// <summary>The Luhn (mod 10) check over the digits of <paramref name="digits"/>; other characters are ignored.</summary>
    public static bool Luhn(ReadOnlySpan<char> digits)
    {
        var sum = 0;
        var doubleIt = false;
        var count = 0;
        for (var i = digits.Length - 1; i >= 0; i--)
        {
            var c = digits[i];
            if (!char.IsAsciiDigit(c))
            {
                continue;
            }

            var d = c - '0';
            if (doubleIt)
            {
                d *= 2;
                if (d > 9)
                {
                    d -= 9;
                }
            }

            sum += d;
            doubleIt = !doubleIt;
            count++;
        }

        return count > 1 && sum % 10 == 0;
    }

    /// <summary>An NPI: ten digits whose Luhn check, computed with the card-issuer prefix 80840, holds (CMS NPI standard).</summary>
    public static bool IsValidNpi(ReadOnlySpan<char> npi)
    {
        if (npi.Length != 10 || npi.ContainsAnyExceptInRange('0', '9') || npi[0] is not ('1' or '2'))
        {
            return false;
        }

        Span<char> full = stackalloc char[15];
        "80840".AsSpan().CopyTo(full);
        npi.CopyTo(full[5..]);
        return Luhn(full);
    }

    /// <summary>
    /// A DEA registration number: two letters (registrant type, then the registrant's initial or 9) and seven digits
    /// whose last is the check digit of (d1+d3+d5) + 2 x (d2+d4+d6).
    /// </summary>
    public static bool IsValidDea(ReadOnlySpan<char> dea)
    {
        if (dea.Length != 9 || !"ABCDEFGHJKLMPRSTUX".Contains(char.ToUpperInvariant(dea[0]), StringComparison.Ordinal))
        {
            return false;
        }

        if (!char.IsAsciiLetter(dea[1]) && dea[1] != '9')
        {
            return false;
        }

        var d = dea[2..];
        if (d.ContainsAnyExceptInRange('0', '9'))
        {
            return false;
        }

        var sum = (d[0] - '0') + (d[2] - '0') + (d[4] - '0') + (2 * ((d[1] - '0') + (d[3] - '0') + (d[5] - '0')));
        return sum % 10 == d[6] - '0';
    }

    private static readonly int[] VinWeights = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2];

    /// <summary>A 17-character VIN with a correct check digit in position 9 (49 CFR 565.15).</summary>
    public static bool IsValidVin(ReadOnlySpan<char> vin)
    {
        if (vin.Length != 17)
        {
            return false;
        }

        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            var value = VinValue(char.ToUpperInvariant(vin[i]));
            if (value < 0)
            {
                return false;
            }

            sum += value * VinWeights[i];
        }

        var check = sum % 11;
        var expected = check == 10 ? 'X' : (char)('0' + check);
        return char.ToUpperInvariant(vin[8]) == expected;
    }

    private static int VinValue(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        'A' or 'J' => 1,
        'B' or 'K' or 'S' => 2,
        'C' or 'L' or 'T' => 3,
        'D' or 'M' or 'U' => 4,
        'E' or 'N' or 'V' => 5,
        'F' or 'W' => 6,
        'G' or 'P' or 'X' => 7,
        'H' or 'Y' => 8,
        'R' or 'Z' => 9,
        _ => -1, // I, O and Q are never used.
    };

    /// <summary>
    /// A Medicare Beneficiary Identifier: 11 characters, C A AN N A AN N A A N N, where C is 1-9, N a digit and A a
    /// letter other than S, L, O, I, B and Z (CMS MBI format specification). Dashes between groups are removed first.
    /// </summary>
    public static bool IsValidMbi(ReadOnlySpan<char> mbi)
    {
        if (mbi.Length != 11)
        {
            return false;
        }

        const string Shape = "CAXNAXNAANN";
        for (var i = 0; i < 11; i++)
        {
            var c = char.ToUpperInvariant(mbi[i]);
            var ok = Shape[i] switch
            {
                'C' => c is >= '1' and <= '9',
                'N' => char.IsAsciiDigit(c),
                'A' => IsMbiLetter(c),
                _ => char.IsAsciiDigit(c) || IsMbiLetter(c),
            };
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsMbiLetter(char c) => c is >= 'A' and <= 'Z' and not ('S' or 'L' or 'O' or 'I' or 'B' or 'Z');

    /// <summary>An IBAN: country letters, two check digits and up to 30 letters or digits, whose mod-97 value is 1 (ISO 13616).</summary>
    public static bool IsValidIban(ReadOnlySpan<char> iban)
    {
        if (iban.Length is < 15 or > 34 || !char.IsAsciiLetterUpper(iban[0]) || !char.IsAsciiLetterUpper(iban[1])
            || !char.IsAsciiDigit(iban[2]) || !char.IsAsciiDigit(iban[3]))
        {
            return false;
        }

        var remainder = 0;
        for (var k = 0; k < iban.Length; k++)
        {
            var c = iban[(k + 4) % iban.Length];
            if (char.IsAsciiDigit(c))
            {
                remainder = ((remainder * 10) + (c - '0')) % 97;
            }
            else if (char.IsAsciiLetterUpper(c))
            {
                remainder = ((remainder * 100) + (c - 'A' + 10)) % 97;
            }
            else
            {
                return false;
            }
        }

        return remainder == 1;
    }

    /// <summary>Whether year, month and day form a real calendar date (29 February only in leap years).</summary>
    public static bool IsRealDate(int year, int month, int day) =>
        year is >= 1 and <= 9999 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month);

    /// <summary>A two-digit year read as the nearest plausible century (00-29 as 20xx, the rest as 19xx).</summary>
    public static int ExpandYear(int year) => year >= 100 ? year : year < 30 ? 2000 + year : 1900 + year;
}
