namespace Custos.Tests.Cli;

public sealed class DbMigrateCommandTests
{
    [Fact]
    public async Task Migrate_on_an_empty_sqlite_file_applies_InitialCreate_and_a_second_run_says_it_is_current()
    {
        await using var db = CliDatabase.CreateSqlite();

        var first = await db.RunAsync("db", "migrate");
        var second = await db.RunAsync("db", "migrate");

        first.ShouldExitWith(CommandRun.Success);
        first.StdoutLines.ShouldContain(line => line.StartsWith("Applying ", StringComparison.Ordinal) && line.EndsWith("_InitialCreate", StringComparison.Ordinal));
        first.StdoutLines[^1].ShouldBe($"Applied {ShippedMigrations.Described()} to the SQLite file {db.SqliteFile}.");
        second.ShouldExitWith(CommandRun.Success);
        second.Stdout.ShouldContain("already current");
        second.Stdout.ShouldNotContain("Applying");
    }

    [Theory]
    [MemberData(nameof(CliDatabase.Providers), MemberType = typeof(CliDatabase))]
    public async Task Migrate_as_json_reports_the_target_and_the_applied_migrations(string provider)
    {
        await using var db = await CliDatabase.CreateAsync(provider);

        var first = (await db.RunAsync("db", "migrate", "--format", "json")).ShouldExitWith(CommandRun.Success).Json();
        var second = (await db.RunAsync("db", "migrate", "--format", "json")).ShouldExitWith(CommandRun.Success).Json();

        first.GetProperty("provider").GetString().ShouldBe(provider);
        first.GetProperty("applied").EnumerateArray().Select(m => m.GetString()).ShouldContain(m => m!.EndsWith("_InitialCreate", StringComparison.Ordinal));
        first.GetProperty("alreadyCurrent").GetBoolean().ShouldBeFalse();
        first.GetProperty("target").GetString()!.ShouldNotContain("Password", Case.Insensitive);
        second.GetProperty("applied").GetArrayLength().ShouldBe(0);
        second.GetProperty("alreadyCurrent").GetBoolean().ShouldBeTrue();
    }
}
