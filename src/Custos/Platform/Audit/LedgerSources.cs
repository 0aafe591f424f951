using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Custos.Platform.Identity;
using Custos.Platform.Persistence;
using Custos.Platform.Security;
using Microsoft.EntityFrameworkCore;

namespace Custos.Platform.Audit;

/// <summary>The live ledger, read in pages so a long ledger never sits in memory whole.</summary>
internal sealed class DatabaseLedgerSource(AppDbContext db) : ILedgerSource
{
    private const int PageSize = 10_000;

    private LedgerStart? start;

    /// <summary>After archiving, the live ledger begins where the last archive ended; its recorded root is the expected one there.</summary>
    public async Task<LedgerStart> StartAsync(CancellationToken cancellationToken)
    {
        if (start is null)
        {
            var last = await db.Set<AuditArchiveRecord>().AsNoTracking().OrderByDescending(a => a.ThroughSequence).FirstOrDefaultAsync(cancellationToken);
            start = last is null ? LedgerStart.Beginning : new LedgerStart(last.ThroughSequence, null, last.RootHash);
        }

        return start;
    }

    public async IAsyncEnumerable<SequencedEntry> EntriesAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var first = (await StartAsync(cancellationToken)).Size;
        await foreach (var entry in RangeAsync(first, long.MaxValue, cancellationToken))
        {
            yield return entry;
        }
    }

    /// <summary>The integrated entries with sequence numbers in [<paramref name="from"/>, <paramref name="through"/>), in order.</summary>
    public async IAsyncEnumerable<SequencedEntry> RangeAsync(long from, long through, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var after = from - 1;
        while (true)
        {
            var page = await db.Set<AuditEntry>().AsNoTracking()
                .Where(e => e.Sequence != null && e.Sequence > after && e.Sequence < through)
                .OrderBy(e => e.Sequence)
                .Take(PageSize)
                .ToListAsync(cancellationToken);
            foreach (var entry in page)
            {
                yield return new SequencedEntry(entry.Sequence!.Value, entry.ToContent());
            }

            if (page.Count < PageSize)
            {
                yield break;
            }

            after = page[^1].Sequence!.Value;
        }
    }

    public async Task<IReadOnlyList<byte[]?>> RecordedLeavesAsync(CancellationToken cancellationToken)
    {
        // Level 0 positions are the leaf indexes themselves.
        const long levelOne = 1L << 56;
        var leaves = new List<byte[]?>();
        long after = -1;
        while (true)
        {
            var page = await db.Set<AuditTreeNode>().AsNoTracking()
                .Where(n => n.Position > after && n.Position < levelOne)
                .OrderBy(n => n.Position)
                .Take(PageSize)
                .ToListAsync(cancellationToken);
            foreach (var node in page)
            {
                while (leaves.Count < node.Position)
                {
                    leaves.Add(null);
                }

                leaves.Add(node.Hash);
            }

            if (page.Count < PageSize)
            {
                return leaves;
            }

            after = page[^1].Position;
        }
    }

    public async Task<IReadOnlyList<SignedCheckpoint>> CheckpointsAsync(CancellationToken cancellationToken)
    {
        var rows = await db.Set<AuditCheckpoint>().AsNoTracking().OrderBy(c => c.Id).ToListAsync(cancellationToken);
        return rows.Select(c => c.ToSigned()).ToList();
    }
}

/// <summary>
/// The export layout (<c>custos audit export</c>), verifiable without Custos's database:
/// <c>entries.jsonl</c> (one RFC 8785 canonical entry per line: SHA-256 of 0x00 and the line's bytes is its leaf),
/// <c>leaves.txt</c> (the leaf hashes the tree recorded, base64, one per line), <c>checkpoints.jsonl</c> (signed
/// checkpoints), <c>witness.jsonl</c> (the witness lines for this ledger at export time), <c>public-key.pem</c>,
/// <c>checkpoint.txt</c> and <c>checkpoint.sig</c> (the latest checkpoint, for openssl) and <c>manifest.json</c>.
/// </summary>
public static class LedgerExportLayout
{
    public const string Format = "custos-audit-export/1";
    public const string Manifest = "manifest.json";
    public const string Entries = "entries.jsonl";
    public const string Leaves = "leaves.txt";
    public const string Checkpoints = "checkpoints.jsonl";
    public const string Witness = "witness.jsonl";
    public const string PublicKey = "public-key.pem";
    public const string LatestCheckpointBody = "checkpoint.txt";
    public const string LatestCheckpointSignature = "checkpoint.sig";

    /// <summary>Archives and exports after archiving: where the entries begin (ADR 0006).</summary>
    public const string Start = "start.json";
    public const string ArchiveFormat = "custos-audit-archive/1";
}

