using System.Security.Cryptography;
using Custos.Platform.Audit;

namespace Custos.Tests.Platform.Audit;

public sealed class MerkleTreeTests
{
    [Fact]
    public void The_empty_tree_hashes_to_the_SHA_256_of_nothing()
    {
        Convert.ToHexStringLower(MerkleFrontier.Empty.Root()).ShouldBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    [Fact]
    public void Roots_from_stored_nodes_equal_the_RFC_9162_definition_for_every_size_up_to_70()
    {
        var (leaves, nodes) = Build(70);

        for (var n = 1; n <= 70; n++)
        {
            MerkleTree.Root(nodes, n).ShouldBe(ReferenceRoot(leaves[..n]), $"size {n}");
        }
    }

    [Fact]
    public void Every_inclusion_proof_verifies_and_has_at_most_ceil_log2_n_hashes()
    {
        var (_, nodes) = Build(70);

        for (var n = 1; n <= 70; n++)
        {
            var root = MerkleTree.Root(nodes, n);
            for (var m = 0; m < n; m++)
            {
                var proof = MerkleTree.InclusionProof(nodes, m, n);
                proof.Count.ShouldBeLessThanOrEqualTo((int)Math.Ceiling(Math.Log2(n)));
                MerkleVerifier.VerifyInclusion(m, n, nodes.HashAt(0, m), proof, root).ShouldBeTrue($"leaf {m} of {n}");
            }
        }
    }

    [Fact]
    public void Every_consistency_proof_verifies_and_a_rewritten_prefix_does_not()
    {
        var (leaves, nodes) = Build(40);
        leaves[3] = MerkleHashes.Leaf("rewritten"u8);
        var (_, forged) = Build(leaves);

        for (var m = 1; m <= 40; m++)
        {
            for (var n = m; n <= 40; n++)
            {
                var proof = MerkleTree.ConsistencyProof(nodes, m, n);
                MerkleVerifier.VerifyConsistency(m, n, MerkleTree.Root(nodes, m), MerkleTree.Root(nodes, n), proof).ShouldBeTrue($"{m} -> {n}");
                if (m > 3)
                {
                    MerkleVerifier.VerifyConsistency(m, n, MerkleTree.Root(nodes, m), MerkleTree.Root(forged, n), MerkleTree.ConsistencyProof(forged, m, n)).ShouldBeFalse();
                }
            }
        }
    }

    [Fact]
    public void A_proof_needs_only_a_handful_of_stored_nodes_even_for_a_billion_entries()
    {
        var positions = MerkleTree.RequiredPositions(source => MerkleTree.InclusionProof(source, 123_456_789, 1_000_000_000));

        positions.Count.ShouldBeLessThanOrEqualTo(30 * 2);
    }

    private static (byte[][] Leaves, MerkleNodeMap Nodes) Build(int count)
    {
        var leaves = Enumerable.Range(0, count).Select(i => MerkleHashes.Leaf(BitConverter.GetBytes(i))).ToArray();
        return Build(leaves);
    }

    private static (byte[][] Leaves, MerkleNodeMap Nodes) Build(byte[][] leaves)
    {
        var stored = new Dictionary<long, byte[]>();
        var frontier = MerkleFrontier.Empty;
        foreach (var leaf in leaves)
        {
            frontier.Append(leaf, node => stored[node.Position] = node.Hash);
        }

        return (leaves, new MerkleNodeMap(stored));
    }

    // RFC 9162 §2.1.1, written directly from the definition.
    private static byte[] ReferenceRoot(byte[][] leaves)
    {
        if (leaves.Length == 1)
        {
            return leaves[0];
        }

        var k = 1;
        while (k * 2 < leaves.Length)
        {
            k *= 2;
        }

        return SHA256.HashData([0x01, .. ReferenceRoot(leaves[..k]), .. ReferenceRoot(leaves[k..])]);
    }
}
