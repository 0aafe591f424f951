using Custos.Platform.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Custos.Platform.Crypto;

public sealed record DataKeyStatus(
    Guid Id,
    DataKeyPurpose Purpose,
    DataKeyState State,
    string KeyEncryptionKeyId,
    DateTimeOffset CreatedAt,
    DateTimeOffset? RetiringSince,
    DateTimeOffset? RetiredAt,
    long Values);

/// <param name="KeyEncryptionKeyProblem">Null when the configured key-encryption key unwraps every key; otherwise why not.</param>
/// <param name="UnreadableValues">Values in sensitive columns that name no key of this database, or are not encrypted.</param>
public sealed record EncryptionStatus(
    IReadOnlyList<string> SensitiveColumns,
    IReadOnlyList<DataKeyStatus> Keys,
    long UnreadableValues,
    string? KeyEncryptionKeyProblem);

/// <summary>The data keys, their states and how many stored values each protects. Changes nothing (creates no key).</summary>
public sealed class GetEncryptionStatus
{
    private readonly AppDbContext db;
    private readonly DataKeyRing ring;

    internal GetEncryptionStatus(AppDbContext db, DataKeyRing ring)
    {
        this.db = db;
        this.ring = ring;
    }

    public async Task<EncryptionStatus> HandleAsync(CancellationToken cancellationToken)
    {
        var keys = await db.Set<DataKey>().AsNoTracking().OrderBy(k => k.CreatedAt).ToListAsync(cancellationToken);
        string? problem = null;
        if (keys.Count > 0)
        {
            try
            {
                ring.Reload();
            }
            catch (Exception ex) when (ex is CustosConfigurationException or SensitiveDataUnreadableException)
            {
                problem = ex.Message;
            }
        }

        var columns = new SensitiveColumns(db);
        var counts = await columns.CountByKeyAsync(cancellationToken);
        var known = keys.Select(k => k.Id).ToHashSet();
        return new EncryptionStatus(
            columns.All.Select(c => c.Binding).ToList(),
            keys.Select(k => new DataKeyStatus(
                k.Id, k.Purpose, k.State, k.KeyEncryptionKeyId, k.CreatedAt, k.RetiringSince, k.RetiredAt, counts.GetValueOrDefault(k.Id))).ToList(),
            counts.Where(c => !known.Contains(c.Key)).Sum(c => c.Value),
            problem);
    }
}
