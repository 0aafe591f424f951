namespace Custos.Platform.Crypto;

/// <summary>A data key (or other secret) encrypted by a key-encryption key, with the id of the key that did it.</summary>
public sealed record WrappedKey(string KeyEncryptionKeyId, byte[] Ciphertext);

/// <summary>
/// The key-encryption key (KEK): it wraps the data keys stored in the database and is never stored there itself.
/// The default reads a key file or a configured value (<see cref="LocalKeyEncryptionKey"/>); a cloud KMS or an HSM
/// implements this interface to keep the KEK inside the KMS. Calls are rare (a key is wrapped when created and
/// unwrapped when the key ring loads), so they are synchronous; an implementation may block on a network call.
/// </summary>
public interface IKeyEncryptionKeyProvider
{
    /// <summary>
    /// Makes the KEK usable. <paramref name="databaseHasWrappedKeys"/> says whether the database already holds keys
    /// wrapped by a KEK: when it does, a missing KEK must never be replaced by a new one (that would leave every
    /// existing value unreadable); throw <see cref="CustosConfigurationException"/> saying how to restore it.
    /// </summary>
    void EnsureAvailable(bool databaseHasWrappedKeys);

    /// <summary>Encrypts <paramref name="key"/>, authenticated together with <paramref name="context"/>.</summary>
    WrappedKey Wrap(ReadOnlySpan<byte> key, string context);

    /// <summary>
    /// Decrypts a wrapped key. Throws <see cref="CustosConfigurationException"/> when the key was wrapped by another
    /// KEK, and <see cref="SensitiveDataUnreadableException"/> when the wrapped bytes fail authentication.
    /// </summary>
    byte[] Unwrap(WrappedKey wrapped, string context);
}