/// <summary>
/// An archive's <c>manifest.json</c>: the segment [<see cref="From"/>, <see cref="Through"/>), the root signed at
/// <see cref="Through"/>, and the SHA-256 of every other file. Its own SHA-256 is in the database's archive record and
/// in the ledger's <see cref="AuditActions.LedgerArchived"/> entry.
/// </summary>
public sealed record ArchiveManifest(string Origin, long From, long Through, byte[] RootHash, string KeyId, DateTimeOffset CreatedAt, IReadOnlyDictionary<string, string> Files)
{
    public string ToJson() => JsonSerializer.Serialize(new
    {
        format = LedgerExportLayout.ArchiveFormat,
        origin = Origin,
        from = From,
        through = Through,
        entries = Through - From,
        root = Convert.ToBase64String(RootHash),
        keyId = KeyId,
        createdAt = CreatedAt.ToUniversalTime().ToString(AuditEntryContent.TimeFormat, System.Globalization.CultureInfo.InvariantCulture),
        files = new SortedDictionary<string, string>(Files.ToDictionary(f => f.Key, f => f.Value), StringComparer.Ordinal),
    }) + "\n";

    public static ArchiveManifest Parse(JsonElement root)
    {
        try
        {
            var files = root.GetProperty("files").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? string.Empty, StringComparer.Ordinal);
            return new ArchiveManifest(
                root.GetProperty("origin").GetString() ?? string.Empty,
                root.GetProperty("from").GetInt64(),
                root.GetProperty("through").GetInt64(),
                Convert.FromBase64String(root.GetProperty("root").GetString() ?? string.Empty),
                root.GetProperty("keyId").GetString() ?? string.Empty,
                DateTimeOffset.Parse(root.GetProperty("createdAt").GetString() ?? string.Empty, System.Globalization.CultureInfo.InvariantCulture),
                files);
        }
        catch (Exception ex) when (ex is KeyNotFoundException or FormatException or InvalidOperationException)
        {
            throw new InvalidDataException($"'{LedgerExportLayout.Manifest}' is not a valid archive manifest: {ex.Message}", ex);
        }
    }

    public static string Sha256Of(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(stream));
    }
}

/// <summary><c>start.json</c>: the size before the first entry and, in an archive, the compact range (frontier) there.</summary>
internal static class LedgerStartFile
{
    public static string ToJson(long size, MerkleFrontier? frontier, IEnumerable<MerkleNode>? edge) => JsonSerializer.Serialize(new
    {
        size,
        frontier = frontier is null ? null : edge!.Select(n => new { level = n.Level, index = n.Index, hash = Convert.ToBase64String(n.Hash) }).ToArray(),
    }) + "\n";

    public static (long Size, MerkleFrontier? Frontier) Parse(string text)
    {
        try
        {
            using var json = JsonDocument.Parse(text);
            var size = json.RootElement.GetProperty("size").GetInt64();
            if (!json.RootElement.TryGetProperty("frontier", out var edge) || edge.ValueKind == JsonValueKind.Null)
            {
                return (size, null);
            }

            var nodes = edge.EnumerateArray().Select(n => new MerkleNode(n.GetProperty("level").GetInt32(), n.GetProperty("index").GetInt64(), Convert.FromBase64String(n.GetProperty("hash").GetString() ?? string.Empty))).ToList();
            return (size, new MerkleFrontier(size, nodes));
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or FormatException or InvalidOperationException)
        {
            throw new InvalidDataException($"'{LedgerExportLayout.Start}' is not valid: {ex.Message}", ex);
        }
    }
}

/// <summary>Recorded leaves of a segment, indexed by sequence number: nothing before <c>offset</c>.</summary>
internal sealed class OffsetLeaves(long offset, List<byte[]?> leaves) : IReadOnlyList<byte[]?>
{
    public int Count => (int)offset + leaves.Count;

    public byte[]? this[int index] => index < offset ? null : leaves[index - (int)offset];

    public IEnumerator<byte[]?> GetEnumerator() => Enumerable.Range(0, Count).Select(i => this[i]).GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}

/// <summary>An export directory as a ledger source. Anything malformed is an <see cref="InvalidDataException"/> naming the file and line.</summary>
public sealed class ExportLedgerSource : ILedgerSource
{
    private readonly string directory;
    private readonly (long Size, MerkleFrontier? Frontier) start;

