using System.Diagnostics;
using System.Security.Cryptography;
using Custos.Platform.Persistence;
using Custos.Tests.Cli;
using Custos.Tests.Infrastructure;

namespace Custos.Tests.Platform.Audit;

/// <summary>`custos audit verify|export|proof|consistency|checkpoint`: exit 0 only when everything checks, 1 with the kind and sequence otherwise.</summary>
public sealed class AuditCommandTests
{
    [Theory, AllDatabaseProviders]
    public async Task Verify_exits_0_on_an_untouched_ledger_and_1_naming_the_kind_and_sequence_after_tampering(DatabaseProvider provider)
    {
        await using var host = await ArrangeAsync(provider);

        var clean = await host.RunCommandAsync("audit", "verify");
        await host.TamperAsync("UPDATE audit_entries SET resource_id = 'user-999' WHERE sequence = 6");
        var tampered = await host.RunCommandAsync("audit", "verify");

        clean.ShouldExitWith(CommandRun.Success).Stdout.ShouldContain("Everything checks");
        tampered.ShouldExitWith(CommandRun.Failure).Stdout.ShouldContain("modified at sequence number 6");
    }

    [Theory, AllDatabaseProviders]
    public async Task An_export_verifies_offline_and_a_changed_line_in_it_is_caught(DatabaseProvider provider)
    {
        await using var host = await ArrangeAsync(provider);
        var folder = Path.Combine(host.Folder, "export");

        (await host.RunCommandAsync("audit", "export", "--out", folder)).ShouldExitWith(CommandRun.Success);
        var clean = await CustosCommand.RunAsync("audit", "verify", "--from", folder);
        var lines = await File.ReadAllLinesAsync(Path.Combine(folder, "entries.jsonl"), TestContext.Current.CancellationToken);
        lines[14] = lines[14].Replace("auth.sign-out", "auth.sign-in", StringComparison.Ordinal);
        await File.WriteAllLinesAsync(Path.Combine(folder, "entries.jsonl"), lines, TestContext.Current.CancellationToken);
        var tampered = await CustosCommand.RunAsync("audit", "verify", "--from", folder);

        clean.ShouldExitWith(CommandRun.Success).Stdout.ShouldContain("Everything checks");
        tampered.ShouldExitWith(CommandRun.Failure).Stdout.ShouldContain("modified at sequence number 14");
    }

    [Theory, AllDatabaseProviders]
    public async Task An_export_with_a_missing_public_key_or_a_malformed_file_fails_with_a_clear_message(DatabaseProvider provider)
    {
        await using var host = await ArrangeAsync(provider);
        var folder = Path.Combine(host.Folder, "export");
        (await host.RunCommandAsync("audit", "export", "--out", folder)).ShouldExitWith(CommandRun.Success);

        File.Delete(Path.Combine(folder, "public-key.pem"));
        var noKey = await CustosCommand.RunAsync("audit", "verify", "--from", folder);
        await File.AppendAllTextAsync(Path.Combine(folder, "entries.jsonl"), "{not json\n", TestContext.Current.CancellationToken);
        var malformed = await CustosCommand.RunAsync("audit", "verify", "--from", folder, "--public-key", Path.Combine(host.Folder, "keys", "checkpoint-signing-key.pem"));
        var missingFolder = await CustosCommand.RunAsync("audit", "verify", "--from", Path.Combine(host.Folder, "nowhere"));

        noKey.ShouldExitWith(CommandRun.Failure).Stderr.ShouldContain("public key");
        malformed.ShouldExitWith(CommandRun.Failure).Stderr.ShouldContain("entries.jsonl line");
        missingFolder.ShouldExitWith(CommandRun.Failure).Stderr.ShouldContain("does not exist");
    }

    [Theory, AllDatabaseProviders]
    public async Task An_export_checked_with_another_key_reports_a_checkpoint_signed_by_an_unknown_key(DatabaseProvider provider)
    {
        await using var host = await ArrangeAsync(provider);
        var folder = Path.Combine(host.Folder, "export");
        (await host.RunCommandAsync("audit", "export", "--out", folder)).ShouldExitWith(CommandRun.Success);
        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var otherKey = Path.Combine(host.Folder, "other.pem");
        await File.WriteAllTextAsync(otherKey, other.ExportSubjectPublicKeyInfoPem(), TestContext.Current.CancellationToken);

        var run = await CustosCommand.RunAsync("audit", "verify", "--from", folder, "--public-key", otherKey);

        run.ShouldExitWith(CommandRun.Failure).Stdout.ShouldContain("forged checkpoint");
    }

