using Custos.Platform.Persistence;

namespace Custos.Platform.Crypto;

/// <summary>
/// Run at start by hosts that serve data: loads the key ring, creating the key-encryption key file and the first keys
/// on a new installation, so a missing or wrong key-encryption key stops the host at once with a message that names
/// the setting, instead of failing on the first read of a sensitive field.
/// </summary>
public sealed class KeyRingCheck
{
    private readonly DatabaseMigrator migrator;
    private readonly DataKeyRing ring;

    internal KeyRingCheck(DatabaseMigrator migrator, DataKeyRing ring)
    {
        this.migrator = migrator;
        this.ring = ring;
    }

    /// <summary>False when migrations are pending (the key table may not exist yet): nothing was checked.</summary>
    public async Task<bool> VerifyAsync(CancellationToken cancellationToken)
    {
        if ((await migrator.GetPendingMigrationsAsync(cancellationToken)).Count > 0)
        {
            return false;
        }

        ring.Reload();
        ring.ActiveFieldKey();
        ring.BlindIndexSecret();
        return true;
    }
}
