using System.Collections.Frozen;
using System.Security.Cryptography;
using Custos.Platform.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Custos.Platform.Crypto;

/// <summary>
/// The data keys of this installation, unwrapped in memory. Loaded from the database on first use and reloaded
/// when older than <see cref="CryptoSettings.KeyRingRefreshInterval"/> (so every node picks up a rotation), or when a
/// value names a key it has not seen. Creates the first key of a purpose when none exists.
/// </summary>
internal sealed class DataKeyRing(IServiceScopeFactory scopes, IKeyEncryptionKeyProvider keyEncryptionKey, CryptoSettings settings, TimeProvider time)
{
    private readonly Lock gate = new();
    private Snapshot? current;

    public CryptoSettings Settings => settings;

    /// <summary>The key new values are encrypted with; created when this installation has none yet.</summary>
    public (Guid Id, byte[] Key) ActiveFieldKey() => Active(DataKeyPurpose.FieldEncryption);

    /// <summary>The secret blind-index keys derive from; created on first use. It is never rotated (see ADR 0005).</summary>
    public (Guid Id, byte[] Key) BlindIndexSecret() => Active(DataKeyPurpose.BlindIndex);

    /// <summary>The key that encrypted a value, reloading once if it is new to this node.</summary>
    public byte[] FieldKey(Guid id, string binding)
    {
        var snapshot = Current(forceIfOlderThanRefresh: false);
        if (!snapshot.Keys.TryGetValue(id, out var key))
        {
            snapshot = Reload();
            if (!snapshot.Keys.TryGetValue(id, out key))
            {
                throw new SensitiveDataUnreadableException(
                    $"A value in {binding} was encrypted with data key {id}, which this database does not hold. " +
                    "The value was copied from another Custos database, or the key table was restored from an older backup than the data.");
            }
        }

        return key.Material ?? throw new SensitiveDataUnreadableException(
            $"A value in {binding} was encrypted with data key {id}, retired on {key.RetiredAt:u} after rotation found no value using it. " +
            "The value was restored from a backup older than that rotation: restore the key table from the same backup.");
    }

    /// <summary>Reads the key table now and unwraps every key; throws a clear error when the KEK is missing or wrong.</summary>
    public Snapshot Reload()
    {
        lock (gate)
        {
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var rows = db.Set<DataKey>().AsNoTracking().ToList();
            keyEncryptionKey.EnsureAvailable(databaseHasWrappedKeys: rows.Count > 0);
            var keys = rows.ToFrozenDictionary(
                row => row.Id,
                row => new LoadedKey(row.Id, row.Purpose, row.State, row.WrappedKey is null ? null : keyEncryptionKey.Unwrap(row.Wrapped, WrapContext(row.Id, row.Purpose)), row.RetiredAt));
            // Superseded snapshots are left to the collector, not zeroed: a concurrent caller may still be using one.
            current = new Snapshot(time.GetUtcNow(), keys);
            return current;
        }
    }

    /// <summary>A new active key for <paramref name="purpose"/>, wrapped by the KEK; the caller adds and saves it.</summary>
    public DataKey NewKey(DataKeyPurpose purpose)
    {
        var id = Guid.CreateVersion7(time.GetUtcNow());
        var material = RandomNumberGenerator.GetBytes(32);
        try
        {
            return new DataKey(id, purpose, keyEncryptionKey.Wrap(material, WrapContext(id, purpose)), time.GetUtcNow());
        }
        finally
        {
            CryptographicOperations.ZeroMemory(material);
        }
    }

    /// <summary>Makes sure the key-encryption key is usable given what the database holds, without loading the ring.</summary>
    public void EnsureKeyEncryptionKey()
    {
        lock (gate)
        {
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            keyEncryptionKey.EnsureAvailable(databaseHasWrappedKeys: db.Set<DataKey>().Any());
        }
    }

    private static string WrapContext(Guid id, DataKeyPurpose purpose) => $"custos/data-key/v1/{purpose}/{id:D}";

    private (Guid Id, byte[] Key) Active(DataKeyPurpose purpose)
    {
        var snapshot = Current(forceIfOlderThanRefresh: true);
        if (snapshot.ActiveOf(purpose) is { } active)
        {
            return active;
        }

        CreateFirstKey(purpose);
        return Reload().ActiveOf(purpose)
            ?? throw new InvalidOperationException($"No active {purpose} key after creating one.");
    }

    private void CreateFirstKey(DataKeyPurpose purpose)
    {
        lock (gate)
        {
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            keyEncryptionKey.EnsureAvailable(databaseHasWrappedKeys: db.Set<DataKey>().Any());
            if (db.Set<DataKey>().Any(k => k.Purpose == purpose && k.State == DataKeyState.Active))
            {
                return;
            }

            db.Add(NewKey(purpose));
            try
            {
                db.SaveChanges();
            }
            catch (DbUpdateException) when (AnotherNodeCreatedIt(purpose))
            {
                // The unique index allows one active key per purpose: another node's insert won, use its key.
            }
        }
    }

    private bool AnotherNodeCreatedIt(DataKeyPurpose purpose)
    {
        using var scope = scopes.CreateScope();
        return scope.ServiceProvider.GetRequiredService<AppDbContext>().Set<DataKey>().Any(k => k.Purpose == purpose && k.State == DataKeyState.Active);
    }

    private Snapshot Current(bool forceIfOlderThanRefresh)
    {
        var snapshot = current;
        if (snapshot is not null && !(forceIfOlderThanRefresh && IsStale(snapshot)))
        {
            return snapshot;
        }

        lock (gate)
        {
            // Another caller may have reloaded while this one waited for the lock: one reload serves both.
            snapshot = current;
            return snapshot is not null && !(forceIfOlderThanRefresh && IsStale(snapshot)) ? snapshot : Reload();
        }
    }

    private bool IsStale(Snapshot snapshot) => time.GetUtcNow() - snapshot.LoadedAt >= settings.KeyRingRefreshInterval;

    internal sealed record LoadedKey(Guid Id, DataKeyPurpose Purpose, DataKeyState State, byte[]? Material, DateTimeOffset? RetiredAt);

    internal sealed record Snapshot(DateTimeOffset LoadedAt, FrozenDictionary<Guid, LoadedKey> Keys)
    {
        public (Guid Id, byte[] Key)? ActiveOf(DataKeyPurpose purpose) =>
            Keys.Values.FirstOrDefault(k => k.Purpose == purpose && k.State == DataKeyState.Active) is { Material: { } material } key
                ? (key.Id, material)
                : null;
    }
}
