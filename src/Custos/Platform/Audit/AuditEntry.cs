using System.Text;
using Custos.Platform.Identity;
using Custos.Platform.Security;

namespace Custos.Platform.Audit;

/// <summary>
/// A row of the ledger. Appended in the writer's own transaction, either already sequenced (a group commit that
/// leads integration inserts it with its number, ADR 0016) or with no sequence, in which case the sequencer later
/// gives it the next gap-free sequence number and integrates its leaf into the tree. Never updated otherwise, never
/// deleted by the application (45 CFR 164.316(b)(2)(i): six years).
/// </summary>
internal sealed class AuditEntry
{
    public const int ActionLength = 100;
    public const int IdLength = 200;
    public const int NameLength = 200;
    public const int ResourceTypeLength = 100;
    public const int AddressLength = 64;
    public const int UserAgentLength = 512;
    public const int NodeLength = 100;
    public const int ReasonLength = 1000;
    public const int CorrelationLength = 100;

    private AuditEntry()
    {
        Action = ActorId = ActorName = Node = CorrelationId = string.Empty;
    }

    public long Id { get; private set; }

    public long? Sequence { get; private set; }

    public DateTimeOffset RecordedAt { get; private set; }

    public string Action { get; private set; }

    public ActorKind ActorKind { get; private set; }

    public string ActorId { get; private set; }

    public string ActorName { get; private set; }

    public string? ResourceType { get; private set; }

    public string? ResourceId { get; private set; }

    public string? ClientAddress { get; private set; }

    public string? UserAgent { get; private set; }

    public string Node { get; private set; }

    public AuditOutcome Outcome { get; private set; }

    public string? Reason { get; private set; }

    public string CorrelationId { get; private set; }

    public static AuditEntry Create(AuditEntryContent content)
    {
        ArgumentNullException.ThrowIfNull(content);
        return new AuditEntry
        {
            RecordedAt = AuditEntryContent.ToLedgerTime(content.RecordedAt),
            Action = Clean(content.Action, ActionLength)!,
            ActorKind = content.ActorKind,
            ActorId = Clean(content.ActorId, IdLength)!,
            ActorName = Clean(content.ActorName, NameLength)!,
            ResourceType = Clean(content.ResourceType, ResourceTypeLength),
            ResourceId = Clean(content.ResourceId, IdLength),
            ClientAddress = Clean(content.ClientAddress, AddressLength),
            UserAgent = Clean(content.UserAgent, UserAgentLength),
            Node = Clean(content.Node, NodeLength)!,
            Outcome = content.Outcome,
            Reason = Clean(content.Reason, ReasonLength),
            CorrelationId = Clean(content.CorrelationId, CorrelationLength)!,
        };
    }

    public void AssignSequence(long? sequence) => Sequence = sequence;

    public AuditEntryContent ToContent() => new(
        Action, ActorKind, ActorId, ActorName, ResourceType, ResourceId, RecordedAt, ClientAddress, UserAgent, Node, Outcome, Reason, CorrelationId);

    /// <summary>
    /// Stored text must hash the same after a round trip through either database: cut to the column length, and
    /// the characters PostgreSQL text cannot hold (NUL) or UTF-8 cannot encode (lone surrogates) replaced.
    /// </summary>
    internal static string? Clean(string? value, int maxLength)
    {
        if (value is null)
        {
            return null;
        }

        var text = value.Length > maxLength ? value[..maxLength] : value;
        if (text.Length > 0 && char.IsHighSurrogate(text[^1]))
        {
            text = text[..^1];
        }

        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                builder.Append(c).Append(text[++i]);
            }
            else if (c == '\0' || char.IsSurrogate(c))
            {
                builder.Append('\uFFFD');
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }
}

/// <summary>A stored perfect-subtree hash of the ledger's tree (level 0 = leaf hashes), keyed by <see cref="MerkleNode.Position"/>.</summary>
internal sealed class AuditTreeNode
{
    private AuditTreeNode()
    {
        Hash = [];
    }

    public long Position { get; private set; }

    public byte[] Hash { get; private set; }

    public static AuditTreeNode From(MerkleNode node) => new() { Position = node.Position, Hash = node.Hash };
}

/// <summary>A signed tree head: the ledger's size and root at a time, signed with the key outside the database.</summary>
internal sealed class AuditCheckpoint
{
    private AuditCheckpoint()
    {
        Origin = KeyId = string.Empty;
        RootHash = Signature = [];
    }

    public long Id { get; private set; }

    public string Origin { get; private set; }

    public long TreeSize { get; private set; }

    public byte[] RootHash { get; private set; }

    public DateTimeOffset SignedAt { get; private set; }

    public string KeyId { get; private set; }

    /// <summary>DER-encoded ECDSA P-256 signature over SHA-256 of <see cref="CheckpointNote.Body"/>.</summary>
    public byte[] Signature { get; private set; }

    public static AuditCheckpoint From(SignedCheckpoint checkpoint) => new()
    {
        Origin = checkpoint.Note.Origin,
        TreeSize = checkpoint.Note.TreeSize,
        RootHash = checkpoint.Note.RootHash,
        SignedAt = checkpoint.Note.SignedAt,
        KeyId = checkpoint.KeyId,
        Signature = checkpoint.Signature,
    };

    public SignedCheckpoint ToSigned() => new(new CheckpointNote(Origin, TreeSize, RootHash, SignedAt), KeyId, Signature);
}

/// <summary>The ledger's identity, one row: its origin line is in every checkpoint and witness line.</summary>
internal sealed class AuditLedgerInfo
{
    public const int SingletonId = 1;

    private AuditLedgerInfo()
    {
        Origin = string.Empty;
    }

    public int Id { get; private set; }

    public string Origin { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public static AuditLedgerInfo Create(string origin, DateTimeOffset now) => new() { Id = SingletonId, Origin = origin, CreatedAt = now };
}
