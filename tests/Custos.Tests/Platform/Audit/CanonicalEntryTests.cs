using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Custos.Platform.Audit;
using Custos.Platform.Identity;
using Custos.Platform.Security;

namespace Custos.Tests.Platform.Audit;

/// <summary>The documented serialization (RFC 8785) that lets anyone recompute an entry's leaf hash.</summary>
public sealed class CanonicalEntryTests
{
    private static readonly AuditEntryContent Entry = new(
        "auth.sign-in",
        ActorKind.User,
        "u-1",
        "Zoë \"Z\" Tan",
        "user",
        "u-1",
        new DateTimeOffset(2026, 3, 2, 15, 4, 5, 678, TimeSpan.Zero),
        "203.0.113.9",
        null,
        "web-1",
        AuditOutcome.Denied,
        "line\nbreak\ttab\u0001",
        "corr-1");

    [Fact]
    public void The_canonical_form_is_sorted_compact_and_escaped_as_RFC_8785_requires()
    {
        var json = Encoding.UTF8.GetString(Entry.ToCanonicalJson(42));

        json.ShouldBe(
            "{\"action\":\"auth.sign-in\",\"actorId\":\"u-1\",\"actorKind\":\"User\",\"actorName\":\"Zoë \\\"Z\\\" Tan\"," +
            "\"clientAddress\":\"203.0.113.9\",\"correlationId\":\"corr-1\",\"node\":\"web-1\",\"outcome\":\"Denied\"," +
            "\"reason\":\"line\\nbreak\\ttab\\u0001\",\"resourceId\":\"u-1\",\"resourceType\":\"user\",\"seq\":42," +
            "\"time\":\"2026-03-02T15:04:05.678Z\",\"userAgent\":null,\"v\":1}");
    }

    [Fact]
    public void The_members_are_in_UTF_16_code_unit_order()
    {
        AuditEntryContent.MemberNames.ShouldBe(AuditEntryContent.MemberNames.Order(StringComparer.Ordinal));
        using var json = JsonDocument.Parse(Entry.ToCanonicalJson(0));
        json.RootElement.EnumerateObject().Select(p => p.Name).ShouldBe(AuditEntryContent.MemberNames);
    }

    [Fact]
    public void The_leaf_hash_is_SHA_256_of_a_zero_byte_then_the_canonical_bytes()
    {
        var bytes = Entry.ToCanonicalJson(7);

        Entry.LeafHash(7).ShouldBe(SHA256.HashData([0x00, .. bytes]));
        Entry.LeafHash(8).ShouldNotBe(Entry.LeafHash(7));
    }

    [Fact]
    public void Entry_times_keep_whole_milliseconds_only()
    {
        var time = new DateTimeOffset(2026, 3, 2, 15, 4, 5, TimeSpan.FromHours(2)).AddTicks(6_789_999);

        AuditEntryContent.ToLedgerTime(time).ShouldBe(new DateTimeOffset(2026, 3, 2, 13, 4, 5, 678, TimeSpan.Zero));
    }
}
