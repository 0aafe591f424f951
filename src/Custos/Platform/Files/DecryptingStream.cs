using System.Security.Cryptography;

namespace Custos.Platform.Files;

/// <summary>
/// Reads a blob's plaintext, one authenticated chunk at a time: no byte is returned before the chunk holding it has
/// passed its AES-GCM check, and a truncated or extended blob fails at its end.
/// </summary>
internal sealed class DecryptingStream : Stream
{
    private readonly Stream source;
    private readonly AesGcm aes;
    private readonly long length;
    private readonly byte[] header;
    private readonly int chunkSize;
    private readonly long chunkCount;
    private readonly byte[] sealedChunk;
    private readonly byte[] plain;
    private readonly byte[] nonce = new byte[BlobFormat.NonceSize];
    private long nextChunk;
    private int plainOffset;
    private int plainLength;
    private long position;

    public DecryptingStream(Stream source, byte[] key, long length)
    {
        this.source = source;
        this.length = length;
        header = new byte[BlobFormat.HeaderSize];
        if (BlobFormat.ReadFull(source, header) != BlobFormat.HeaderSize)
        {
            source.Dispose();
            throw new StoredFileCorruptException("the blob is shorter than its header");
        }

        chunkSize = BlobFormat.ReadHeader(header);
        chunkCount = Math.Max(1, (length + chunkSize - 1) / chunkSize);
        sealedChunk = new byte[chunkSize + BlobFormat.TagSize];
        plain = new byte[chunkSize];
        aes = new AesGcm(key, BlobFormat.TagSize);
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => length;

    public override long Position
    {
        get => position;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (plainOffset == plainLength)
        {
            if (nextChunk == chunkCount)
            {
                return 0;
            }

            var expected = ExpectedLength(nextChunk);
            var read = BlobFormat.ReadFull(source, sealedChunk.AsSpan(0, expected + BlobFormat.TagSize));
            Open(read, expected, trailing: nextChunk == chunkCount - 1 ? source.ReadByte() != -1 : false);
        }

        return Copy(buffer);
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (plainOffset == plainLength)
        {
            if (nextChunk == chunkCount)
            {
                return 0;
            }

            var expected = ExpectedLength(nextChunk);
            var read = await BlobFormat.ReadFullAsync(source, sealedChunk.AsMemory(0, expected + BlobFormat.TagSize), cancellationToken);
            var trailing = false;
            if (nextChunk == chunkCount - 1)
            {
                var probe = new byte[1];
                trailing = await source.ReadAsync(probe, cancellationToken) != 0;
            }

            Open(read, expected, trailing);
        }

        return Copy(buffer.Span);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            aes.Dispose();
            source.Dispose();
            CryptographicOperations.ZeroMemory(plain);
        }

        base.Dispose(disposing);
    }

    private int ExpectedLength(long chunk) => (int)Math.Min(chunkSize, length - (chunk * chunkSize));

    private void Open(int read, int expected, bool trailing)
    {
        if (read != expected + BlobFormat.TagSize)
        {
            throw new StoredFileCorruptException($"the blob is truncated in chunk {nextChunk}");
        }

        if (trailing)
        {
            throw new StoredFileCorruptException("the blob has bytes after its last chunk");
        }

        BlobFormat.Nonce(nonce, nextChunk, final: nextChunk == chunkCount - 1);
        try
        {
            aes.Decrypt(nonce, sealedChunk.AsSpan(0, expected), sealedChunk.AsSpan(expected, BlobFormat.TagSize), plain.AsSpan(0, expected), header);
        }
        catch (AuthenticationTagMismatchException)
        {
            throw new StoredFileCorruptException($"chunk {nextChunk} failed authentication");
        }

        nextChunk++;
        plainOffset = 0;
        plainLength = expected;
    }

    private int Copy(Span<byte> buffer)
    {
        var n = Math.Min(buffer.Length, plainLength - plainOffset);
        plain.AsSpan(plainOffset, n).CopyTo(buffer);
        plainOffset += n;
        position += n;
        return n;
    }
}
