using Custos.Platform;
using Custos.Platform.Audit;

namespace Custos.Tests.Platform.Audit;

/// <summary>The key that signs checkpoints, kept in a file outside the database (45 CFR 164.312(c)(1)).</summary>
public sealed class CheckpointSigningKeyTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "custos-key-tests", Guid.NewGuid().ToString("N"));

    private string KeyPath => Path.Combine(folder, "audit", "checkpoint-signing-key.pem");

    [Fact]
    public async Task Hosts_starting_at_the_same_moment_all_sign_with_the_one_key_that_was_created()
    {
        // Sixteen hosts (as web nodes and CLI runs starting together) ask for a key that does not exist yet, at once;
        // ten rounds, because a race shows itself only sometimes.
        for (var round = 0; round < 10; round++)
        {
            var path = Path.Combine(folder, $"round-{round}", "checkpoint-signing-key.pem");
            using var start = new Barrier(16);
            var keyIds = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(() =>
            {
                using var key = new CheckpointSigningKey(new AuditOptions { SigningKeyPath = path });
                start.SignalAndWait(TestContext.Current.CancellationToken);
                return key.KeyId;
            })));

            keyIds.Distinct().ShouldHaveSingleItem("every host must sign with the same key, or verification would call checkpoints forged");
            Directory.GetFiles(Path.GetDirectoryName(path)!, "*.tmp").ShouldBeEmpty("no temporary file is left behind");
            using var reloaded = new CheckpointSigningKey(new AuditOptions { SigningKeyPath = path });
            reloaded.KeyId.ShouldBe(keyIds[0]);
        }
    }

    [Fact]
    public void A_new_key_file_is_readable_by_its_owner_alone()
    {
        using var key = new CheckpointSigningKey(new AuditOptions { SigningKeyPath = KeyPath });

        _ = key.KeyId;

        if (OperatingSystem.IsWindows())
        {
            Assert.Skip("Unix file modes");
        }
        else
        {
            File.GetUnixFileMode(KeyPath).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    [Fact]
    public void A_key_file_that_is_not_a_PEM_EC_key_stops_signing_and_says_to_restore_from_backup()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(KeyPath)!);
        File.WriteAllText(KeyPath, "not a key");
        using var key = new CheckpointSigningKey(new AuditOptions { SigningKeyPath = KeyPath });

        var error = Should.Throw<CustosConfigurationException>(() => key.KeyId);

        error.Message.ShouldContain("Restore the key from backup");
        File.ReadAllText(KeyPath).ShouldBe("not a key", "the damaged file is left for the administrator, never replaced");
    }

    public void Dispose()
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
