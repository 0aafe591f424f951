namespace Custos.Tests.Cli;

public sealed class ConfigurationErrorTests
{
    [Fact]
    public async Task An_unknown_database_provider_exits_1_with_one_stderr_line_naming_Database_Provider()
    {
        var run = await CustosCommand.RunAsync(
            new Dictionary<string, string?> { ["Database:Provider"] = "Oracle" },
            "db", "status");

        run.ShouldExitWith(CommandRun.Failure);
        run.StderrLines.Count.ShouldBe(1);
        run.StderrLines[0].ShouldContain("Database:Provider");
        run.StderrLines[0].ShouldContain("Oracle");
        run.Stderr.ShouldNotContain("   at ");
        run.Stdout.ShouldBeEmpty();
    }

    [Fact]
    public async Task An_unreachable_postgres_server_exits_1_naming_the_connection_string_without_the_password()
    {
        const string password = "not-for-anyone-7f3e";
        var run = await CustosCommand.RunAsync(
            new Dictionary<string, string?>
            {
                ["Database:Provider"] = "Postgres",
                ["ConnectionStrings:Custos"] = $"Host=127.0.0.1;Port=1;Database=custos;Username=custos;Password={password};Timeout=3",
            },
            "db", "status", "--format", "json");

        run.ShouldExitWith(CommandRun.Failure);
        run.StderrLines.Count.ShouldBe(1);
        run.StderrLines[0].ShouldContain("ConnectionStrings:Custos");
        run.StderrLines[0].ShouldContain("127.0.0.1:1");
        run.Stderr.ShouldNotContain(password);
        run.Stderr.ShouldNotContain("   at ");
        run.Stdout.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_postgres_provider_without_a_connection_string_exits_1_saying_how_to_set_it()
    {
        var run = await CustosCommand.RunAsync(
            new Dictionary<string, string?> { ["Database:Provider"] = "Postgres", ["ConnectionStrings:Custos"] = null },
            "org", "show");

        run.ShouldExitWith(CommandRun.Failure);
        run.StderrLines.ShouldHaveSingleItem().ShouldContain("ConnectionStrings__Custos");
    }
}