    [Theory, AllDatabaseProviders]
    public async Task Verifying_the_database_without_its_signing_key_fails_with_what_to_do_and_never_makes_a_new_key(DatabaseProvider provider)
    {
        await using var host = await ArrangeAsync(provider);
        File.Move(host.KeyPath, host.KeyPath + ".elsewhere");

        var run = await host.RunCommandAsync("audit", "verify");

        run.ShouldExitWith(CommandRun.Failure).Stderr.ShouldContain("signing key");
        run.Stderr.ShouldContain("Restore it from backup");
        File.Exists(host.KeyPath).ShouldBeFalse();
    }

    [Theory, AllDatabaseProviders]
    public async Task Proof_and_consistency_print_proofs_that_check(DatabaseProvider provider)
    {
        await using var host = await ArrangeAsync(provider);

        var proof = await host.RunCommandAsync("--format", "json", "audit", "proof", "5", "--tree-size", "12");
        var consistency = await host.RunCommandAsync("audit", "consistency", "--first", "12", "--second", "21");
        var outOfRange = await host.RunCommandAsync("audit", "proof", "30");

        proof.ShouldExitWith(CommandRun.Success).Json().GetProperty("verified").GetBoolean().ShouldBeTrue();
        proof.Json().GetProperty("proof").GetProperty("proof").GetArrayLength().ShouldBe(4);
        consistency.ShouldExitWith(CommandRun.Success).Stdout.ShouldContain("Verified");
        outOfRange.ShouldExitWith(CommandRun.Failure).Stderr.ShouldContain("not in a tree of 21 entries");
    }

    [Theory, AllDatabaseProviders]
    public async Task The_bench_worker_refuses_a_database_not_confirmed_as_scratch_and_writes_nothing(DatabaseProvider provider)
    {
        await using var host = await ArrangeAsync(provider);
        var before = (await host.EntriesAsync()).Count;

        var run = await host.RunCommandAsync("audit", "bench-worker", "--confirm-scratch", "production", "--seconds", "1");

        run.ShouldExitWith(CommandRun.Failure).Stderr.ShouldContain("can never be removed");
        (await host.EntriesAsync()).Count.ShouldBe(before);
    }

    [Fact]
    public async Task The_latest_checkpoint_of_an_export_verifies_with_openssl()
    {
        if (!File.Exists("/usr/bin/openssl"))
        {
            Assert.Skip("openssl is not installed on this machine.");
        }

        await using var host = await ArrangeAsync(DatabaseProvider.Sqlite);
        var folder = Path.Combine(host.Folder, "export");
        (await host.RunCommandAsync("audit", "export", "--out", folder)).ShouldExitWith(CommandRun.Success);

        var (exit, output) = await OpenSslAsync(folder);
        File.WriteAllText(Path.Combine(folder, "checkpoint.txt"), File.ReadAllText(Path.Combine(folder, "checkpoint.txt")).Replace("\n21\n", "\n22\n", StringComparison.Ordinal));
        var (forgedExit, _) = await OpenSslAsync(folder);

        exit.ShouldBe(0, output);
        output.ShouldContain("Verified OK");
        forgedExit.ShouldNotBe(0);
    }

    private static async Task<(int Exit, string Output)> OpenSslAsync(string folder)
    {
        var start = new ProcessStartInfo("/usr/bin/openssl", ["dgst", "-sha256", "-verify", "public-key.pem", "-signature", "checkpoint.sig", "checkpoint.txt"])
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken) + await process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return (process.ExitCode, output);
    }

    private static async Task<LedgerHost> ArrangeAsync(DatabaseProvider provider)
    {
        var host = await LedgerHost.CreateAsync(provider);
        await LedgerTestData.TwoCheckpointsAsync(host, 12, 9);
        return host;
    }
}
