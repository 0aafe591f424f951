namespace Custos.Tests.Cli;

public sealed class DemoSeedCommandTests
{
    [Theory]
    [MemberData(nameof(CliDatabase.Providers), MemberType = typeof(CliDatabase))]
    public async Task Demo_seed_then_org_show_as_json_returns_the_seeded_profile_with_officers_and_three_customers(string provider)
    {
        await using var db = await CliDatabase.CreateAsync(provider);

        var seed = await db.RunAsync("demo", "seed");
        var show = (await db.RunAsync("org", "show", "--format", "json")).ShouldExitWith(CommandRun.Success).Json();

        seed.ShouldExitWith(CommandRun.Success);
        seed.StdoutLines.ShouldContain("Organization profile: Brightwater Telehealth, Inc. (business associate)");
        seed.Stdout.ShouldContain("Demo data added to the ");
        var profile = show.GetProperty("profile");
        profile.GetProperty("legalName").GetString().ShouldBe("Brightwater Telehealth, Inc.");
        profile.GetProperty("entityType").GetString().ShouldBe("BusinessAssociate");
        show.GetProperty("privacyOfficer").GetProperty("name").GetString().ShouldBe("Priya Raman");
        show.GetProperty("securityOfficer").GetProperty("name").GetString().ShouldBe("Elena Sokolova");
        show.GetProperty("customerCount").GetInt32().ShouldBe(3);
        show.GetProperty("setup").GetProperty("isComplete").GetBoolean().ShouldBeTrue();
    }

    [Fact]
    public async Task Demo_seed_on_a_new_database_migrates_it_first_and_says_so_on_stderr()
    {
        await using var db = CliDatabase.CreateSqlite();

        var seed = await db.RunAsync("demo", "seed");

        seed.ShouldExitWith(CommandRun.Success);
        seed.Stderr.ShouldContain($"Applied {ShippedMigrations.Described("pending migration")}");
        seed.Stderr.ShouldContain("Database:MigrateOnStartup");
        seed.Stdout.ShouldNotContain("pending migration");
    }

    [Fact]
    public async Task Demo_seed_a_second_time_says_the_data_already_existed_and_adds_nothing()
    {
        await using var db = CliDatabase.CreateSqlite();
        (await db.RunAsync("demo", "seed")).ShouldExitWith(CommandRun.Success);

        var again = await db.RunAsync("demo", "seed");
        var json = (await db.RunAsync("demo", "seed", "--format", "json")).ShouldExitWith(CommandRun.Success).Json();
        var show = (await db.RunAsync("org", "show", "--format", "json")).Json();

        again.ShouldExitWith(CommandRun.Success);
        again.Stdout.ShouldContain("already exists ('Brightwater Telehealth, Inc.'); demo data was not added");
        json.GetProperty("seeded").GetBoolean().ShouldBeFalse();
        show.GetProperty("customerCount").GetInt32().ShouldBe(3);
    }

    [Fact]
    public async Task Changes_made_from_the_cli_are_recorded_as_the_operator_running_it()
    {
        await using var db = CliDatabase.CreateSqlite();
        (await db.RunAsync("demo", "seed")).ShouldExitWith(CommandRun.Success);

        var show = (await db.RunAsync("org", "show", "--format", "json")).ShouldExitWith(CommandRun.Success).Json();

        var updatedBy = show.GetProperty("profile").GetProperty("updatedBy").GetString()!;
        updatedBy.ShouldStartWith(Environment.UserName);
        updatedBy.ShouldContain("custos CLI");
        show.GetProperty("privacyOfficer").GetProperty("recordedBy").GetString().ShouldBe(updatedBy);
    }
}
