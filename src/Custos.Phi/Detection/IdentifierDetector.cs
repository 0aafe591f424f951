using System.Collections.Frozen;

namespace Custos.Phi.Detection;

/// <summary>
/// Alphanumeric identifiers: those with a checkable structure anywhere (MBI, DEA, VIN, IBAN) and any code after a
/// context word that says what it is (MRN, member ID, account, licence, plate, serial, fingerprint, ...).
/// </summary>
internal static class IdentifierDetector
{
    /// <summary>Cues that are also everyday words: the code after them must be longer to count.</summary>
    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> WeakCues =
        new[] { "record", "chart", "plan", "group", "case", "card", "claim", "id", "device", "security", "identifier", "member", "policy", "insurance", "vehicle", "certificate", "permit", "implant", "encounter", "specimen", "invoice", "billing", "account", "iris", "mac", "serial" }
            .ToFrozenSet(StringComparer.OrdinalIgnoreCase).GetAlternateLookup<ReadOnlySpan<char>>();

    private static readonly System.Buffers.SearchValues<char> StopGap = System.Buffers.SearchValues.Create("\n\r,;()");

    public static void Scan(ScanState s)
    {
        for (var i = 0; i < s.Count; i++)
        {
            var token = s.Tokens[i];
            if (token.Shape.HasFlag(TokenShape.Digits))
            {
                // The structured identifiers are 9 characters or more, in one token or joined by dashes; an IBAN
                // starts with two capital letters and may be written in groups.
                if (token.Length >= 9 || s.GapAfterIs(i, '-') || (token.IsMixed && token.Length >= 4))
                {
                    TryStructured(s, i);
                }
            }
            else if (token.Length <= 12 && s.TryListed(i, WordFlags.IdCue, Lexicon.IdCues, out var type) && !s.GapAfterIs(i, '-'))
            {
                TryCue(s, i, type);
            }
            else if (token.Length == 2 && token.IsAllUpper && s.Word(i) is "MR" or "SS" && s.GapAfter(i) is ['#', ..])
            {
                TryCue(s, i, s.Word(i) is "MR" ? PhiType.Mrn : PhiType.Ssn); // MR#, SS#
            }
        }
    }

    /// <summary>Tokens joined by single dashes with nothing else between: "1EG4-TE5-MK73".</summary>
    private static int Compound(ScanState s, int i, Span<char> buffer, out int length)
    {
        length = 0;
        var last = i;
        while (true)
        {
            var word = s.Word(last);
            if (length + word.Length > buffer.Length)
            {
                length = -1;
                return last;
            }

            word.CopyTo(buffer[length..]);
            length += word.Length;
            if (last + 1 < s.Count && s.GapAfterIs(last, '-'))
            {
                last++;
                continue;
            }

            return last;
        }
    }

    private static void TryStructured(ScanState s, int i)
    {
        var gapBefore = s.GapBefore(i);
        if (i > 0 && gapBefore is "-")
        {
            return; // inside a compound seen from its first token
        }

        if (s.Tokens[i].IsMixed && s.Tokens[i].Length >= 4 && char.IsAsciiLetterUpper(s.Text[s.Tokens[i].Start]) && char.IsAsciiLetterUpper(s.Text[s.Tokens[i].Start + 1]))
        {
            TryIban(s, i);
        }

        Span<char> buffer = stackalloc char[40];
        var last = Compound(s, i, buffer, out var length);
        if (length < 9)
        {
            return;
        }

        var value = buffer[..length];
        switch (length)
        {
            case 11 when Checks.IsValidMbi(value):
                s.AddTokens(PhiType.HealthPlanId, i, last, 0.9, "mbi.format");
                return;
            case 9 when last == i && Checks.IsValidDea(value):
                s.AddTokens(PhiType.LicenseNumber, i, last, 0.9, "dea.checksum");
                return;
            case 17 when Checks.IsValidVin(value):
                s.AddTokens(PhiType.VehicleId, i, last, 0.95, "vin.checksum");
                return;
        }
    }

    /// <summary>An IBAN written whole or in groups of four.</summary>
    private static void TryIban(ScanState s, int i)
    {
        Span<char> buffer = stackalloc char[34];
        var n = 0;
        var last = i;
        var word = s.Word(i);
        if (word.Length > 34)
        {
            return;
        }

        word.CopyTo(buffer);
        n = word.Length;
        while (last + 1 < s.Count && s.GapAfter(last) is " " && s.Tokens[last + 1].Length <= 4 && n + s.Tokens[last + 1].Length <= 34)
        {
            last++;
            s.Word(last).CopyTo(buffer[n..]);
            n += s.Tokens[last].Length;
        }

        // Try the longest prefix of groups that validates.
        for (var end = last; end >= i; end--)
        {
            if (Checks.IsValidIban(buffer[..n]))
            {
                s.AddTokens(PhiType.AccountNumber, i, end, 0.95, "iban.checksum");
                return;
            }

            n -= s.Tokens[end].Length;
            if (n < 15)
            {
                return;
            }
        }
    }

