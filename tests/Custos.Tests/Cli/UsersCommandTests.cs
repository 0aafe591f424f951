namespace Custos.Tests.Cli;

public sealed class UsersCommandTests
{
    [Theory]
    [MemberData(nameof(CliDatabase.Providers), MemberType = typeof(CliDatabase))]
    public async Task Users_create_prints_a_one_time_link_and_list_shows_the_user_not_yet_activated(string provider)
    {
        await using var db = await CliDatabase.CreateAsync(provider);
        (await db.RunAsync("db", "migrate")).ShouldExitWith(CommandRun.Success);

        var created = await db.RunAsync("users", "create", "--email", "wren@custos.example", "--name", "Wren Worker", "--role", "Workforce Member");
        var listed = (await db.RunAsync("users", "list")).ShouldExitWith(CommandRun.Success);

        created.ShouldExitWith(CommandRun.Success);
        created.Stdout.ShouldContain("Created wren@custos.example (Workforce Member).");
        created.StdoutLines.ShouldContain(line => line.StartsWith("/account/activate?token=", StringComparison.Ordinal));
        listed.Stdout.ShouldContain("wren@custos.example");
        listed.Stdout.ShouldContain("not activated");
        listed.Stdout.ShouldNotContain("token=");
    }

    [Fact]
    public async Task Users_disable_and_reset_mfa_act_on_the_user_named_by_email()
    {
        await using var db = CliDatabase.CreateSqlite();
        (await db.RunAsync("db", "migrate")).ShouldExitWith(CommandRun.Success);
        (await db.RunAsync("users", "create", "--email", "leaver@custos.example", "--name", "Lee Leaver", "--role", "Engineer")).ShouldExitWith(CommandRun.Success);

        var reset = await db.RunAsync("users", "reset-mfa", "leaver@custos.example");
        var disabled = await db.RunAsync("users", "disable", "leaver@custos.example");
        var json = (await db.RunAsync("users", "list", "--format", "json")).ShouldExitWith(CommandRun.Success).Json();
        var unknown = await db.RunAsync("users", "disable", "nobody@custos.example");

        reset.ShouldExitWith(CommandRun.Success);
        reset.Stdout.ShouldContain("Removed every second factor of leaver@custos.example");
        disabled.ShouldExitWith(CommandRun.Success);
        disabled.Stdout.ShouldStartWith("Disabled leaver@custos.example: access ended at ");
        json.EnumerateArray().Single().GetProperty("disabledAt").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.String);
        unknown.ShouldExitWith(CommandRun.Failure);
        unknown.Stderr.ShouldContain("No user with id 'nobody@custos.example' exists.");
    }

    [Fact]
    public async Task Users_roles_sets_the_roles_a_user_holds_and_list_shows_them()
    {
        await using var db = CliDatabase.CreateSqlite();
        (await db.RunAsync("db", "migrate")).ShouldExitWith(CommandRun.Success);
        (await db.RunAsync("users", "create", "--email", "mover@custos.example", "--name", "Mo Mover", "--role", "Workforce Member")).ShouldExitWith(CommandRun.Success);

        var changed = await db.RunAsync("users", "roles", "mover@custos.example", "--role", "Engineer", "--role", "Security Officer");
        var json = (await db.RunAsync("users", "list", "--format", "json")).ShouldExitWith(CommandRun.Success).Json();
        var missing = await db.RunAsync("users", "roles", "mover@custos.example");

        changed.ShouldExitWith(CommandRun.Success);
        changed.Stdout.ShouldContain("mover@custos.example now holds: Engineer, Security Officer.");
        json.EnumerateArray().Single().GetProperty("roles").EnumerateArray().Select(r => r.GetString()).ShouldBe(["Engineer", "Security Officer"]);
        missing.ShouldExitWith(CommandRun.UsageError);
    }

    [Fact]
    public async Task Users_create_refuses_an_unknown_role_with_the_roles_there_are()
    {
        await using var db = CliDatabase.CreateSqlite();
        (await db.RunAsync("db", "migrate")).ShouldExitWith(CommandRun.Success);

        var run = await db.RunAsync("users", "create", "--email", "x@custos.example", "--name", "X", "--role", "Superuser");

        run.ShouldExitWith(CommandRun.Failure);
        run.Stderr.ShouldContain("No role named 'Superuser'. Built-in roles: Administrator, Privacy Officer, Security Officer");
    }
}