    public ExportLedgerSource(string directory)
    {
        this.directory = Path.GetFullPath(directory);
        if (!Directory.Exists(this.directory))
        {
            throw new InvalidDataException($"The export folder '{this.directory}' does not exist.");
        }

        foreach (var file in new[] { LedgerExportLayout.Manifest, LedgerExportLayout.Entries, LedgerExportLayout.Leaves, LedgerExportLayout.Checkpoints })
        {
            if (!File.Exists(Path.Combine(this.directory, file)))
            {
                throw new InvalidDataException($"The export is incomplete: '{file}' is missing from '{this.directory}'.");
            }
        }

        using var manifest = ParseJson(File.ReadAllText(Path.Combine(this.directory, LedgerExportLayout.Manifest)), LedgerExportLayout.Manifest, 1);
        var format = manifest.RootElement.TryGetProperty("format", out var value) ? value.GetString() : null;
        if (format == LedgerExportLayout.ArchiveFormat)
        {
            Archive = ArchiveManifest.Parse(manifest.RootElement);
            if (!File.Exists(Path.Combine(this.directory, LedgerExportLayout.Start)))
            {
                throw new InvalidDataException($"The archive is incomplete: '{LedgerExportLayout.Start}' is missing from '{this.directory}'.");
            }
        }
        else if (format != LedgerExportLayout.Format)
        {
            throw new InvalidDataException($"'{LedgerExportLayout.Manifest}' does not describe a {LedgerExportLayout.Format} export or a {LedgerExportLayout.ArchiveFormat} archive.");
        }

        var startPath = Path.Combine(this.directory, LedgerExportLayout.Start);
        start = File.Exists(startPath) ? LedgerStartFile.Parse(File.ReadAllText(startPath)) : (0, null);
    }

    /// <summary>The manifest when the folder is an archive segment (<c>custos audit archive</c>), null for an export.</summary>
    public ArchiveManifest? Archive { get; }

    public string FolderPath => directory;

    public Task<LedgerStart> StartAsync(CancellationToken cancellationToken)
    {
        // A fresh frontier each time: the verifier appends to it.
        var frontier = start.Frontier is null ? null : LedgerStartFile.Parse(File.ReadAllText(Path.Combine(directory, LedgerExportLayout.Start))).Frontier;
        return Task.FromResult(new LedgerStart(start.Size, frontier, null));
    }

    /// <summary>
    /// An archive's own consistency: every file has the SHA-256 its manifest lists, the manifest's segment is what
    /// <c>start.json</c> and the signed checkpoint at its end say. Null when it checks (or for an export).
    /// </summary>
    public async Task<VerificationFailure?> CheckManifestAsync(CancellationToken cancellationToken)
    {
        if (Archive is not { } archive)
        {
            return null;
        }

        if (archive.From != start.Size || start.Frontier is null)
        {
            return new VerificationFailure(TamperingKind.Modified, archive.From, $"The manifest says the archive begins at {archive.From}, but {LedgerExportLayout.Start} says {start.Size}.");
        }

        var end = (await CheckpointsAsync(cancellationToken)).FirstOrDefault(c => c.Note.TreeSize == archive.Through);
        if (end is null || !end.Note.RootHash.AsSpan().SequenceEqual(archive.RootHash))
        {
            return new VerificationFailure(TamperingKind.MissingCheckpoint, archive.Through, $"The archive holds no signed checkpoint of size {archive.Through} with the root its manifest names.");
        }

        foreach (var file in new[] { LedgerExportLayout.Entries, LedgerExportLayout.Leaves, LedgerExportLayout.Checkpoints, LedgerExportLayout.Witness, LedgerExportLayout.PublicKey, LedgerExportLayout.Start, LedgerExportLayout.LatestCheckpointBody, LedgerExportLayout.LatestCheckpointSignature })
        {
            var path = Path.Combine(directory, file);
            if (!archive.Files.TryGetValue(file, out var listed))
            {
                return new VerificationFailure(TamperingKind.Modified, archive.From, $"The manifest lists no SHA-256 for '{file}'.");
            }

            if (!File.Exists(path))
            {
                return new VerificationFailure(TamperingKind.Deleted, archive.From, $"'{file}' is missing from the archive.");
            }

            if (!string.Equals(ArchiveManifest.Sha256Of(path), listed, StringComparison.OrdinalIgnoreCase))
            {
                return new VerificationFailure(TamperingKind.Modified, archive.From, $"'{file}' no longer has the SHA-256 the manifest lists.");
            }
        }

        return null;
    }

    /// <summary>The public key shipped with the export; a missing or unreadable key is an error, never a pass.</summary>
    public CheckpointKeyRing LoadKeyRing(string? publicKeyPath = null)
    {
        var path = publicKeyPath ?? Path.Combine(directory, LedgerExportLayout.PublicKey);
        if (!File.Exists(path))
        {
            throw new InvalidDataException($"The public key '{path}' is missing: checkpoints cannot be checked without it.");
        }

        var ring = new CheckpointKeyRing();
        ring.AddPublicKeyPem(File.ReadAllText(path));
        return ring;
    }

