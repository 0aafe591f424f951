namespace Custos.Phi.Detection;

/// <summary>
/// Identifiers that start with a number: dates, SSNs, telephone and fax numbers, payment cards, IPv4 addresses, ZIP
/// codes after a state, ages over 89, UDIs, and digits spaced out to dodge detection. Hand-written over the token
/// stream; every shape is checked against its rules (real calendar dates, SSA number rules, Luhn, octet ranges).
/// </summary>
internal static class NumberDetector
{
    private static readonly System.Buffers.SearchValues<char> GroupSeparators = System.Buffers.SearchValues.Create(" -.()");
    private static readonly System.Buffers.SearchValues<char> GroupSeparatorsPlus = System.Buffers.SearchValues.Create(" -.()+");

    public static void Scan(ScanState s)
    {
        for (var i = 0; i < s.Count; i++)
        {
            var token = s.Tokens[i];
            if (!token.Shape.HasFlag(TokenShape.Digits))
            {
                continue;
            }

            // Each rule's first conditions are tested here, on the token's length and the one character after it, so
            // the common lone number ("120 mg") costs a few comparisons instead of a call to every rule.
            var hasNext = i + 1 < s.Count;
            var gapAfter = hasNext ? s.Tokens[i + 1].Start - token.End : 0;
            var after = gapAfter == 1 ? s.Text[token.End] : '\0';
            if (token.IsNumber)
            {
                var length = token.Length;
                if (after is '/' or '-' or '.')
                {
                    TryNumericDate(s, i);
                }

                if (length == 3 && after is '-' or ' ' or '.')
                {
                    TrySsn(s, i);
                }

                if (length >= 7 || (hasNext && gapAfter <= 2 && s.Tokens[i + 1].IsNumber) || (token.Start > 0 && s.Text[token.Start - 1] == '+'))
                {
                    TryPhone(s, i);
                }

                if (length is >= 2 and <= 8 && hasNext && s.Tokens[i + 1].IsWord)
                {
                    TryLabelledPhone(s, i);
                }

                if (length is >= 13 and <= 19 || (length == 4 && after is ' ' or '-'))
                {
                    TryCard(s, i);
                }

                if (length <= 3 && after == '.')
                {
                    TryIpv4(s, i);
                }

                if (length is >= 2 and <= 6 && i > 0)
                {
                    TryZip(s, i);
                }

                if (length is 2 or 3)
                {
                    TryAge(s, i);
                }

                if (length == 2 && after == ')')
                {
                    TryUdi(s, i);
                }

                if (length == 1)
                {
                    TrySpacedDigits(s, i);
                }
            }

            if (token.Length <= 4 && hasNext && s.Tokens[i + 1].IsWord
                && (s.Tokens[i + 1].IsCapitalized || s.Word(i + 1).Equals("of", StringComparison.OrdinalIgnoreCase)))
            {
                TryDayMonthDate(s, i);
            }
        }
    }

    private static bool NextIsSeparatedNumber(ScanState s, int i, char sep) =>
        s.GapAfterIs(i, sep) && i + 1 < s.Count && s.Tokens[i + 1].IsNumber;

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static bool PrecededBySeparatedNumber(ScanState s, int i)
    {
        var gap = s.GapBefore(i);
        return i > 0 && gap.Length == 1 && gap[0] is '-' or '.' or '/' or ':' && s.Tokens[i - 1].Shape.HasFlag(TokenShape.Digits);
    }

