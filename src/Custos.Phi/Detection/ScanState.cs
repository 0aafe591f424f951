namespace Custos.Phi.Detection;

/// <summary>One scan's working state: the normalized text, its tokens and the candidates found so far.</summary>
internal sealed class ScanState
{
    public ScanState(string text)
        : this(text, [])
    {
    }

    /// <summary>A state that adds its candidates to <paramref name="candidates"/> (a list kept between scans).</summary>
    public ScanState(string text, List<PhiFinding> candidates)
    {
        Text = text;
        Candidates = candidates;
        Tokens = Tokenizer.Tokenize(text, out var count);
        Count = count;
        _flags = System.Buffers.ArrayPool<WordFlags>.Shared.Rent(Math.Max(1, count));
        Array.Clear(_flags, 0, count);
        // As many slots as tokens, up to 4,096: a short text (a CSV cell, a log line) clears a small table.
        _recentMask = (int)Math.Min(MaxRecentSlots, System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Math.Max(16, count))) - 1;
        _recent = System.Buffers.ArrayPool<int>.Shared.Rent(_recentMask + 1);
        Array.Clear(_recent, 0, _recentMask + 1);
    }

    public string Text { get; }

    public Token[] Tokens { get; private set; }

    public int Count { get; }

    public List<PhiFinding> Candidates { get; }

    /// <summary>Whether the text has no capitalized word at all (set by the name detector): capitalization then says nothing.</summary>
    public bool Lowercase { get; set; }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public ReadOnlySpan<char> Word(int i) => Text.AsSpan(Tokens[i].Start, Tokens[i].Length);

    private WordFlags[] _flags;

    /// <summary>The lists token i is in: one hash probe per token, remembered for the rest of the scan.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public WordFlags Flags(int i)
    {
        var flags = _flags[i];
        return flags != WordFlags.None ? flags : Probe(i);
    }

    /// <summary>
    /// Per slot (chosen by a cheap hash of the word's length and three of its letters): the last token looked up
    /// there, + 1. Running text repeats its words ("the", "patient", "mg"), so most look-ups find the same word in
    /// this small table, which stays in the CPU's first-level cache, and copy its flags instead of probing the
    /// 64,000-word dictionary, whose entries mostly do not.
    /// </summary>
    private int[] _recent;

    private const int MaxRecentSlots = 4096;

    private readonly int _recentMask;

    private WordFlags Probe(int i)
    {
        var flags = WordFlags.Looked;
        var word = Word(i);
        if (word.Length > 24)
        {
            _flags[i] = flags;
            return flags;
        }

        var slot = ((word.Length * 397) ^ (word[0] * 31) ^ (word[^1] * 7919) ^ word[word.Length >> 1]) & _recentMask;
        var earlier = _recent[slot] - 1;
        if (earlier >= 0 && Word(earlier).SequenceEqual(word))
        {
            flags = _flags[earlier];
        }
        else
        {
            if (Lexicon.Flags.TryGetValue(word, out var found))
            {
                flags |= found;
            }

            _recent[slot] = i + 1;
        }

        _flags[i] = flags;
        return flags;
    }

    /// <summary>Returns the rented arrays; the state must not be used afterwards.</summary>
    public void Release()
    {
        System.Buffers.ArrayPool<Token>.Shared.Return(Tokens);
        Tokens = [];
        System.Buffers.ArrayPool<WordFlags>.Shared.Return(_flags);
        _flags = [];
        System.Buffers.ArrayPool<int>.Shared.Return(_recent);
        _recent = [];
    }

    /// <summary>Whether token i is in any of the lists of <paramref name="flag"/>.</summary>
    public bool Is(int i, WordFlags flag) => (Flags(i) & flag) != 0;

    /// <summary>Whether token i is a known first name, and whether that name is also an English word.</summary>
    public bool TryFirstName(int i, out bool ambiguous)
    {
        var flags = Flags(i);
        ambiguous = (flags & WordFlags.FirstNameAmbiguous) != 0;
        return (flags & WordFlags.FirstName) != 0;
    }

    /// <summary>Whether token i is a known surname, and whether that name is also an English word.</summary>
    public bool TrySurname(int i, out bool ambiguous)
    {
        var flags = Flags(i);
        ambiguous = (flags & WordFlags.SurnameAmbiguous) != 0;
        return (flags & WordFlags.Surname) != 0;
    }

    /// <summary>The text between token i and token i + 1 (or the end of the text).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public ReadOnlySpan<char> GapAfter(int i) =>
        i + 1 < Count
            ? Text.AsSpan(Tokens[i].End, Tokens[i + 1].Start - Tokens[i].End)
            : Text.AsSpan(Tokens[i].End);

    /// <summary>The text between token i - 1 (or the start of the text) and token i.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public ReadOnlySpan<char> GapBefore(int i) =>
        i > 0
            ? Text.AsSpan(Tokens[i - 1].End, Tokens[i].Start - Tokens[i - 1].End)
            : Text.AsSpan(0, Tokens[i].Start);

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public bool GapAfterIs(int i, char c)
    {
        var gap = GapAfter(i);
        return i + 1 < Count && gap.Length == 1 && gap[0] == c;
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public bool IsNumber(int i, int minLength, int maxLength) =>
        i >= 0 && i < Count && Tokens[i].IsNumber && Tokens[i].Length >= minLength && Tokens[i].Length <= maxLength;

    public int Value(int i)
    {
        var value = 0;
        foreach (var c in Word(i))
        {
            value = (value * 10) + (c - '0');
            if (value > 100_000_000)
            {
                break;
            }
        }

        return value;
    }

    /// <summary>Whether token i begins a sentence (or a line, a field, a quotation).</summary>
    public bool StartsSentence(int i)
    {
        var gap = GapBefore(i);
        for (var k = gap.Length - 1; k >= 0; k--)
        {
            var c = gap[k];
            if (c is ' ' or '\t' or '"' or '(' or '\'')
            {
                continue;
            }

            return c is '.' or '!' or '?' or ':' or '\n' or '\r' or '|' or ';' or '*' or '>' or '=';
        }

        return i == 0;
    }

    /// <summary>Whether the gap is only spaces (at least one) and at most <paramref name="max"/> characters.</summary>
    public static bool IsSpaces(ReadOnlySpan<char> gap, int max = 3) =>
        gap.Length > 0 && gap.Length <= max && !gap.ContainsAnyExcept(' ');

    public void Add(PhiType type, int start, int end, double confidence, string detector) =>
        Candidates.Add(new PhiFinding(type, start, end, confidence, detector));

    public void AddTokens(PhiType type, int first, int last, double confidence, string detector) =>
        Add(type, Tokens[first].Start, Tokens[last].End, confidence, detector);

    /// <summary>
    /// The value <paramref name="lookup"/> holds for token i. The word-flags probe, cached per token, answers first
    /// whether the word is in <paramref name="listed"/> (the flag marking that list's words), so most words cost no look-up.
    /// </summary>
    public bool TryListed<T>(int i, WordFlags listed, System.Collections.Frozen.FrozenDictionary<string, T>.AlternateLookup<ReadOnlySpan<char>> lookup, out T value)
    {
        if (Is(i, listed))
        {
            return lookup.TryGetValue(Word(i), out value!);
        }

        value = default!;
        return false;
    }

    /// <summary>Whether the word before token i (within <paramref name="window"/> tokens) is a cue of <paramref name="lookup"/>.</summary>
    public bool TryCueBefore<T>(int i, int window, WordFlags listed, System.Collections.Frozen.FrozenDictionary<string, T>.AlternateLookup<ReadOnlySpan<char>> lookup, out T value)
    {
        for (var k = i - 1; k >= 0 && k >= i - window; k--)
        {
            // Stop at a line break: a cue on the line above describes something else, unless it ends that line
            // right before the value ("Phone:" then the number on the next line).
            if (k < i - 1 && GapAfter(k).Contains('\n'))
            {
                break;
            }

            if (Tokens[k].IsWord && TryListed(k, listed, lookup, out value!))
            {
                return true;
            }
        }

        value = default!;
        return false;
    }
}
