using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Custos.Platform.Audit;

namespace Custos.Benchmarks.Audit;

/// <summary>
/// The ledger's per-entry costs against the machine's raw SHA-256 on the same canonical bytes (the baseline, measured
/// in the same run). The claim checked: recomputing an entry's leaf and adding it to the tree, which is what offline
/// verification does per entry, costs a small multiple of hashing its bytes; issue 4 asks for at least 0.50 of the
/// raw rate. Also the cost of an inclusion proof from stored nodes at 1,000,000 entries, which does not grow with n
/// beyond log2(n).
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Throughput, warmupCount: 3, iterationCount: 10)]
public class AuditLedgerBenchmarks
{
    public const int Entries = 10_000;

    private AuditEntryContent[] _contents = [];
    private byte[][] _canonical = [];
    private byte[][] _leaves = [];
    private MerkleNodeMap _nodes = null!;

    [GlobalSetup]
    public void SetUp()
    {
        var start = new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);
        _contents = Enumerable.Range(0, Entries).Select(i => AuditBench.SampleEntry(i, start)).ToArray();
        _canonical = _contents.Select((c, i) => c.ToCanonicalJson(i)).ToArray();
        _leaves = _canonical.Select(b => MerkleHashes.Leaf(b)).ToArray();
        var stored = new Dictionary<long, byte[]>();
        var frontier = MerkleFrontier.Empty;
        for (var i = 0; i < 1_000_000; i++)
        {
            frontier.Append(_leaves[i % Entries], node => stored[node.Position] = node.Hash);
        }

        _nodes = new MerkleNodeMap(stored);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Entries, Description = "Raw SHA-256 of the canonical bytes")]
    public byte[] RawSha256()
    {
        var last = Array.Empty<byte>();
        foreach (var bytes in _canonical)
        {
            last = SHA256.HashData(bytes);
        }

        return last;
    }

    [Benchmark(OperationsPerInvoke = Entries, Description = "Canonical form + leaf hash + tree (verification per entry)")]
    public byte[] RecomputeLeafAndTree()
    {
        var frontier = MerkleFrontier.Empty;
        for (var i = 0; i < _contents.Length; i++)
        {
            frontier.Append(_contents[i].LeafHash(i));
        }

        return frontier.Root();
    }

    [Benchmark(OperationsPerInvoke = Entries, Description = "Leaf hash + tree from the exact export bytes")]
    public byte[] LeafAndTreeFromBytes()
    {
        var frontier = MerkleFrontier.Empty;
        foreach (var bytes in _canonical)
        {
            frontier.Append(MerkleHashes.Leaf(bytes));
        }

        return frontier.Root();
    }

    [Benchmark(Description = "Inclusion proof at 1,000,000 entries from stored nodes")]
    public int InclusionProofAtOneMillion() => MerkleTree.InclusionProof(_nodes, 654_321, 1_000_000).Count;
}