    public IReadOnlyList<WitnessRecord> LoadWitness(string? witnessPath = null)
    {
        var path = witnessPath ?? Path.Combine(directory, LedgerExportLayout.Witness);
        return File.Exists(path) ? WitnessRecord.ReadFile(path) : [];
    }

    public async IAsyncEnumerable<SequencedEntry> EntriesAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var number = 0;
        using var reader = new StreamReader(Path.Combine(directory, LedgerExportLayout.Entries), Encoding.UTF8);
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            number++;
            if (line.Length > 0)
            {
                // The line's bytes are the hashed bytes: hash them as they are, and parse the entry only when a
                // mismatch must be classified.
                var lineNumber = number;
                var text = line;
                yield return SequencedEntry.FromCanonicalBytes(SequenceOf(line, number), Encoding.UTF8.GetBytes(line), () => ParseEntry(text, lineNumber).Content);
            }
        }
    }

    public async Task<IReadOnlyList<byte[]?>> RecordedLeavesAsync(CancellationToken cancellationToken)
    {
        // An archive's leaves.txt begins at its first entry; an export's at 0.
        var leaves = new List<byte[]?>();
        var offset = start.Frontier is null ? 0 : start.Size;
        var number = 0;
        foreach (var line in await File.ReadAllLinesAsync(Path.Combine(directory, LedgerExportLayout.Leaves), cancellationToken))
        {
            number++;
            if (line.Length == 0)
            {
                continue;
            }

            try
            {
                leaves.Add(Convert.FromBase64String(line));
            }
            catch (FormatException ex)
            {
                throw new InvalidDataException($"{LedgerExportLayout.Leaves} line {number} is not base64.", ex);
            }
        }

        return offset == 0 ? leaves : new OffsetLeaves(offset, leaves);
    }

    public async Task<IReadOnlyList<SignedCheckpoint>> CheckpointsAsync(CancellationToken cancellationToken)
    {
        var list = new List<SignedCheckpoint>();
        var number = 0;
        foreach (var line in await File.ReadAllLinesAsync(Path.Combine(directory, LedgerExportLayout.Checkpoints), cancellationToken))
        {
            number++;
            if (line.Length > 0)
            {
                list.Add(WitnessRecord.Parse(line, number).ToCheckpoint());
            }
        }

        return list;
    }

    /// <summary>
    /// The <c>seq</c> member of a canonical line. In the canonical form a string value's quotes are escaped, so the
    /// text <c>,"seq":</c> can only be the member itself.
    /// </summary>
    private static long SequenceOf(string line, int number)
    {
        const string member = ",\"seq\":";
        var at = line.IndexOf(member, StringComparison.Ordinal);
        if (at < 0 || !line.StartsWith('{'))
        {
            throw new InvalidDataException($"{LedgerExportLayout.Entries} line {number} is not an audit entry in canonical form (no \"seq\" member).");
        }

        var start = at + member.Length;
        var end = start;
        while (end < line.Length && char.IsAsciiDigit(line[end]))
        {
            end++;
        }

        return end > start && long.TryParse(line.AsSpan(start, end - start), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var sequence)
            ? sequence
            : throw new InvalidDataException($"{LedgerExportLayout.Entries} line {number} has no valid sequence number.");
    }

    private static SequencedEntry ParseEntry(string line, int number)
    {
        using var json = ParseJson(line, LedgerExportLayout.Entries, number);
        try
        {
            var root = json.RootElement;
            var content = new AuditEntryContent(
                Required(root, "action"),
                Enum.Parse<ActorKind>(Required(root, "actorKind")),
                Required(root, "actorId"),
                Required(root, "actorName"),
                Optional(root, "resourceType"),
                Optional(root, "resourceId"),
                DateTimeOffset.ParseExact(Required(root, "time"), AuditEntryContent.TimeFormat, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal),
                Optional(root, "clientAddress"),
                Optional(root, "userAgent"),
                Required(root, "node"),
                Enum.Parse<AuditOutcome>(Required(root, "outcome")),
                Optional(root, "reason"),
                Required(root, "correlationId"));
            return new SequencedEntry(root.GetProperty("seq").GetInt64(), content);
        }
        catch (Exception ex) when (ex is KeyNotFoundException or FormatException or ArgumentException or InvalidOperationException)
        {
            throw new InvalidDataException($"{LedgerExportLayout.Entries} line {number} is not an audit entry: {ex.Message}", ex);
        }
    }

    private static string Required(JsonElement root, string name) =>
        root.GetProperty(name).GetString() ?? throw new FormatException($"'{name}' is null.");

    private static string? Optional(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) ? value.GetString() : null;

    private static JsonDocument ParseJson(string text, string file, int line)
    {
        try
        {
            return JsonDocument.Parse(text);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{file} line {line} is not valid JSON.", ex);
        }
    }
}
