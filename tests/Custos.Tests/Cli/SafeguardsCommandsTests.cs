namespace Custos.Tests.Cli;

public sealed class SafeguardsCommandsTests
{
    [Fact]
    public async Task After_the_demo_catalog_list_prints_real_statuses_evidence_verify_passes_and_the_packet_is_written_once()
    {
        await using var db = CliDatabase.CreateSqlite();
        (await db.RunAsync("demo", "seed")).ShouldExitWith(CommandRun.Success);

        var list = (await db.RunAsync("catalog", "list", "--format", "json")).ShouldExitWith(CommandRun.Success).Json();
        var verify = await db.RunAsync("evidence", "verify");
        var packet = Path.Combine(Path.GetTempPath(), $"custos-cli-packet-{Guid.NewGuid():N}.zip");
        try
        {
            var export = await db.RunAsync("export", "audit-packet", "--out", packet);
            var again = await db.RunAsync("export", "audit-packet", "--out", packet);
            var badDate = await db.RunAsync("export", "audit-packet", "--as-of", "05/12/2026", "--out", packet + ".2");

            export.ShouldExitWith(CommandRun.Success);
            export.Stdout.ShouldContain("manifest.json SHA-256");
            File.Exists(packet).ShouldBeTrue();
            again.ShouldExitWith(CommandRun.Failure);
            again.Stderr.ShouldContain("already exists");
            badDate.ShouldExitWith(CommandRun.Failure);
            badDate.Stderr.ShouldContain("YYYY-MM-DD");
        }
        finally
        {
            File.Delete(packet);
        }

        var riskAnalysis = list.GetProperty("requirements").EnumerateArray().Single(r => r.GetProperty("citation").GetString() == "164.308(a)(1)(ii)(A)");
        riskAnalysis.GetProperty("status").GetString().ShouldBe("implemented");
        verify.ShouldExitWith(CommandRun.Success);
        verify.Stdout.ShouldContain("0 with problems");
    }
}