    // ---- Dates: 45 CFR 164.514(b)(2)(i)(C): every element of a date but the year.
    private static void TryNumericDate(ScanState s, int i)
    {
        if (i + 1 >= s.Count || PrecededBySeparatedNumber(s, i))
        {
            return;
        }

        var gap = s.GapAfter(i);
        if (gap.Length != 1 || gap[0] is not ('/' or '-' or '.'))
        {
            return;
        }

        var sep = gap[0];
        var len = s.Tokens[i].Length;
        if (i + 2 < s.Count && s.GapAfterIs(i + 1, sep) && s.IsNumber(i + 1, 1, 2))
        {
            var third = s.Tokens[i + 2];
            var thirdDigits = LeadingDigits(s.Text.AsSpan(third.Start, third.Length));
            var isoTime = third.IsMixed && thirdDigits == 2 && char.ToUpperInvariant(s.Text[third.Start + 2]) == 'T';
            if (!third.IsNumber && !isoTime)
            {
                return;
            }

            // A fourth dotted part makes it an address or a version, not a date.
            if (sep == '.' && NextIsSeparatedNumber(s, i + 2, '.'))
            {
                return;
            }

            var a = s.Value(i);
            var b = s.Value(i + 1);
            var c = isoTime ? int.Parse(s.Text.AsSpan(third.Start, 2), provider: null) : s.Value(i + 2);
            var cLen = isoTime ? 2 : third.Length;
            var end = isoTime ? third.Start + 2 : third.End;
            if (len == 4 && cLen <= 2 && Checks.IsRealDate(a, b, c))
            {
                s.Add(PhiType.Date, s.Tokens[i].Start, end, 0.95, "date.numeric");
                return;
            }

            if (len <= 2 && cLen is 2 or 4 && (cLen == 4 || sep != '.'))
            {
                var year = Checks.ExpandYear(c);
                if (Checks.IsRealDate(year, a, b) || Checks.IsRealDate(year, b, a))
                {
                    s.Add(PhiType.Date, s.Tokens[i].Start, end, cLen == 4 ? 0.95 : 0.85, "date.numeric");
                }
            }

            return;
        }

        // Month and year: 03/2019.
        if (sep == '/' && len <= 2 && s.IsNumber(i + 1, 4, 4) && !NextIsSeparatedNumber(s, i + 1, '/'))
        {
            var month = s.Value(i);
            var year = s.Value(i + 1);
            if (month is >= 1 and <= 12 && year is >= 1900 and <= 2099)
            {
                s.AddTokens(PhiType.Date, i, i + 1, 0.7, "date.month-year");
            }
        }
    }

    private static int LeadingDigits(ReadOnlySpan<char> span)
    {
        var n = span.IndexOfAnyExceptInRange('0', '9');
        return n < 0 ? span.Length : n;
    }

    /// <summary>"5th of March 2020", "12 Jan 2021".</summary>
    private static void TryDayMonthDate(ScanState s, int i)
    {
        var word = s.Word(i);
        var digits = LeadingDigits(word);
        if (digits is < 1 or > 2 || (digits != word.Length && !IsOrdinalSuffix(word[digits..])) || i + 1 >= s.Count)
        {
            return;
        }

        var day = s.Value(i) is var v && digits == word.Length ? v : int.Parse(word[..digits], provider: null);
        var j = i + 1;
        if (s.Word(j).Equals("of", StringComparison.OrdinalIgnoreCase) && j + 1 < s.Count)
        {
            j++;
        }

        if (!ScanState.IsSpaces(s.GapAfter(j - 1), 2) || !s.Tokens[j].IsWord || !s.Tokens[j].IsCapitalized
            || !Lexicon.Months.TryGetValue(s.Word(j), out var month))
        {
            return;
        }

        var last = j;
        var year = 2000;
        if (j + 1 < s.Count && s.IsNumber(j + 1, 4, 4) && s.GapAfter(j) is var g && g.Length <= 3 && !g.ContainsAnyExcept(" ,."))
        {
            year = s.Value(j + 1);
            last = j + 1;
        }

        if (Checks.IsRealDate(year, month, day))
        {
            s.AddTokens(PhiType.Date, i, last, 0.9, "date.text");
        }
    }

    internal static bool IsOrdinalSuffix(ReadOnlySpan<char> suffix) =>
        suffix.Equals("st", StringComparison.OrdinalIgnoreCase) || suffix.Equals("nd", StringComparison.OrdinalIgnoreCase)
        || suffix.Equals("rd", StringComparison.OrdinalIgnoreCase) || suffix.Equals("th", StringComparison.OrdinalIgnoreCase);

