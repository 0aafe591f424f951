using System.Runtime.InteropServices;

namespace Custos.Phi.Detection;

/// <summary>A maximal run of letters and digits (an apostrophe between letters stays inside: O'Brien).</summary>
[StructLayout(LayoutKind.Auto)]
internal readonly record struct Token(int Start, int End, TokenShape Shape)
{
    public int Length => End - Start;

    public bool IsNumber => Shape.HasFlag(TokenShape.Digits) && !Shape.HasFlag(TokenShape.Letters);

    public bool IsWord => Shape.HasFlag(TokenShape.Letters) && !Shape.HasFlag(TokenShape.Digits);

    public bool IsMixed => Shape.HasFlag(TokenShape.Letters) && Shape.HasFlag(TokenShape.Digits);

    public bool IsCapitalized => Shape.HasFlag(TokenShape.InitialUpper);

    public bool IsAllUpper => Shape.HasFlag(TokenShape.AllUpper);
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
    private const byte Digit = 1;
    private const byte Lower = 2;
    private const byte Upper = 3;

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
            table[c] = Lower;
        }

        for (var c = 'A'; c <= 'Z'; c++)
        {
            table[c] = Upper;
        }

        return table;
    }

    public static Token[] Tokenize(string text, out int count)
    {
        // Rented, not allocated: a 64 K-character chunk needs ~160 KB of tokens, which would land on the large object heap
        // on every scan. ScanState.Release returns it.
        var tokens = System.Buffers.ArrayPool<Token>.Shared.Rent(Math.Max(16, text.Length / 5));
        count = 0;
        var i = 0;
        var n = text.Length;
        while (i < n)
        {
            var c = text[i];
            if (c < 128 ? AsciiClass[c] == 0 : !char.IsLetterOrDigit(c))
            {
                i++;
                continue;
            }

            var start = i;
            var shape = TokenShape.None;
            var upper = 0;
            var letters = 0;
            while (i < n)
            {
                c = text[i];
                var cls = c < 128 ? AsciiClass[c] : char.IsDigit(c) ? Digit : char.IsLetter(c) ? (char.IsUpper(c) ? Upper : Lower) : (byte)0;
                if (cls == Digit)
                {
                    shape |= TokenShape.Digits;
                }
                else if (cls != 0)
                {
                    letters++;
                    if (cls == Upper)
                    {
                        upper++;
                    }
                }
                else if (c == '\'' && i + 1 < n && char.IsLetter(text[i + 1]) && i > start && char.IsLetter(text[i - 1])
                    && !(text[i + 1] is 's' or 'S' && (i + 2 == n || !char.IsLetter(text[i + 2]))))
                {
                    // (A possessive 's is not: "Meza's" is the name Meza, then 's.)
                    // O'Brien, D'Angelo: the apostrophe stays inside the word.
                }
                else
                {
                    break;
                }

                i++;
            }

            if (letters > 0)
            {
                shape |= TokenShape.Letters;
                if (text[start] is >= 'A' and <= 'Z' || (text[start] > 127 && char.IsUpper(text[start])))
                {
                    shape |= TokenShape.InitialUpper;
                }

                if (upper == letters)
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
