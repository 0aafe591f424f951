using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using Custos.Platform.Identity;
using Custos.Platform.Security;

namespace Custos.Platform.Audit;

/// <summary>One figure of <c>custos audit bench</c>: a rate or size, and where one applies its ratio to the baseline measured in the same run.</summary>
public sealed record BenchFigure(string Name, double Value, string Unit, double? Ratio, string? RatioOf);

/// <summary>The in-memory measurements of the ledger's performance goals (issue 4, item 9).</summary>
public static class AuditBench
{
    /// <summary>Invented but realistic entries: user reads and changes of records, varied ids.</summary>
    public static AuditEntryContent SampleEntry(long i, DateTimeOffset start) => new(
        i % 7 == 0 ? AuditActions.RecordUpdated : AuditActions.RecordRead,
        ActorKind.User,
        $"0190f3a2-7c4e-7d1b-9a55-{i % 50:D12}",
        $"Workforce member {i % 50}",
        "IncidentReport",
        $"0191a7c3-{i:D4}-7e2a-8b6f-3c9d1e2f4a5b",
        start.AddMilliseconds(i),
        "10.20.30." + (i % 250).ToString(System.Globalization.CultureInfo.InvariantCulture),
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36",
        "custos-web-1",
        i % 31 == 0 ? AuditOutcome.Denied : AuditOutcome.Succeeded,
        null,
        $"00-{i:x32}-01");

    /// <summary>
    /// Offline verification of <paramref name="count"/> entries against the machine's raw SHA-256 rate on the same
    /// canonical bytes, both measured here, one after the other.
    /// </summary>
    public static async Task<IReadOnlyList<BenchFigure>> VerificationAsync(int count, CancellationToken cancellationToken)
    {
        var start = new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);
        var entries = new SequencedEntry[count];
        var canonical = new byte[count][];
        long bytes = 0;
        for (var i = 0; i < count; i++)
        {
            entries[i] = new SequencedEntry(i, SampleEntry(i, start));
            canonical[i] = entries[i].Content.ToCanonicalJson(i);
            bytes += canonical[i].Length;
        }

        // Baseline: SHA-256 of exactly the canonical bytes, nothing else.
        var raw = Stopwatch.StartNew();
        Span<byte> digest = stackalloc byte[32];
        for (var i = 0; i < count; i++)
        {
            SHA256.HashData(canonical[i], digest);
        }

        raw.Stop();

        var leaves = new byte[count][];
        var frontier = MerkleFrontier.Empty;
        for (var i = 0; i < count; i++)
        {
            leaves[i] = MerkleHashes.Leaf(canonical[i]);
            frontier.Append(leaves[i]);
        }

        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var note = new CheckpointNote("custos/bench", count, frontier.Root(), start);
        var checkpoint = new SignedCheckpoint(note, CheckpointKeyRing.KeyIdOf(key), key.SignData(note.BodyBytes, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence));
        var ring = new CheckpointKeyRing();
        ring.AddPublicKeyPem(key.ExportSubjectPublicKeyInfoPem());
        var verify = await TimeVerificationAsync(new MemorySource(entries, leaves, [checkpoint]), ring, cancellationToken);
        var exported = entries.Select((e, i) => SequencedEntry.FromCanonicalBytes(i, canonical[i], () => e.Content)).ToArray();
        var verifyExport = await TimeVerificationAsync(new MemorySource(exported, leaves, [checkpoint]), ring, cancellationToken);

        var rawRate = count / raw.Elapsed.TotalSeconds;
        var verifyRate = count / verify.TotalSeconds;
        var exportRate = count / verifyExport.TotalSeconds;
        var proofLength = MerkleTree.InclusionProof(new ZeroSource(), count / 3, count).Count;
        return
        [
            new("Raw SHA-256 of the canonical entries (baseline)", rawRate, "entries/s", 1.0, null),
            new("Raw SHA-256 throughput", bytes / raw.Elapsed.TotalSeconds / 1e6, "MB/s", null, null),
            new($"Offline verification of an export of {count:N0} entries (line bytes, leaf, tree, signature)", exportRate, "entries/s", exportRate / rawRate, "raw SHA-256 rate (goal >= 0.50)"),
            new($"Verification of {count:N0} database rows (canonical form recomputed, leaf, tree, signature)", verifyRate, "entries/s", verifyRate / rawRate, "raw SHA-256 rate"),
            new($"Inclusion proof length at {count:N0} entries", proofLength, "hashes", proofLength / Math.Ceiling(Math.Log2(count)), "ceil(log2 n) (goal <= 1.00)"),
        ];
    }

    private static async Task<TimeSpan> TimeVerificationAsync(ILedgerSource source, CheckpointKeyRing ring, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var report = await AuditVerifier.VerifyAsync(source, ring, [], null, cancellationToken);
        clock.Stop();
        return report.Passed ? clock.Elapsed : throw new InvalidOperationException("The benchmark ledger did not verify: " + report.Failure!.Message);
    }

    private sealed class MemorySource(SequencedEntry[] entries, byte[][] leaves, IReadOnlyList<SignedCheckpoint> checkpoints) : ILedgerSource
    {
        public async IAsyncEnumerable<SequencedEntry> EntriesAsync([EnumeratorCancellation] CancellationToken cancellationToken)
        {
            await Task.CompletedTask;
            foreach (var entry in entries)
            {
                yield return entry;
            }
        }

        public Task<IReadOnlyList<byte[]?>> RecordedLeavesAsync(CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<byte[]?>>(leaves);

        public Task<IReadOnlyList<SignedCheckpoint>> CheckpointsAsync(CancellationToken cancellationToken) => Task.FromResult(checkpoints);
    }

    private sealed class ZeroSource : IMerkleNodeSource
    {
        private readonly byte[] zero = new byte[MerkleHashes.Size];

        public byte[] HashAt(int level, long index) => zero;
    }
}
