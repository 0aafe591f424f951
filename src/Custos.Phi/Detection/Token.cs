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
    public static Token[] Tokenize(string text, out int count)
    {
        var tokens = new Token[Math.Max(16, text.Length / 5)];
        count = 0;
        var i = 0;
        var n = text.Length;
        while (i < n)
        {
            var c = text[i];
            if (!char.IsLetterOrDigit(c))
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
                if (char.IsAsciiDigit(c) || (c > 127 && char.IsDigit(c)))
                {
                    shape |= TokenShape.Digits;
                }
                else if (char.IsLetter(c))
                {
                    letters++;
                    if (char.IsUpper(c))
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
                if (char.IsUpper(text[start]))
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
                Array.Resize(ref tokens, tokens.Length * 2);
            }

            tokens[count++] = new Token(start, i, shape);
        }

        return tokens;
    }
}
