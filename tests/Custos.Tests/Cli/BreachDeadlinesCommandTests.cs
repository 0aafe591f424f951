using System.Text.Json;

namespace Custos.Tests.Cli;

/// <summary>custos breach deadlines: the calculator prints the rule set's obligations; bad input exits 2 with nothing on stdout.</summary>
public sealed class BreachDeadlinesCommandTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("custos-breach-cli-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public async Task A_business_associates_deadlines_print_as_a_JSON_array_of_the_issues_objects()
    {
        var run = await CustosCommand.RunAsync(
            "breach", "deadlines", "--role", "business-associate", "--discovered", "2026-03-02",
            "--affected", "TX=530,OH=90", "--baa-notice-days", "10", "--format", "json");

        run.ShouldExitWith(CommandRun.Success);
        run.Stderr.ShouldBeEmpty();
        var items = run.Json().EnumerateArray().ToList();
        items.Select(i => $"{i.GetProperty("recipient").GetString()} {i.GetProperty("jurisdiction").GetString()} {i.GetProperty("dueDate").GetString()}")
            .ShouldBe(["covered_entity  2026-03-12", "covered_entity OH 2026-03-12"]);
        foreach (var item in items)
        {
            item.GetProperty("status").GetString().ShouldBe("pending");
            item.GetProperty("basis").GetString().ShouldNotBeNullOrWhiteSpace();
            item.GetProperty("reasoning").GetString().ShouldNotBeNullOrWhiteSpace();
        }

        items[0].GetProperty("jurisdiction").ValueKind.ShouldBe(JsonValueKind.Null);
        items[0].GetProperty("basis").GetString().ShouldBe("45 CFR 164.410(b); BAA notice window");
        items[0].GetProperty("reasoning").GetString()!.ShouldContain("discovered 2026-03-02 + 10 days = 2026-03-12");
        items[0].GetProperty("reasoning").GetString()!.ShouldContain("Texas");
        items[1].GetProperty("stateRuleLoaded").GetBoolean().ShouldBeFalse();
        items[1].GetProperty("reasoning").GetString()!.ShouldContain("check the state's law");
    }

    [Fact]
    public async Task A_covered_entitys_deadlines_print_as_a_table_with_the_reasoning_in_100_columns()
    {
        var run = await CustosCommand.RunAsync(
            "breach", "deadlines", "--role", "covered-entity", "--discovered", "2026-03-02", "--affected", "TX=530,OH=90");

        run.ShouldExitWith(CommandRun.Success);
        run.StdoutLines[0].ShouldBe("#  DUE         RECIPIENT          WHERE  BASIS");
        run.Stdout.ShouldContain("2026-04-01  state_regulator    TX");
        run.Stdout.ShouldContain("2026-05-01  individuals        -      45 CFR 164.404(b)");
        run.Stdout.ShouldContain("2026-05-01  secretary          -      45 CFR 164.408(b)");
        run.Stdout.ShouldContain("2026-05-01  media              TX     45 CFR 164.406");
        run.Stdout.ShouldContain("2026-05-01  state_individuals  OH     No State rule loaded");
        run.Stdout.ShouldContain("620 individuals are affected in total, 500 or more");
        run.StdoutLines.ShouldAllBe(line => line.Length <= 100);
    }

    [Fact]
    public async Task An_independent_business_associates_covered_entity_counts_from_the_day_it_learned_and_an_agents_from_discovery()
    {
        string[] args = ["breach", "deadlines", "--role", "covered-entity", "--discovered", "2026-03-02", "--covered-entity-learned", "2026-03-20", "--format", "json"];

        var independent = (await CustosCommand.RunAsync(args)).ShouldExitWith(CommandRun.Success).Json();
        var agent = (await CustosCommand.RunAsync([.. args, "--agent-of-covered-entity"])).ShouldExitWith(CommandRun.Success).Json();

        Individuals(independent).GetProperty("dueDate").GetString().ShouldBe("2026-05-19");
        Individuals(agent).GetProperty("dueDate").GetString().ShouldBe("2026-05-01");
    }

    [Fact]
    public async Task An_oral_law_enforcement_delay_beyond_30_days_is_capped_and_a_written_one_is_not()
    {
        string[] args = ["breach", "deadlines", "--role", "covered-entity", "--discovered", "2026-03-02", "--delay-from", "2026-03-10", "--delay-until", "2026-05-10", "--format", "json"];

        var oral = (await CustosCommand.RunAsync([.. args, "--law-enforcement-delay", "oral"])).ShouldExitWith(CommandRun.Success).Json();
        var written = (await CustosCommand.RunAsync([.. args, "--law-enforcement-delay", "written"])).ShouldExitWith(CommandRun.Success).Json();

        Individuals(oral).GetProperty("dueDate").GetString().ShouldBe("2026-05-31");
        Individuals(oral).GetProperty("dueDateBeforeDelay").GetString().ShouldBe("2026-05-01");
        Individuals(written).GetProperty("dueDate").GetString().ShouldBe("2026-07-01");
    }

    [Fact]
    public async Task Bad_facts_exit_2_with_the_validators_messages_and_nothing_on_stdout()
    {
        var run = await CustosCommand.RunAsync(
            "breach", "deadlines", "--role", "covered-entity", "--discovered", "2099-01-01", "--affected", "ZZ=5,TX=-2",
            "--law-enforcement-delay", "written", "--delay-from", "2026-03-10", "--delay-until", "2026-03-01", "--format", "json");

        run.ShouldExitWith(CommandRun.UsageError);
        run.Stdout.ShouldBeEmpty();
        run.Stderr.ShouldContain("The discovery date 2099-01-01 is after today");
        run.Stderr.ShouldContain("'ZZ' is not a U.S. State or jurisdiction code");
        run.Stderr.ShouldContain("The number of individuals affected in TX is -2");
        run.Stderr.ShouldContain("The law-enforcement delay ends on 2026-03-01, before it starts (2026-03-10)");
    }

    [Fact]
    public async Task A_BAA_window_over_60_days_exits_2_saying_a_BAA_cannot_extend_the_regulation()
    {
        var run = await CustosCommand.RunAsync("breach", "deadlines", "--role", "business-associate", "--discovered", "2026-03-02", "--baa-notice-days", "90");

        run.ShouldExitWith(CommandRun.UsageError);
        run.Stdout.ShouldBeEmpty();
        run.Stderr.ShouldContain("a BAA can shorten it but not extend it");
    }

    [Theory]
    [InlineData("--discovered 2026-13-01 --role covered-entity", "--discovered takes a date as YYYY-MM-DD")]
    [InlineData("--discovered 2026-03-02 --role landlord", "--role takes business-associate or covered-entity")]
    [InlineData("--discovered 2026-03-02", "--role")]
    [InlineData("--role covered-entity", "--discovered")]
    [InlineData("--discovered 2026-03-02 --role covered-entity --affected TX:5", "--affected takes State=count pairs")]
    [InlineData("--discovered 2026-03-02 --role covered-entity --affected TX=5,TX=6", "--affected gives TX more than once")]
    [InlineData("--discovered 2026-03-02 --role covered-entity --law-enforcement-delay oral", "--law-enforcement-delay needs --delay-from")]
    [InlineData("--discovered 2026-03-02 --role covered-entity --delay-from 2026-03-05", "need --law-enforcement-delay oral or written")]
    [InlineData("--discovered 2026-03-02 --role covered-entity --law-enforcement-delay phone --delay-from 2026-03-05", "--law-enforcement-delay takes oral or written")]
    public async Task A_malformed_command_line_exits_2_saying_what_to_fix(string arguments, string expected)
    {
        var run = await CustosCommand.RunAsync(["breach", "deadlines", .. arguments.Split(' ')]);

        run.ShouldExitWith(CommandRun.UsageError);
        run.Stdout.ShouldBeEmpty();
        run.Stderr.ShouldContain(expected);
    }

    [Fact]
    public async Task The_State_law_file_named_in_configuration_is_used_without_code_changes()
    {
        var path = Path.Combine(folder, "states.json");
        await File.WriteAllTextAsync(path, """
            { "states": [ { "code": "OH", "name": "Ohio", "citation": "Test citation OH", "sourceUrl": "https://example.org/oh",
                            "lastVerified": "2026-12-01", "individuals": { "days": 45, "anchor": "discovery", "text": "within 45 days" } } ] }
            """, TestContext.Current.CancellationToken);

        var run = await CustosCommand.RunAsync(
            new Dictionary<string, string?> { ["Custos:Breach:StateLawsFile"] = path },
            "breach", "deadlines", "--role", "covered-entity", "--discovered", "2026-03-02", "--affected", "OH=90", "--format", "json");

        var ohio = run.ShouldExitWith(CommandRun.Success).Json().EnumerateArray().Single(i => i.GetProperty("jurisdiction").GetString() == "OH");
        ohio.GetProperty("dueDate").GetString().ShouldBe("2026-04-16");
        ohio.GetProperty("basis").GetString().ShouldBe("Test citation OH");
    }

    [Fact]
    public async Task A_missing_State_law_file_exits_1_naming_the_setting()
    {
        var run = await CustosCommand.RunAsync(
            new Dictionary<string, string?> { ["Custos:Breach:StateLawsFile"] = Path.Combine(folder, "missing.json") },
            "breach", "deadlines", "--role", "covered-entity", "--discovered", "2026-03-02");

        run.ShouldExitWith(CommandRun.Failure);
        run.Stdout.ShouldBeEmpty();
        run.Stderr.ShouldContain("Custos:Breach:StateLawsFile");
    }

    [Theory]
    [InlineData("breach")]
    [InlineData("breach deadlines")]
    public async Task The_breach_commands_have_help_that_fits_in_100_columns(string command)
    {
        var run = await CustosCommand.RunAsync([.. command.Split(' '), "--help"]);

        run.ShouldExitWith(CommandRun.Success);
        run.Stdout.ShouldStartWith("Description:");
        run.StdoutLines.ShouldAllBe(line => line.TrimEnd().Length <= 100);
    }

    private static JsonElement Individuals(JsonElement array) =>
        array.EnumerateArray().Single(i => i.GetProperty("recipient").GetString() == "individuals");
}