    // ---- Social Security numbers: 164.514(b)(2)(i)(G).
    private static void TrySsn(ScanState s, int i)
    {
        if (!s.IsNumber(i, 3, 3) || !s.IsNumber(i + 1, 2, 2) || !s.IsNumber(i + 2, 4, 4) || PrecededBySeparatedNumber(s, i))
        {
            return;
        }

        var g1 = s.GapAfter(i);
        var g2 = s.GapAfter(i + 1);
        if (g1.Length != 1 || g2.Length != 1 || g1[0] != g2[0] || g1[0] is not ('-' or ' ' or '.'))
        {
            return;
        }

        if (i + 3 < s.Count && s.GapAfter(i + 2) is var after && after.Length == 1 && after[0] == g1[0] && s.Tokens[i + 3].IsNumber)
        {
            return;
        }

        var cue = s.TryCueBefore(i, 4, WordFlags.IdCue, Lexicon.IdCues, out var type) && type == PhiType.Ssn;
        if (Checks.IsValidSsn(s.Value(i), s.Value(i + 1), s.Value(i + 2)))
        {
            s.AddTokens(PhiType.Ssn, i, i + 2, g1[0] == '-' || cue ? 0.95 : 0.8, "ssn.pattern");
        }
        else if (cue)
        {
            // Labelled as an SSN but never issued (a test or made-up number): still reported, with less confidence.
            s.AddTokens(PhiType.Ssn, i, i + 2, 0.7, "ssn.labelled");
        }
    }

    // ---- Telephone and fax numbers: 164.514(b)(2)(i)(D), (E).
    private static void TryPhone(ScanState s, int i)
    {
        var token = s.Tokens[i];
        var before = s.GapBefore(i);

        // International: +CC groups.
        if (before.Length > 0 && before[^1] == '+' && !PrecededBySeparatedNumber(s, i))
        {
            var (last, total) = Groups(s, i, 15);
            if (total is >= 8 and <= 15)
            {
                s.Add(PhoneCue(s, i).Type, token.Start - 1, Extension(s, last), 0.9, "phone.international");
            }
            else
            {
                TryGroupedPhone(s, i);
            }

            return;
        }

        if (PrecededBySeparatedNumber(s, i) && !(i > 0 && s.Word(i - 1) is "1" or "001"))
        {
            return;
        }

        var start = i;
        var j = i;

        // Country or trunk prefix: 1-800-..., 001-...
        if (s.Tokens[j].Length is 1 or 3 && (s.Word(j) is "1" or "001") && IsPhoneSep(s.GapAfter(j)) && s.IsNumber(j + 1, 3, 3))
        {
            j++;
        }

        var parens = s.GapBefore(j) is var gb && gb.Length > 0 && gb[^1] == '(';
        if (s.IsNumber(j, 3, 3) && s.IsNumber(j + 1, 3, 3) && (s.IsNumber(j + 2, 4, 4) || IsDigitsThenExtension(s, j + 2)))
        {
            var g1 = s.GapAfter(j);
            var g2 = s.GapAfter(j + 1);
            var g1Ok = parens ? g1 is ")" or ") " or ")-" or ")." : IsPhoneSep(g1);
            if (g1Ok && IsPhoneSep(g2) && !(s.GapAfterIs(j + 2, '-') && s.IsNumber(j + 3, 1, 10)))
            {
                var area = s.Word(j)[0];
                var exchange = s.Word(j + 1)[0];
                var valid = area is >= '2' and <= '9' && exchange is >= '2' and <= '9';
                var begin = parens ? s.Tokens[j].Start - 1 : s.Tokens[start].Start;
                if (start < j && s.GapBefore(start) is var p && p.Length > 0 && p[^1] == '+')
                {
                    begin--;
                }

                var cue = PhoneCue(s, start);
                s.Add(cue.Type, begin, Extension(s, j + 2), valid || cue.Found ? 0.9 : 0.75, "phone.nanp");
                return;
            }
        }

        // Local seven digits: 555-1234.
        if (start == j && s.IsNumber(i, 3, 3) && s.GapAfterIs(i, '-') && s.IsNumber(i + 1, 4, 4)
            && !(s.GapAfterIs(i + 1, '-') && s.IsNumber(i + 2, 1, 10)) && s.Word(i)[0] is >= '2' and <= '9')
        {
            var cue = PhoneCue(s, i);
            s.Add(cue.Type, token.Start, Extension(s, i + 1), cue.Found ? 0.85 : 0.6, "phone.local");
            return;
        }

        TryGroupedPhone(s, i);

        // Unformatted ten or eleven digits, or loosely grouped digits, after a telephone cue; six digits only as three
        // pairs ("call 33 93 31"), as small countries write local numbers.
        if (!PrecededBySeparatedNumber(s, i))
        {
            var (last, total) = Groups(s, i, 15);
            if ((total is >= 7 and <= 15 || IsThreePairs(s, i, last, total)) && PhoneCue(s, i) is { Found: true } cue && !FollowedByUnit(s, last))
            {
                s.Add(cue.Type, token.Start, Extension(s, last), 0.8, "phone.cue");
            }
        }
    }

