using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace Custos.Platform.Crypto;

/// <summary>
/// Keyed HMAC-SHA256 of an identifier, stored beside its encrypted column so that equality lookups work without
/// decrypting ("find the person with this MRN"). Each purpose has its own key, derived with HKDF from the
/// installation's blind-index secret, so an index of one field cannot be joined with another's. Normalize the value
/// (trim, case) before computing: equal inputs give equal indexes, nothing else does.
/// </summary>
/// <example>
/// <code>
/// person.SetMrn(mrn, blindIndex.Compute("workforce.mrn", mrn.Trim().ToUpperInvariant()));
/// db.People.Where(p => p.MrnIndex == blindIndex.Compute("workforce.mrn", query))
/// </code>
/// </example>
public sealed class BlindIndex
{
    public const int Size = 32;
    private readonly DataKeyRing ring;
    private readonly ConcurrentDictionary<(Guid Secret, string Purpose), byte[]> purposeKeys = new();

    internal BlindIndex(DataKeyRing ring)
    {
        this.ring = ring;
    }

    public byte[] Compute(string purpose, string normalizedValue)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(purpose);
        ArgumentNullException.ThrowIfNull(normalizedValue);
        var (secretId, secret) = ring.BlindIndexSecret();
        var key = purposeKeys.GetOrAdd((secretId, purpose), static (id, secret) =>
            HKDF.DeriveKey(HashAlgorithmName.SHA256, secret, Size, salt: [], info: Encoding.UTF8.GetBytes("custos/blind-index/v1/" + id.Purpose)), secret);
        return HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(normalizedValue));
    }
}
