using System.Data.Common;
using Custos.Modules.Safeguards.Catalog;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Custos.Tests.Cli;

/// <summary>
/// `custos catalog import FILE` stores the custom requirements through the ImportCustomRequirements use case, all or
/// nothing; `custos catalog upgrade-report` prints what an upgrade of the built-in catalog changed.
/// </summary>
public sealed class CatalogImportAndUpgradeCommandTests : IDisposable
{
    private const string Soc2 = """
        {
          "catalog": {
            "uuid": "6f1c1a8e-2b3d-4c5e-8f70-1a2b3c4d5e6f",
            "metadata": { "title": "SOC 2 excerpt", "last-modified": "2026-01-01T00:00:00Z", "version": "1", "oscal-version": "1.1.2" },
            "controls": [
              { "id": "cc6.1", "title": "Logical access security",
                "props": [ { "name": "hipaa-citation", "value": "45 CFR 164.312(a)(1)" } ],
                "parts": [ { "id": "cc6.1_gdn", "name": "guidance", "prose": "Restrict logical access." } ] },
              { "id": "cc7.2", "title": "System monitoring",
                "props": [ { "name": "hipaa-citation", "value": "164.312(b)" }, { "name": "hipaa-citation", "value": "164.308(a)(1)(ii)(D)" } ] }
            ]
          }
        }
        """;

