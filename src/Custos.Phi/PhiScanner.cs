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

        var findings = new List<PhiFinding>();
        if (text.Length <= ChunkCharacters)
        {
            ScanChunk(text, 0, findings);
            return findings;
        }

        // Long texts are scanned a piece at a time, cut at line breaks.
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

            ScanChunk(text[start..end], start, findings);
            start = end;
        }

        return findings;
    }

    /// <summary>
    /// The most characters scanned at once: the working set (tokens, their flags, candidates) stays in the CPU caches,
    /// and each piece, 64 KB as UTF-16, is allocated in the young generation rather than on the large object heap.
    /// </summary>
    private const int ChunkCharacters = 32 * 1024;

    /// <summary>
    /// The candidate list of the scans on this thread, kept between scans: it grows to a chunk's few thousand candidates
    /// once instead of growing from empty (and through the large object heap) on every chunk.
    /// </summary>
    [ThreadStatic]
    private static List<PhiFinding>? t_candidates;

    /// <summary>Scans one piece of at most <see cref="ChunkCharacters"/>, adding its findings, shifted by <paramref name="offset"/>, to <paramref name="into"/>.</summary>
    private void ScanChunk(string text, int offset, List<PhiFinding> into)
    {
        var candidates = t_candidates ?? [];
        t_candidates = null; // not shared with a scan that might start on this thread before this one ends
        try
        {
            var normalized = NormalizedText.Create(text);
            var state = new ScanState(normalized.Text, candidates);
            try
            {
                WebDetector.Scan(state);
                NumberDetector.Scan(state);
                IdentifierDetector.Scan(state);
                NameAddressDetector.Scan(state);
            }
            finally
            {
                state.Release();
            }

            var first = into.Count;
            Resolve(candidates, Options, normalized.Text, into);
            if (normalized.Changed || offset != 0)
            {
                var added = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(into)[first..];
                foreach (ref var f in added)
                {
                    var (start, end) = normalized.ToOriginal(f.Start, f.End);
                    f = f with { Start = start + offset, End = end + offset };
                }
            }
        }
        finally
        {
            candidates.Clear();
            t_candidates = candidates;
        }
    }

    /// <summary>Keeps the most confident of overlapping candidates (the longer on a tie), then joins address parts.</summary>
    /// <param name="candidates">Every detector's candidates; left as they are.</param>
    /// <param name="options">What to report.</param>
    /// <param name="text">The text scanned.</param>
    /// <param name="accepted">Where the findings are added, in order of position.</param>
    internal static void Resolve(List<PhiFinding> candidates, PhiScanOptions options, string text, List<PhiFinding> accepted)
    {
        // The candidates are put in order through an index array: a candidate holds a reference (its detector's name),
        // so every copy of one into another array costs a GC write barrier; this way each is copied once, when kept.
        var items = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(candidates);
        var order = System.Buffers.ArrayPool<int>.Shared.Rent(Math.Max(1, items.Length));
        try
        {
            var count = 0;
            for (var k = 0; k < items.Length; k++)
            {
                ref readonly var c = ref items[k];
                if (c.Confidence >= options.MinConfidence && c.End > c.Start && options.Includes(c.Type))
                {
                    order[count++] = k;
                }
            }

            var sorted = order.AsSpan(0, count);
            SortByPosition(items, sorted);

            // Candidates that do not overlap anything are kept as they are; within each cluster of overlapping ones the
            // most confident wins (the longer on a tie), then the next that overlaps none kept so far.
            var firstAccepted = accepted.Count;
            accepted.EnsureCapacity(firstAccepted + count);
            var cluster = new List<PhiFinding>();
            var clusterStart = 0;
            var clusterEnd = -1;
            for (var k = 0; k < sorted.Length; k++)
            {
                ref readonly var candidate = ref items[sorted[k]];
                if (candidate.Start >= clusterEnd && k > clusterStart)
                {
                    AddCluster(items, sorted[clusterStart..k], cluster, accepted);
                    clusterStart = k;
                }

                clusterEnd = Math.Max(clusterEnd, candidate.End);
            }

            if (sorted.Length > clusterStart)
            {
                AddCluster(items, sorted[clusterStart..], cluster, accepted);
            }

            JoinAddresses(accepted, firstAccepted, text);
        }
        finally
        {
            System.Buffers.ArrayPool<int>.Shared.Return(order);
        }
    }

    private static void AddCluster(ReadOnlySpan<PhiFinding> items, ReadOnlySpan<int> members, List<PhiFinding> cluster, List<PhiFinding> accepted)
    {
        if (members.Length == 1)
        {
            accepted.Add(items[members[0]]);
            return;
        }

        cluster.Clear();
        foreach (var k in members)
        {
            cluster.Add(items[k]);
        }

        ResolveCluster(cluster, accepted);
    }

    /// <summary>"12 Oak St" + ", " + "Springfield, IL 62704" is one address: adjacent address findings are joined, in one pass.</summary>
    private static void JoinAddresses(List<PhiFinding> accepted, int first, string text)
    {
        var span = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(accepted)[first..];
        if (span.Length < 2)
        {
            return;
        }

        var kept = 0;
        for (var k = 1; k < span.Length; k++)
        {
            ref var a = ref span[kept];
            ref readonly var b = ref span[k];
            if (a.Type == PhiType.Address && b.Type == PhiType.Address && b.Start - a.End <= 3
                && !text.AsSpan(a.End, b.Start - a.End).ContainsAnyExcept(AddressJoiners))
            {
                a = a with { End = b.End, Confidence = Math.Max(a.Confidence, b.Confidence) };
                continue;
            }

            kept++;
            if (kept != k)
            {
                span[kept] = span[k];
            }
        }

        accepted.RemoveRange(first + kept + 1, span.Length - kept - 1);
    }

    /// <summary>Resolves a cluster of two or more overlapping candidates (<see cref="AddCluster"/> adds a lone one as it is).</summary>
    private static void ResolveCluster(List<PhiFinding> cluster, List<PhiFinding> accepted)
    {
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
    /// Orders <paramref name="order"/>, indices into <paramref name="items"/>, by start, the longer first at the same
    /// start. Each detector adds its candidates in text order, so the indices form a few ordered runs: they are found and
    /// merged (a natural merge sort), O(n log runs) against the O(n log n) comparisons of a general sort. Candidates at
    /// the same span may come in any order: overlap resolution orders them itself.
    /// </summary>
    internal static void SortByPosition(ReadOnlySpan<PhiFinding> items, Span<int> order)
    {
        if (order.Length < 2)
        {
            return;
        }

        var bounds = new List<int> { 0 };
        for (var k = 1; k < order.Length; k++)
        {
            if (!InOrder(items[order[k - 1]], items[order[k]]))
            {
                bounds.Add(k);
            }
        }

        if (bounds.Count == 1)
        {
            return;
        }

        bounds.Add(order.Length);
        var buffer = System.Buffers.ArrayPool<int>.Shared.Rent(order.Length);
        try
        {
            Span<int> from = order;
            Span<int> to = buffer.AsSpan(0, order.Length);
            while (bounds.Count > 2)
            {
                var merged = new List<int>((bounds.Count / 2) + 2) { 0 };
                for (var r = 0; r + 1 < bounds.Count; r += 2)
                {
                    var lo = bounds[r];
                    var mid = bounds[r + 1];
                    var hi = r + 2 < bounds.Count ? bounds[r + 2] : mid;
                    Merge(items, from[lo..mid], from[mid..hi], to[lo..hi]);
                    merged.Add(hi);
                }

                bounds = merged;
                var swap = from;
                from = to;
                to = swap;
            }

            if (from != order)
            {
                from.CopyTo(order);
            }
        }
        finally
        {
            System.Buffers.ArrayPool<int>.Shared.Return(buffer);
        }
    }

    private static void Merge(ReadOnlySpan<PhiFinding> items, ReadOnlySpan<int> left, ReadOnlySpan<int> right, Span<int> into)
    {
        int a = 0, b = 0, k = 0;
        while (a < left.Length && b < right.Length)
        {
            into[k++] = InOrder(items[left[a]], items[right[b]]) ? left[a++] : right[b++];
        }

        left[a..].CopyTo(into[k..]);
        right[b..].CopyTo(into[(k + left.Length - a)..]);
    }
}
