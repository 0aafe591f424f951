namespace Custos.Platform.Crypto;

/// <summary>What a data key is for. Each purpose has at most one active key.</summary>
public enum DataKeyPurpose
{
    /// <summary>Encrypts sensitive field values (AES-256-GCM).</summary>
    FieldEncryption,

    /// <summary>The secret from which blind-index keys are derived (HKDF, then HMAC-SHA256). Never encrypts.</summary>
    BlindIndex,
}

/// <summary>
/// A key's life: Active encrypts new values; Retiring still decrypts while a rotation moves its values to the new
/// key; Retired protects no value any more and its key material has been erased.
/// </summary>
public enum DataKeyState
{
    Active,
    Retiring,
    Retired,
}

/// <summary>
/// A data key, stored only wrapped by the key-encryption key, which lives outside the database
/// (45 CFR 164.312(a)(2)(iv); NIST SP 800-57 key states).
/// </summary>
internal sealed class DataKey
{
    private DataKey()
    {
        KeyEncryptionKeyId = string.Empty;
    }

    public DataKey(Guid id, DataKeyPurpose purpose, WrappedKey wrapped, DateTimeOffset createdAt)
    {
        ArgumentNullException.ThrowIfNull(wrapped);
        Id = id;
        Purpose = purpose;
        State = DataKeyState.Active;
        KeyEncryptionKeyId = wrapped.KeyEncryptionKeyId;
        WrappedKey = wrapped.Ciphertext;
        CreatedAt = createdAt;
    }

    public Guid Id { get; private set; }

    public DataKeyPurpose Purpose { get; private set; }

    public DataKeyState State { get; private set; }

    /// <summary>Which key-encryption key wrapped it (a public fingerprint, never the key).</summary>
    public string KeyEncryptionKeyId { get; private set; }

    /// <summary>The wrapped key material; null once retired (erased).</summary>
    public byte[]? WrappedKey { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? RetiringSince { get; private set; }

    public DateTimeOffset? RetiredAt { get; private set; }

    public WrappedKey Wrapped => WrappedKey is { } bytes
        ? new WrappedKey(KeyEncryptionKeyId, bytes)
        : throw new InvalidOperationException($"Data key {Id} is retired: its material was erased.");

    public void StartRetiring(DateTimeOffset now)
    {
        if (State == DataKeyState.Active)
        {
            State = DataKeyState.Retiring;
            RetiringSince = now;
        }
    }

    /// <summary>Erases the key material: only once no stored value uses the key.</summary>
    public void Retire(DateTimeOffset now)
    {
        State = DataKeyState.Retired;
        RetiredAt = now;
        WrappedKey = null;
    }
}
