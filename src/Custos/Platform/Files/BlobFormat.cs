using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Custos.Platform.Files;

/// <summary>
/// How a blob's ciphertext is laid out, so that a 100 MB file is encrypted and decrypted in 64 KiB chunks and never
/// sits in memory (ADR 0015):
/// <code>
/// header   "CUSTOSB1" (8 bytes) | chunk size (int32, big-endian) | 4 reserved zero bytes
/// chunk i  ciphertext (chunk size bytes, the last chunk 0..chunk size) | AES-GCM tag (16 bytes)
/// </code>
/// Each chunk is AES-256-GCM under the blob's own random key, with nonce = chunk index (64-bit big-endian) | 3 zero
/// bytes | final flag, and the header as associated data. A reordered, dropped, truncated or extended chunk fails
/// authentication (the STREAM construction of Hoang, Reyhanitabar, Rogaway and Vizár).
/// </summary>
internal static class BlobFormat
{
    public const int ChunkSize = 64 * 1024;
    public const int TagSize = 16;
    public const int NonceSize = 12;
    public const int HeaderSize = 16;
    private static readonly byte[] Magic = "CUSTOSB1"u8.ToArray();

    public static byte[] Header(int chunkSize)
    {
        var header = new byte[HeaderSize];
        Magic.CopyTo(header, 0);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(8, 4), chunkSize);
        return header;
    }

    /// <summary>The chunk size a header declares; throws when the bytes are not a blob header.</summary>
    public static int ReadHeader(ReadOnlySpan<byte> header)
    {
        if (header.Length != HeaderSize || !header[..8].SequenceEqual(Magic))
        {
            throw new StoredFileCorruptException("the blob does not start with a Custos blob header");
        }

        var chunkSize = BinaryPrimitives.ReadInt32BigEndian(header.Slice(8, 4));
        return chunkSize is > 0 and <= 16 * 1024 * 1024
            ? chunkSize
            : throw new StoredFileCorruptException($"the blob header declares an impossible chunk size ({chunkSize})");
    }

    public static void Nonce(Span<byte> nonce, long chunkIndex, bool final)
    {
        nonce.Clear();
        BinaryPrimitives.WriteInt64BigEndian(nonce[..8], chunkIndex);
        nonce[NonceSize - 1] = final ? (byte)1 : (byte)0;
    }

    /// <summary>Encrypts <paramref name="input"/> to <paramref name="output"/>, hashing the plaintext; returns its length.</summary>
    /// <exception cref="BlobTooLargeException">The input is longer than <paramref name="maxBytes"/>.</exception>
    public static async Task<long> EncryptAsync(Stream input, Stream output, byte[] key, long maxBytes, IncrementalHash plaintextHash, CancellationToken cancellationToken)
    {
        var header = Header(ChunkSize);
        await output.WriteAsync(header, cancellationToken);
        using var aes = new AesGcm(key, TagSize);
        var current = new byte[ChunkSize];
        var next = new byte[ChunkSize];
        var sealedChunk = new byte[ChunkSize + TagSize];
        var nonce = new byte[NonceSize];
        var currentLength = await ReadFullAsync(input, current, cancellationToken);
        long total = currentLength;
        for (long index = 0; ; index++)
        {
            if (total > maxBytes)
            {
                throw new BlobTooLargeException(maxBytes);
            }

            var nextLength = currentLength < ChunkSize ? 0 : await ReadFullAsync(input, next, cancellationToken);
            var final = nextLength == 0;
            plaintextHash.AppendData(current, 0, currentLength);
            Nonce(nonce, index, final);
            aes.Encrypt(nonce, current.AsSpan(0, currentLength), sealedChunk.AsSpan(0, currentLength), sealedChunk.AsSpan(currentLength, TagSize), header);
            await output.WriteAsync(sealedChunk.AsMemory(0, currentLength + TagSize), cancellationToken);
            if (final)
            {
                CryptographicOperations.ZeroMemory(current);
                CryptographicOperations.ZeroMemory(next);
                return total;
            }

            (current, next) = (next, current);
            currentLength = nextLength;
            total += nextLength;
        }
    }

    public static async Task<int> ReadFullAsync(Stream input, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        var read = 0;
        while (read < buffer.Length)
        {
            var n = await input.ReadAsync(buffer[read..], cancellationToken);
            if (n == 0)
            {
                break;
            }

            read += n;
        }

        return read;
    }

    public static int ReadFull(Stream input, Span<byte> buffer)
    {
        var read = 0;
        while (read < buffer.Length)
        {
            var n = input.Read(buffer[read..]);
            if (n == 0)
            {
                break;
            }

            read += n;
        }

        return read;
    }
}

/// <summary>The content is longer than the limit the caller set.</summary>
public sealed class BlobTooLargeException(long maxBytes)
    : Exception($"The file is larger than the limit of {maxBytes} bytes.")
{
    public long MaxBytes { get; } = maxBytes;
}

/// <summary>A stored blob's ciphertext failed authentication or is truncated: it was altered on disk.</summary>
public sealed class StoredFileCorruptException(string detail)
    : Exception($"A stored file failed its integrity check: {detail}. Restore the files folder from a backup.")
{
    public string Detail { get; } = detail;
}
