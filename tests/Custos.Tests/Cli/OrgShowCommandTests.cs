namespace Custos.Tests.Cli;

public sealed class OrgShowCommandTests
{
    [Fact]
    public async Task Org_show_with_nothing_recorded_says_what_to_do_and_lists_every_setup_item_as_missing()
    {
        await using var db = CliDatabase.CreateSqlite();

        var run = await db.RunAsync("org", "show");
        var json = (await db.RunAsync("org", "show", "--format", "json")).ShouldExitWith(CommandRun.Success).Json();

        run.ShouldExitWith(CommandRun.Success);
        run.StdoutLines[0].ShouldBe("No organization profile yet: open Custos in a browser or run `custos demo seed`.");
        run.Stdout.ShouldContain("Privacy Officer    not designated");
        run.Stdout.ShouldContain("Setup checklist: 0 of 4 done");
        json.GetProperty("profile").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
        json.GetProperty("privacyOfficer").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
        json.GetProperty("customerCount").GetInt32().ShouldBe(0);
        json.GetProperty("setup").GetProperty("checks").EnumerateArray()
            .Select(c => c.GetProperty("state").GetString()).ShouldAllBe(state => state == "Missing");
    }

    [Fact]
    public async Task Org_show_lists_missing_setup_items_first_then_the_rest_by_priority()
    {
        await using var db = CliDatabase.CreateSqlite();
        (await db.RunAsync("demo", "seed")).ShouldExitWith(CommandRun.Success);

        var json = (await db.RunAsync("org", "show", "--format", "json")).ShouldExitWith(CommandRun.Success).Json();

        var checks = json.GetProperty("setup").GetProperty("checks").EnumerateArray().ToList();
        checks.Select(c => c.GetProperty("priority").GetInt32()).ShouldBe([1, 2, 3, 4]);
        checks.Select(c => c.GetProperty("state").GetString()).ShouldAllBe(state => state == "Done");
        checks[0].GetProperty("key").GetString().ShouldBe("organization.profile");
    }

    [Fact]
    public async Task Org_show_as_a_table_is_readable_in_100_columns()
    {
        await using var db = CliDatabase.CreateSqlite();
        (await db.RunAsync("demo", "seed")).ShouldExitWith(CommandRun.Success);

        var run = await db.RunAsync("org", "show");

        run.ShouldExitWith(CommandRun.Success);
        run.Stderr.ShouldBeEmpty("no EF Core logging or notices on a database that is already current");
        run.StdoutLines.ShouldAllBe(line => line.Length <= 100);
        run.Stdout.ShouldContain("  Legal name     Brightwater Telehealth, Inc.");
        run.Stdout.ShouldContain("  Entity type    Business associate");
        run.Stdout.ShouldContain("Priya Raman (Director of Privacy) <privacy@brightwater.example>");
        run.Stdout.ShouldContain("3 customers");
        run.Stdout.ShouldContain("Setup checklist: 4 of 4 done");
    }

    [Fact]
    public async Task Org_show_stops_with_what_to_run_when_migrations_are_pending_and_MigrateOnStartup_is_false()
    {
        await using var db = CliDatabase.CreateSqlite();
        var configuration = db.Configuration;
        configuration["Database:MigrateOnStartup"] = "false";

        var run = await CustosCommand.RunAsync(configuration, "org", "show");

        run.ShouldExitWith(CommandRun.Failure);
        run.StderrLines.Count.ShouldBe(1);
        run.Stderr.ShouldContain("Run `custos db migrate`");
        run.Stdout.ShouldBeEmpty();
    }
}
