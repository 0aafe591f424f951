using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Custos.Platform.Crypto;

/// <summary>
/// The stored form of a sensitive value, self-describing so that any node, and any later version, can tell how to
/// read it:
/// <code>
/// [0]      version (1)
/// [1..17)  data key id (GUID, big-endian)
/// [17..29) nonce (96 bits, random per value)
/// [29..45) AES-GCM tag (128 bits)
/// [45..)   ciphertext (same length as the plaintext)
/// </code>
/// AES-256-GCM authenticates the header and the binding ("table.column") as associated data, so a value copied into
/// another column, or with its key id altered, fails to decrypt instead of yielding another plaintext.
/// </summary>
internal static class SensitiveValueEnvelope
{
    public const byte Version1 = 1;
    public const int KeyIdOffset = 1;
    public const int KeyIdSize = 16;
    public const int NonceSize = 12;
    public const int TagSize = 16;
    public const int HeaderSize = 1 + KeyIdSize + NonceSize + TagSize;

    // Creating an AesGcm (an OpenSSL context and key schedule) costs more than encrypting a short value, so each
    // thread keeps the one for the key it used last. Per thread, because an AesGcm instance is not thread-safe.
    [ThreadStatic]
    private static AesGcm? threadCipher;

    [ThreadStatic]
    private static byte[]? threadCipherKey;

    /// <summary>The 16 bytes that identify a key inside an envelope (and in SQL, substr(column, 2, 16)).</summary>
    public static byte[] KeyIdBytes(Guid keyId)
    {
        var bytes = new byte[KeyIdSize];
        keyId.TryWriteBytes(bytes, bigEndian: true, out _);
        return bytes;
    }

    public static Guid ReadKeyId(ReadOnlySpan<byte> envelope, string binding)
    {
        Validate(envelope, binding);
        return new Guid(envelope.Slice(KeyIdOffset, KeyIdSize), bigEndian: true);
    }

    public static byte[] Seal(Guid keyId, byte[] key, string binding, ReadOnlySpan<byte> plaintext)
    {
        var envelope = new byte[HeaderSize + plaintext.Length];
        envelope[0] = Version1;
        keyId.TryWriteBytes(envelope.AsSpan(KeyIdOffset, KeyIdSize), bigEndian: true, out _);
        var nonce = envelope.AsSpan(KeyIdOffset + KeyIdSize, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        CipherFor(key).Encrypt(nonce, plaintext, envelope.AsSpan(HeaderSize), envelope.AsSpan(HeaderSize - TagSize, TagSize), AssociatedData(envelope, binding));
        return envelope;
    }

    public static byte[] Open(ReadOnlySpan<byte> envelope, byte[] key, string binding)
    {
        Validate(envelope, binding);
        var plaintext = new byte[envelope.Length - HeaderSize];
        try
        {
            CipherFor(key).Decrypt(
                envelope.Slice(KeyIdOffset + KeyIdSize, NonceSize),
                envelope[HeaderSize..],
                envelope.Slice(HeaderSize - TagSize, TagSize),
                plaintext,
                AssociatedData(envelope, binding));
        }
        catch (AuthenticationTagMismatchException ex)
        {
            CryptographicOperations.ZeroMemory(plaintext);
            throw new SensitiveDataUnreadableException(
                $"An encrypted value in {binding} failed authentication: it was altered, or copied from another column or database. " +
                "Restore it from a backup; Custos never returns a value it cannot verify.", ex);
        }

        return plaintext;
    }

    private static AesGcm CipherFor(byte[] key)
    {
        if (threadCipher is null || !ReferenceEquals(threadCipherKey, key))
        {
            threadCipher?.Dispose();
            threadCipher = new AesGcm(key, TagSize);
            threadCipherKey = key;
        }

        return threadCipher;
    }

    private static void Validate(ReadOnlySpan<byte> envelope, string binding)
    {
        if (envelope.Length < HeaderSize)
        {
            throw new SensitiveDataUnreadableException(
                $"A value in {binding} is not a Custos encrypted value ({envelope.Length} bytes, shorter than the {HeaderSize}-byte header). " +
                "It was written without encryption or truncated.");
        }

        if (envelope[0] != Version1)
        {
            throw new SensitiveDataUnreadableException(
                $"A value in {binding} has encryption format version {envelope[0]}, which this version of Custos does not know. " +
                "It was written by a newer Custos, or is not an encrypted value.");
        }
    }

    private static byte[] AssociatedData(ReadOnlySpan<byte> envelope, string binding)
    {
        // Header before the nonce (version + key id) and the binding; length-prefixed so no two inputs collide.
        var bindingBytes = Encoding.UTF8.GetBytes(binding);
        var data = new byte[1 + KeyIdSize + 4 + bindingBytes.Length];
        envelope[..(1 + KeyIdSize)].CopyTo(data);
        BinaryPrimitives.WriteInt32BigEndian(data.AsSpan(1 + KeyIdSize, 4), bindingBytes.Length);
        bindingBytes.CopyTo(data.AsSpan(1 + KeyIdSize + 4));
        return data;
    }
}
