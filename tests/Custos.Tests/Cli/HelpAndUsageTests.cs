namespace Custos.Tests.Cli;

public sealed class HelpAndUsageTests
{
    public static TheoryData<string[]> EveryCommand => new(
        [],
        ["version"],
        ["db"],
        ["db", "migrate"],
        ["db", "status"],
        ["org"],
        ["org", "show"],
        ["org", "customers"],
        ["demo"],
        ["demo", "seed"]);

    [Fact]
    public async Task Help_lists_every_command()
    {
        var root = await CustosCommand.RunAsync("--help");
        var db = await CustosCommand.RunAsync("db", "--help");
        var org = await CustosCommand.RunAsync("org", "--help");
        var demo = await CustosCommand.RunAsync("demo", "--help");

        root.ShouldExitWith(CommandRun.Success);
        root.Stdout.ShouldContain("Usage:");
        root.Stdout.ShouldContain("--format <table|json>");
        foreach (var command in new[] { "version", "db", "org", "demo", "migrate", "status", "show", "customers", "seed" })
        {
            root.Stdout.ShouldContain(command, Case.Sensitive);
        }

        db.ShouldExitWith(CommandRun.Success).Stdout.ShouldSatisfyAllConditions(
            s => s.ShouldContain("  migrate "),
            s => s.ShouldContain("  status "));
        org.ShouldExitWith(CommandRun.Success).Stdout.ShouldSatisfyAllConditions(
            s => s.ShouldContain("  show "),
            s => s.ShouldContain("  customers "));
        demo.ShouldExitWith(CommandRun.Success).Stdout.ShouldContain("  seed ");
    }

    [Theory]
    [MemberData(nameof(EveryCommand))]
    public async Task Every_command_has_help_with_a_description_that_fits_in_100_columns(string[] command)
    {
        var run = await CustosCommand.RunAsync([.. command, "--help"]);

        run.ShouldExitWith(CommandRun.Success);
        run.Stdout.ShouldStartWith("Description:");
        run.Stdout.ShouldContain($"custos {string.Join(' ', command)}".TrimEnd());
        run.StdoutLines.ShouldAllBe(line => line.TrimEnd().Length <= 100);
        run.Stderr.ShouldBeEmpty();
    }

    [Fact]
    public async Task An_unknown_command_exits_2_and_names_it_on_stderr()
    {
        var run = await CustosCommand.RunAsync("frobnicate");

        run.ShouldExitWith(CommandRun.UsageError);
        run.Stderr.ShouldContain("'frobnicate'");
        run.Stderr.ShouldContain("custos --help");
        run.Stdout.ShouldBeEmpty();
    }

    [Fact]
    public async Task An_unknown_option_exits_2()
    {
        var run = await CustosCommand.RunAsync("db", "status", "--frobnicate");

        run.ShouldExitWith(CommandRun.UsageError);
        run.Stderr.ShouldContain("--frobnicate");
        run.Stderr.ShouldContain("custos db status --help");
    }

    [Fact]
    public async Task A_group_without_a_command_exits_2()
    {
        var run = await CustosCommand.RunAsync("db");

        run.ShouldExitWith(CommandRun.UsageError);
        run.Stderr.ShouldContain("custos db --help");
    }

    [Theory]
    [InlineData("xml")]
    [InlineData("")]
    public async Task An_invalid_format_exits_2_and_says_which_formats_exist(string format)
    {
        var run = await CustosCommand.RunAsync("version", "--format", format);

        run.ShouldExitWith(CommandRun.UsageError);
        run.Stderr.ShouldContain("--format table or --format json");
        run.Stdout.ShouldBeEmpty();
    }

    [Fact]
    public async Task Format_is_accepted_before_the_command_too()
    {
        var run = await CustosCommand.RunAsync("--format", "json", "version");

        run.ShouldExitWith(CommandRun.Success);
        run.Json().GetProperty("version").GetString().ShouldNotBeNullOrWhiteSpace();
    }
}
