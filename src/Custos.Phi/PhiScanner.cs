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

        if (text.Length > ChunkCharacters)
        {
            return ScanInChunks(text);
        }

        var normalized = NormalizedText.Create(text);
        var state = new ScanState(normalized.Text);
        WebDetector.Scan(state);
        NumberDetector.Scan(state);
        IdentifierDetector.Scan(state);
        NameAddressDetector.Scan(state);

        state.Release();
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

    /// <summary>Long texts are scanned a piece at a time, cut at line breaks: the working set stays in the CPU caches.</summary>
    private const int ChunkCharacters = 64 * 1024;

    private List<PhiFinding> ScanInChunks(string text)
    {
        var findings = new List<PhiFinding>();
        var start = 0;
        while (start < text.Length)
        {
            var end = Math.Min(text.Length, start + ChunkCharacters);
            if (end < text.Length)
            {
                var newline = text.LastIndexOf('\n', end - 1, end - start);
                end = newline > start ? newline + 1 : end;
                if (char.IsHighSurrogate(text[end - 1]))
                {
                    end--;
                }
            }

            foreach (var f in Scan(text[start..end]))
            {
                findings.Add(f with { Start = f.Start + start, End = f.End + start });
            }

            start = end;
        }

        return findings;
    }

    /// <summary>Keeps the most confident of overlapping candidates (the longer on a tie), then joins address parts.</summary>
    private static List<PhiFinding> Resolve(List<PhiFinding> candidates, PhiScanOptions options, string text)
    {
        candidates.RemoveAll(c => c.Confidence < options.MinConfidence || !options.Includes(c.Type) || c.End <= c.Start);
        // Candidates that do not overlap anything are kept as they are; within each cluster of overlapping ones the most
        // confident wins (the longer on a tie), then the next that overlaps none kept so far. O(n log n) overall.
        SortByPosition(candidates);
        var accepted = new List<PhiFinding>(candidates.Count);
        var cluster = new List<PhiFinding>();
        var clusterEnd = -1;
        foreach (var candidate in candidates)
        {
            if (candidate.Start >= clusterEnd && cluster.Count > 0)
            {
                ResolveCluster(cluster, accepted);
                cluster.Clear();
            }

            cluster.Add(candidate);
            clusterEnd = Math.Max(clusterEnd, candidate.End);
        }

        ResolveCluster(cluster, accepted);

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

    private static void ResolveCluster(List<PhiFinding> cluster, List<PhiFinding> accepted)
    {
        if (cluster.Count == 1)
        {
            accepted.Add(cluster[0]);
            return;
        }

        cluster.Sort(static (a, b) =>
        {
            var byConfidence = b.Confidence.CompareTo(a.Confidence);
            return byConfidence != 0 ? byConfidence
                : b.Length != a.Length ? b.Length.CompareTo(a.Length)
                : a.Start != b.Start ? a.Start.CompareTo(b.Start)
                : a.Type != b.Type ? a.Type.CompareTo(b.Type)
                : string.CompareOrdinal(a.Detector, b.Detector); // deterministic whatever the order of candidates
        });
        var first = accepted.Count;
        foreach (var candidate in cluster)
        {
            if (!OverlapsAny(accepted, first, candidate))
            {
                accepted.Add(candidate);
            }
        }

        // The kept ones do not overlap, so their starts are distinct: order them by position.
        System.Runtime.InteropServices.CollectionsMarshal.AsSpan(accepted)[first..].Sort(static (a, b) => a.Start.CompareTo(b.Start));
    }

    private static bool OverlapsAny(List<PhiFinding> accepted, int first, PhiFinding candidate)
    {
        for (var k = first; k < accepted.Count; k++)
        {
            if (accepted[k].Start < candidate.End && candidate.Start < accepted[k].End)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether <paramref name="a"/> comes no later than <paramref name="b"/>: by start, the longer first.</summary>
    private static bool InOrder(in PhiFinding a, in PhiFinding b) => a.Start != b.Start ? a.Start < b.Start : a.End >= b.End;

    /// <summary>
    /// Orders candidates by start, the longer first at the same start. Each detector adds its candidates in text order,
    /// so the list is a few ordered runs: they are found and merged (a natural merge sort), O(n log runs) against the
    /// O(n log n) comparisons of a general sort. Candidates at the same span may come in any order: overlap
    /// resolution orders them itself.
    /// </summary>
    internal static void SortByPosition(List<PhiFinding> candidates)
    {
        var items = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(candidates);
        if (items.Length < 2)
        {
            return;
        }

        var bounds = new List<int> { 0 };
        for (var k = 1; k < items.Length; k++)
        {
            if (!InOrder(items[k - 1], items[k]))
            {
                bounds.Add(k);
            }
        }

        if (bounds.Count == 1)
        {
            return;
        }

        bounds.Add(items.Length);
        var buffer = System.Buffers.ArrayPool<PhiFinding>.Shared.Rent(items.Length);
        try
        {
            Span<PhiFinding> from = items;
            Span<PhiFinding> to = buffer.AsSpan(0, items.Length);
            while (bounds.Count > 2)
            {
                var merged = new List<int>(bounds.Count / 2 + 2) { 0 };
                for (var r = 0; r + 1 < bounds.Count; r += 2)
                {
                    var lo = bounds[r];
                    var mid = bounds[r + 1];
                    var hi = r + 2 < bounds.Count ? bounds[r + 2] : mid;
                    Merge(from[lo..mid], from[mid..hi], to[lo..hi]);
                    merged.Add(hi);
                }

                bounds = merged;
                var swap = from;
                from = to;
                to = swap;
            }

            if (from != items)
            {
                from.CopyTo(items);
            }
        }
        finally
        {
            System.Buffers.ArrayPool<PhiFinding>.Shared.Return(buffer, clearArray: true);
        }
    }

    private static void Merge(ReadOnlySpan<PhiFinding> left, ReadOnlySpan<PhiFinding> right, Span<PhiFinding> into)
    {
        int a = 0, b = 0, k = 0;
        while (a < left.Length && b < right.Length)
        {
            into[k++] = InOrder(left[a], right[b]) ? left[a++] : right[b++];
        }

        left[a..].CopyTo(into[k..]);
        right[b..].CopyTo(into[(k + left.Length - a)..]);
    }
}