    /// <summary>
    /// A local number labelled after it: "455 6186 office", "06-10446904-Office", "92 34 70-Office". Token i is the
    /// number's last group; earlier groups joined by one separator belong to it, but not a postal code after a place
    /// name ("Tanzania 53144 06-10446904-Office": the code stays an address).
    /// </summary>
    private static void TryLabelledPhone(ScanState s, int i)
    {
        if (i + 1 >= s.Count || !s.Tokens[i + 1].IsWord || s.Tokens[i].Length is < 2 or > 8 || s.GapAfter(i) is not ("-" or " " or " (")
            || !s.TryListed(i + 1, WordFlags.PhoneLabel, Lexicon.PhoneLabelsAfter, out var type))
        {
            return;
        }

        var first = i;
        var total = s.Tokens[i].Length;
        while (first > 0 && s.Tokens[first - 1].IsNumber && s.Tokens[first - 1].Length is >= 2 and <= 8 && IsPhoneSep(s.GapBefore(first))
            && total + s.Tokens[first - 1].Length <= 12
            && !(s.Tokens[first - 1].Length == 5 && first >= 2 && s.Tokens[first - 2].IsWord))
        {
            first--;
            total += s.Tokens[first].Length;
        }

        if ((total is >= 7 and <= 12 || IsThreePairs(s, first, i, total)) && !(first > 0 && PrecededBySeparatedNumber(s, first)))
        {
            s.Add(type, s.Tokens[first].Start, s.Tokens[i].End, 0.8, "phone.labelled");
        }
    }

    /// <summary>Six digits as three groups of two, from token first to token last: "33 93 31", as small countries write local numbers.</summary>
    private static bool IsThreePairs(ScanState s, int first, int last, int digits) =>
        digits == 6 && last == first + 2 && s.Tokens[first].Length == 2 && s.Tokens[first + 1].Length == 2;

    /// <summary>Whether a telephone cue comes just before token i, and whether it makes the number a fax number.</summary>
    private static (bool Found, PhiType Type) PhoneCue(ScanState s, int i)
    {
        var found = s.TryCueBefore(i, 4, WordFlags.PhoneCue, Lexicon.PhoneCues, out var cueType);
        return (found, found && cueType == PhiType.Fax ? PhiType.Fax : PhiType.Phone);
    }

    private static bool IsPhoneSep(ReadOnlySpan<char> gap) => gap is "-" or "." or " ";

    /// <summary>"3560x4587": four digits and an extension in one token.</summary>
    private static bool IsDigitsThenExtension(ScanState s, int j)
    {
        if (j >= s.Count || !s.Tokens[j].IsMixed)
        {
            return false;
        }

        var word = s.Word(j);
        return word.Length > 5 && LeadingDigits(word) == 4 && word[4] is 'x' or 'X' && LeadingDigits(word[5..]) == word.Length - 5;
    }

