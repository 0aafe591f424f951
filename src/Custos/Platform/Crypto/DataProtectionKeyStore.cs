using Microsoft.EntityFrameworkCore;

namespace Custos.Platform.Crypto;

/// <summary>
/// Where the web host's ASP.NET Core Data Protection key ring lives: in the database, so that every node reads and
/// writes the same keys (a node with its own ring could not read another's cookies or antiforgery tokens).
/// Synchronous because Data Protection's repository interface is.
/// </summary>
public sealed class DataProtectionKeyStore(Persistence.AppDbContext db, TimeProvider time)
{
    public IReadOnlyList<string> GetAll() =>
        db.Set<DataProtectionKeyRecord>().AsNoTracking().OrderBy(k => k.CreatedAt).ThenBy(k => k.Id).Select(k => k.Xml).ToList();

    public void Add(string friendlyName, string xml)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(friendlyName);
        ArgumentException.ThrowIfNullOrWhiteSpace(xml);
        db.Add(new DataProtectionKeyRecord(Guid.CreateVersion7(time.GetUtcNow()), friendlyName, xml, time.GetUtcNow()));
        db.SaveChanges();
    }
}
