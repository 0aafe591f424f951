using System.Text;

namespace Custos.Phi.Files;

/// <summary>
/// Reads a UTF-8 stream as text in chunks that end at a line break (or at <c>maxChars</c> when a line is longer), so
/// that memory stays flat however large the input. Invalid UTF-8 stops the read with an
/// <see cref="InvalidDataException"/> giving the byte offset.
/// </summary>
internal sealed class TextChunkReader
{
    private readonly Stream _stream;
    private readonly Decoder _decoder = new UTF8Encoding(false, true).GetDecoder();
    private readonly byte[] _bytes;
    private readonly int _maxChars;
    private char[] _pending;
    private int _pendingLength;
    private long _bytesRead;
    private bool _end;

    public TextChunkReader(Stream stream, int maxChars = 1 << 20)
    {
        _stream = stream;
        _maxChars = maxChars;
        _bytes = new byte[Math.Max(4096, maxChars / 2)];
        _pending = new char[maxChars + _bytes.Length + 16];
    }

    /// <summary>Characters returned so far: the offset of the next chunk's first character.</summary>
    public long Offset { get; private set; }

    /// <summary>Whether the first bytes look binary (a NUL byte in the first 8 KiB).</summary>
    public static bool LooksBinary(ReadOnlySpan<byte> head) => head[..Math.Min(head.Length, 8192)].Contains((byte)0);

    /// <summary>The next chunk, or null at the end of the stream.</summary>
    public string? Next()
    {
        while (!_end && _pendingLength < _maxChars)
        {
            var n = _stream.Read(_bytes, 0, _bytes.Length);
            try
            {
                if (n == 0)
                {
                    _end = true;
                    _pendingLength += _decoder.GetChars([], _pending.AsSpan(_pendingLength), flush: true);
                    break;
                }

                EnsureRoom(n + 4);
                _pendingLength += _decoder.GetChars(_bytes.AsSpan(0, n), _pending.AsSpan(_pendingLength), flush: false);
            }
            catch (DecoderFallbackException ex)
            {
                var at = _bytesRead + Math.Max(0, ex.Index);
                throw new InvalidDataException($"not valid UTF-8 at byte {at.ToString(System.Globalization.CultureInfo.InvariantCulture)}; convert the file to UTF-8 and try again", ex);
            }

            _bytesRead += n;
        }

        if (_pendingLength == 0)
        {
            return null;
        }

        var cut = _pendingLength;
        if (!_end || _pendingLength > _maxChars)
        {
            var window = _pending.AsSpan(0, Math.Min(_pendingLength, _maxChars));
            var newline = window.LastIndexOf('\n');
            cut = newline >= 0 ? newline + 1 : window.Length;

            // Never split a surrogate pair.
            if (cut < _pendingLength && char.IsHighSurrogate(_pending[cut - 1]))
            {
                cut--;
            }
        }

        var chunk = new string(_pending, 0, cut);
        Array.Copy(_pending, cut, _pending, 0, _pendingLength - cut);
        _pendingLength -= cut;
        Offset += cut;
        return chunk;
    }

    private void EnsureRoom(int more)
    {
        if (_pendingLength + more > _pending.Length)
        {
            Array.Resize(ref _pending, (_pendingLength + more) * 2);
        }
    }
}