    /// <summary>
    /// International and loosely grouped numbers: "+46 (0)8 928 571 38", "07700 063 966", "03.93.92.16.85". Three or
    /// more groups of two to five digits (a "(0)" trunk group allowed), 8 to 15 digits in all.
    /// </summary>
    private static void TryGroupedPhone(ScanState s, int i)
    {
        if (i > 0 && s.Tokens[i - 1].IsNumber && s.GapBefore(i) is var before && before.Length <= 3 && !before.ContainsAnyExcept(GroupSeparatorsPlus))
        {
            return;
        }

        var total = 0;
        var groups = 0;
        var last = i;
        for (var k = i; k < s.Count && s.Tokens[k].IsNumber; k++)
        {
            var len = s.Tokens[k].Length;
            var trunk = len == 1 && s.Word(k) is "0" && s.GapBefore(k) is [.., '('];
            var afterTrunk = k > i && s.GapBefore(k) is [.., ')'] && s.Word(k - 1) is "0";
            if ((len < 2 && !trunk && !afterTrunk) || len > 5 || total + len > 15)
            {
                break;
            }

            total += len;
            groups++;
            last = k;
            var gap = s.GapAfter(k);
            if (gap.Length is 0 or > 2 || gap.ContainsAnyExcept(GroupSeparators) || gap.Contains('\n'))
            {
                break;
            }
        }

        if (groups >= 3 && total is >= 8 and <= 15 && !FollowedByUnit(s, last))
        {
            var start = s.Tokens[i].Start;
            var gb = s.GapBefore(i);
            if (gb.Length > 0 && gb[^1] is '(' or '+')
            {
                start--;
                if (gb.Length > 1 && gb[^1] == '(' && gb[^2] == '+')
                {
                    start--;
                }
            }

            var cue = PhoneCue(s, i);
            s.Add(cue.Type, start, Extension(s, last), cue.Found ? 0.8 : 0.65, "phone.grouped");
        }
    }

    /// <summary>Digit groups joined by single separators, from token i: the last token and the digit count.</summary>
    private static (int Last, int Digits) Groups(ScanState s, int i, int maxDigits)
    {
        var total = s.Tokens[i].Length;
        var last = i;
        while (last + 1 < s.Count && s.Tokens[last + 1].IsNumber && IsPhoneSep(s.GapAfter(last)) && total + s.Tokens[last + 1].Length <= maxDigits)
        {
            last++;
            total += s.Tokens[last].Length;
        }

        return (last, total);
    }

    /// <summary>The end of a telephone number, extended over an extension ("x123", "ext. 45").</summary>
    private static int Extension(ScanState s, int last)
    {
        var end = s.Tokens[last].End;
        if (last + 1 >= s.Count)
        {
            return end;
        }

        var next = s.Tokens[last + 1];
        var gap = s.GapAfter(last);
        var word = s.Word(last + 1);
        if (gap.Length <= 1 && next.IsMixed && (word[0] is 'x' or 'X') && LeadingDigits(word[1..]) == word.Length - 1)
        {
            return next.End;
        }

        if (gap.Length <= 2 && (word.Equals("ext", StringComparison.OrdinalIgnoreCase) || word.Equals("x", StringComparison.OrdinalIgnoreCase))
            && last + 2 < s.Count && s.Tokens[last + 2].IsNumber && s.GapAfter(last + 1).Length <= 2)
        {
            return s.Tokens[last + 2].End;
        }

        return end;
    }

    // ---- Payment cards (account numbers): 164.514(b)(2)(i)(J).
    private static void TryCard(ScanState s, int i)
    {
        if (PrecededBySeparatedNumber(s, i))
        {
            return;
        }

        var len = s.Tokens[i].Length;
        if (len is >= 13 and <= 19)
        {
            if (Checks.Luhn(s.Word(i)))
            {
                s.AddTokens(PhiType.AccountNumber, i, i, 0.85, "card.luhn");
            }

            return;
        }

        if (len != 4 || i + 3 >= s.Count)
        {
            return;
        }

        // 4-4-4-4 (and 4-4-4-1..7), or Amex 4-6-5.
        var sep = s.GapAfter(i);
        if (sep is not (" " or "-"))
        {
            return;
        }

        Span<char> digits = stackalloc char[19];
        s.Word(i).CopyTo(digits);
        var n = 4;
        var last = i;
        while (last + 1 < s.Count && s.GapAfter(last).SequenceEqual(sep) && s.Tokens[last + 1].IsNumber && n + s.Tokens[last + 1].Length <= 19)
        {
            last++;
            s.Word(last).CopyTo(digits[n..]);
            n += s.Tokens[last].Length;
        }

        if (n is >= 13 and <= 19 && last - i >= 2 && Checks.Luhn(digits[..n]))
        {
            s.AddTokens(PhiType.AccountNumber, i, last, 0.9, "card.luhn");
        }
    }

