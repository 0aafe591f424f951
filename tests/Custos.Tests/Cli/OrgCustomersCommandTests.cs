using System.Text.Json;

namespace Custos.Tests.Cli;

public sealed class OrgCustomersCommandTests
{
    [Fact]
    public async Task Customers_lists_every_customer_by_name_in_an_aligned_table()
    {
        await using var db = await SeededAsync();

        var run = await db.RunAsync("org", "customers");

        run.ShouldExitWith(CommandRun.Success);
        var lines = run.StdoutLines;
        lines[0].ShouldStartWith("NAME");
        lines[2].ShouldStartWith("Cascade Family Health Plan");
        lines[3].ShouldStartWith("Riverbend Community Health");
        lines[4].ShouldStartWith("Summit Claims Exchange");
        var kindColumn = lines[0].IndexOf("KIND", StringComparison.Ordinal);
        lines[2].IndexOf("Health plan", StringComparison.Ordinal).ShouldBe(kindColumn);
        lines[3].IndexOf("Provider", StringComparison.Ordinal).ShouldBe(kindColumn);
        lines.ShouldAllBe(line => line.Length <= 100);
        string.Join(' ', lines).ShouldContain("Their BAA has us send the breach notices to individuals, media and the Secretary: Riverbend Community Health."); // wrapped to the page
        lines[^1].ShouldBe("3 customers.");
    }

    [Fact]
    public async Task Customers_search_filters_by_part_of_the_name_in_any_case()
    {
        await using var db = await SeededAsync();

        var json = (await db.RunAsync("org", "customers", "--search", "CLAIMS", "--format", "json")).ShouldExitWith(CommandRun.Success).Json();
        var table = await db.RunAsync("org", "customers", "--search", "health");
        var none = await db.RunAsync("org", "customers", "--search", "nobody");

        Names(json).ShouldBe(["Summit Claims Exchange"]);
        json.GetProperty("totalCount").GetInt32().ShouldBe(1);
        table.ShouldExitWith(CommandRun.Success);
        table.Stdout.ShouldContain("Cascade Family Health Plan");
        table.Stdout.ShouldContain("Riverbend Community Health");
        table.Stdout.ShouldNotContain("Summit Claims Exchange");
        table.Stdout.ShouldContain("2 customers matching 'health'.");
        none.ShouldExitWith(CommandRun.Success);
        none.Stdout.ShouldContain("No customers match 'nobody'.");
    }

    [Fact]
    public async Task Customers_limit_stops_early_and_the_cursor_continues_where_it_stopped()
    {
        await using var db = await SeededAsync();

        var first = (await db.RunAsync("org", "customers", "--limit", "2", "--format", "json")).ShouldExitWith(CommandRun.Success).Json();
        var cursor = first.GetProperty("nextCursor").GetString()!;
        var rest = (await db.RunAsync("org", "customers", "--cursor", cursor, "--format", "json")).ShouldExitWith(CommandRun.Success).Json();
        var table = await db.RunAsync("org", "customers", "--limit", "1");

        Names(first).ShouldBe(["Cascade Family Health Plan", "Riverbend Community Health"]);
        first.GetProperty("totalCount").GetInt32().ShouldBe(3);
        Names(rest).ShouldBe(["Summit Claims Exchange"]);
        rest.GetProperty("nextCursor").ValueKind.ShouldBe(JsonValueKind.Null);
        table.ShouldExitWith(CommandRun.Success);
        table.Stdout.ShouldContain("Showing 1 of 3 customers. Use --all to list every one, or --cursor");
    }

    [Fact]
    public async Task Customers_all_walks_every_page()
    {
        await using var db = await SeededAsync();

        var json = (await db.RunAsync("org", "customers", "--all", "--format", "json")).ShouldExitWith(CommandRun.Success).Json();

        Names(json).Count.ShouldBe(3);
        json.GetProperty("nextCursor").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Theory]
    [InlineData("--limit", "0")]
    [InlineData("--limit", "many")]
    [InlineData("--all", "--limit", "5")]
    public async Task Customers_with_an_impossible_limit_is_a_usage_error(params string[] options)
    {
        var run = await CustosCommand.RunAsync(["org", "customers", .. options]);

        run.ShouldExitWith(CommandRun.UsageError);
        run.Stderr.ShouldContain("custos org customers --help");
    }

    private static async Task<CliDatabase> SeededAsync()
    {
        var db = CliDatabase.CreateSqlite();
        (await db.RunAsync("demo", "seed")).ShouldExitWith(CommandRun.Success);
        return db;
    }

    private static List<string?> Names(JsonElement listing) =>
        listing.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("name").GetString()).ToList();
}
