namespace Custos.Tests.Cli;

public sealed class DbStatusCommandTests
{
    [Theory]
    [MemberData(nameof(CliDatabase.Providers), MemberType = typeof(CliDatabase))]
    public async Task Status_shows_zero_pending_after_migrate(string provider)
    {
        await using var db = await CliDatabase.CreateAsync(provider);
        (await db.RunAsync("db", "migrate")).ShouldExitWith(CommandRun.Success);

        var table = await db.RunAsync("db", "status");
        var json = (await db.RunAsync("db", "status", "--format", "json")).ShouldExitWith(CommandRun.Success).Json();

        table.ShouldExitWith(CommandRun.Success);
        table.Stdout.ShouldContain($"{ShippedMigrations.Count} applied, 0 pending: the schema is current");
        table.Stdout.ShouldContain(provider);
        json.GetProperty("pending").GetArrayLength().ShouldBe(0);
        json.GetProperty("applied").GetArrayLength().ShouldBe(ShippedMigrations.Count);
        json.GetProperty("isCurrent").GetBoolean().ShouldBeTrue();
    }

    [Fact]
    public async Task Status_on_a_new_database_lists_InitialCreate_as_pending_and_applies_nothing()
    {
        await using var db = CliDatabase.CreateSqlite();

        var first = await db.RunAsync("db", "status");
        var second = (await db.RunAsync("db", "status", "--format", "json")).ShouldExitWith(CommandRun.Success).Json();

        first.ShouldExitWith(CommandRun.Success);
        first.Stdout.ShouldContain($"0 applied, {ShippedMigrations.Count} pending: run `custos db migrate`");
        first.StdoutLines.ShouldContain(line => line.Contains("_InitialCreate", StringComparison.Ordinal) && line.EndsWith("Pending", StringComparison.Ordinal));
        second.GetProperty("pending").GetArrayLength().ShouldBe(ShippedMigrations.Count);
        second.GetProperty("isCurrent").GetBoolean().ShouldBeFalse();
    }
}
