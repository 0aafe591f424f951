namespace Custos.Platform.Audit;

/// <summary>
/// Where the tree's stored hashes come from. Only perfect subtrees are stored (level l, index i covers leaves
/// [i * 2^l, (i + 1) * 2^l)); every other node an RFC 9162 proof needs is at most log2(n) of those combined.
/// </summary>
public interface IMerkleNodeSource
{
    byte[] HashAt(int level, long index);
}

/// <summary>A stored perfect-subtree hash.</summary>
public readonly record struct MerkleNode(int Level, long Index, byte[] Hash)
{
    /// <summary>One 64-bit key per node: the level in the top bits, the index below.</summary>
    public long Position => ToPosition(Level, Index);

    public static long ToPosition(int level, long index) => ((long)level << 56) | index;

    public static (int Level, long Index) FromPosition(long position) => ((int)(position >> 56), position & ((1L << 56) - 1));
}

/// <summary>RFC 9162 §2.1 tree hashes and proofs (§2.1.3.1 inclusion path, §2.1.4.1 consistency proof) over stored nodes.</summary>
public static class MerkleTree
{
    /// <summary>MTH(D[0:n]).</summary>
    public static byte[] Root(IMerkleNodeSource nodes, long treeSize)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        ArgumentOutOfRangeException.ThrowIfNegative(treeSize);
        return treeSize == 0 ? MerkleHashes.Empty : SubtreeHash(nodes, 0, treeSize);
    }

    /// <summary>PATH(m, D[0:n]): ceil(log2 n) hashes at most.</summary>
    public static List<byte[]> InclusionProof(IMerkleNodeSource nodes, long leafIndex, long treeSize)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        if (leafIndex < 0 || leafIndex >= treeSize)
        {
            throw new ArgumentOutOfRangeException(nameof(leafIndex), $"Leaf {leafIndex} is not in a tree of {treeSize}.");
        }

        var proof = new List<byte[]>();
        Path(nodes, leafIndex, 0, treeSize, proof);
        return proof;
    }

    /// <summary>PROOF(m, D[0:n]) for 0 &lt; m &lt;= n.</summary>
    public static List<byte[]> ConsistencyProof(IMerkleNodeSource nodes, long firstSize, long secondSize)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        if (firstSize <= 0 || firstSize > secondSize)
        {
            throw new ArgumentOutOfRangeException(nameof(firstSize), $"No consistency proof from {firstSize} to {secondSize}.");
        }

        var proof = new List<byte[]>();
        SubProof(nodes, firstSize, 0, secondSize, complete: true, proof);
        return proof;
    }

    /// <summary>The stored nodes a root, proof or subtree needs: run the algorithm once over this to fetch them all in one query.</summary>
    public static HashSet<long> RequiredPositions(Action<IMerkleNodeSource> algorithm)
    {
        ArgumentNullException.ThrowIfNull(algorithm);
        var collector = new CollectingSource();
        algorithm(collector);
        return collector.Positions;
    }

    /// <summary>The perfect subtrees whose hashes summarize a tree of <paramref name="treeSize"/> (its right edge), largest first.</summary>
    public static IEnumerable<(int Level, long Index)> FrontierOf(long treeSize)
    {
        long start = 0;
        for (var level = 62; level >= 0; level--)
        {
            var size = 1L << level;
            if ((treeSize & size) != 0)
            {
                yield return (level, start >> level);
                start += size;
            }
        }
    }

    internal static long LargestPowerOfTwoBelow(long n)
    {
        var k = 1L;
        while (k << 1 < n)
        {
            k <<= 1;
        }

        return k;
    }

    private static byte[] SubtreeHash(IMerkleNodeSource nodes, long start, long size)
    {
        if ((size & (size - 1)) == 0 && start % size == 0)
        {
            var level = System.Numerics.BitOperations.Log2((ulong)size);
            return nodes.HashAt(level, start >> level);
        }

        var k = LargestPowerOfTwoBelow(size);
        return MerkleHashes.Node(SubtreeHash(nodes, start, k), SubtreeHash(nodes, start + k, size - k));
    }

    private static void Path(IMerkleNodeSource nodes, long m, long start, long size, List<byte[]> proof)
    {
        if (size == 1)
        {
            return;
        }

        var k = LargestPowerOfTwoBelow(size);
        if (m < k)
        {
            Path(nodes, m, start, k, proof);
            proof.Add(SubtreeHash(nodes, start + k, size - k));
        }
        else
        {
            Path(nodes, m - k, start + k, size - k, proof);
            proof.Add(SubtreeHash(nodes, start, k));
        }
    }

    private static void SubProof(IMerkleNodeSource nodes, long m, long start, long size, bool complete, List<byte[]> proof)
    {
        if (m == size)
        {
            if (!complete)
            {
                proof.Add(SubtreeHash(nodes, start, size));
            }

            return;
        }

        var k = LargestPowerOfTwoBelow(size);
        if (m <= k)
        {
            SubProof(nodes, m, start, k, complete, proof);
            proof.Add(SubtreeHash(nodes, start + k, size - k));
        }
        else
        {
            SubProof(nodes, m - k, start + k, size - k, complete: false, proof);
            proof.Add(SubtreeHash(nodes, start, k));
        }
    }

    private sealed class CollectingSource : IMerkleNodeSource
    {
        public HashSet<long> Positions { get; } = [];

        public byte[] HashAt(int level, long index)
        {
            Positions.Add(MerkleNode.ToPosition(level, index));
            return new byte[MerkleHashes.Size];
        }
    }
}

