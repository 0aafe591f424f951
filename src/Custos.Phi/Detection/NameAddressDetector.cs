using System.Collections.Frozen;

namespace Custos.Phi.Detection;

/// <summary>
/// Names, street addresses, cities, counties and dates written with month names, from the word tokens: dictionary
/// look-ups (first names, surnames, cities, USPS street suffixes) combined with titles, cue words and shape. Works on
/// ALL-CAPS text too, where capitalization says nothing and the dictionaries must carry more of the weight.
/// </summary>
internal static class NameAddressDetector
{
    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> LocationPrepositions =
        new[] { "in", "at", "from", "near", "to", "of", "lives", "resides", "visiting", "moved", "born", "around" }
            .ToFrozenSet(StringComparer.OrdinalIgnoreCase).GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>State codes that are also credentials or common words: "John Smith, MD" is not a place.</summary>
    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> AmbiguousStateCodes =
        new[] { "MD", "PA", "OR", "ME", "IN", "OH", "OK", "HI", "DE", "CO", "LA", "MA", "AS", "AL", "ID", "MS", "DO", "NP", "RN", "GA", "SC", "ND", "NE", "VA", "MT", "PR", "AE", "AP", "AA" }
            .ToFrozenSet(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();

    private static readonly System.Buffers.SearchValues<char> CityChars = System.Buffers.SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ '.-");

    public static void Scan(ScanState s)
    {
        ScanTokens(s);
        IncludeHouseNumbers(s);
    }

    /// <summary>"98 P.O. Box 101", "08 251 Charilaou Trikoupi Str.": a short number just before an address belongs to it.</summary>
    private static void IncludeHouseNumbers(ScanState s)
    {
        var candidates = s.Candidates;
        for (var c = 0; c < candidates.Count; c++)
        {
            var candidate = candidates[c];
            if (candidate.Type != PhiType.Address)
            {
                continue;
            }

            var k = TokenStartingAt(s, candidate.Start);
            if (k >= 1 && s.IsNumber(k - 1, 1, 5) && ScanState.IsSpaces(s.GapAfter(k - 1), 2)
                && !(k >= 2 && s.Tokens[k - 2].IsNumber && s.GapAfter(k - 2).Length <= 1))
            {
                candidates[c] = candidate with { Start = s.Tokens[k - 1].Start };
            }
        }
    }

    /// <summary>The index of the token that starts at <paramref name="start"/>, or -1 (binary search: tokens are in order).</summary>
    private static int TokenStartingAt(ScanState s, int start)
    {
        int lo = 0, hi = s.Count - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            var at = s.Tokens[mid].Start;
            if (at == start)
            {
                return mid;
            }

            if (at < start)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return -1;
    }

    private static void ScanTokens(ScanState s)
    {
        var next = 0;
        var lowercase = IsLowercaseText(s);
        s.Lowercase = lowercase;
        for (var i = 0; i < s.Count; i++)
        {
            var token = s.Tokens[i];
            if (token.Shape.HasFlag(TokenShape.Digits))
            {
                if (i >= next && MayStartStreet(s, i, lowercase))
                {
                    var end = TryStreet(s, i);
                    if (end > i)
                    {
                        next = end + 1;
                    }
                }

                continue;
            }

            if (!token.IsCapitalized)
            {
                // "ms. Quinzia", "dr Petrakis": a title written in lower case before a capitalized name.
                if (i >= next && !lowercase && token.Length is >= 2 and <= 3 && s.Text[token.Start] is 'm' or 'd' && s.Word(i) is "mr" or "mrs" or "ms" or "dr"
                    && s.GapAfter(i) is ". " or " " && i + 1 < s.Count && IsNameWord(s, i + 1) && !s.Tokens[i + 1].IsAllUpper)
                {
                    var last = Math.Max(i + 1, Extend(s, i + 2, allCaps: false, strict: false));
                    s.AddTokens(PhiType.Name, i + 1, last, 0.9, "name.title");
                    next = last + 1;
                    continue;
                }

                if (i >= next && token.Length is >= 2 and <= 3 && s.Text[token.Start] is 'm' or 'd' && lowercase)
                {
                    var title = TryLowercaseName(s, i);
                    next = title >= i ? title + 1 : next;
                }
                else if (i >= next && lowercase && token.IsWord && token.Length >= 3)
                {
                    var place = TryPlace(s, i);
                    var name = place >= i ? place : TryLowercaseName(s, i);
                    next = name >= i ? name + 1 : next;
                }

                continue;
            }

            var word = s.Word(i);
            if (word.Length is >= 3 and <= 9 && s.Is(i, WordFlags.Month) && Lexicon.Months.TryGetValue(word, out var month))
            {
                TryMonthDate(s, i, month);
            }

            if (i < next)
            {
                continue;
            }

            var consumed = TryPlace(s, i);
            if (consumed < 0)
            {
                consumed = TryName(s, i);
            }

            if (consumed >= i)
            {
                next = consumed + 1;
            }
        }
    }

    /// <summary>Whether the text is written without capitals (chat, some logs): then capitalization cannot mark names and only the lists can.</summary>
    private static bool IsLowercaseText(ScanState s)
    {
        var words = 0;
        for (var i = 0; i < s.Count; i++)
        {
            var shape = s.Tokens[i].Shape;
            if ((shape & TokenShape.InitialUpper) != 0 && (shape & TokenShape.Letters) != 0)
            {
                return false;
            }

            words += (shape & TokenShape.Letters) != 0 ? 1 : 0;
        }

        return words >= 3;
    }

    /// <summary>A name in text written without capitals: "mr. freeman", "natasha higuchi" (a known first name and a known surname, neither an English word).</summary>
    private static int TryLowercaseName(ScanState s, int i)
    {
        var word = s.Word(i);
        if (word is "mr" or "mrs" or "ms" or "dr" && s.GapAfter(i) is ". " && i + 1 < s.Count && s.Tokens[i + 1].IsWord && !s.Is(i + 1, WordFlags.NotName))
        {
            s.AddTokens(PhiType.Name, i + 1, i + 1, 0.85, "name.title");
            return i + 1;
        }

        // "her maiden name is nyberg", "people call me višeslav", "she named him joshua".
        if (i >= 2 && !s.Is(i, WordFlags.NotName) && s.GapBefore(i) is " " && s.GapBefore(i - 1) is " "
            && ((s.Word(i - 1) is "is" && s.Word(i - 2) is "name") || (s.Word(i - 1) is "me" or "him" or "her" && s.Word(i - 2) is "call" or "calls" or "called" or "named")))
        {
            s.AddTokens(PhiType.Name, i, i, 0.7, "name.lowercase");
            return i;
        }

        // "they had 6: silvana, adam, christopher, kristina, chad and caleb".
        if (s.GapAfter(i) is ", " && ListOfNames(s, i, lowercase: true) is var listEnd && listEnd > i)
        {
            for (var k = i; k <= listEnd; k++)
            {
                if (s.Tokens[k].IsWord && s.Word(k) is not ("and" or "or") && !s.Is(k, WordFlags.NotName))
                {
                    s.AddTokens(PhiType.Name, k, k, 0.7, "name.list");
                }
            }

            return listEnd;
        }

        // A speaker: mika: "who are you?"
        if (!s.Is(i, WordFlags.NotName) && DialogueLabel(s, i, known: false))
        {
            s.AddTokens(PhiType.Name, i, i, 0.7, "name.dialogue");
            return i;
        }

        // "eric g. samoylova", "codey m ross": a word, a letter and a word, one of them a known or surname-shaped name.
        if (i + 2 < s.Count && s.GapAfter(i) is " " && s.Tokens[i + 1].Length == 1 && s.Tokens[i + 1].IsWord && s.Word(i + 1) is not ("a" or "i" or "o" or "s" or "x")
            && s.GapAfter(i + 1) is " " or ". " && s.Tokens[i + 2].IsWord && s.Tokens[i + 2].Length >= 2
            && !s.Is(i, WordFlags.NotName) && !s.Is(i + 2, WordFlags.NotName) && !Lexicon.LetterDesignators.Contains(s.Word(i))
            && (IsUnambiguousName(s, i) || IsUnambiguousName(s, i + 2) || Lexicon.HasSurnameShape(s.Word(i + 2)) || HasNonAscii(s.Word(i + 2))))
        {
            s.AddTokens(PhiType.Name, i, i + 2, 0.65, "name.lowercase");
            return i + 2;
        }

        if (!s.TryFirstName(i, out var firstAmbiguous) || firstAmbiguous || s.Is(i, WordFlags.NotName))
        {
            return -1;
        }

        if (i + 1 < s.Count && s.GapAfter(i) is " " && s.Tokens[i + 1].IsWord
            && ((s.TrySurname(i + 1, out var surnameAmbiguous) && !surnameAmbiguous) || HasNonAscii(s.Word(i + 1))
                || ((s.Flags(i + 1) & ~WordFlags.Looked) == 0 && Lexicon.HasSurnameShape(s.Word(i + 1))))
            && !s.Is(i + 1, WordFlags.NotName))
        {
            s.AddTokens(PhiType.Name, i, i + 1, 0.7, "name.lowercase");
            return i + 1;
        }

        if (HasNameCue(s, i) || PersonVerbAfter(s, i) >= 0)
        {
            s.AddTokens(PhiType.Name, i, i, 0.65, "name.lowercase");
            return i;
        }

        // Alone, in text written without capitals: a known given name that is no English word ("michael is a very
        // sympathetic person", "said petra to michael") is a person far more often than anything else, unless it is
        // also a place or another listed word ("texas", "iban"), stands in an address (a number beside it) or in a
        // list the list rule did not take as people ("craig, palmer and quinn", a firm).
        if (s.Is(i, NotAloneName) || IsNumberBeside(s, i) || InList(s, i) || (i + 1 < s.Count && s.Is(i + 1, WordFlags.Organization)))
        {
            return -1;
        }

        s.AddTokens(PhiType.Name, i, i, 0.6, "name.lowercase-first");
        return i;
    }

    private const WordFlags NotAloneName = WordFlags.Country | WordFlags.StateName | WordFlags.CityFirstWord | WordFlags.StreetParticle
        | WordFlags.StreetSuffix | WordFlags.StreetPrefix | WordFlags.Organization | WordFlags.IdCue | WordFlags.PhoneCue | WordFlags.Unit
        | WordFlags.Directional | WordFlags.Month | WordFlags.Title;

    private static bool IsNumberBeside(ScanState s, int i) =>
        (i > 0 && s.Tokens[i - 1].Shape.HasFlag(TokenShape.Digits) && IsBlankGap(s.GapBefore(i)))
        || (i + 1 < s.Count && s.Tokens[i + 1].Shape.HasFlag(TokenShape.Digits) && IsBlankGap(s.GapAfter(i)));

    /// <summary>Only white space and commas, at most 12 characters (address lines are often padded or broken).</summary>
    private static bool IsBlankGap(ReadOnlySpan<char> gap) => gap.Length <= 12 && !gap.ContainsAnyExcept(BlankGapChars);

    private static readonly System.Buffers.SearchValues<char> BlankGapChars = System.Buffers.SearchValues.Create(" \t\r\n,");

    private static bool InList(ScanState s, int i) =>
        s.GapAfter(i) is ", " or "," || s.GapBefore(i) is ", " or ","
        || (i + 1 < s.Count && s.Word(i + 1) is "and" or "or" or "&") || (i > 0 && s.Word(i - 1) is "and" or "or" or "&");

    private static bool IsNameWord(ScanState s, int j) =>
        j < s.Count && s.Tokens[j].IsWord && s.Tokens[j].IsCapitalized && !s.Is(j, WordFlags.NotName)
        && !s.Is(j, WordFlags.Month);

    private static bool IsInitial(ScanState s, int j) =>
        j < s.Count && s.Tokens[j].Length == 1 && s.Tokens[j].IsCapitalized && s.GapAfter(j) is ". " or " " or ".";

    private static bool JoinsName(ReadOnlySpan<char> gap) => gap is " " or "-" or "  ";

    /// <summary>Tries a person's name starting at token i; returns the last token used, or -1.</summary>
    private static int TryName(ScanState s, int i)
    {
        // The town after a street we found: "Apt. 391  Melrose", "2326 Parkdale Avenue Apt. 676 Hamilton".
        if (AfterAddress(s, i))
        {
            var last = i;
            while (last + 1 < s.Count && last - i < 2 && s.GapAfter(last) is " " && s.Tokens[last + 1].IsWord && s.Tokens[last + 1].IsCapitalized)
            {
                last++;
            }

            s.AddTokens(PhiType.Address, i, last, 0.8, "address.town");
            return last;
        }

        var word = s.Word(i);
        var allCaps = s.Tokens[i].IsAllUpper && s.Tokens[i].Length > 1;
        var isFirst = s.TryFirstName(i, out var firstAmbiguous);
        var isSurname = s.TrySurname(i, out var surnameAmbiguous);
        var isTitle = word.Length <= 9 && s.Is(i, WordFlags.Title);

        // A word built like a family name that no list knows: "Yefremova", "Petersson", "Ásgeirsdóttir".
        var shaped = !isFirst && !isSurname && !allCaps && (s.Flags(i) & ~WordFlags.Looked) == 0
            && Lexicon.HasSurnameShape(word);
        if (shaped)
        {
            isSurname = true;
            surnameAmbiguous = false;
        }

        // A given name, a middle initial and a family name: "Ravil G Yefimov", "Hanne I. Kreutzmann".
        if (!isTitle && !allCaps && InitialName(s, i) is var initialEnd && initialEnd > i)
        {
            s.AddTokens(PhiType.Name, i, initialEnd, 0.75, "name.initial");
            return initialEnd;
        }

        // Words before a possessive and something only a person has: "Matej's address", "Alpatu Shervashidze's killers".
        if (!isTitle && !allCaps && PossessiveOfPerson(s, i) is var possessiveEnd && possessiveEnd >= i)
        {
            s.AddTokens(PhiType.Name, i, possessiveEnd, 0.7, "name.possessive");
            return possessiveEnd;
        }

        // Most capitalized words are in no list and have no cue: nothing below could make them a name.
        if (!isFirst && !isSurname && !isTitle
            && (allCaps || (!HasNonAscii(word) && !(i + 1 < s.Count && HasNonAscii(s.Word(i + 1))) && !HasNameCue(s, i)))
            && !(s.GapAfter(i) is " " or "'" && !allCaps && PersonVerbAfter(s, i) >= 0)
            && !(s.GapAfter(i) is ", " && !allCaps && ListOfNames(s, i) >= 0)
            && !(s.GapAfter(i) is " " && !allCaps && i + 3 < s.Count && s.Word(i + 1) is "and" && s.Word(i + 3) is "were" or "are")
            && !(s.GapAfter(i) is ", " && !allCaps && ColonList(s, i) >= 0)
            && !(s.GapAfter(i) is ", " && !allCaps && Vocative(s, i))
            && !(!allCaps && DialogueLabel(s, i, known: false))
            && !(!allCaps && FieldName(s, i) >= 0))
        {
            return -1;
        }

        if ((isFirst || isSurname) && (s.Is(i, WordFlags.Country)
            || (s.Is(i, WordFlags.StateName) && i > 0 && LocationPrepositions.Contains(s.Word(i - 1)))))
        {
            return -1;
        }


        // People listed after a colon: "our 3 founders: Kovalev, Lee and Phillips".
        if (!allCaps && s.GapAfter(i) is ", " && ColonList(s, i) is var colonEnd && colonEnd > i)
        {
            for (var k = i; k <= colonEnd; k++)
            {
                if (s.Tokens[k].IsWord && s.Tokens[k].IsCapitalized && !s.Is(k, WordFlags.NotName))
                {
                    s.AddTokens(PhiType.Name, k, k, 0.75, "name.list");
                }
            }

            return colonEnd;
        }

        // Addressed at the end of a sentence: "Remember me, Maria?"
        if (isFirst && !allCaps && s.GapBefore(i) is ", " && s.GapAfter(i) is "?" or "!" or "." or "? " or "! " or ". ")
        {
            s.AddTokens(PhiType.Name, i, i, 0.75, "name.vocative");
            return i;
        }

        // A speaker in a dialogue: "Vsevolod: \"Who are you?\"", "John: You saved my life!"
        if (!allCaps && !isTitle && DialogueLabel(s, i, known: isFirst))
        {
            s.AddTokens(PhiType.Name, i, i, 0.75, "name.dialogue");
            return i;
        }

        // A name alone in a field of a record: ">Gyala Antall >Google Public Data Explorer", "Satu Elomo  45818 P.O. Box 242".
        if (!allCaps && FieldName(s, i) is var fieldEnd && fieldEnd > i)
        {
            s.AddTokens(PhiType.Name, i, fieldEnd, 0.7, "name.field");
            return fieldEnd;
        }

        // Spoken to at the start of a sentence: "Vittore, can I please speak to your boss?"
        if (!allCaps && s.GapAfter(i) is ", " && Vocative(s, i) && !s.Is(i, WordFlags.NotName) && !isTitle)
        {
            s.AddTokens(PhiType.Name, i, i, 0.75, "name.vocative");
            return i;
        }

        // Faker-style firm names made of surnames: "Hawkins, Richardson and Santana", "Weeks-Rivas".
        var firm = FirmOfSurnames(s, i);
        if (firm >= 0)
        {
            return firm;
        }

        // A list of people: "They had 6: Gaetane, Hannah, Anthony and Derek".
        if (!allCaps && s.GapAfter(i) is ", " && ListOfNames(s, i) is var listEnd && listEnd > i)
        {
            for (var k = i; k <= listEnd; k++)
            {
                if (s.Tokens[k].IsWord && s.Tokens[k].IsCapitalized && !s.Is(k, WordFlags.NotName))
                {
                    s.AddTokens(PhiType.Name, k, k, 0.8, "name.list");
                }
            }

            return listEnd;
        }

        // Capitalized words before a verb only people do: "Tomomi lives at", "Hanne I. Kreutzmann will be talking".
        if (!allCaps && !isTitle && !s.Is(i, WordFlags.NotName) && !s.Is(i, WordFlags.Country))
        {
            var last = Extend(s, i + 1, allCaps: false, strict: false);
            last = last < i ? i : last;
            if (s.GapAfter(last) is " " or "'" && PersonVerbAfter(s, last) >= 0 && !IsOrganization(s, last))
            {
                s.AddTokens(PhiType.Name, i, last, isFirst || isSurname ? 0.85 : 0.75, "name.verb");
                return last;
            }
        }

        // A title: Dr. Smith, MRS. JONES.
        if (isTitle && i + 1 < s.Count && s.GapAfter(i) is ". " or " " or "." && (IsNameWord(s, i + 1)
            || (s.Tokens[i + 1].IsCapitalized && s.Is(i + 1, WordFlags.Month) && s.TryFirstName(i + 1, out _))))
        {
            var last = Math.Max(i + 1, Extend(s, i + 2, allCaps, strict: false));
            s.AddTokens(PhiType.Name, i + 1, last, 0.95, "name.title");
            return last;
        }

        if (s.Is(i, WordFlags.NotName) || word.Length < 2 || s.Is(i, WordFlags.NameCue)
            || (s.Tokens[i].IsAllUpper && s.Is(i, WordFlags.IdCue | WordFlags.PhoneCue)))
        {
            return -1;
        }

        var cue = HasNameCue(s, i);
        var sentenceStart = s.StartsSentence(i);

        // Surname, First: "Smith, John A."
        if (isSurname && s.GapAfter(i) is ", " && i + 1 < s.Count && s.Is(i + 1, WordFlags.FirstName) && s.Tokens[i + 1].IsCapitalized)
        {
            var last = i + 1;
            if (IsInitial(s, last + 1) && JoinsName(s.GapAfter(last)))
            {
                last++;
            }

            s.AddTokens(PhiType.Name, i, last, 0.85, "name.surname-first");
            return last;
        }

        if (isFirst)
        {
            var last = Extend(s, i + 1, allCaps, strict: allCaps && !cue);
            if (last > i)
            {
                var secondKnown = s.TrySurname(last, out var secondAmbiguous) && !secondAmbiguous;
                var confidence = !firstAmbiguous ? 0.9
                    : cue || secondKnown ? 0.85
                    : !sentenceStart && !allCaps ? 0.7
                    : 0.4;
                if (IsOrganization(s, last) || HasOrganizationWord(s, i + 1, last))
                {
                    return last;
                }

                if (!cue && FollowedByCountry(s, last))
                {
                    s.AddTokens(PhiType.Address, i, last, 0.6, "address.town");
                    return last;
                }

                s.AddTokens(PhiType.Name, i, last, confidence, "name.dictionary");
                return last;
            }

            // Alone: "Maria reports..." mid-sentence, or after a cue.
            if (!firstAmbiguous || cue)
            {
                var confidence = cue ? 0.85 : sentenceStart || allCaps ? 0.55 : 0.7;
                if (!cue && FollowedByCountry(s, i))
                {
                    s.AddTokens(PhiType.Address, i, i, 0.6, "address.town");
                }
                else if (!IsOrganization(s, i))
                {
                    s.AddTokens(PhiType.Name, i, i, confidence, "name.first");
                }

                return i;
            }

            return -1;
        }

        if (cue && !allCaps && (!sentenceStart || CueIsName(s, i)))
        {
            var last = Extend(s, i + 1, allCaps, strict: false);
            last = last < 0 ? i : last;
            if (!IsOrganization(s, last))
            {
                s.AddTokens(PhiType.Name, i, last, isSurname ? 0.85 : 0.75, "name.cue");
            }

            return last;
        }

        // Two capitalized words, one with letters outside ASCII: "Krisztián Szöllösy", "Šárka Ottová".
        if (!allCaps && i + 1 < s.Count && JoinsName(s.GapAfter(i)) && IsNameWord(s, i + 1)
            && (HasNonAscii(s.Word(i)) || HasNonAscii(s.Word(i + 1))) && !IsOrganization(s, i + 1))
        {
            s.AddTokens(PhiType.Name, i, i + 1, 0.6, "name.shape");
            return i + 1;
        }

        if (isSurname && !surnameAmbiguous && (!sentenceStart || shaped) && !allCaps && !IsOrganization(s, i))
        {
            // A capitalized word just before a surname-shaped one is its given name: "Ayna Khadzhiyev".
            var first = shaped && i > 0 && s.GapBefore(i) is " " && IsNameWord(s, i - 1) && !s.Tokens[i - 1].IsAllUpper
                && (s.Flags(i - 1) & (WordFlags.Title | WordFlags.Organization | WordFlags.StreetPrefix | WordFlags.StreetSuffix | WordFlags.Country | WordFlags.StateName | WordFlags.NameCue)) == 0
                && (s.Candidates.Count == 0 || s.Candidates[^1].End <= s.Tokens[i - 1].Start) ? i - 1 : i;
            s.AddTokens(PhiType.Name, first, i, shaped ? 0.65 : 0.6, shaped ? "name.shape" : "name.surname");
            return i;
        }

        return -1;
    }

    /// <summary>Whether token i comes right after an address candidate (spaces, a comma or a "&gt;" between).</summary>
    private static bool AfterAddress(ScanState s, int i)
    {
        if (s.Candidates.Count == 0 || i == 0)
        {
            return false;
        }

        var previous = s.Candidates[^1];
        var start = s.Tokens[i].Start;
        return previous.Type == PhiType.Address && previous.End == s.Tokens[i - 1].End && start - previous.End <= 6
            && !s.Text.AsSpan(previous.End, start - previous.End).ContainsAnyExcept(" ,>.\t");
    }

    /// <summary>A speaker's name opening a line of dialogue: the word, a colon, then a quotation or (for a known first name) a capitalized sentence.</summary>
    private static bool DialogueLabel(ScanState s, int i, bool known)
    {
        if (i + 1 >= s.Count || !s.StartsSentence(i) || s.Is(i, WordFlags.NotName) || Lexicon.LabelWords.Contains(s.Word(i)))
        {
            return false;
        }

        var gap = s.GapAfter(i);
        if (gap is ":\"" or ": \"" or ":\\\"" or ": \\\"")
        {
            return true;
        }

        return gap is ": " && s.Tokens[i + 1].IsCapitalized && !s.Tokens[i + 1].IsAllUpper && (known || ConversationFollows(s, i));
    }

    /// <summary>Whether another speaker with a known given name opens a line of the same exchange soon after token i ("Ubul: What a wife. Nicole: Remember me?").</summary>
    private static bool ConversationFollows(ScanState s, int i)
    {
        for (var j = i + 2; j < s.Count && j <= i + 40; j++)
        {
            if (s.Tokens[j].IsCapitalized && s.Tokens[j].IsWord && s.GapAfter(j) is ": " && s.StartsSentence(j)
                && s.TryFirstName(j, out var ambiguous) && !ambiguous && !s.Is(j, WordFlags.NotName))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A word, a single capital letter (with or without a period) and a capitalized word: "Ravil G Yefimov"; the last token, or -1. Words that label a letter ("Vitamin D", "Type A") are not given names.</summary>
    private static int InitialName(ScanState s, int i)
    {
        if (i + 2 >= s.Count || s.Tokens[i].Length < 2 || s.GapAfter(i) is not " " || !IsInitial(s, i + 1)
            || s.Word(i + 1) is "I" or "A" || !IsNameWord(s, i + 2) || s.Tokens[i + 2].IsAllUpper || s.Tokens[i + 2].Length < 2
            || s.GapAfter(i + 1) is not (" " or ". ") || Lexicon.LetterDesignators.Contains(s.Word(i)))
        {
            return -1;
        }

        const WordFlags NotPerson = WordFlags.NotName | WordFlags.Title | WordFlags.Month | WordFlags.Country | WordFlags.StateName
            | WordFlags.StreetPrefix | WordFlags.StreetSuffix | WordFlags.Organization | WordFlags.NameCue;
        if ((s.Flags(i) & NotPerson) != 0 || (s.Flags(i + 2) & (NotPerson & ~WordFlags.StreetSuffix)) != 0 || IsOrganization(s, i + 2))
        {
            return -1;
        }

        return i + 2;
    }

    /// <summary>One to three capitalized words, then 's and a noun only a person has ("Matej's address"); the last word of the name, or -1.</summary>
    private static int PossessiveOfPerson(ScanState s, int i)
    {
        const WordFlags NotPerson = WordFlags.NotName | WordFlags.Title | WordFlags.Month | WordFlags.Country | WordFlags.StateName
            | WordFlags.StreetPrefix | WordFlags.StreetSuffix | WordFlags.Organization | WordFlags.NameCue;
        if ((s.Flags(i) & NotPerson) != 0 || s.Tokens[i].Length < 2 || !PossessiveSoon(s, i))
        {
            return -1;
        }

        var last = Extend(s, i + 1, allCaps: false, strict: false);
        last = last < i ? i : last;
        return last + 2 < s.Count && s.GapAfter(last) is "'" or "’" && s.Word(last + 1) is "s" && s.GapAfter(last + 1) is " "
            && Lexicon.PossessedByPeople.Contains(s.Word(last + 2))
            ? last
            : -1;
    }

    private static bool PossessiveSoon(ScanState s, int i)
    {
        for (var k = i; k < s.Count - 1 && k <= i + 3; k++)
        {
            if (s.GapAfter(k) is "'" or "’" && s.Word(k + 1) is "s")
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether a country follows token i on the same line or the next ("LONDON  United Kingdom", "Dolores  Uruguay"): the word is then a town.</summary>
    private static bool FollowedByCountry(ScanState s, int i)
    {
        if (i + 1 >= s.Count || s.GapAfter(i) is var gap && (gap.Length == 0 || gap.Length > 4 || gap.ContainsAnyExcept(" ,\r\n")))
        {
            return false;
        }

        return s.Is(i + 1, WordFlags.Country)
            || (i + 2 < s.Count && s.GapAfter(i + 1) is " " && s.Word(i + 1) is "United" or "New" or "South" or "North" or "Czech" or "Dominican" or "Costa" or "Sri" or "Saudi" or "Sierra" or "El" or "Cape" && s.Is(i + 2, WordFlags.Country));
    }

    /// <summary>Two or three capitalized words filling a field of a record on their own (between "&gt;", wide spaces, line breaks), one of them a known name: the last token, or -1.</summary>
    private static int FieldName(ScanState s, int i)
    {
        var before = s.GapBefore(i);
        var fieldStart = i == 0 || before.EndsWith("  ", StringComparison.Ordinal) || before.Contains('>') || before.Contains('\n')
            || (before.Length >= 3 && before.TrimStart(' ').StartsWith(':') && before.EndsWith("  ", StringComparison.Ordinal));
        if (!fieldStart)
        {
            return -1;
        }

        var known = false;
        var j = i;
        var words = 0;
        while (j < s.Count && words < 3)
        {
            var t = s.Tokens[j];
            if (!t.IsWord || !t.IsCapitalized || (t.IsAllUpper && t.Length > 1) || s.Is(j, WordFlags.NotName) || s.Is(j, WordFlags.Organization)
                || s.Is(j, WordFlags.Country) || s.Is(j, WordFlags.StreetSuffix))
            {
                return -1;
            }

            if (t.Length > 1)
            {
                words++;
                known |= s.Is(j, WordFlags.FirstName) || s.Is(j, WordFlags.Surname) || HasNonAscii(s.Word(j));
            }

            var gap = s.GapAfter(j);
            if (j + 1 >= s.Count || gap.Contains('\n') || gap.StartsWith("  ", StringComparison.Ordinal) || gap.TrimStart(' ').StartsWith('>'))
            {
                // A record of a person: the name, then the street address in the next field ("Satu Elomo  45818 P.O. Box 242").
                var addressNext = j + 2 < s.Count && gap.StartsWith("  ", StringComparison.Ordinal) && !gap.Contains('\n') && s.IsNumber(j + 1, 1, 6)
                    && s.GapAfter(j + 1) is " " && s.Tokens[j + 2].IsCapitalized;
                return (known || addressNext) && words >= 2 ? j : -1;
            }

            if (gap is not (" " or ". "))
            {
                return -1;
            }

            j++;
        }

        return -1;
    }

    /// <summary>"founders: A, B and C": three or more capitalized words after a colon, joined by commas and "and"; the last token, or -1.</summary>
    private static int ColonList(ScanState s, int i)
    {
        if (s.GapBefore(i).Trim(' ') is not ":")
        {
            return -1;
        }

        var j = i;
        var items = 0;
        while (j < s.Count && items < 10 && s.Tokens[j].IsWord && s.Tokens[j].IsCapitalized && !s.Is(j, WordFlags.NotName)
            && !s.Is(j, WordFlags.Organization) && !(s.Tokens[j].IsAllUpper && s.Tokens[j].Length > 1))
        {
            items++;
            var gap = s.GapAfter(j);
            if (gap is ", " && j + 1 < s.Count)
            {
                j++;
            }
            else if (gap is " " && j + 2 < s.Count && s.Word(j + 1) is "and" && s.GapAfter(j + 1) is " ")
            {
                j += 2;
            }
            else
            {
                var endsList = gap.Length == 0 || gap[0] is '.' or '\n' or '\r' or '!' or '?' || (gap is " " && j + 1 < s.Count && !s.Tokens[j + 1].IsCapitalized);
                return items >= 3 && endsList ? j : -1;
            }
        }

        return -1;
    }

    /// <summary>A capitalized word opening a sentence, then a comma and a request: "Vittore, can I please speak to your boss?"</summary>
    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> Interjections =
        new[]
        {
            "cool", "great", "okay", "sure", "well", "sorry", "wow", "alright", "right", "fine", "perfect", "awesome", "nice",
            "hey", "oh", "so", "now", "also", "actually", "honestly", "seriously", "anyway", "besides", "however", "first",
            "second", "finally", "sir", "madam", "guys", "folks", "everyone", "team", "doc", "doctor", "nurse", "look", "listen",
            "wait", "excuse", "pardon", "again", "otherwise", "really", "true", "agreed", "understood", "noted", "good", "hmm",
        }.ToFrozenSet(StringComparer.OrdinalIgnoreCase).GetAlternateLookup<ReadOnlySpan<char>>();

    private static bool Vocative(ScanState s, int i) =>
        i + 1 < s.Count && s.StartsSentence(i) && !Interjections.Contains(s.Word(i)) && s.Word(i + 1) is "can" or "could" or "would" or "please" or "will" or "do" or "did" or "are" or "thank" or "thanks" or "you" or "how" or "where" or "when" or "why" or "what";

    /// <summary>The token of a person verb right after token <paramref name="last"/> ("lives", "is from", "will be talking"), or -1.</summary>
    private static int PersonVerbAfter(ScanState s, int last)
    {
        var j = last + 1;
        if (j < s.Count && s.GapAfter(last) is "'" && s.Word(j) is "s")
        {
            return -1;
        }

        if (j >= s.Count || s.GapAfter(last) is not " " || !s.Tokens[j].IsWord || s.Tokens[j].IsCapitalized)
        {
            return -1;
        }

        var verb = s.Word(j);
        if (s.Is(j, WordFlags.PersonVerb))
        {
            return j;
        }

        if (j + 1 < s.Count && s.GapAfter(j) is " ")
        {
            var next = s.Word(j + 1);
            if ((verb is "is" or "was" && next is "from" or "born" or "very" or "originally" or "married" or "talking")
                || (verb is "will" && next is "be" or "speak" or "present" or "join")
                || (verb is "had" or "has" && next is "given" or "told" or "said" or "been" or "married"))
            {
                return j;
            }
        }

        return -1;
    }

    /// <summary>A list of at least four capitalized words joined by commas and "and", two of them unambiguous first names: the last token, or -1.</summary>
    private static int ListOfNames(ScanState s, int i, bool lowercase = false)
    {
        var known = 0;
        var items = 0;
        var j = i;
        var last = -1;
        while (j < s.Count && items < 12)
        {
            if (!s.Tokens[j].IsWord || (!s.Tokens[j].IsCapitalized && !lowercase) || s.Tokens[j].IsAllUpper && s.Tokens[j].Length > 1
                || (lowercase && s.Is(j, WordFlags.NotName)))
            {
                break;
            }

            items++;
            last = j;
            if (s.TryFirstName(j, out var ambiguous) && !ambiguous)
            {
                known++;
            }

            var gap = s.GapAfter(j);
            if (gap is ", " && j + 1 < s.Count)
            {
                j++;
            }
            else if (gap is " " or ", " && j + 2 < s.Count && s.Word(j + 1) is "and" or "or" && s.GapAfter(j + 1) is " ")
            {
                j += 2;
            }
            else
            {
                break;
            }
        }

        // Lower-case words carry no capital to say they are names: most of the list must be known given names.
        return items >= 4 && known >= 2 && (!lowercase || known * 2 > items) ? last : -1;
    }

    /// <summary>Firm names made of surnames only, with no given name: "Hawkins, Richardson and Santana", "Weeks-Rivas"; the last token, or -1.</summary>
    private static int FirmOfSurnames(ScanState s, int i)
    {
        if (i + 3 < s.Count && s.GapAfter(i) is " " && s.Word(i + 1) is "and" && s.GapAfter(i + 1) is " " && s.Tokens[i + 2].IsCapitalized
            && s.Tokens[i + 2].IsWord && (IsUnambiguousName(s, i) || IsUnambiguousName(s, i + 2)) && NotAWord(s, i) && NotAWord(s, i + 2)
            && s.GapAfter(i + 2) is " " && s.Word(i + 3) is "were" or "are" or "met" or "married")
        {
            s.AddTokens(PhiType.Name, i, i, 0.75, "name.pair");
            s.AddTokens(PhiType.Name, i + 2, i + 2, 0.75, "name.pair");
            return i + 2;
        }

        if (i + 1 >= s.Count || !IsSurname(s, i) || (i > 0 && s.GapBefore(i) is " " && s.Is(i - 1, WordFlags.FirstName) && s.Tokens[i - 1].IsCapitalized))
        {
            return -1;
        }

        if (s.GapAfter(i) is "-" && s.Tokens[i + 1].IsCapitalized && IsSurname(s, i + 1))
        {
            return i + 1;
        }

        if (s.GapAfter(i) is ", " && i + 3 < s.Count && s.Tokens[i + 1].IsCapitalized && IsSurname(s, i + 1)
            && s.GapAfter(i + 1) is " " && s.Word(i + 2) is "and" && s.GapAfter(i + 2) is " " && s.Tokens[i + 3].IsCapitalized && IsSurname(s, i + 3)
            && !(s.GapAfter(i + 3) is ", " or "," && i + 4 < s.Count && s.Tokens[i + 4].IsCapitalized))
        {
            // After a colon they are people ("our 3 founders: Monjeau, Graves and Reed"); after "at", "from", "the" a firm.
            if (s.GapBefore(i).TrimEnd(' ') is ":")
            {
                s.AddTokens(PhiType.Name, i, i, 0.75, "name.list");
                s.AddTokens(PhiType.Name, i + 1, i + 1, 0.75, "name.list");
                s.AddTokens(PhiType.Name, i + 3, i + 3, 0.75, "name.list");
            }

            return i + 3;
        }


        return -1;
    }

    private static bool IsSurname(ScanState s, int j) =>
        s.Tokens[j].IsWord && s.Is(j, WordFlags.Surname);

    private static bool IsUnambiguousName(ScanState s, int j) =>
        s.Tokens[j].IsWord && !s.Is(j, WordFlags.NotName)
        && ((s.TrySurname(j, out var surnameAmbiguous) && !surnameAmbiguous)
            || (s.TryFirstName(j, out var firstAmbiguous) && !firstAmbiguous));

    /// <summary>Not a stop word and not a name the lists flag as also an English word.</summary>
    private static bool NotAWord(ScanState s, int j) =>
        s.Tokens[j].IsWord && !s.Is(j, WordFlags.NotName)
        && !(s.TryFirstName(j, out var a) && a) && !(s.TrySurname(j, out var b) && b);

    private static bool IsSurnameOnly(ScanState s, int j) =>
        s.Tokens[j].IsWord && s.Is(j, WordFlags.Surname)
        && !(s.TryFirstName(j, out var ambiguous) && !ambiguous);

    /// <summary>Extends a name over a middle initial and further name words; the last token, or start - 1 when none.</summary>
    private static int Extend(ScanState s, int start, bool allCaps, bool strict)
    {
        var last = start - 1;
        var j = start;
        var words = 0;
        while (j < s.Count && j > 0 && words < 3)
        {
            var gap = s.GapAfter(j - 1);
            if (!JoinsName(gap) && !(gap is ". " or "." && IsInitialToken(s, j - 1)))
            {
                break;
            }

            if (IsInitial(s, j) && j + 1 < s.Count && IsNameWord(s, j + 1))
            {
                j++;
                continue;
            }

            if (!IsNameWord(s, j))
            {
                break;
            }

            if (strict || (allCaps && s.Tokens[j].IsAllUpper))
            {
                var known = s.Is(j, WordFlags.Surname) || s.Is(j, WordFlags.FirstName);
                if (!known)
                {
                    break;
                }
            }

            last = j;
            words++;
            j++;
        }

        return last;
    }

    private static bool HasNonAscii(ReadOnlySpan<char> word) => word.ContainsAnyExceptInRange('\0', '\x7F');

    private static bool IsInitialToken(ScanState s, int j) => j >= 0 && s.Tokens[j].Length == 1 && s.Tokens[j].IsCapitalized;

    private static bool HasOrganizationWord(ScanState s, int first, int last)
    {
        for (var k = first; k <= last; k++)
        {
            if (s.Is(k, WordFlags.Organization))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsOrganization(ScanState s, int last)
    {
        if (last + 2 < s.Count && s.GapAfter(last) is "'" && s.Word(last + 1) is "s" or "S" && s.GapAfter(last + 1) is " ")
        {
            last++;
        }

        return last + 1 < s.Count && s.GapAfter(last) is " " && s.Tokens[last + 1].IsWord && s.Is(last + 1, WordFlags.Organization);
    }

    private static bool CueIsName(ScanState s, int i) =>
        i > 0 && s.Word(i - 1) is var w && (w.Equals("name", StringComparison.OrdinalIgnoreCase) || w.Equals("named", StringComparison.OrdinalIgnoreCase));

    private static bool HasNameCue(ScanState s, int i)
    {
        var k = i - 1;
        if (k >= 0 && s.Tokens[k].IsWord && s.Word(k) is "is" or "was" or "called" && k > 0)
        {
            k--;
        }

        if (k <= 0 || !s.Tokens[k].IsWord)
        {
            return k == 0 && s.Tokens[k].IsWord && s.Is(k, WordFlags.NameCue) && CueGap(s.GapAfter(k));
        }

        var cue = s.Word(k);
        var before = s.Word(k - 1);

        // "calls me X", "follow up with X", "speak to X", "change it to X".
        if ((cue is "me" or "him" or "her" && before is "call" or "calls" or "called" or "Call" or "named")
            || (cue is "given" or "gave" or "told" or "asked" or "thanked" or "paid" or "hugged" or "kissed" or "met" && i + 1 < s.Count && s.GapAfter(i) is " " && s.Word(i + 1) is "his" or "her" or "their" or "that" or "about")
            || (cue is "with" && before is "up" or "meet" or "met" or "speak" or "spoke" or "talk" or "talked" or "meeting")
            || (cue is "to" && before is "assistant" or "speak" or "talk" or "it" or "married" or "sent" or "letter"))
        {
            return s.GapAfter(k) is " ";
        }

        // "What's your last name? Magnusson".
        if (cue is "name" && s.GapAfter(k) is "? " && i == k + 1)
        {
            return true;
        }

        return s.Is(k, WordFlags.NameCue) && CueGap(s.GapAfter(k));
    }

    /// <summary>A gap between a cue and a name: spaces, or a colon or comma and spaces, on one line.</summary>
    private static bool CueGap(ReadOnlySpan<char> gap) =>
        gap.Length > 0 && gap.Length <= 8 && !gap.ContainsAnyExcept(" :,\t") && gap.IndexOfAny(':', ',') is -1 or 0;

    // ---- Geographic subdivisions smaller than a State: 164.514(b)(2)(i)(B).

    /// <summary>
    /// Whether <see cref="TryStreet"/> can find anything after number token i: not when it is the last token or is
    /// followed by a lower-case word in capitalized text that is neither a direction nor a street word before a name
    /// ("120 mg", "3 times"), which is most numbers.
    /// </summary>
    private static bool MayStartStreet(ScanState s, int i, bool lowercase)
    {
        if (i + 1 >= s.Count)
        {
            return false;
        }

        var next = s.Tokens[i + 1];
        return !next.IsWord || next.IsCapitalized || lowercase || s.Is(i + 1, WordFlags.Directional | WordFlags.StreetPrefix);
    }

    /// <summary>A street address from its house number: "1234 North Oak Street Apt 5".</summary>
    private static int TryStreet(ScanState s, int i)
    {
        var number = s.Tokens[i];
        if (number.Length > 6 || !ScanState.IsSpaces(s.GapAfter(i), 2) || (number.IsMixed && !char.IsAsciiDigit(s.Text[number.Start])))
        {
            return -1;
        }

        // "17151 2450 Crown St": a second number before the street.
        if (s.IsNumber(i + 1, 1, 5) && s.GapAfter(i) is " " && number.IsNumber)
        {
            var inner = TryStreet(s, i + 1);
            if (inner > i + 1)
            {
                s.AddTokens(PhiType.Address, i, inner, 0.92, "address.street");
                return inner;
            }
        }

        // "6076 Piroska u. 97.", "86036 Rua do Arenque 1634", "255 Hersnapvej 18".
        if (i + 1 < s.Count && s.Tokens[i + 1].IsWord && s.GapAfter(i) is " " or "  ")
        {
            var foreign = TryForeignStreet(s, i + 1, i);
            if (foreign > i)
            {
                return foreign;
            }
        }

        var j = i + 1;
        var suffixAt = -1;
        var words = 0;
        while (j < s.Count && words < 6)
        {
            var t = s.Tokens[j];
            var isOrdinal = t.IsMixed && NumberDetector.IsOrdinalSuffix(s.Word(j)[^2..]);
            if (!(t.IsWord && (t.IsCapitalized || s.Lowercase || s.Is(j, WordFlags.Directional))) && !isOrdinal)
            {
                break;
            }

            if (words > 0 && s.Is(j, WordFlags.StreetSuffix) || (words > 0 && s.Word(j) is var w && w.Length > 3 && w[^1] == 's' && Lexicon.StreetSuffixes.Contains(w[..^1])))
            {
                suffixAt = j;
            }

            words++;
            var gap = s.GapAfter(j);
            if (!(gap is " " or ". " or "  "))
            {
                break;
            }

            j++;
        }

        if (suffixAt < 0)
        {
            return TryNumberedStreet(s, i);
        }

        var last = suffixAt;

        // A directional after the suffix, then a unit: "NW, Apt 4B", "Suite 200", "#12".
        if (last + 1 < s.Count && s.Is(last + 1, WordFlags.Directional) && s.Tokens[last + 1].IsAllUpper && s.GapAfter(last).Length <= 2)
        {
            last++;
        }

        var unitGap = s.GapAfter(last);
        if (last + 2 < s.Count && unitGap.Length <= 3 && !unitGap.ContainsAnyExcept(" ,.") && Lexicon.UnitDesignators.Contains(s.Word(last + 1))
            && s.GapAfter(last + 1).Length <= 3 && s.Tokens[last + 2].Shape.HasFlag(TokenShape.Digits) || (last + 2 < s.Count && unitGap.Length <= 3 && Lexicon.UnitDesignators.Contains(s.Word(last + 1)) && s.Tokens[last + 2].Length <= 3 && s.Tokens[last + 2].IsAllUpper))
        {
            last += 2;
        }
        else if (last + 1 < s.Count && unitGap is " #" or ", #" or "#" && s.Tokens[last + 1].Shape.HasFlag(TokenShape.Digits))
        {
            last++;
        }

        s.AddTokens(PhiType.Address, i, last, 0.92, "address.street");
        return last;
    }

    /// <summary>A house number, one to three capitalized words and a second number: "28245 Puruntie 82", "5049 Harjukuja 54".</summary>
    private static int TryNumberedStreet(ScanState s, int i)
    {
        if (!s.Tokens[i].IsNumber || s.Tokens[i].Length > 5)
        {
            return -1;
        }

        var j = i + 1;
        while (j < s.Count && j - i <= 3 && s.Tokens[j].IsWord && s.Tokens[j].IsCapitalized && !s.Is(j, WordFlags.NotName)
            && !s.Is(j, WordFlags.Unit) && s.GapAfter(j) is " ")
        {
            j++;
        }

        if (j == i + 1 || j >= s.Count || !s.IsNumber(j, 1, 4) || NumberDetector.FollowedByUnit(s, j) || s.GapAfter(i) is not " ")
        {
            return -1;
        }

        s.AddTokens(PhiType.Address, i, j, 0.7, "address.numbered-street");
        return j;
    }

    /// <summary>City and state, county, P.O. box or known city at token i; the last token used, or -1.</summary>
    private static int TryPlace(ScanState s, int i)
    {
        var word = s.Word(i);

        // Military post offices: "PSC 5420, Box 2708 APO AA 33879", "USCGC Hale FPO AE 44941".
        if (word.Length == 3 && (word.Equals("APO", StringComparison.OrdinalIgnoreCase) || word.Equals("FPO", StringComparison.OrdinalIgnoreCase) || word.Equals("DPO", StringComparison.OrdinalIgnoreCase))
            && i + 2 < s.Count && s.Word(i + 1) is var zone && zone.Length == 2 && (zone.Equals("AA", StringComparison.OrdinalIgnoreCase) || zone.Equals("AE", StringComparison.OrdinalIgnoreCase) || zone.Equals("AP", StringComparison.OrdinalIgnoreCase))
            && s.IsNumber(i + 2, 5, 5))
        {
            var first = i;
            for (var k = i - 1; k >= Math.Max(0, i - 5); k--)
            {
                if (s.Word(k) is var w && (w.Equals("PSC", StringComparison.OrdinalIgnoreCase) || w.Equals("Unit", StringComparison.OrdinalIgnoreCase) || w.Equals("USNS", StringComparison.OrdinalIgnoreCase) || w.Equals("USNV", StringComparison.OrdinalIgnoreCase) || w.Equals("USS", StringComparison.OrdinalIgnoreCase) || w.Equals("USCGC", StringComparison.OrdinalIgnoreCase)))
                {
                    first = k;
                    break;
                }
            }

            s.AddTokens(PhiType.Address, first, i + 2, 0.9, "address.military");
            return i + 2;
        }

        var foreign = TryForeignStreet(s, i, -1);
        if (foreign >= i)
        {
            return foreign;
        }

        var named = TryNamedStreet(s, i);
        if (named >= i)
        {
            return named;
        }

        // A unit on its own line or after a street we did not recognize: "Apt. 595", "Suite 501".
        if ((word is "Apt" or "Suite" or "Ste" or "Apartment" or "APT" or "SUITE" || (s.Lowercase && word is "apt" or "suite" or "unit"))
            && i + 1 < s.Count && s.GapAfter(i) is " " or ". " or " #"
            && s.Tokens[i + 1].Shape.HasFlag(TokenShape.Digits) && s.Tokens[i + 1].Length <= 5)
        {
            s.AddTokens(PhiType.Address, i, i + 1, 0.75, "address.unit");
            return i + 1;
        }

        // P.O. Box 123, PO Box 123.
        if (word is "PO" or "P" or "po" or "p" && i + 2 < s.Count)
        {
            var j = word is "P" or "p" && s.GapAfter(i) is "." or ". " && s.Word(i + 1) is "O" or "o" ? i + 2 : i + 1;
            if (j + 1 < s.Count && s.Word(j).Equals("box", StringComparison.OrdinalIgnoreCase) && s.Tokens[j + 1].Shape.HasFlag(TokenShape.Digits))
            {
                s.AddTokens(PhiType.Address, i, j + 1, 0.9, "address.po-box");
                return j + 1;
            }
        }

        var cityStart = s.Is(i, WordFlags.CityFirstWord);
        if (!cityStart && s.Is(i, WordFlags.NotName))
        {
            return -1;
        }

        if (!PlaceMayFollow(s, i))
        {
            return cityStart ? TryCity(s, i) : -1;
        }

        // Up to three capitalized words, then a comma and a state: "Salt Lake City, UT 84101".
        var last = i;
        while (last + 1 < s.Count && last - i < 2 && s.GapAfter(last) is " " && s.Tokens[last + 1].IsWord && s.Tokens[last + 1].IsCapitalized
            && !Lexicon.StateCodes.Contains(s.Word(last + 1)))
        {
            last++;
        }

        for (var end = last; end >= i; end--)
        {
            var result = TryCityState(s, i, end);
            if (result >= 0)
            {
                return result;
            }
        }

        // Counties, parishes, boroughs.
        for (var end = i; end <= Math.Min(i + 2, s.Count - 2); end++)
        {
            if (s.GapAfter(end) is not " " || !s.Tokens[end].IsCapitalized)
            {
                break;
            }

            var kind = s.Word(end + 1);
            if (kind is "County" or "Parish" or "Borough" or "COUNTY" or "PARISH" or "BOROUGH")
            {
                s.AddTokens(PhiType.Address, i, end + 1, 0.9, "address.county");
                return end + 1;
            }
        }

        return TryCity(s, i);
    }

    private static readonly string[] CompoundStreetEndings =
        ["vej", "gade", "gatan", "vägen", "veien", "vegen", "stien", "straat", "laan", "weg", "gasse", "strasse", "straße", "katu", "tie", "kuja", "polku", "braut", "gränd", "torget", "brücke", "steig", "allee", "platz", "ring", "str"];

    /// <summary>Whether up to six words from token i, joined by the gaps a street name allows, are followed by a house number (the shape <see cref="TryForeignStreet"/> needs).</summary>
    private static bool RunEndsAtHouseNumber(ScanState s, int i)
    {
        var k = i;
        var words = 0;
        while (k < s.Count && words < 6 && s.Tokens[k].IsWord)
        {
            words++;
            var gap = s.GapAfter(k);
            k++;
            if (!(gap is " " or ". " or "/ " or "/"))
            {
                return false;
            }
        }

        return k < s.Count && words > 0
            && (s.IsNumber(k, 1, 4) || (s.Tokens[k].IsMixed && s.Tokens[k].Length <= 5 && char.IsAsciiDigit(s.Text[s.Tokens[k].Start])));
    }

    private static bool IsStreetEnding(ScanState s, int j)
    {
        if (s.Is(j, WordFlags.StreetEnding))
        {
            return true;
        }

        var word = s.Word(j);

        // Only the endings that end in the word's last letter: most words ("months", "daily") are checked against none.
        if (word.Length < ShortestCompoundStreet || !CompoundStreetEndingsByLastLetter.TryGetValue(char.ToLowerInvariant(word[^1]), out var endings))
        {
            return false;
        }

        foreach (var ending in endings)
        {
            if (word.Length > ending.Length + 2 && word.EndsWith(ending, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static readonly int ShortestCompoundStreet = CompoundStreetEndings.Min(e => e.Length) + 3;

    private static readonly FrozenDictionary<char, string[]> CompoundStreetEndingsByLastLetter =
        CompoundStreetEndings.GroupBy(e => char.ToLowerInvariant(e[^1])).ToFrozenDictionary(g => g.Key, g => g.ToArray());

    /// <summary>
    /// A street written the way most of the world writes it: a street word before the name ("Rua do Arenque 1634",
    /// "ul. Słowicza 10", "Via Tasso 129") or after it ("Erzsébet tér 19", "Hersnapvej 18", "Villacher Strasse 89"), then the
    /// house number. <paramref name="houseNumber"/> is a number token before it, or -1. The last token used, or -1.
    /// </summary>
    private static int TryForeignStreet(ScanState s, int i, int houseNumber)
    {
        var start = houseNumber >= 0 ? houseNumber : i;
        var prefixed = s.Is(i, WordFlags.StreetPrefix) && s.GapAfter(i) is " " or ". " or "/ " or "/";
        if (houseNumber < 0 && i > 0 && s.Tokens[i - 1].IsWord && s.Tokens[i - 1].Length <= 3 && s.Is(i - 1, WordFlags.StreetPrefix) && s.GapBefore(i) is ". " or " ")
        {
            start = i - 1;
            prefixed = true;
        }

        if (!s.Tokens[i].IsCapitalized && !prefixed && !s.Lowercase)
        {
            return -1;
        }

        // The cheap test first, without a look-up: the run of words (joined by spaces, ". " or "/") must end at a house
        // number. Every word of a capitalized token went through the street-ending look-ups before this (the name
        // detector's main cost); now only the few runs that end at a number do.
        if (houseNumber < 0 && !RunEndsAtHouseNumber(s, i))
        {
            return -1;
        }

        var ending = false;
        var j = i;
        var words = 0;
        var brokenAt = -1;
        while (j < s.Count && words < 6 && s.Tokens[j].IsWord)
        {
            var w = s.Word(j);
            var isEnding = words > 0 || !prefixed ? IsStreetEnding(s, j) : false;
            var lowerAfterPrefix = prefixed && words is 1 or 2 && s.Word(start) is var p && p.Length > 2 && !p.Equals("via", StringComparison.OrdinalIgnoreCase) && !p.Equals("str", StringComparison.OrdinalIgnoreCase);
            if (!s.Tokens[j].IsCapitalized && !isEnding && !s.Is(j, WordFlags.StreetParticle) && !(words == 0 && prefixed) && !lowerAfterPrefix && !s.Lowercase)
            {
                break;
            }

            ending |= isEnding;
            words++;
            var gap = s.GapAfter(j);
            j++;
            if (!(gap is " " or ". " or "/ " or "/"))
            {
                brokenAt = j;
                break;
            }
        }

        // Number first, then the street word and its name: "87 Rue Joseph Vernet", "40 rue Victor Hugo", "251 Charilaou Trikoupi Str.".
        if (houseNumber >= 0 && (prefixed || (ending && IsStreetEnding(s, j - 1))) && words >= 2 && (brokenAt == j || !(j < s.Count && s.IsNumber(j, 1, 4))))
        {
            s.AddTokens(PhiType.Address, start, j - 1, 0.85, "address.street-intl");
            return j - 1;
        }

        if (!(prefixed || ending) || j >= s.Count || words == 0 || (prefixed && words < 2 && !ending) || brokenAt == j
            || !(s.IsNumber(j, 1, 4) || (s.Tokens[j].IsMixed && s.Tokens[j].Length <= 5 && char.IsAsciiDigit(s.Text[s.Tokens[j].Start])))
            || NumberDetector.FollowedByUnit(s, j) || s.Is(i, WordFlags.NotName) && !prefixed && !ending)
        {
            return -1;
        }

        s.AddTokens(PhiType.Address, start, j, 0.85, "address.street-intl");
        return j;
    }

    /// <summary>A street named without a number after "on", "at" or "corner of ... and": "on Marina Fort Street", "and Mathias Pass".</summary>
    private static int TryNamedStreet(ScanState s, int i)
    {
        if (i == 0 || s.GapBefore(i) is not " " || !s.Tokens[i - 1].IsWord)
        {
            return -1;
        }

        var before = s.Word(i - 1);
        var context = before is "on" or "at" or "On" or "At";
        if (!context && before is "and" or "of")
        {
            for (var k = i - 2; k >= Math.Max(0, i - 14); k--)
            {
                if (s.Word(k).Equals("corner", StringComparison.OrdinalIgnoreCase))
                {
                    context = true;
                    break;
                }
            }
        }

        if (!context)
        {
            return -1;
        }

        var j = i;
        while (j < s.Count && j - i < 3 && s.Tokens[j].IsWord && s.Tokens[j].IsCapitalized)
        {
            if (j > i && s.Is(j, WordFlags.StreetSuffix))
            {
                var last = j;
                if (j + 1 < s.Count && s.GapAfter(j) is " " && s.Word(j + 1) is "St" or "Street")
                {
                    last = j + 1;
                }

                s.AddTokens(PhiType.Address, i, last, 0.8, "address.street-name");
                return last;
            }

            if (s.GapAfter(j) is not " " || s.Is(j, WordFlags.NotName))
            {
                break;
            }

            j++;
        }

        return -1;
    }

    /// <summary>Whether a comma and a state, or a county word, comes within the next three words: the cheap test before the look-ups.</summary>
    private static bool PlaceMayFollow(ScanState s, int i)
    {
        for (var k = i; k < s.Count - 1 && k <= i + 3; k++)
        {
            var gap = s.GapAfter(k);
            if (gap is ", " && (s.Tokens[k + 1].IsAllUpper || s.Tokens[k + 1].IsCapitalized))
            {
                return true;
            }

            if (gap is not " " || !s.Tokens[k + 1].IsWord)
            {
                return false;
            }

            var next = s.Word(k + 1);
            if (next.Length is 6 or 7 && (next.Equals("County", StringComparison.OrdinalIgnoreCase) || next.Equals("Parish", StringComparison.OrdinalIgnoreCase) || next.Equals("Borough", StringComparison.OrdinalIgnoreCase)))
            {
                return true;
            }
        }

        return false;
    }

    private static int TryCityState(ScanState s, int first, int last)
    {
        var state = last + 1;
        if (state >= s.Count || s.GapAfter(last) is not ", ")
        {
            return -1;
        }

        if (s.Is(first, WordFlags.NotName) && !Lexicon.CityLookup.TryGetValue(s.Word(first), out _))
        {
            return -1;
        }

        var code = s.Word(state);
        var stateEnd = -1;
        if (s.Tokens[state].Length == 2 && s.Tokens[state].IsAllUpper && Lexicon.StateCodes.Contains(code))
        {
            stateEnd = state;
        }
        else if (s.Tokens[state].IsCapitalized && Lexicon.StateNames.Contains(code))
        {
            stateEnd = state;
            if (state + 1 < s.Count && s.GapAfter(state) is " " && s.Is(state + 1, WordFlags.StateName))
            {
                stateEnd = state + 1;
            }
            else if (code is "New" or "North" or "South" or "West" or "Rhode" && state + 1 < s.Count && s.Is(state + 1, WordFlags.StateName))
            {
                stateEnd = state + 1;
            }
        }

        if (stateEnd < 0)
        {
            return -1;
        }

        var zip = stateEnd + 1 < s.Count && s.IsNumber(stateEnd + 1, 5, 5) && s.GapAfter(stateEnd) is " " or "  " or ", ";
        var knownCity = IsCity(s, first, last, out _);
        if (!zip && !knownCity && (AmbiguousStateCodes.Contains(code) || IsPersonLike(s, first, last)))
        {
            return -1;
        }

        var end = zip ? stateEnd + 1 : stateEnd;
        if (zip && s.GapAfterIs(end, '-') && s.IsNumber(end + 1, 4, 4))
        {
            end++;
        }

        s.AddTokens(PhiType.Address, first, end, zip ? 0.92 : 0.85, "address.city-state");
        return end;
    }

    private static bool IsPersonLike(ScanState s, int first, int last) =>
        s.TryFirstName(first, out var ambiguous) && !ambiguous && last > first;

    private static bool IsCity(ScanState s, int first, int last, out bool ambiguous)
    {
        ambiguous = false;
        var length = s.Tokens[last].End - s.Tokens[first].Start;
        if (length > 40)
        {
            return false;
        }

        var phrase = s.Text.AsSpan(s.Tokens[first].Start, length);
        if (phrase.ContainsAnyExcept(CityChars) || phrase.Contains("  ", StringComparison.Ordinal))
        {
            return false;
        }

        return Lexicon.CityLookup.TryGetValue(phrase, out ambiguous);
    }

    /// <summary>A known city name, when the context makes it a place (a preposition before it, or no other reading).</summary>
    private static int TryCity(ScanState s, int i)
    {
        if (!s.Is(i, WordFlags.CityFirstWord))
        {
            return -1; // no known city starts with this word: skip the phrase look-ups
        }

        for (var last = Math.Min(i + 2, s.Count - 1); last >= i; last--)
        {
            if (last > i && s.GapAfter(last - 1) is not " ")
            {
                continue;
            }

            if (!IsCity(s, i, last, out var ambiguous))
            {
                continue;
            }

            var alsoName = last == i && (s.Is(i, WordFlags.FirstName) || s.Is(i, WordFlags.Surname));
            if (last == i && i + 1 < s.Count && s.GapAfter(i) is " " && s.Tokens[i + 1].IsCapitalized && s.Tokens[i + 1].IsWord
                && s.Is(i, WordFlags.FirstName) && s.Is(i + 1, WordFlags.Surname))
            {
                return -1; // "from Elizabeth Mitchell": a person, not the city of Elizabeth.
            }

            var preposition = i > 0 && s.Tokens[i - 1].IsWord && LocationPrepositions.Contains(s.Word(i - 1)) && s.GapBefore(i) is " ";
            if ((ambiguous || alsoName || s.StartsSentence(i)) && !preposition)
            {
                return -1;
            }

            if (IsOrganization(s, last))
            {
                return last;
            }

            s.AddTokens(PhiType.Address, i, last, preposition ? 0.8 : 0.7, "address.city");
            return last;
        }

        return -1;
    }

    // ---- Dates with month names: "March 5, 2024", "Mar 5th", "March 2024".
    private static void TryMonthDate(ScanState s, int i, int month)
    {
        var word = s.Word(i);
        var strong = word.Length > 3 && !word.Equals("may", StringComparison.OrdinalIgnoreCase) && !word.Equals("march", StringComparison.OrdinalIgnoreCase)
            && !word.Equals("august", StringComparison.OrdinalIgnoreCase);
        if (i + 1 >= s.Count)
        {
            return;
        }

        var gap = s.GapAfter(i);
        if (gap.Length > 2 || gap.ContainsAnyExcept(" ."))
        {
            return;
        }

        var next = s.Word(i + 1);
        var digits = next.IndexOfAnyExceptInRange('0', '9');
        digits = digits < 0 ? next.Length : digits;
        if (digits is 1 or 2 && (digits == next.Length || NumberDetector.IsOrdinalSuffix(next[digits..])) && !NumberDetector.FollowedByUnit(s, i + 1))
        {
            var day = int.Parse(next[..digits], provider: null);
            var last = i + 1;
            var year = 2000;
            if (i + 2 < s.Count && s.IsNumber(i + 2, 4, 4) && s.GapAfter(i + 1) is ", " or " " or ",")
            {
                year = s.Value(i + 2);
                last = i + 2;
            }

            if (Checks.IsRealDate(year, month, day) && (strong || last > i + 1 || s.Tokens[i].IsCapitalized))
            {
                s.AddTokens(PhiType.Date, i, last, 0.92, "date.text");
            }

            return;
        }

        if (digits == 4 && digits == next.Length && s.Value(i + 1) is >= 1800 and <= 2199 && (strong || s.Tokens[i].IsCapitalized))
        {
            s.AddTokens(PhiType.Date, i, i + 1, 0.8, "date.month-year");
        }
    }
}