    // ---- IPv4 addresses: 164.514(b)(2)(i)(O).
    private static void TryIpv4(ScanState s, int i)
    {
        if (i + 3 >= s.Count || PrecededBySeparatedNumber(s, i))
        {
            return;
        }

        for (var k = 0; k < 4; k++)
        {
            if (!s.IsNumber(i + k, 1, 3) || s.Value(i + k) > 255 || (k < 3 && !s.GapAfterIs(i + k, '.')))
            {
                return;
            }
        }

        if (NextIsSeparatedNumber(s, i + 3, '.'))
        {
            return;
        }

        // "version 1.2.3.4" is a version, not an address.
        if (i > 0 && s.Tokens[i - 1].IsWord && s.Word(i - 1) is var w
            && (w.Equals("version", StringComparison.OrdinalIgnoreCase) || w.Equals("v", StringComparison.OrdinalIgnoreCase) || w.Equals("ver", StringComparison.OrdinalIgnoreCase)
                || w.Equals("build", StringComparison.OrdinalIgnoreCase) || w.Equals("release", StringComparison.OrdinalIgnoreCase) || w.Equals("rev", StringComparison.OrdinalIgnoreCase)))
        {
            return;
        }

        var end = s.Tokens[i + 3].End;
        if (s.GapAfterIs(i + 3, '/') && s.IsNumber(i + 4, 1, 2))
        {
            end = s.Tokens[i + 4].End; // CIDR suffix
        }

        s.Add(PhiType.IpAddress, s.Tokens[i].Start, end, 0.9, "ip.v4");
    }

    // ---- ZIP codes: 164.514(b)(2)(i)(B).
    private static void TryZip(ScanState s, int i)
    {
        // Every rule below needs a word just before: a state, a state name, a cue or a country.
        if (!s.IsNumber(i, 2, 6) || i == 0 || !s.Tokens[i - 1].IsWord)
        {
            return;
        }

        var last = s.GapAfterIs(i, '-') && s.IsNumber(i + 1, 4, 4) ? i + 1 : i;
        var afterState = s.Tokens[i - 1].IsAllUpper && s.Tokens[i - 1].Length == 2
            && Lexicon.StateCodes.Contains(s.Word(i - 1)) && s.GapBefore(i) is " " or ", " or "  ";
        var afterStateName = s.Tokens[i - 1].IsCapitalized && s.Is(i - 1, WordFlags.StateName) && s.GapBefore(i) is " " or ", ";
        var cueAt = i > 1 && s.Word(i - 1) is "is" && s.GapBefore(i) is " " ? i - 2 : i - 1;
        var cue = IsPostalCue(s.Word(cueAt));

        // A postal code after the country: "Suwałki   Poland 11248", "ΑΓΙΟΣ ∆ΟΜΕΤΙΟΣ  Cyprus (Greek) 25572".
        var country = s.GapBefore(i) is " " or "  " or ", " or ") " && s.Is(i - 1, WordFlags.Country);
        if ((afterState || afterStateName) && s.Tokens[i].Length != 5)
        {
            return;
        }

        if (cue || country)
        {
            // Postal codes in two parts: "394 13", "53-320", "3610-114".
            if (s.Tokens[i].Length == 3 && s.GapAfterIs(i, ' ') && s.IsNumber(i + 1, 2, 2))
            {
                last = i + 1;
            }
            else if (s.GapAfterIs(i, '-') && s.IsNumber(i + 1, 3, 3))
            {
                last = i + 1;
            }
        }

        if (s.Tokens[i].Length < 4 && !(cue && s.Tokens[i].Length == 3) && last == i)
        {
            return;
        }

        if (afterState || afterStateName || cue || country)
        {
            s.AddTokens(PhiType.Address, i, last, 0.9, "address.zip");
        }
    }

    private static bool IsPostalCue(ReadOnlySpan<char> w) =>
        w.Length is >= 3 and <= 8 && (w[0] | 0x20) is 'z' or 'p' or 'c'
        && (w.Equals("zip", StringComparison.OrdinalIgnoreCase) || w.Equals("zipcode", StringComparison.OrdinalIgnoreCase) || w.Equals("postal", StringComparison.OrdinalIgnoreCase)
            || w.Equals("code", StringComparison.OrdinalIgnoreCase) || w.Equals("postcode", StringComparison.OrdinalIgnoreCase));

