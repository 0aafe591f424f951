using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using Custos.Modules.Safeguards;
using Custos.Modules.Safeguards.Contracts;
using Custos.Platform.Persistence;
using Custos.Tests.Infrastructure;
using static Custos.Tests.Modules.Safeguards.SafeguardsExamples;

namespace Custos.Tests.Modules.Safeguards;

public sealed class AuditPacketTests
{
    [Theory, AllDatabaseProviders]
    public async Task The_same_data_and_date_give_a_byte_identical_packet_whose_manifest_hashes_every_file(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);
        await ImplementAsync(db, RiskAnalysis);
        await ApproveAsync(db, (await AddFileAsync(db, RiskAnalysis, "Risk analysis, signed"u8.ToArray(), db.Today)).Id);
        await DecideAsync(db, Encryption, AddressableDecision.AlternativeMeasure, "Legacy imaging device cannot encrypt.", "Device isolated on a VLAN with no internet route.");

        var first = await PacketAsync(db, db.Today);
        db.Time.Advance(TimeSpan.FromHours(5));
        var second = await PacketAsync(db, db.Today);

        second.ShouldBe(first);
        using var zip = new ZipArchive(new MemoryStream(first), ZipArchiveMode.Read);
        zip.Entries.Select(e => e.FullName).ShouldContain("summary.html");
        using var manifest = JsonDocument.Parse(zip.GetEntry("manifest.json")!.Open());
        var listed = manifest.RootElement.GetProperty("files").EnumerateArray().ToList();
        listed.Count.ShouldBe(zip.Entries.Count - 1);
        foreach (var file in listed)
        {
            using var entry = zip.GetEntry(file.GetProperty("path").GetString()!)!.Open();
            Convert.ToHexStringLower(await SHA256.HashDataAsync(entry, TestContext.Current.CancellationToken)).ShouldBe(file.GetProperty("sha256").GetString());
        }

        listed.ShouldContain(f => f.GetProperty("path").GetString()!.EndsWith("/risk-analysis.pdf", StringComparison.Ordinal));
    }

    [Theory, AllDatabaseProviders]
    public async Task A_packet_for_a_past_date_shows_the_register_as_it_stood_then(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);
        var before = db.Today;
        db.Time.Advance(TimeSpan.FromDays(2));
        await ImplementAsync(db, RiskAnalysis);

        using var zip = new ZipArchive(new MemoryStream(await PacketAsync(db, before)), ZipArchiveMode.Read);
        using var register = JsonDocument.Parse(zip.GetEntry("register.json")!.Open());
        var row = register.RootElement.GetProperty("requirements").EnumerateArray().Single(r => r.GetProperty("key").GetString() == RiskAnalysis);

        row.GetProperty("status").GetString().ShouldBe("not_assessed");
        zip.Entries.ShouldNotContain(e => e.FullName.StartsWith("evidence/", StringComparison.Ordinal));
    }

    private static async Task<byte[]> PacketAsync(TestDatabase db, DateOnly asOf)
    {
        var path = Path.Combine(Path.GetTempPath(), $"custos-packet-{Guid.NewGuid():N}.zip");
        try
        {
            await using (var file = File.Create(path))
            {
                await db.RunAsync<BuildAuditPacket, AuditPacketResult>((h, ct) => h.HandleAsync(asOf, file, ct));
            }

            return await File.ReadAllBytesAsync(path, TestContext.Current.CancellationToken);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
