using Custos.Platform.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Custos.Platform.Crypto;

/// <param name="WaitForRetirement">
/// Wait out the grace period (<see cref="CryptoSettings.RetirementGracePeriod"/>) so that the old key can be retired
/// in this run. Without it, a key whose grace has not passed stays Retiring, and a later run (or the web host's
/// background rotation) retires it.
/// </param>
public sealed record RotateDataKeysCommand(bool WaitForRetirement);

public sealed record RetiringDataKey(Guid KeyId, DateTimeOffset RetirableAfter, long Values);

public sealed record DataKeyRotation(
    Guid ActiveKeyId,
    bool Resumed,
    int ValuesReencrypted,
    IReadOnlyList<Guid> RetiredKeys,
    IReadOnlyList<RetiringDataKey> StillRetiring);

/// <summary>
/// Key rotation (45 CFR 164.312(a)(2)(iv); NIST SP 800-57 cryptoperiods): a new data key becomes active and the old
/// one starts retiring; every value is re-encrypted with the new key in batches; the old key is retired (its
/// material erased) only when no stored value uses it and every node has had time to stop using it. Idempotent and
/// resumable: while a rotation is unfinished, running it again continues that rotation instead of starting another.
/// </summary>
public sealed class RotateDataKeys
{
    public const int BatchSize = 500;

    private readonly AppDbContext db;
    private readonly DataKeyRing ring;
    private readonly SensitiveFieldCipher cipher;
    private readonly TimeProvider time;

    internal RotateDataKeys(AppDbContext db, DataKeyRing ring, SensitiveFieldCipher cipher, TimeProvider time)
    {
        this.db = db;
        this.ring = ring;
        this.cipher = cipher;
        this.time = time;
    }

    public async Task<DataKeyRotation> HandleAsync(RotateDataKeysCommand command, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        ring.Reload();
        var resumed = await db.Set<DataKey>().AnyAsync(k => k.Purpose == DataKeyPurpose.FieldEncryption && k.State == DataKeyState.Retiring, cancellationToken);
        if (resumed)
        {
            progress?.Report("A rotation is unfinished: continuing it (no new key).");
        }
        else
        {
            await StartAsync(cancellationToken);
        }

        return await ContinueAsync(command.WaitForRetirement, resumed, progress, cancellationToken);
    }

    /// <summary>Finishes what an unfinished rotation left: the web host's background rotation calls this.</summary>
    public async Task<DataKeyRotation?> ContinueIfUnfinishedAsync(CancellationToken cancellationToken)
    {
        var unfinished = await db.Set<DataKey>().AnyAsync(k => k.Purpose == DataKeyPurpose.FieldEncryption && k.State == DataKeyState.Retiring, cancellationToken);
        return unfinished ? await ContinueAsync(waitForRetirement: false, resumed: true, progress: null, cancellationToken) : null;
    }

    private async Task StartAsync(CancellationToken cancellationToken)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async ct =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var active = await db.Set<DataKey>().SingleOrDefaultAsync(k => k.Purpose == DataKeyPurpose.FieldEncryption && k.State == DataKeyState.Active, ct);
            if (active is not null)
            {
                // Saved before the new key is added: the unique index allows one active key per purpose.
                active.StartRetiring(time.GetUtcNow());
                await db.SaveChangesAsync(ct);
            }

            db.Add(ring.NewKey(DataKeyPurpose.FieldEncryption));
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }, cancellationToken);
        db.ChangeTracker.Clear();
    }

    private async Task<DataKeyRotation> ContinueAsync(bool waitForRetirement, bool resumed, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        var active = ring.Reload().ActiveOf(DataKeyPurpose.FieldEncryption)!.Value.Id;
        progress?.Report($"Active data key: {active}.");
        var reencrypted = await ReencryptRetiringAsync(progress, cancellationToken);

        var retired = new List<Guid>();
        var stillRetiring = new List<RetiringDataKey>();
        var grace = ring.Settings.RetirementGracePeriod;
        foreach (var key in await RetiringKeysAsync(cancellationToken))
        {
            var retirableAfter = key.RetiringSince!.Value + grace;
            if (time.GetUtcNow() < retirableAfter && waitForRetirement)
            {
                progress?.Report($"Waiting until {retirableAfter:u} for every node to load the new key before retiring {key.Id}.");
                await Task.Delay(retirableAfter - time.GetUtcNow(), time, cancellationToken);
                reencrypted += await ReencryptRetiringAsync(progress, cancellationToken);
            }

            var remaining = (await new SensitiveColumns(db).CountByKeyAsync(cancellationToken)).GetValueOrDefault(key.Id);
            if (time.GetUtcNow() < retirableAfter || remaining > 0)
            {
                stillRetiring.Add(new RetiringDataKey(key.Id, retirableAfter, remaining));
                progress?.Report(remaining > 0
                    ? $"Data key {key.Id} still protects {remaining} value(s); it stays Retiring."
                    : $"Data key {key.Id} protects no value; it will be retired after {retirableAfter:u}.");
                continue;
            }

            key.Retire(time.GetUtcNow());
            await db.SaveChangesAsync(cancellationToken);
            retired.Add(key.Id);
            progress?.Report($"Retired data key {key.Id}: no value uses it; its material is erased.");
        }

        ring.Reload();
        return new DataKeyRotation(active, resumed, reencrypted, retired, stillRetiring);
    }

    private async Task<List<DataKey>> RetiringKeysAsync(CancellationToken cancellationToken) =>
        await db.Set<DataKey>()
            .Where(k => k.Purpose == DataKeyPurpose.FieldEncryption && k.State == DataKeyState.Retiring)
            .OrderBy(k => k.CreatedAt)
            .ToListAsync(cancellationToken);

    private async Task<int> ReencryptRetiringAsync(IProgress<string>? progress, CancellationToken cancellationToken)
    {
        var retiring = ring.Reload().Keys.Values
            .Where(k => k.Purpose == DataKeyPurpose.FieldEncryption && k.State == DataKeyState.Retiring)
            .Select(k => k.Id)
            .ToList();
        var columns = new SensitiveColumns(db);
        var total = 0;
        foreach (var column in columns.All)
        {
            var done = 0;
            var count = await columns.ReencryptAsync(column, retiring, cipher, BatchSize, batch =>
            {
                done += batch;
                progress?.Report($"{column.Binding}: {done} value(s) re-encrypted");
            }, cancellationToken);
            total += count;
        }

        return total;
    }
}
