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

    public async IAsyncEnumerable<SequencedEntry> EntriesAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        long after = -1;
        while (true)
        {
            var page = await db.Set<AuditEntry>().AsNoTracking()
                .Where(e => e.Sequence != null && e.Sequence > after)
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
}

/// <summary>An export directory as a ledger source. Anything malformed is an <see cref="InvalidDataException"/> naming the file and line.</summary>
public sealed class ExportLedgerSource : ILedgerSource
{
    private readonly string directory;

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
        if (!manifest.RootElement.TryGetProperty("format", out var format) || format.GetString() != LedgerExportLayout.Format)
        {
            throw new InvalidDataException($"'{LedgerExportLayout.Manifest}' does not describe a {LedgerExportLayout.Format} export.");
        }
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
        var leaves = new List<byte[]?>();
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

        return leaves;
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