/// <summary>A node source over hashes already in memory (fetched, or computed by a verifier).</summary>
public sealed class MerkleNodeMap(IReadOnlyDictionary<long, byte[]> hashes) : IMerkleNodeSource
{
    public byte[] HashAt(int level, long index) =>
        hashes.TryGetValue(MerkleNode.ToPosition(level, index), out var hash)
            ? hash
            : throw new InvalidOperationException($"The tree node at level {level}, index {index} is not stored.");
}

/// <summary>
/// The compact range of a tree (RFC 9162 trees are append-only): the perfect subtrees on its right edge. Appending a
/// leaf yields every perfect-subtree node it completes, which is what the ledger stores for proofs.
/// </summary>
public sealed class MerkleFrontier
{
    private readonly List<MerkleNode> edge;

    public MerkleFrontier(long size, IEnumerable<MerkleNode> edge)
    {
        ArgumentNullException.ThrowIfNull(edge);
        Size = size;
        this.edge = edge.OrderByDescending(n => n.Level).ToList();
        var expected = MerkleTree.FrontierOf(size).ToList();
        if (expected.Count != this.edge.Count || expected.Where((e, i) => e.Level != this.edge[i].Level || e.Index != this.edge[i].Index).Any())
        {
            throw new InvalidOperationException($"The stored right edge does not describe a tree of {size} leaves.");
        }
    }

    public long Size { get; private set; }

    public static MerkleFrontier Empty => new(0, []);

    /// <summary>Adds a leaf; calls <paramref name="completed"/> with the leaf and every subtree it completes.</summary>
    public void Append(byte[] leafHash, Action<MerkleNode>? completed = null)
    {
        ArgumentNullException.ThrowIfNull(leafHash);
        var node = new MerkleNode(0, Size, leafHash);
        completed?.Invoke(node);
        while (edge.Count > 0 && edge[^1].Level == node.Level)
        {
            var left = edge[^1];
            edge.RemoveAt(edge.Count - 1);
            node = new MerkleNode(node.Level + 1, left.Index >> 1, MerkleHashes.Node(left.Hash, node.Hash));
            completed?.Invoke(node);
        }

        edge.Add(node);
        Size++;
    }

    public byte[] Root()
    {
        if (edge.Count == 0)
        {
            return MerkleHashes.Empty;
        }

        var root = edge[^1].Hash;
        for (var i = edge.Count - 2; i >= 0; i--)
        {
            root = MerkleHashes.Node(edge[i].Hash, root);
        }

        return root;
    }
}
