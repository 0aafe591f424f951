using System.Text;

namespace Custos.Platform.Crypto;

/// <summary>
/// Wraps small secrets other than data keys with the key-encryption key: ASP.NET Core Data Protection's key material,
/// so that every node with the same KEK shares one key ring. The output names the KEK that wrapped it.
/// </summary>
public sealed class KeyEncryptionKeyWrapper
{
    private readonly DataKeyRing ring;
    private readonly IKeyEncryptionKeyProvider keyEncryptionKey;

    internal KeyEncryptionKeyWrapper(DataKeyRing ring, IKeyEncryptionKeyProvider keyEncryptionKey)
    {
        this.ring = ring;
        this.keyEncryptionKey = keyEncryptionKey;
    }

    public WrappedKey Wrap(string secret, string context)
    {
        ArgumentNullException.ThrowIfNull(secret);
        ring.EnsureKeyEncryptionKey();
        return keyEncryptionKey.Wrap(Encoding.UTF8.GetBytes(secret), context);
    }

    public string Unwrap(WrappedKey wrapped, string context)
    {
        ring.EnsureKeyEncryptionKey();
        return Encoding.UTF8.GetString(keyEncryptionKey.Unwrap(wrapped, context));
    }
}
