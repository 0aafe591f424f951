namespace Custos.Tests.Cli;

public sealed class KeysCommandTests
{
    [Theory]
    [MemberData(nameof(CliDatabase.Providers), MemberType = typeof(CliDatabase))]
    public async Task Keys_create_prints_the_key_once_and_list_shows_only_its_prefix(string provider)
    {
        await using var db = await CliDatabase.CreateAsync(provider);
        (await db.RunAsync("db", "migrate")).ShouldExitWith(CommandRun.Success);

        var created = await db.RunAsync("keys", "create", "--name", "CI evidence upload", "--scopes", "compliance.read,incidents.read", "--expires-in", "30d");
        var listed = (await db.RunAsync("keys", "list")).ShouldExitWith(CommandRun.Success);
        var json = (await db.RunAsync("keys", "list", "--format", "json")).ShouldExitWith(CommandRun.Success).Json();

        created.ShouldExitWith(CommandRun.Success);
        var secret = created.StdoutLines[0];
        secret.ShouldMatch("^custos_[0-9a-f]{12}_[0-9a-f]{64}$");
        created.Stdout.ShouldContain("only time the key is shown");
        var prefix = secret.Split('_')[1];
        listed.Stdout.ShouldContain(prefix);
        listed.Stdout.ShouldNotContain(secret);
        listed.StdoutLines.ShouldAllBe(line => line.Length <= 100);
        var key = json.EnumerateArray().Single();
        key.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()).ShouldBe(["incidents.read", "compliance.read"]);
        key.GetProperty("createdBy").GetString()!.ShouldEndWith("(custos CLI)");
        (key.GetProperty("expiresAt").GetDateTimeOffset() - key.GetProperty("createdAt").GetDateTimeOffset()).ShouldBe(TimeSpan.FromDays(30));
    }

    [Fact]
    public async Task Keys_revoke_ends_a_key_and_list_shows_it_revoked()
    {
        await using var db = CliDatabase.CreateSqlite();
        (await db.RunAsync("db", "migrate")).ShouldExitWith(CommandRun.Success);
        var created = (await db.RunAsync("keys", "create", "--name", "nightly", "--scopes", "compliance.read", "--format", "json")).ShouldExitWith(CommandRun.Success).Json();
        var id = created.GetProperty("key").GetProperty("id").GetString()!;

        var revoked = await db.RunAsync("keys", "revoke", id);
        var again = await db.RunAsync("keys", "revoke", id);
        var json = (await db.RunAsync("keys", "list", "--format", "json")).ShouldExitWith(CommandRun.Success).Json();

        revoked.ShouldExitWith(CommandRun.Success);
        revoked.Stdout.ShouldContain("refused from now on");
        again.ShouldExitWith(CommandRun.Failure);
        again.Stderr.ShouldContain("already revoked");
        json.EnumerateArray().Single().GetProperty("status").GetString().ShouldBe("Revoked");
    }

    [Fact]
    public async Task Keys_create_refuses_unknown_scopes_and_an_expiry_beyond_a_year_and_creates_nothing()
    {
        await using var db = CliDatabase.CreateSqlite();
        (await db.RunAsync("db", "migrate")).ShouldExitWith(CommandRun.Success);

        var unknown = await db.RunAsync("keys", "create", "--name", "n", "--scopes", "incidents.read,everything");
        var tooLong = await db.RunAsync("keys", "create", "--name", "n", "--scopes", "incidents.read", "--expires-in", "400d");
        var badSyntax = await db.RunAsync("keys", "create", "--name", "n", "--scopes", "incidents.read", "--expires-in", "a year");
        var json = (await db.RunAsync("keys", "list", "--format", "json")).ShouldExitWith(CommandRun.Success).Json();

        unknown.ShouldExitWith(CommandRun.Failure);
        unknown.Stderr.ShouldContain("Unknown scope 'everything'");
        tooLong.ShouldExitWith(CommandRun.Failure);
        tooLong.Stderr.ShouldContain("at most 365 days");
        badSyntax.ShouldExitWith(CommandRun.UsageError);
        badSyntax.Stderr.ShouldContain("--expires-in takes a number of days such as 90d");
        json.GetArrayLength().ShouldBe(0);
    }
}
