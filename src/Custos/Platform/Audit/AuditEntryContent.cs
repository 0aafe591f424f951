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
        var members = new SortedDictionary<string, object?>(StringComparer.Ordinal)
        {
            ["action"] = Action,
            ["actorId"] = ActorId,
            ["actorKind"] = ActorKind.ToString(),
            ["actorName"] = ActorName,
            ["clientAddress"] = ClientAddress,
            ["correlationId"] = CorrelationId,
            ["node"] = Node,
            ["outcome"] = Outcome.ToString(),
            ["reason"] = Reason,
            ["resourceId"] = ResourceId,
            ["resourceType"] = ResourceType,
            ["seq"] = sequence,
            ["time"] = RecordedAt.ToUniversalTime().ToString(TimeFormat, CultureInfo.InvariantCulture),
            ["userAgent"] = UserAgent,
            ["v"] = (long)FormatVersion,
        };

        var json = new StringBuilder(256);
        json.Append('{');
        var first = true;
        foreach (var (name, value) in members)
        {
            if (!first)
            {
                json.Append(',');
            }

            first = false;
            CanonicalJson.AppendString(json, name);
            json.Append(':');
            switch (value)
            {
                case null:
                    json.Append("null");
                    break;
                case long number:
                    json.Append(number.ToString(CultureInfo.InvariantCulture));
                    break;
                case string text:
                    CanonicalJson.AppendString(json, text);
                    break;
                default:
                    throw new InvalidOperationException($"No canonical form for {value.GetType().Name}.");
            }
        }

        json.Append('}');
        return Encoding.UTF8.GetBytes(json.ToString());
    }

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
