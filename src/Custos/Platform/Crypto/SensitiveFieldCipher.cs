using System.Security.Cryptography;
using System.Text;

namespace Custos.Platform.Crypto;

/// <summary>
/// Encrypts and decrypts sensitive field values with the key ring. One per container; the EF model built for a
/// container captures it in its value converters (the model cache key includes it).
/// </summary>
internal sealed class SensitiveFieldCipher
{
    /// <summary>For models built without services (design-time tools): the column types are right, any use fails.</summary>
    public static readonly SensitiveFieldCipher Unavailable = new(null);

    private readonly DataKeyRing? ring;

    public SensitiveFieldCipher(DataKeyRing? ring)
    {
        this.ring = ring;
    }

    public byte[] Encrypt(string binding, ReadOnlySpan<byte> plaintext)
    {
        var (id, key) = Ring().ActiveFieldKey();
        return SensitiveValueEnvelope.Seal(id, key, binding, plaintext);
    }

    public byte[] Decrypt(string binding, byte[] envelope)
    {
        var id = SensitiveValueEnvelope.ReadKeyId(envelope, binding);
        return SensitiveValueEnvelope.Open(envelope, Ring().FieldKey(id, binding), binding);
    }

    public byte[] EncryptString(string binding, string value) => Encrypt(binding, Encoding.UTF8.GetBytes(value));

    public string DecryptString(string binding, byte[] envelope)
    {
        var plaintext = Decrypt(binding, envelope);
        try
        {
            return Encoding.UTF8.GetString(plaintext);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }

    private DataKeyRing Ring() => ring ?? throw new InvalidOperationException(
        "Field encryption is not available in this context: it was built without Custos's services (for example by design-time tools). " +
        "Resolve AppDbContext from a container composed with AddCustosCore.");
}
