namespace Custos.Platform.Audit;

/// <summary>
/// Verifies RFC 9162 inclusion (§2.1.3.2) and consistency (§2.1.4.2) proofs. Every malformed input (wrong hash
/// length, index out of range, proof too long or too short) is a failed verification, never an exception.
/// </summary>
public static class MerkleVerifier
{
    /// <summary>Whether <paramref name="proof"/> shows the leaf with <paramref name="leafHash"/> at <paramref name="leafIndex"/> is in the tree of <paramref name="treeSize"/> with <paramref name="root"/>.</summary>
    public static bool VerifyInclusion(long leafIndex, long treeSize, ReadOnlySpan<byte> leafHash, IReadOnlyList<byte[]> proof, ReadOnlySpan<byte> root)
    {
        ArgumentNullException.ThrowIfNull(proof);
        var computed = RootFromInclusion(leafIndex, treeSize, leafHash, proof);
        return computed is not null && root.Length == MerkleHashes.Size && root.SequenceEqual(computed);
    }

    /// <summary>The root an inclusion proof implies, or null when the proof is malformed for the index and size.</summary>
    public static byte[]? RootFromInclusion(long leafIndex, long treeSize, ReadOnlySpan<byte> leafHash, IReadOnlyList<byte[]> proof)
    {
        ArgumentNullException.ThrowIfNull(proof);
        if (leafIndex < 0 || leafIndex >= treeSize || leafHash.Length != MerkleHashes.Size)
        {
            return null;
        }

        var fn = leafIndex;
        var sn = treeSize - 1;
        var r = leafHash.ToArray();
        foreach (var p in proof)
        {
            if (sn == 0 || p is null || p.Length != MerkleHashes.Size)
            {
                return null;
            }

            if ((fn & 1) == 1 || fn == sn)
            {
                r = MerkleHashes.Node(p, r);

                // The step implementers drop (RFC 9162 §2.1.3.2 step 4.b.ii): skip the levels where this node has no sibling.
                while ((fn & 1) == 0 && fn != 0)
                {
                    fn >>= 1;
                    sn >>= 1;
                }
            }
            else
            {
                r = MerkleHashes.Node(r, p);
            }

            fn >>= 1;
            sn >>= 1;
        }

        return sn == 0 ? r : null;
    }

    /// <summary>Whether <paramref name="proof"/> shows the tree of <paramref name="firstSize"/> is a prefix of the tree of <paramref name="secondSize"/>.</summary>
    public static bool VerifyConsistency(long firstSize, long secondSize, ReadOnlySpan<byte> firstRoot, ReadOnlySpan<byte> secondRoot, IReadOnlyList<byte[]> proof)
    {
        ArgumentNullException.ThrowIfNull(proof);
        // A consistency check from the empty tree proves nothing, so it is refused rather than passed.
        if (firstSize <= 0 || secondSize < firstSize)
        {
            return false;
        }

        // The trivial case the RFC algorithm leaves out: same size means same root and nothing to prove.
        if (firstSize == secondSize)
        {
            return proof.Count == 0 && firstRoot.SequenceEqual(secondRoot);
        }

        if (firstRoot.Length != MerkleHashes.Size || secondRoot.Length != MerkleHashes.Size)
        {
            return false;
        }

        if (proof.Count == 0 || proof.Any(p => p is null || p.Length != MerkleHashes.Size))
        {
            return false;
        }

        var path = new List<byte[]>(proof.Count + 1);
        if ((firstSize & (firstSize - 1)) == 0)
        {
            path.Add(firstRoot.ToArray());
        }

        path.AddRange(proof);

        var fn = firstSize - 1;
        var sn = secondSize - 1;
        while ((fn & 1) == 1)
        {
            fn >>= 1;
            sn >>= 1;
        }

        var fr = path[0];
        var sr = path[0];
        foreach (var c in path.Skip(1))
        {
            if (sn == 0)
            {
                return false;
            }

            if ((fn & 1) == 1 || fn == sn)
            {
                fr = MerkleHashes.Node(c, fr);
                sr = MerkleHashes.Node(c, sr);
                while ((fn & 1) == 0 && fn != 0)
                {
                    fn >>= 1;
                    sn >>= 1;
                }
            }
            else
            {
                sr = MerkleHashes.Node(sr, c);
            }

            fn >>= 1;
            sn >>= 1;
        }

        return sn == 0 && fr.AsSpan().SequenceEqual(firstRoot) && sr.AsSpan().SequenceEqual(secondRoot);
    }
}
