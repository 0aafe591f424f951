using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Custos.Platform.Audit;

/// <summary>
/// One line of the witness: a signed checkpoint as JSON. The witness lives outside the database, so a database
/// administrator who rewrites entries, recomputes the tree and deletes later checkpoints is still caught: the
/// witness keeps what was signed (45 CFR 164.312(c)(2), mechanisms to corroborate that data was not altered).
/// </summary>
public sealed record WitnessRecord(
    [property: JsonPropertyName("origin")] string Origin,
    [property: JsonPropertyName("treeSize")] long TreeSize,
    [property: JsonPropertyName("rootHash")] string RootHash,
    [property: JsonPropertyName("signedAt")] string SignedAt,
    [property: JsonPropertyName("keyId")] string KeyId,
    [property: JsonPropertyName("signature")] string Signature)
{
    public static WitnessRecord From(SignedCheckpoint checkpoint)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        return new(
            checkpoint.Note.Origin,
            checkpoint.Note.TreeSize,
            Convert.ToBase64String(checkpoint.Note.RootHash),
            checkpoint.Note.SignedAt.ToUniversalTime().ToString(AuditEntryContent.TimeFormat, CultureInfo.InvariantCulture),
            checkpoint.KeyId,
            Convert.ToBase64String(checkpoint.Signature));
    }

    /// <summary>The checkpoint this line holds; throws <see cref="InvalidDataException"/> on a malformed line.</summary>
    public SignedCheckpoint ToCheckpoint()
    {
        try
        {
            var time = DateTimeOffset.ParseExact(SignedAt, AuditEntryContent.TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
            return new SignedCheckpoint(new CheckpointNote(Origin, TreeSize, Convert.FromBase64String(RootHash), time), KeyId, Convert.FromBase64String(Signature));
        }
        catch (FormatException ex)
        {
            throw new InvalidDataException($"The checkpoint of size {TreeSize} is malformed: {ex.Message}", ex);
        }
    }

    public string ToJsonLine() => JsonSerializer.Serialize(this);

    public static WitnessRecord Parse(string line, int lineNumber)
    {
        try
        {
            var record = JsonSerializer.Deserialize<WitnessRecord>(line);
            if (record is null || record.Origin is null || record.RootHash is null || record.SignedAt is null || record.KeyId is null || record.Signature is null)
            {
                throw new InvalidDataException($"Line {lineNumber} is not a checkpoint record.");
            }

            return record;
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"Line {lineNumber} is not valid JSON: {ex.Message}", ex);
        }
    }

    public static List<WitnessRecord> ReadFile(string path)
    {
        var records = new List<WitnessRecord>();
        var number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            if (!string.IsNullOrWhiteSpace(line))
            {
                records.Add(Parse(line, number));
            }
        }

        return records;
    }
}

/// <summary>Appends every checkpoint to the witness file (and, when configured, posts it to a webhook, HMAC-signed).</summary>
public sealed class CheckpointWitness(AuditOptions options, IEnumerable<IWitnessWebhook> webhooks)
{
    private static readonly SemaphoreSlim FileGate = new(1, 1);

    public string? FilePath => string.IsNullOrWhiteSpace(options.WitnessPath) ? null : Path.GetFullPath(options.WitnessPath);

    public async Task AppendAsync(SignedCheckpoint checkpoint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        var record = WitnessRecord.From(checkpoint);
        if (FilePath is { } path)
        {
            await FileGate.WaitAsync(cancellationToken);
            try
            {
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                await using var stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite);
                var bytes = Encoding.UTF8.GetBytes(record.ToJsonLine() + "\n");
                await stream.WriteAsync(bytes, cancellationToken);
                await stream.FlushAsync(cancellationToken);
                stream.Flush(flushToDisk: true);
            }
            finally
            {
                FileGate.Release();
            }
        }

        if (options.WitnessWebhookUrl is { } url)
        {
            var body = Encoding.UTF8.GetBytes(record.ToJsonLine());
            var signature = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(options.WitnessWebhookSecret ?? string.Empty), body));
            foreach (var webhook in webhooks)
            {
                await webhook.PostAsync(url, body, $"sha256={signature}", cancellationToken);
            }
        }
    }

    /// <summary>The witness lines for <paramref name="origin"/>; empty when there is no witness file yet.</summary>
    public IReadOnlyList<WitnessRecord> Read(string origin)
    {
        if (FilePath is not { } path || !File.Exists(path))
        {
            return [];
        }

        return WitnessRecord.ReadFile(path).Where(r => r.Origin == origin).ToList();
    }
}

/// <summary>Posts a witness line; the web host provides it (the core has no HTTP client factory).</summary>
public interface IWitnessWebhook
{
    Task PostAsync(Uri url, byte[] body, string signatureHeader, CancellationToken cancellationToken);
}
