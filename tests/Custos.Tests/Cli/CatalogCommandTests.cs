using System.Text.Json;
using Custos.Modules.Safeguards.Catalog;

namespace Custos.Tests.Cli;

/// <summary>custos catalog list / export / import: output contracts, filters, exit codes, nothing half written.</summary>
public sealed class CatalogCommandTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("custos-catalog-cli-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    /// <summary>
    /// `catalog list` against a private, empty SQLite database: once the Safeguards module registers its status source,
    /// the listing reads implementation statuses from it (all not assessed in an empty database).
    /// </summary>
    private static async Task<CommandRun> ListAsync(params string[] args)
    {
        await using var database = CliDatabase.CreateSqlite();
        return await CustosCommand.RunAsync(database.Configuration, ["catalog", "list", .. args]);
    }

    [Fact]
    public async Task List_as_JSON_prints_every_requirement_in_force_with_citation_title_rule_kind_required_and_status()
    {
        var run = await ListAsync("--format", "json");

        run.ShouldExitWith(CommandRun.Success);
        var json = run.Json();
        json.GetProperty("catalogVersion").GetString().ShouldBe("2026.12");
        json.GetProperty("profiles").EnumerateArray().Select(p => p.GetString()).ShouldBe(["base"]);
        var items = json.GetProperty("requirements").EnumerateArray().ToList();
        items.Count.ShouldBe(HipaaCatalog.Load().Active.Count);
        json.GetProperty("count").GetInt32().ShouldBe(items.Count);
        foreach (var item in items)
        {
            item.GetProperty("citation").ValueKind.ShouldBe(JsonValueKind.String);
            item.GetProperty("title").ValueKind.ShouldBe(JsonValueKind.String);
            item.GetProperty("rule").GetString().ShouldBeOneOf("security", "breach", "privacy");
            item.GetProperty("kind").GetString().ShouldBeOneOf("standard", "specification");
            item.GetProperty("status").GetString().ShouldBe("not_assessed");
            var required = item.GetProperty("required");
            if (item.GetProperty("kind").GetString() == "standard")
            {
                required.ValueKind.ShouldBe(JsonValueKind.Null);
            }
            else
            {
                required.ValueKind.ShouldBeOneOf(JsonValueKind.True, JsonValueKind.False);
            }
        }

        var logoff = items.Single(i => i.GetProperty("citation").GetString() == "164.312(a)(2)(iii)");
        logoff.GetProperty("title").GetString().ShouldBe("Automatic logoff");
        logoff.GetProperty("required").GetBoolean().ShouldBeFalse();
        items.ShouldNotContain(i => i.GetProperty("proposed").GetBoolean());
    }

    [Fact]
    public async Task List_filters_by_rule_and_adds_the_proposed_profile_only_when_asked()
    {
        var breach = await ListAsync("--rule", "breach", "--format", "json");
        var proposed = await ListAsync("--profile", "nprm-2025", "--format", "json");

        breach.ShouldExitWith(CommandRun.Success).Json().GetProperty("requirements").EnumerateArray()
            .ShouldAllBe(i => i.GetProperty("rule").GetString() == "breach");
        var items = proposed.ShouldExitWith(CommandRun.Success).Json().GetProperty("requirements").EnumerateArray().ToList();
        items.Count(i => i.GetProperty("proposed").GetBoolean()).ShouldBe(17);
        items.ShouldContain(i => i.GetProperty("key").GetString() == "nprm-2025:multi-factor-authentication");
    }

    [Fact]
    public async Task List_for_a_business_associate_leaves_out_the_notice_of_privacy_practices()
    {
        // 45 CFR 164.520(a): the notice is the covered entity's.
        var associate = await ListAsync("--applies-to", "business-associate", "--format", "json");
        var covered = await ListAsync("--applies-to", "covered-entity", "--format", "json");

        var associateItems = associate.ShouldExitWith(CommandRun.Success).Json().GetProperty("requirements").EnumerateArray().ToList();
        associateItems.ShouldNotContain(i => i.GetProperty("citation").GetString()!.StartsWith("164.520", StringComparison.Ordinal));
        associateItems.ShouldContain(i => i.GetProperty("citation").GetString() == "164.410(a)");
        associateItems.ShouldAllBe(i => i.GetProperty("appliesTo").EnumerateArray().Any(t => t.GetString() == "business-associate"));
        var coveredItems = covered.ShouldExitWith(CommandRun.Success).Json().GetProperty("requirements").EnumerateArray().ToList();
        coveredItems.ShouldContain(i => i.GetProperty("citation").GetString() == "164.520(a)");
        coveredItems.ShouldNotContain(i => i.GetProperty("citation").GetString() == "164.410(a)");
    }

    [Fact]
    public async Task List_as_a_table_shows_the_flags_and_says_when_a_profile_is_only_proposed()
    {
        var run = await ListAsync("--profile", "nprm-2025");

        run.ShouldExitWith(CommandRun.Success);
        run.StdoutLines[0].ShouldStartWith("CITATION");
        run.StdoutLines.ShouldContain(l => l.StartsWith("164.308(a)(1)(ii)(A)", StringComparison.Ordinal) && l.Contains(" R ") && l.Contains("not assessed"));
        run.StdoutLines.ShouldContain(l => l.StartsWith("164.312(e)(2)(ii)", StringComparison.Ordinal) && l.Contains(" A "));
        run.Stdout.ShouldContain("PROPOSED, NOT LAW");
        run.StdoutLines.ShouldAllBe(l => l.Length <= 100);
    }

    [Theory]
    [InlineData("--rule", "hitech")]
    [InlineData("--profile", "nprm-2031")]
    [InlineData("--applies-to", "clearinghouse")]
    public async Task An_unknown_rule_or_profile_is_a_usage_error(string option, string value)
    {
        var run = await ListAsync(option, value);

        run.ShouldExitWith(CommandRun.UsageError);
        run.Stderr.ShouldContain($"'{value}' is not a");
    }

    [Fact]
    public async Task Export_writes_an_OSCAL_catalog_that_import_dry_run_accepts()
    {
        var file = Path.Combine(folder, "catalog.json");

        var export = await CustosCommand.RunAsync("catalog", "export", "--format", "oscal", "--out", file);
        var import = await CustosCommand.RunAsync("catalog", "import", file, "--dry-run");

        export.ShouldExitWith(CommandRun.Success);
        using (var document = JsonDocument.Parse(File.ReadAllText(file)))
        {
            document.RootElement.GetProperty("catalog").GetProperty("metadata").GetProperty("oscal-version").GetString().ShouldBe("1.1.2");
        }

        import.ShouldExitWith(CommandRun.Success);
        import.Stdout.ShouldContain("valid OSCAL 1.1.2 catalog");
        Directory.GetFiles(folder).ShouldBe([file], "no temporary file is left behind");
    }

    [Fact]
    public async Task Export_of_a_profile_writes_an_OSCAL_profile()
    {
        var file = Path.Combine(folder, "nprm.json");

        var run = await CustosCommand.RunAsync("catalog", "export", "--format", "oscal", "--profile", "nprm-2025", "--out", file);

        run.ShouldExitWith(CommandRun.Success);
        using var document = JsonDocument.Parse(File.ReadAllText(file));
        document.RootElement.GetProperty("profile").GetProperty("imports")[0].GetProperty("include-controls")[0]
            .GetProperty("with-ids").GetArrayLength().ShouldBe(HipaaCatalog.Load().ForProfiles(["nprm-2025"]).Count);
    }

    [Fact]
    public async Task Export_refuses_to_replace_a_file_without_force_and_another_format()
    {
        var file = Path.Combine(folder, "existing.json");
        File.WriteAllText(file, "keep me");

        var refused = await CustosCommand.RunAsync("catalog", "export", "--format", "oscal", "--out", file);
        var wrongFormat = await CustosCommand.RunAsync("catalog", "export", "--format", "csv", "--out", Path.Combine(folder, "x.json"));

        refused.ShouldExitWith(CommandRun.Failure).Stderr.ShouldContain("--force");
        File.ReadAllText(file).ShouldBe("keep me");
        wrongFormat.ShouldExitWith(CommandRun.UsageError).Stderr.ShouldContain("'csv' is not an export format");
    }

    [Fact]
    public async Task Import_reports_every_error_with_its_path_and_exits_1()
    {
        var file = Path.Combine(folder, "bad.json");
        File.WriteAllText(file, """{ "catalog": { "uuid": "9c2b8a5e-1d4f-4e0a-8b6c-3f2e1d0c9b8a", "metadata": { "title": "T", "version": "1", "oscal-version": "1.1.2" }, "controls": [ { "id": "cc6.1", "props": [ { "name": "hipaa-citation", "value": "164.999" } ] } ] } }""");

        var run = await CustosCommand.RunAsync("catalog", "import", file, "--dry-run");
        var json = await CustosCommand.RunAsync("catalog", "import", file, "--dry-run", "--format", "json");

        run.ShouldExitWith(CommandRun.Failure);
        run.Stderr.ShouldContain("$.catalog.controls[0].title: missing.");
        run.Stderr.ShouldContain("$.catalog.controls[0].props[0].value: '164.999' is not a citation");
        run.Stderr.ShouldContain("Nothing was stored");
        json.ShouldExitWith(CommandRun.Failure);
        var report = json.Json();
        report.GetProperty("valid").GetBoolean().ShouldBeFalse();
        report.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("path").GetString())
            .ShouldBe(["$.catalog.controls[0].title", "$.catalog.controls[0].props[0].value"]);
    }

    [Fact]
    public async Task Import_of_a_missing_file_fails_with_its_name()
    {
        var run = await CustosCommand.RunAsync("catalog", "import", Path.Combine(folder, "absent.json"), "--dry-run");

        run.ShouldExitWith(CommandRun.Failure).Stderr.ShouldContain("absent.json does not exist");
    }
}
