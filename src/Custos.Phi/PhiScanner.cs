using Custos.Phi.Detection;

namespace Custos.Phi;

/// <summary>
/// Finds PHI in free text: the eighteen Safe Harbor identifier types of 45 CFR 164.514(b)(2)(i), each validated where
/// the identifier has a structure or a check digit. Obfuscations (zero-width characters, full-width digits,
/// look-alike letters, spaced digits) are undone before detection and spans are reported against the original text.
/// Thread-safe: one instance may scan from many threads.
/// </summary>
public sealed class PhiScanner
{
    private static readonly System.Buffers.SearchValues<char> AddressJoiners = System.Buffers.SearchValues.Create(", .");

    /// <summary>Creates a scanner.</summary>
    /// <param name="options">What to report; <see cref="PhiScanOptions.Default"/> when null.</param>
    public PhiScanner(PhiScanOptions? options = null)
    {
        Options = options ?? PhiScanOptions.Default;
    }

    /// <summary>A scanner with the default options.</summary>
    public static PhiScanner Default { get; } = new();

    /// <summary>What this scanner reports.</summary>
    public PhiScanOptions Options { get; }

    /// <summary>Scans <paramref name="text"/>.</summary>
    /// <param name="text">Any text.</param>
    /// <returns>Non-overlapping findings in order of position, spans in UTF-16 code units of <paramref name="text"/>.</returns>
    public IReadOnlyList<PhiFinding> Scan(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length == 0)
        {
            return [];
        }

        var normalized = NormalizedText.Create(text);
        var state = new ScanState(normalized.Text);
        WebDetector.Scan(state);
        NumberDetector.Scan(state);
        IdentifierDetector.Scan(state);
        NameAddressDetector.Scan(state);

        var resolved = Resolve(state.Candidates, Options, normalized.Text);
        if (normalized.Changed)
        {
            for (var k = 0; k < resolved.Count; k++)
            {
                var f = resolved[k];
                var (start, end) = normalized.ToOriginal(f.Start, f.End);
                resolved[k] = f with { Start = start, End = end };
            }
        }

        return resolved;
    }

    /// <summary>Keeps the most confident of overlapping candidates (the longer on a tie), then joins address parts.</summary>
    private static List<PhiFinding> Resolve(List<PhiFinding> candidates, PhiScanOptions options, string text)
    {
        candidates.RemoveAll(c => c.Confidence < options.MinConfidence || !options.Includes(c.Type) || c.End <= c.Start);
        candidates.Sort(static (a, b) =>
        {
            var byConfidence = b.Confidence.CompareTo(a.Confidence);
            return byConfidence != 0 ? byConfidence : b.Length != a.Length ? b.Length.CompareTo(a.Length) : a.Start.CompareTo(b.Start);
        });

        var accepted = new List<PhiFinding>(candidates.Count);
        foreach (var candidate in candidates)
        {
            var index = accepted.BinarySearch(candidate, StartComparer.Instance);
            index = index < 0 ? ~index : index;
            var overlaps = (index > 0 && accepted[index - 1].End > candidate.Start)
                || (index < accepted.Count && accepted[index].Start < candidate.End);
            if (!overlaps)
            {
                accepted.Insert(index, candidate);
            }
        }

        // "12 Oak St" + ", " + "Springfield, IL 62704" is one address.
        for (var k = accepted.Count - 2; k >= 0; k--)
        {
            var a = accepted[k];
            var b = accepted[k + 1];
            if (a.Type == PhiType.Address && b.Type == PhiType.Address && b.Start - a.End <= 3
                && !text.AsSpan(a.End, b.Start - a.End).ContainsAnyExcept(AddressJoiners))
            {
                accepted[k] = a with { End = b.End, Confidence = Math.Max(a.Confidence, b.Confidence) };
                accepted.RemoveAt(k + 1);
            }
        }

        return accepted;
    }

    private sealed class StartComparer : IComparer<PhiFinding>
    {
        public static readonly StartComparer Instance = new();

        public int Compare(PhiFinding x, PhiFinding y) => x.Start.CompareTo(y.Start);
    }
}
