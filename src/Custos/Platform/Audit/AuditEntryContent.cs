using System.Globalization;
using System.Text;
using Custos.Platform.Identity;
using Custos.Platform.Security;

namespace Custos.Platform.Audit;

/// <summary>
/// What one ledger entry says (45 CFR 164.312(b)): who did what to which record, when, from where, with what outcome
/// and why. Resource ids only, never PHI values. <see cref="ToCanonicalJson"/> is the documented serialization
/// (RFC 8785, JSON Canonicalization Scheme) whose SHA-256 with the 0x00 prefix is the entry's leaf hash, so anyone can
/// recompute it from an export.
/// </summary>
public sealed record AuditEntryContent(
    string Action,
    ActorKind ActorKind,
    string ActorId,
    string ActorName,
    string? ResourceType,
    string? ResourceId,
    DateTimeOffset RecordedAt,
    string? ClientAddress,
    string? UserAgent,
    string Node,
    AuditOutcome Outcome,
    string? Reason,
    string CorrelationId)
{
    /// <summary>Version of the canonical form, itself part of the hashed bytes.</summary>
    public const int FormatVersion = 1;

    public const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    /// <summary>Entry times are kept to the millisecond, which both providers store exactly.</summary>
    public static DateTimeOffset ToLedgerTime(DateTimeOffset time)
    {
        var utc = time.ToUniversalTime();
        return new DateTimeOffset(utc.Ticks - (utc.Ticks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
    }

    /// <summary>
    /// The RFC 8785 form of this entry at <paramref name="sequence"/>: members sorted by UTF-16 code units, no
    /// whitespace, strings escaped as ECMAScript's JSON.stringify does, absent values as null, the sequence as an
    /// integer (exact below 2^53). Member names: action, actorId, actorKind, actorName, clientAddress, correlationId,
    /// node, outcome, reason, resourceId, resourceType, seq, time, userAgent, v.
    /// </summary>
    public byte[] ToCanonicalJson(long sequence)
    {
        // Members written in their RFC 8785 order (sorted by UTF-16 code units), fixed for this format version;
        // a test checks the order against a sort.
        var json = Builder ??= new StringBuilder(512);
        json.Clear();
        json.Append('{');
        Member(json, "action", Action, first: true);
        Member(json, "actorId", ActorId);
        Member(json, "actorKind", ActorKindName(ActorKind));
        Member(json, "actorName", ActorName);
        Member(json, "clientAddress", ClientAddress);
        Member(json, "correlationId", CorrelationId);
        Member(json, "node", Node);
        Member(json, "outcome", OutcomeName(Outcome));
        Member(json, "reason", Reason);
        Member(json, "resourceId", ResourceId);
        Member(json, "resourceType", ResourceType);
        json.Append(",\"seq\":").Append(sequence.ToString(CultureInfo.InvariantCulture));
        Member(json, "time", RecordedAt.ToUniversalTime().ToString(TimeFormat, CultureInfo.InvariantCulture));
        Member(json, "userAgent", UserAgent);
        json.Append(",\"v\":").Append(FormatVersion.ToString(CultureInfo.InvariantCulture));
        json.Append('}');
        return Encoding.UTF8.GetBytes(json.ToString());
    }

    /// <summary>The member names in the order <see cref="ToCanonicalJson"/> writes them.</summary>
    public static IReadOnlyList<string> MemberNames { get; } =
        ["action", "actorId", "actorKind", "actorName", "clientAddress", "correlationId", "node", "outcome", "reason", "resourceId", "resourceType", "seq", "time", "userAgent", "v"];

    [ThreadStatic]
    private static StringBuilder? Builder;

    private static void Member(StringBuilder json, string name, string? value, bool first = false)
    {
        if (!first)
        {
            json.Append(',');
        }

        json.Append('"').Append(name).Append("\":");
        if (value is null)
        {
            json.Append("null");
        }
        else
        {
            CanonicalJson.AppendString(json, value);
        }
    }

    private static string ActorKindName(ActorKind kind) => kind switch
    {
        ActorKind.User => "User",
        ActorKind.ApiKey => "ApiKey",
        ActorKind.Operator => "Operator",
        ActorKind.System => "System",
        ActorKind.Anonymous => "Anonymous",
        _ => kind.ToString(),
    };

    private static string OutcomeName(AuditOutcome outcome) => outcome switch
    {
        AuditOutcome.Succeeded => "Succeeded",
        AuditOutcome.Denied => "Denied",
        AuditOutcome.Failed => "Failed",
        _ => outcome.ToString(),
    };

    /// <summary>SHA-256(0x00 || canonical entry).</summary>
    public byte[] LeafHash(long sequence) => MerkleHashes.Leaf(ToCanonicalJson(sequence));
}

/// <summary>The parts of RFC 8785 an audit entry needs: strings and integers.</summary>
public static class CanonicalJson
{
    /// <summary>RFC 8785 §3.2.2.2: the escapes of ECMAScript JSON.stringify; everything else as UTF-8.</summary>
    public static void AppendString(StringBuilder json, string value)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(value);
        json.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"':
                    json.Append("\\\"");
                    break;
                case '\\':
                    json.Append("\\\\");
                    break;
                case '\b':
                    json.Append("\\b");
                    break;
                case '\f':
                    json.Append("\\f");
                    break;
                case '\n':
                    json.Append("\\n");
                    break;
                case '\r':
                    json.Append("\\r");
                    break;
                case '\t':
                    json.Append("\\t");
                    break;
                case < ' ':
                    json.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    break;
                default:
                    json.Append(c);
                    break;
            }
        }

        json.Append('"');
    }
}
