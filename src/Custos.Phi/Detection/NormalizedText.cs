namespace Custos.Phi.Detection;

/// <summary>
/// The text the detectors read: the input with obfuscations undone (zero-width characters and combining marks
/// removed, full-width forms and look-alike Cyrillic and Greek letters folded to ASCII, exotic spaces and dashes made
/// plain) and a map from every normalized character back to the original span, so findings point into the original.
/// Plain ASCII input is used as it is, with no copy and no map.
/// </summary>
internal sealed class NormalizedText
{
    private readonly int[]? _starts;
    private readonly int[]? _ends;

    private NormalizedText(string original, string text, int[]? starts, int[]? ends)
    {
        Original = original;
        Text = text;
        _starts = starts;
        _ends = ends;
    }

    public string Original { get; }

    public string Text { get; }

    public bool Changed => _starts is not null;

    public static NormalizedText Create(string original)
    {
        if (!NeedsFolding(original))
        {
            return new NormalizedText(original, original, null, null);
        }

        var chars = new char[original.Length];
        var starts = new int[original.Length];
        var ends = new int[original.Length];
        var n = 0;
        var changed = false;
        for (var i = 0; i < original.Length; i++)
        {
            var c = original[i];
            if (c < 128)
            {
                chars[n] = c;
                starts[n] = i;
                ends[n] = i + 1;
                n++;
                continue;
            }

            var folded = Fold(c);
            if (folded == '\0')
            {
                // Removed: the character is attached to the previous one so spans that end there keep it.
                changed = true;
                if (n > 0)
                {
                    ends[n - 1] = i + 1;
                }

                continue;
            }

            changed |= folded != c;
            chars[n] = folded;
            starts[n] = i;
            ends[n] = i + 1;
            n++;
        }

        return changed
            ? new NormalizedText(original, new string(chars, 0, n), starts[..n], ends[..n])
            : new NormalizedText(original, original, null, null);
    }

    /// <summary>Whether any character outside ASCII would be folded or dropped (most text: none, and no copy is made).</summary>
    private static bool NeedsFolding(string text)
    {
        var span = text.AsSpan();
        var at = span.IndexOfAnyExceptInRange('\0', '\x7F');
        while (at >= 0)
        {
            if (Fold(span[at]) != span[at])
            {
                return true;
            }

            span = span[(at + 1)..];
            at = span.IndexOfAnyExceptInRange('\0', '\x7F');
        }

        return false;
    }

    /// <summary>Maps a span of <see cref="Text"/> back to the original text.</summary>
    public (int Start, int End) ToOriginal(int start, int end)
    {
        if (_starts is null || end <= start)
        {
            return (start, end);
        }

        return (_starts[start], _ends![end - 1]);
    }

    /// <summary>The ASCII form of an obfuscating character, the character itself, or '\0' to drop it.</summary>
    internal static char Fold(char c)
    {
        switch (c)
        {
            case '\u200B' or '\u200C' or '\u200D' or '\u2060' or '\uFEFF' or '\u00AD' or '\u180E':
                return '\0';
            case >= '\u0300' and <= '\u036F':
                return '\0';
            case >= '\uFF01' and <= '\uFF5E':
                return (char)(c - 0xFEE0);
            case '\u3000' or '\u00A0' or '\u202F' or '\u205F' or (>= '\u2000' and <= '\u200A'):
                return ' ';
            case (>= '\u2010' and <= '\u2015') or '\u2212' or '\uFE63' or '\uFF0D':
                return '-';
            case '\u2018' or '\u2019':
                return '\'';
            default:
                return Homoglyph(c);
        }
    }

    private static char Homoglyph(char c) => c switch
    {
        // Cyrillic letters drawn like Latin ones.
        'а' => 'a',
        'е' => 'e',
        'о' => 'o',
        'р' => 'p',
        'с' => 'c',
        'у' => 'y',
        'х' => 'x',
        'і' => 'i',
        'ј' => 'j',
        'ѕ' => 's',
        'ԁ' => 'd',
        'ԛ' => 'q',
        'ԝ' => 'w',
        'һ' => 'h',
        'ӏ' => 'l',
        'А' => 'A',
        'В' => 'B',
        'Е' => 'E',
        'К' => 'K',
        'М' => 'M',
        'Н' => 'H',
        'О' => 'O',
        'Р' => 'P',
        'С' => 'C',
        'Т' => 'T',
        'Х' => 'X',
        'У' => 'Y',
        'І' => 'I',
        'Ј' => 'J',
        'Ѕ' => 'S',
        'Ԁ' => 'D',
        // Greek letters drawn like Latin ones.
        'ο' => 'o',
        'ν' => 'v',
        'ρ' => 'p',
        'Α' => 'A',
        'Β' => 'B',
        'Ε' => 'E',
        'Ζ' => 'Z',
        'Η' => 'H',
        'Ι' => 'I',
        'Κ' => 'K',
        'Μ' => 'M',
        'Ν' => 'N',
        'Ο' => 'O',
        'Ρ' => 'P',
        'Τ' => 'T',
        'Υ' => 'Y',
        'Χ' => 'X',
        // Mathematical and other digit look-alikes.
        '\u2024' => '.',
        '\uFF0E' => '.',
        '\uFE6B' => '@',
        _ => c,
    };
}
