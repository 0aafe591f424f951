using System.Security.Cryptography;
using System.Text;

namespace Custos.Platform.Crypto;

/// <summary>
/// The default key-encryption key: 32 random bytes, from configuration (base64) or from a key file that Custos
/// creates on first run with owner-only permissions (0600). Wraps keys with AES-256-GCM.
/// </summary>
public sealed class LocalKeyEncryptionKey : IKeyEncryptionKeyProvider, IDisposable
{
    public const int KeySize = 32;
    private const int NonceSize = 12;
    private const int TagSize = 16;

    private readonly CryptoSettings settings;
    private readonly Lock gate = new();
    private byte[]? key;
    private string? keyId;

    public LocalKeyEncryptionKey(CryptoSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        this.settings = settings;
        if (settings.Source == KeyEncryptionKeySource.ConfiguredValue)
        {
            Load(Parse(settings.KeyEncryptionKey!, CryptoSettings.KeyEncryptionKeyKey));
        }
        else if (settings.Source == KeyEncryptionKeySource.Ephemeral)
        {
            Load(RandomNumberGenerator.GetBytes(KeySize));
        }
    }

    /// <summary>A short, public fingerprint of a key: lets a message say which key is configured and which is needed.</summary>
    public static string IdOf(ReadOnlySpan<byte> key)
    {
        Span<byte> hash = stackalloc byte[32];
        HMACSHA256.HashData(key, "custos/key-encryption-key-id/v1"u8, hash);
        return Convert.ToHexStringLower(hash[..8]);
    }

    /// <summary>Decodes base64 of exactly 32 bytes, or throws a configuration error naming <paramref name="setting"/>.</summary>
    public static byte[] Parse(string text, string setting)
    {
        ArgumentNullException.ThrowIfNull(text);
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(text.Trim());
        }
        catch (FormatException ex)
        {
            throw new CustosConfigurationException(setting, "the key-encryption key is not valid base64. Generate one with 'openssl rand -base64 32'.", ex);
        }

        if (bytes.Length != KeySize)
        {
            throw new CustosConfigurationException(setting, $"the key-encryption key is {bytes.Length} bytes; it must be {KeySize} (base64 of 32 random bytes, 'openssl rand -base64 32').");
        }

        return bytes;
    }

    public void EnsureAvailable(bool databaseHasWrappedKeys)
    {
        lock (gate)
        {
            if (key is not null)
            {
                return;
            }

            switch (settings.Source)
            {
                case KeyEncryptionKeySource.File:
                    LoadOrCreateFile(settings.KeyEncryptionKeyFile!, databaseHasWrappedKeys);
                    break;
                case KeyEncryptionKeySource.Missing:
                    throw new CustosConfigurationException(
                        CryptoSettings.KeyEncryptionKeyKey,
                        "no key-encryption key is configured. With PostgreSQL every node must use the same one: set " +
                        $"{CryptoSettings.KeyEncryptionKeyKey} (base64 of 32 random bytes, 'openssl rand -base64 32'; environment variable " +
                        $"Custos__Crypto__KeyEncryptionKey) or {CryptoSettings.KeyEncryptionKeyFileKey} (a file holding it), and back it up apart from the database.");
                default:
                    throw new InvalidOperationException($"Key source {settings.Source} should have been loaded at construction.");
            }
        }
    }

    public WrappedKey Wrap(ReadOnlySpan<byte> key, string context)
    {
        var kek = Current();
        var output = new byte[NonceSize + TagSize + key.Length];
        var nonce = output.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(kek, TagSize);
        aes.Encrypt(nonce, key, output.AsSpan(NonceSize + TagSize), output.AsSpan(NonceSize, TagSize), Encoding.UTF8.GetBytes(context));
        return new WrappedKey(keyId!, output);
    }

    public byte[] Unwrap(WrappedKey wrapped, string context)
    {
        ArgumentNullException.ThrowIfNull(wrapped);
        var kek = Current();
        if (!string.Equals(wrapped.KeyEncryptionKeyId, keyId, StringComparison.Ordinal))
        {
            throw new CustosConfigurationException(
                settings.SettingName,
                $"this database's keys were wrapped by key-encryption key {wrapped.KeyEncryptionKeyId}, but the configured key is {keyId}{Where()}. " +
                "Restore the original key-encryption key from its backup (README, 'Keys and backups'); a new key cannot read existing data.");
        }

        var data = wrapped.Ciphertext;
        if (data.Length < NonceSize + TagSize)
        {
            throw new SensitiveDataUnreadableException($"A wrapped key ({context}) is truncated: {data.Length} bytes.");
        }

        var plaintext = new byte[data.Length - NonceSize - TagSize];
        try
        {
            using var aes = new AesGcm(kek, TagSize);
            aes.Decrypt(data.AsSpan(0, NonceSize), data.AsSpan(NonceSize + TagSize), data.AsSpan(NonceSize, TagSize), plaintext, Encoding.UTF8.GetBytes(context));
        }
        catch (AuthenticationTagMismatchException ex)
        {
            throw new SensitiveDataUnreadableException(
                $"A wrapped key ({context}) failed authentication with key-encryption key {keyId}: it was altered or belongs elsewhere. " +
                "Restore the key table from a backup taken with this key-encryption key.", ex);
        }

        return plaintext;
    }

    public void Dispose()
    {
        lock (gate)
        {
            if (key is not null)
            {
                CryptographicOperations.ZeroMemory(key);
            }
        }
    }

    private byte[] Current() => key ?? throw new InvalidOperationException("The key-encryption key is not loaded: call EnsureAvailable first.");

    private string Where() => settings.Source == KeyEncryptionKeySource.File ? $" (file {settings.KeyEncryptionKeyFile})" : string.Empty;

    private void Load(byte[] bytes)
    {
        key = bytes;
        keyId = IdOf(bytes);
    }

    private void LoadOrCreateFile(string path, bool databaseHasWrappedKeys)
    {
        if (!File.Exists(path))
        {
            if (databaseHasWrappedKeys)
            {
                throw new CustosConfigurationException(
                    CryptoSettings.KeyEncryptionKeyFileKey,
                    $"the key-encryption key file {path} does not exist, but this database holds keys wrapped by a key-encryption key. " +
                    "Restore the file from its backup (README, 'Keys and backups'), or point this setting at it. Custos will not create a new key: it could not read existing data.");
            }

            TryCreateFile(path);
        }

        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CustosConfigurationException(CryptoSettings.KeyEncryptionKeyFileKey, $"cannot read the key-encryption key file {path}: {ex.Message}", ex);
        }

        Load(Parse(text, CryptoSettings.KeyEncryptionKeyFileKey));
    }

    private static void TryCreateFile(string path)
    {
        var folder = Path.GetDirectoryName(path);
        try
        {
            if (!string.IsNullOrEmpty(folder))
            {
                Directory.CreateDirectory(folder);
            }

            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
            if (!OperatingSystem.IsWindows())
            {
                // Owner read and write only, from the first byte: no window in which others could read it.
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            var secret = RandomNumberGenerator.GetBytes(KeySize);
            using var stream = new FileStream(path, options);
            using var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            writer.WriteLine(Convert.ToBase64String(secret));
            CryptographicOperations.ZeroMemory(secret);
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another process created it first: use theirs.
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CustosConfigurationException(CryptoSettings.KeyEncryptionKeyFileKey, $"cannot create the key-encryption key file {path}: {ex.Message}", ex);
        }
    }
}
