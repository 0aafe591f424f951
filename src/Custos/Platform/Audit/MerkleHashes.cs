using System.Security.Cryptography;

namespace Custos.Platform.Audit;

/// <summary>
/// The RFC 9162 §2.1.1 hashes: leaf = SHA-256(0x00 || data), interior node = SHA-256(0x01 || left || right),
/// empty tree = SHA-256(""). The prefixes keep a leaf from posing as an interior node (second-preimage resistance).
/// </summary>
public static class MerkleHashes
{
    public const int Size = 32;

    private static readonly byte[] EmptyRoot = SHA256.HashData(ReadOnlySpan<byte>.Empty);

    public static byte[] Empty => (byte[])EmptyRoot.Clone();

    public static byte[] Leaf(ReadOnlySpan<byte> data)
    {
        var hash = new byte[Size];
        Leaf(data, hash);
        return hash;
    }

    public static void Leaf(ReadOnlySpan<byte> data, Span<byte> destination)
    {
        // One-shot hashing of a stack copy is several times cheaper than an IncrementalHash per leaf; entries are
        // well under the limit, longer data takes the incremental path.
        if (data.Length < 4096)
        {
            Span<byte> buffer = stackalloc byte[data.Length + 1];
            buffer[0] = 0x00;
            data.CopyTo(buffer[1..]);
            SHA256.HashData(buffer, destination);
            return;
        }

        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        ReadOnlySpan<byte> prefix = [0x00];
        sha.AppendData(prefix);
        sha.AppendData(data);
        sha.GetHashAndReset(destination);
    }

    public static byte[] Node(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
    {
        Span<byte> buffer = stackalloc byte[1 + (2 * Size)];
        buffer[0] = 0x01;
        left.CopyTo(buffer[1..]);
        right.CopyTo(buffer[(1 + Size)..]);
        return SHA256.HashData(buffer);
    }
}