    private readonly string folder = Directory.CreateTempSubdirectory("custos-catalog-import-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Theory]
    [MemberData(nameof(CliDatabase.Providers), MemberType = typeof(CliDatabase))]
    public async Task Import_stores_the_controls_as_custom_requirements_mapped_to_HIPAA_and_prints_what_it_stored(string provider)
    {
        await using var db = await CliDatabase.CreateAsync(provider);
        var file = Write("soc2.json", Soc2);

        var run = await db.RunAsync("catalog", "import", file);

        run.ShouldExitWith(CommandRun.Success);
        run.Stdout.ShouldContain("valid OSCAL 1.1.2 catalog 'SOC 2 excerpt'");
        run.Stdout.ShouldContain("Storing 2 custom requirements and their HIPAA mappings in one transaction...");
        run.Stdout.ShouldContain("Stored 2 custom requirements (custom:cc6.1, custom:cc7.2) with 3 mappings to HIPAA requirements.");
        (await CountAsync(db, "safeguards_custom_requirements")).ShouldBe(2);
        (await CountAsync(db, "safeguards_implementation_links")).ShouldBe(3);
    }

    [Fact]
    public async Task Import_as_JSON_prints_one_document_with_what_was_stored()
    {
        await using var db = CliDatabase.CreateSqlite();
        var file = Write("soc2.json", Soc2);

        var run = (await db.RunAsync("catalog", "import", file, "--format", "json")).ShouldExitWith(CommandRun.Success);

        var stored = run.Json().GetProperty("stored");
        stored.GetProperty("keys").EnumerateArray().Select(k => k.GetString()).ShouldBe(["custom:cc6.1", "custom:cc7.2"]);
        stored.GetProperty("mappings").GetInt32().ShouldBe(3);
    }

    [Theory]
    [MemberData(nameof(CliDatabase.Providers), MemberType = typeof(CliDatabase))]
    public async Task An_unknown_citation_malformed_OSCAL_or_a_control_already_imported_exits_1_with_the_reason_and_stores_nothing(string provider)
    {
        await using var db = await CliDatabase.CreateAsync(provider);
        (await db.RunAsync("catalog", "import", Write("first.json", Soc2.Replace("cc7.2", "cc9.9", StringComparison.Ordinal)))).ShouldExitWith(CommandRun.Success);

        var unknown = await db.RunAsync("catalog", "import", Write("unknown.json", Soc2.Replace("164.312(b)", "164.399(q)", StringComparison.Ordinal)));
        var malformed = await db.RunAsync("catalog", "import", Write("malformed.json", "{ \"catalog\": { \"uuid\": "));
        var again = await db.RunAsync("catalog", "import", Write("again.json", Soc2));

        unknown.ShouldExitWith(CommandRun.Failure);
        unknown.Stderr.ShouldContain("'164.399(q)' is not a citation");
        unknown.Stderr.ShouldContain("Nothing was stored");
        malformed.ShouldExitWith(CommandRun.Failure);
        malformed.Stderr.ShouldContain("$");
        malformed.Stderr.ShouldContain("Nothing was stored");
        again.ShouldExitWith(CommandRun.Failure);
        again.Stderr.ShouldContain("custom:cc6.1 already exists");
        again.Stderr.ShouldContain("Nothing was stored");
        (await CountAsync(db, "safeguards_custom_requirements")).ShouldBe(2);
        (await CountAsync(db, "safeguards_implementation_links")).ShouldBe(3);
    }

    [Fact]
    public async Task Import_of_the_HIPAA_catalog_itself_stores_nothing_because_it_holds_no_control_of_another_framework()
    {
        await using var db = CliDatabase.CreateSqlite();
        var file = Path.Combine(folder, "catalog.json");
        (await db.RunAsync("catalog", "export", "--out", file)).ShouldExitWith(CommandRun.Success);

        var run = await db.RunAsync("catalog", "import", file);

        run.ShouldExitWith(CommandRun.Failure);
        run.Stderr.ShouldContain("nothing to import");
        run.Stderr.ShouldContain("Nothing was stored");
        (await CountAsync(db, "safeguards_custom_requirements")).ShouldBe(0);
    }

    [Fact]
    public async Task Upgrade_report_prints_nothing_new_at_first_and_after_an_upgrade_lists_what_changed()
    {
        await using var db = CliDatabase.CreateSqlite();
        var first = await db.RunAsync("catalog", "upgrade-report");
        var shipped = HipaaCatalog.Load();
        var previous = new RequirementCatalog(
            "2026.06",
            shipped.Profiles,
            shipped.Requirements.Where(r => r.Key != "164.308(a)(1)(ii)(B)").Select(r => r.Key == "164.312(b)" ? r with { Title = "Audit logs" } : r)
                .Append(shipped.Get("164.312(c)(1)") with { Key = "164.312(z)", Citation = "164.312(z)", Title = "A withdrawn standard" }));
        await ExecuteAsync(db, "UPDATE safeguards_catalog_state SET version = '2026.06', snapshot = $snapshot", CatalogSnapshot.Write(previous));

        var report = await db.RunAsync("catalog", "upgrade-report");
        var json = (await db.RunAsync("catalog", "upgrade-report", "--format", "json")).ShouldExitWith(CommandRun.Success).Json();

        first.ShouldExitWith(CommandRun.Success);
        first.Stdout.ShouldContain($"Catalog {shipped.Version}: no upgrade recorded");
        report.ShouldExitWith(CommandRun.Success);
        report.Stdout.ShouldContain($"Catalog upgrade 2026.06 -> {shipped.Version}");
        report.Stdout.ShouldContain("1 requirement added, 1 changed, 1 withdrawn");
        report.StdoutLines.ShouldContain(l => l.StartsWith("added", StringComparison.Ordinal) && l.Contains("164.308(a)(1)(ii)(B)", StringComparison.Ordinal));
        report.StdoutLines.ShouldContain(l => l.StartsWith("changed", StringComparison.Ordinal) && l.Contains("was 'Audit logs'", StringComparison.Ordinal));
        report.StdoutLines.ShouldContain(l => l.StartsWith("withdrawn", StringComparison.Ordinal) && l.Contains("164.312(z)", StringComparison.Ordinal));
        var stored = json.GetProperty("reports").EnumerateArray().ShouldHaveSingleItem();
        stored.GetProperty("fromVersion").GetString().ShouldBe("2026.06");
        stored.GetProperty("withdrawn")[0].GetProperty("key").GetString().ShouldBe("164.312(z)");
    }

    private string Write(string name, string content)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, content);
        return path;
    }

    private static async Task<long> CountAsync(CliDatabase db, string table)
    {
        await using var connection = Open(db);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM {table}";
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task ExecuteAsync(CliDatabase db, string sql, string snapshot)
    {
        await using var connection = Open(db);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var parameter = command.CreateParameter();
        parameter.ParameterName = "$snapshot";
        parameter.Value = snapshot;
        command.Parameters.Add(parameter);
        (await command.ExecuteNonQueryAsync()).ShouldBe(1);
    }

    private static DbConnection Open(CliDatabase db) => db.SqliteFile is { } file
        ? new SqliteConnection($"Data Source={file};Pooling=False")
        : new NpgsqlConnection(db.ConnectionString);
}