    // ---- Ages over 89: 164.514(b)(2)(i)(C).
    private static void TryAge(ScanState s, int i)
    {
        if (!s.IsNumber(i, 2, 3))
        {
            return;
        }

        var age = s.Value(i);
        if (age is < 90 or > 125)
        {
            return;
        }

        var after = i + 1 < s.Count ? s.Word(i + 1) : default;
        var gap = s.GapAfter(i);
        var ageWordAfter = gap.Length <= 2 && !gap.ContainsAnyExcept(" -") && i + 1 < s.Count
            && (after.StartsWith("year", StringComparison.OrdinalIgnoreCase) || after.Equals("yo", StringComparison.OrdinalIgnoreCase)
                || after.Equals("yr", StringComparison.OrdinalIgnoreCase) || after.Equals("yrs", StringComparison.OrdinalIgnoreCase)
                || (after.Equals("y", StringComparison.OrdinalIgnoreCase) && s.GapAfter(i + 1) is "/" or "."));
        var before = i > 0 ? s.Word(i - 1) : default;
        var ageWordBefore = i > 0 && s.GapBefore(i).Length <= 3
            && (before.Equals("age", StringComparison.OrdinalIgnoreCase) || before.Equals("aged", StringComparison.OrdinalIgnoreCase));
        if (ageWordAfter || ageWordBefore)
        {
            s.AddTokens(PhiType.AgeOver89, i, i, 0.95, "age.over89");
        }
    }

    // ---- GS1 UDIs: (01) + GTIN-14: 164.514(b)(2)(i)(M).
    private static void TryUdi(ScanState s, int i)
    {
        if (s.Word(i) is not "01" || s.GapBefore(i) is not [.., '('] || s.GapAfter(i) is not ")" || !s.IsNumber(i + 1, 14, 14))
        {
            return;
        }

        var start = s.Tokens[i].Start - 1;
        var end = s.Tokens[i + 1].End;
        while (end < s.Text.Length && !char.IsWhiteSpace(s.Text[end]) && s.Text[end] is not (',' or ';'))
        {
            end++;
        }

        s.Add(PhiType.DeviceId, start, end, 0.95, "udi.gs1");
    }

    // ---- Obfuscation: digits spaced out one by one ("1 2 3 4 5 6 7 8 9").
    private static void TrySpacedDigits(ScanState s, int i)
    {
        if (s.Tokens[i].Length != 1 || (i > 0 && s.Tokens[i - 1].IsNumber && s.Tokens[i - 1].Length == 1 && IsPhoneSep(s.GapBefore(i))))
        {
            return;
        }

        Span<char> digits = stackalloc char[19];
        var n = 0;
        var last = i;
        digits[n++] = s.Word(i)[0];
        while (last + 1 < s.Count && n < 19 && s.IsNumber(last + 1, 1, 1) && s.GapAfter(last) is " " or "-" or "." or "  ")
        {
            last++;
            digits[n++] = s.Word(last)[0];
        }

        if (n < 7 || FollowedByUnit(s, last))
        {
            return;
        }

        var d = digits[..n];
        if (n == 9 && Checks.IsValidSsn(Parse(d[..3]), Parse(d[3..5]), Parse(d[5..])))
        {
            s.AddTokens(PhiType.Ssn, i, last, 0.85, "ssn.spaced");
        }
        else if (n is 10 or 11)
        {
            s.AddTokens(PhiType.Phone, i, last, 0.8, "phone.spaced");
        }
        else if (n >= 13 && Checks.Luhn(d))
        {
            s.AddTokens(PhiType.AccountNumber, i, last, 0.85, "card.spaced");
        }
        else
        {
            s.AddTokens(PhiType.OtherId, i, last, 0.6, "id.spaced");
        }
    }

    private static int Parse(ReadOnlySpan<char> digits) => int.Parse(digits, provider: null);

    internal static bool FollowedByUnit(ScanState s, int last) =>
        last + 1 < s.Count && s.GapAfter(last).Length <= 1 && !s.GapAfter(last).ContainsAnyExcept(' ') && s.Tokens[last + 1].IsWord
        && s.Is(last + 1, WordFlags.Unit);
}
