using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Custos.Phi.Detection;

/// <summary>A maximal run of letters and digits (an apostrophe between letters stays inside: O'Brien).</summary>
[StructLayout(LayoutKind.Auto)]
internal readonly record struct Token(int Start, int End, TokenShape Shape)
{
    // Read for every token by every detector, often from methods too large for the JIT to inline them unasked.
    public int Length
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => End - Start;
    }

    public bool IsNumber
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => (Shape & (TokenShape.Digits | TokenShape.Letters)) == TokenShape.Digits;
    }

    public bool IsWord
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => (Shape & (TokenShape.Digits | TokenShape.Letters)) == TokenShape.Letters;
    }

    public bool IsMixed
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => (Shape & (TokenShape.Digits | TokenShape.Letters)) == (TokenShape.Digits | TokenShape.Letters);
    }

    public bool IsCapitalized
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => (Shape & TokenShape.InitialUpper) != 0;
    }

    public bool IsAllUpper
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => (Shape & TokenShape.AllUpper) != 0;
    }
}

/// <summary>What a token is made of.</summary>
[Flags]
internal enum TokenShape
{
    None = 0,
    Letters = 1,
    Digits = 2,
    InitialUpper = 4,
    AllUpper = 8,
}

/// <summary>Splits text into tokens in one pass.</summary>
internal static class Tokenizer
{
    // Character classes as bits, OR-ed over a token's characters: the token's shape without a branch per character.
    private const byte Digit = 1;
    private const byte Letter = 2;
    private const byte LowerLetter = Letter | 4;
    private const byte LowerBit = 4;

    /// <summary>The class of each ASCII character (0 = not part of a token), so plain text needs no Unicode category look-ups.</summary>
    private static readonly byte[] AsciiClass = BuildAsciiClass();

    private static byte[] BuildAsciiClass()
    {
        var table = new byte[128];
        for (var c = '0'; c <= '9'; c++)
        {
            table[c] = Digit;
        }

        for (var c = 'a'; c <= 'z'; c++)
        {
            table[c] = LowerLetter;
        }

        for (var c = 'A'; c <= 'Z'; c++)
        {
            table[c] = Letter;
        }

        return table;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Class(char c) => c < 128 ? AsciiClass[c] : NonAsciiClass(c);

    private static int NonAsciiClass(char c) =>
        char.IsDigit(c) ? Digit : char.IsLetter(c) ? (char.IsUpper(c) ? Letter : LowerLetter) : 0;

    public static Token[] Tokenize(string text, out int count)
    {
        // Rented, not allocated: a 64 K-character chunk needs ~160 KB of tokens, which would land on the large object heap
        // on every scan. ScanState.Release returns it.
        var tokens = System.Buffers.ArrayPool<Token>.Shared.Rent(Math.Max(16, text.Length / 5));
        count = 0;
        ReadOnlySpan<char> t = text;
        var i = 0;
        while (i < t.Length)
        {
            var cls = Class(t[i]);
            if (cls == 0)
            {
                i++;
                continue;
            }

            var start = i;
            var acc = 0;
            while (true)
            {
                acc |= cls;
                if (++i >= t.Length)
                {
                    break;
                }

                var c = t[i];
                cls = Class(c);
                if (cls != 0)
                {
                    continue;
                }

                // O'Brien, D'Angelo: an apostrophe between letters stays inside the word; a possessive 's does not
                // ("Meza's" is the name Meza, then 's).
                if (c != '\'' || i + 1 >= t.Length || !char.IsLetter(t[i + 1]) || !char.IsLetter(t[i - 1])
                    || (t[i + 1] is 's' or 'S' && (i + 2 == t.Length || !char.IsLetter(t[i + 2]))))
                {
                    break;
                }

                cls = Class(t[++i]);
            }

            var shape = (acc & Digit) != 0 ? TokenShape.Digits : TokenShape.None;
            if ((acc & Letter) != 0)
            {
                shape |= TokenShape.Letters;
                var first = t[start];
                if (first is >= 'A' and <= 'Z' || (first > 127 && char.IsUpper(first)))
                {
                    shape |= TokenShape.InitialUpper;
                }

                if ((acc & LowerBit) == 0)
                {
                    shape |= TokenShape.AllUpper;
                }
            }

            if (count == tokens.Length)
            {
                var larger = System.Buffers.ArrayPool<Token>.Shared.Rent(tokens.Length * 2);
                tokens.AsSpan(0, count).CopyTo(larger);
                System.Buffers.ArrayPool<Token>.Shared.Return(tokens);
                tokens = larger;
            }

            tokens[count++] = new Token(start, i, shape);
        }

        return tokens;
    }
}
