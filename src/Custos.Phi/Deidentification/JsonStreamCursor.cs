using System.Buffers;
using System.Globalization;
using System.Text.Json;

namespace Custos.Phi.Deidentification;

/// <summary>
/// Reads a JSON document from a stream token by token with <see cref="Utf8JsonReader"/> over a buffer that holds at
/// most one value at a time: the top-level structure is walked token by token, and each value asked for whole (a
/// Bundle entry, an element of a large array) is handed out as one contiguous slice. The buffer grows only to the
/// largest single value, never to the document, so memory stays flat as the document grows.
/// </summary>
internal sealed class JsonStreamCursor : IDisposable
{
    private const int InitialSize = 64 * 1024;

    private readonly Stream _stream;
    private byte[] _buffer;
    private int _start;
    private int _end;
    private bool _final;
    private long _offset; // absolute position in the stream of _buffer[0]
    private JsonReaderState _state;

    public JsonStreamCursor(Stream stream)
    {
        _stream = stream;
        _buffer = ArrayPool<byte>.Shared.Rent(InitialSize);
        _state = new JsonReaderState(new JsonReaderOptions { MaxDepth = 256, CommentHandling = JsonCommentHandling.Disallow });
        Fill();
        // A UTF-8 byte order mark is allowed before the document.
        if (_end - _start >= 3 && _buffer[_start] == 0xEF && _buffer[_start + 1] == 0xBB && _buffer[_start + 2] == 0xBF)
        {
            _start += 3;
        }
    }

    /// <summary>The token last read.</summary>
    public JsonTokenType TokenType { get; private set; }

    /// <summary>Absolute byte offset in the stream where the last token (or value) started.</summary>
    public long TokenOffset { get; private set; }

    /// <summary>The largest buffer used, in bytes: the size of the largest value read whole (tests check it stays flat).</summary>
    public int PeakBuffer { get; private set; }

    /// <summary>The property name or string value of the last token.</summary>
    public string? GetString() => _text;

    private string? _text;

    private ReadOnlyMemory<byte> _value;

    /// <summary>The bytes of the value last read with <see cref="ReadValue"/> (valid until the next read).</summary>
    public ReadOnlyMemory<byte> Value => _value;

    /// <summary>Reads the next token. Returns false at the end of the document.</summary>
    public bool Read() => Next(whole: false);

    /// <summary>
    /// Reads the next value whole (an object or array with everything inside it, or a primitive), available as
    /// <see cref="Value"/>; or the next token when it ends the enclosing array or object.
    /// </summary>
    public bool ReadValue() => Next(whole: true);

    /// <summary>The type of the next token, without reading it (None at the end of the document).</summary>
    public JsonTokenType Peek()
    {
        while (true)
        {
            var reader = new Utf8JsonReader(_buffer.AsSpan(_start, _end - _start), _final, _state);
            try
            {
                if (reader.Read())
                {
                    return reader.TokenType;
                }
            }
            catch (JsonException ex)
            {
                throw Malformed(ex, _offset + _start + reader.TokenStartIndex);
            }

            if (_final)
            {
                return JsonTokenType.None;
            }

            Fill();
        }
    }

    private bool Next(bool whole)
    {
        while (true)
        {
            var reader = new Utf8JsonReader(_buffer.AsSpan(_start, _end - _start), _final, _state);
            var complete = false;
            var tokenStart = 0L;
            var type = JsonTokenType.None;
            string? text = null;
            try
            {
                if (reader.Read())
                {
                    tokenStart = reader.TokenStartIndex;
                    type = reader.TokenType;
                    text = type == JsonTokenType.PropertyName || (type == JsonTokenType.String && reader.ValueSpan.Length <= 4096) ? reader.GetString() : null;
                    // TrySkip leaves the reader on the value's end token: the value runs from its start token to there.
                    complete = !whole || type is not (JsonTokenType.StartObject or JsonTokenType.StartArray) || reader.TrySkip();
                }
            }
            catch (JsonException ex)
            {
                throw Malformed(ex, _offset + _start + reader.TokenStartIndex);
            }

            if (complete)
            {
                TokenOffset = _offset + _start + tokenStart;
                TokenType = type;
                _text = text;
                var consumed = _start + (int)reader.BytesConsumed;
                _value = _buffer.AsMemory(_start + (int)tokenStart, consumed - _start - (int)tokenStart);
                _state = reader.CurrentState;
                _start = consumed;
                return true;
            }

            if (_final)
            {
                if (_end - _start > 0 && !OnlyWhitespace(_buffer.AsSpan(_start, _end - _start)))
                {
                    throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"not valid JSON: the document ends inside a value that starts at byte {_offset + _start + 1}"));
                }

                return false;
            }

            Fill();
        }
    }

    private static bool OnlyWhitespace(ReadOnlySpan<byte> bytes) => bytes.IndexOfAnyExcept(" \t\r\n"u8) < 0;

    /// <summary>Moves the unread bytes to the front, grows the buffer when a single value fills it, and reads more.</summary>
    private void Fill()
    {
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _offset += _start;
            _end -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            var larger = ArrayPool<byte>.Shared.Rent(_buffer.Length * 2);
            Buffer.BlockCopy(_buffer, 0, larger, 0, _end);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = larger;
        }

        PeakBuffer = Math.Max(PeakBuffer, _buffer.Length);
        while (_end < _buffer.Length)
        {
            var n = _stream.Read(_buffer, _end, _buffer.Length - _end);
            if (n == 0)
            {
                _final = true;
                break;
            }

            _end += n;
        }
    }

    /// <summary>A clear message with the position; the reader's own message names the offending character, never a value.</summary>
    internal static InvalidDataException Malformed(JsonException ex, long offset) =>
        new(ex.LineNumber is { } line
            ? string.Create(CultureInfo.InvariantCulture, $"not valid JSON at line {line + 1}, byte {(ex.BytePositionInLine ?? 0) + 1} (byte {offset + 1} of the file): {FirstSentence(ex.Message)}")
            : string.Create(CultureInfo.InvariantCulture, $"not valid JSON at byte {offset + 1} of the file: {FirstSentence(ex.Message)}"), ex);

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut].TrimEnd() : message;
    }

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
    }
}
