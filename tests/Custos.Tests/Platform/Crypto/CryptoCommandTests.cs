using System.Text.Json;
using Custos.Platform.Crypto;
using Custos.Tests.Cli;

namespace Custos.Tests.Platform.Crypto;

public sealed class CryptoCommandTests
{
    [Theory]
    [MemberData(nameof(CliDatabase.Providers), MemberType = typeof(CliDatabase))]
    public async Task Rotate_makes_a_new_key_and_retires_the_old_one_once_its_grace_has_passed(string provider)
    {
        await using var db = await CliDatabase.CreateAsync(provider);
        var settings = Settings(db, CryptoNode.NewKey(), TimeSpan.Zero);
        (await CustosCommand.RunAsync(settings, "db", "migrate")).ShouldExitWith(CommandRun.Success);
        var empty = (await CustosCommand.RunAsync(settings, "crypto", "status")).ShouldExitWith(CommandRun.Success);

        var first = (await CustosCommand.RunAsync(settings, "crypto", "rotate", "--format", "json")).ShouldExitWith(CommandRun.Success).Json();
        var second = (await CustosCommand.RunAsync(settings, "crypto", "rotate")).ShouldExitWith(CommandRun.Success);
        var status = (await CustosCommand.RunAsync(settings, "crypto", "status", "--format", "json")).ShouldExitWith(CommandRun.Success).Json();

        empty.Stdout.ShouldContain("not used yet (no data keys)");
        empty.Stdout.ShouldContain("platform_data_protection_keys.xml");
        first.GetProperty("resumed").GetBoolean().ShouldBeFalse();
        var firstKey = first.GetProperty("activeKeyId").GetGuid();
        second.Stdout.ShouldContain("Active data key:");
        second.Stdout.ShouldContain($"Retired data key {firstKey}: no value uses it; its material is erased.");
        var keys = status.GetProperty("keys").EnumerateArray().Where(k => k.GetProperty("purpose").GetString() == nameof(DataKeyPurpose.FieldEncryption)).ToList();
        keys.Count.ShouldBe(2);
        keys.Single(k => k.GetProperty("id").GetGuid() == firstKey).GetProperty("state").GetString().ShouldBe(nameof(DataKeyState.Retired));
        keys.Count(k => k.GetProperty("state").GetString() == nameof(DataKeyState.Active)).ShouldBe(1);
        status.GetProperty("keyEncryptionKeyProblem").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Fact]
    public async Task Rotate_without_waiting_leaves_the_old_key_retiring_and_says_when_it_can_go()
    {
        await using var db = CliDatabase.CreateSqlite();
        var settings = Settings(db, CryptoNode.NewKey(), TimeSpan.FromMinutes(2));
        (await CustosCommand.RunAsync(settings, "db", "migrate")).ShouldExitWith(CommandRun.Success);
        (await CustosCommand.RunAsync(settings, "crypto", "rotate", "--no-wait")).ShouldExitWith(CommandRun.Success);

        var run = (await CustosCommand.RunAsync(settings, "crypto", "rotate", "--no-wait")).ShouldExitWith(CommandRun.Success);

        run.Stderr.ShouldContain("is still retiring (0 value(s) left; retirable after");
        run.Stderr.ShouldContain("Run `custos crypto rotate` again after that time");
    }

    [Fact]
    public async Task Status_with_the_wrong_key_encryption_key_fails_and_says_what_to_restore()
    {
        await using var db = CliDatabase.CreateSqlite();
        (await CustosCommand.RunAsync(Settings(db, CryptoNode.NewKey(), TimeSpan.Zero), "db", "migrate")).ShouldExitWith(CommandRun.Success);
        (await CustosCommand.RunAsync(Settings(db, CryptoNode.NewKey(), TimeSpan.Zero), "crypto", "rotate")).ShouldExitWith(CommandRun.Success);

        var run = await CustosCommand.RunAsync(Settings(db, CryptoNode.NewKey(), TimeSpan.Zero), "crypto", "status");

        run.ShouldExitWith(CommandRun.Failure);
        run.Stdout.ShouldContain("Restore the original key-encryption key from its backup");
    }

    [Fact]
    public async Task Rotate_with_the_wrong_key_encryption_key_changes_nothing()
    {
        await using var db = CliDatabase.CreateSqlite();
        var right = Settings(db, CryptoNode.NewKey(), TimeSpan.Zero);
        (await CustosCommand.RunAsync(right, "db", "migrate")).ShouldExitWith(CommandRun.Success);
        (await CustosCommand.RunAsync(right, "crypto", "rotate")).ShouldExitWith(CommandRun.Success);

        var run = await CustosCommand.RunAsync(Settings(db, CryptoNode.NewKey(), TimeSpan.Zero), "crypto", "rotate");

        run.ShouldExitWith(CommandRun.Failure);
        run.Stderr.ShouldStartWith($"Configuration error in '{CryptoSettings.KeyEncryptionKeyKey}'");
        var status = (await CustosCommand.RunAsync(right, "crypto", "status", "--format", "json")).ShouldExitWith(CommandRun.Success).Json();
        status.GetProperty("keys").EnumerateArray().Count(k => k.GetProperty("purpose").GetString() == nameof(DataKeyPurpose.FieldEncryption)).ShouldBe(1);
    }

    private static Dictionary<string, string?> Settings(CliDatabase db, string key, TimeSpan refresh)
    {
        var settings = db.Configuration;
        foreach (var (name, value) in CryptoNode.WithKey(key, refresh))
        {
            settings[name] = value;
        }

        return settings;
    }
}