    private static void TryCue(ScanState s, int i, PhiType type)
    {
        var word = s.Word(i);

        // "sn" and "dl" are cues only in upper case ("SN:", "DL#"); "mac" only before an address-like code.
        if (word.Length <= 2 && !s.Tokens[i].IsAllUpper && !word.Equals("id", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        var weak = WeakCues.Contains(word);

        // A generic cue ("ID") takes the type of a specific cue just before it: "fingerprint template ID".
        if (type == PhiType.OtherId)
        {
            for (var k = i - 1; k >= 0 && k >= i - 3; k--)
            {
                if (s.Tokens[k].IsWord && s.TryListed(k, WordFlags.IdCue, Lexicon.IdCues, out var earlier) && earlier != PhiType.OtherId)
                {
                    type = earlier;
                    break;
                }

                if (s.GapAfter(k).ContainsAny(StopGap))
                {
                    break;
                }
            }
        }

        // Walk over filler and further cues ("Medical Record Number:", "Member ID #").
        var j = i + 1;
        var hops = 0;
        while (j < s.Count && hops < 4)
        {
            var gap = s.GapAfter(j - 1);
            if (gap.Length > 4 || gap.ContainsAny(StopGap))
            {
                return;
            }

            var t = s.Tokens[j];
            if (t.IsWord && Lexicon.IdFiller.Contains(s.Word(j)))
            {
                j++;
                hops++;
                continue;
            }

            if (t.IsWord && !s.GapAfterIs(j, '-') && s.TryListed(j, WordFlags.IdCue, Lexicon.IdCues, out var further))
            {
                if (further != PhiType.OtherId)
                {
                    type = further;
                    weak = WeakCues.Contains(s.Word(j));
                }

                j++;
                hops++;
                continue;
            }

            break;
        }

        if (j >= s.Count || hops > 3)
        {
            return;
        }

        // The code: one token or a dash-joined compound, with at least one digit.
        Span<char> buffer = stackalloc char[40];
        var last = Compound(s, j, buffer, out var length);
        if (length < 0)
        {
            return;
        }

        var value = buffer[..length];
        var digitCount = CountDigits(value);
        if (digitCount == 0 && !(type == PhiType.VehicleId && s.Tokens[j].IsAllUpper && length is >= 5 and <= 8))
        {
            return;
        }

        var minLength = weak ? 5 : 3;
        if (length < minLength || NumberDetector.FollowedByUnit(s, last) || IsDateAhead(s, last))
        {
            return;
        }

        var (confidence, detector) = type switch
        {
            PhiType.Ssn => digitCount == 9 && length == 9
                ? (Checks.IsValidSsn(int.Parse(value[..3], provider: null), int.Parse(value[3..5], provider: null), int.Parse(value[5..], provider: null)) ? 0.95 : 0.7, "ssn.cue")
                : (0.0, "ssn.cue"),
            PhiType.LicenseNumber when word.Equals("npi", StringComparison.OrdinalIgnoreCase) =>
                (Checks.IsValidNpi(value) ? 0.98 : 0.6, "npi.cue"),
            PhiType.LicenseNumber when word.Equals("dea", StringComparison.OrdinalIgnoreCase) =>
                (Checks.IsValidDea(value) ? 0.98 : 0.6, "dea.cue"),
            PhiType.VehicleId when word.Equals("vin", StringComparison.OrdinalIgnoreCase) =>
                (Checks.IsValidVin(value) ? 0.98 : 0.75, "vin.cue"),
            PhiType.HealthPlanId when Checks.IsValidMbi(value) => (0.98, "mbi.cue"),
            _ => (weak ? 0.8 : 0.9, CueDetector(type)),
        };

        if (confidence > 0)
        {
            s.AddTokens(type, j, last, confidence, detector);
        }
    }

    private static int CountDigits(ReadOnlySpan<char> value)
    {
        var n = 0;
        foreach (var c in value)
        {
            if (char.IsAsciiDigit(c))
            {
                n++;
            }
        }

        return n;
    }

    private static bool IsDateAhead(ScanState s, int last) =>
        last + 1 < s.Count && s.GapAfter(last) is "/" or "." && s.Tokens[last + 1].IsNumber;

    private static string CueDetector(PhiType type) => type switch
    {
        PhiType.Mrn => "mrn.cue",
        PhiType.HealthPlanId => "health-plan.cue",
        PhiType.AccountNumber => "account.cue",
        PhiType.LicenseNumber => "license.cue",
        PhiType.VehicleId => "vehicle.cue",
        PhiType.DeviceId => "device.cue",
        PhiType.BiometricId => "biometric.cue",
        _ => "id.cue",
    };
}
