using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

namespace Custos.Phi.Deidentification;

/// <summary>Cleans free text: every finding becomes <c>[TYPE]</c>, or a surrogate that stays the same for the same value in a run.</summary>
public sealed class TextRedactor
{
    private readonly PhiScanner _scanner;
    private readonly FreeTextMode _mode;
    private readonly DeidentificationReport _report;
    private readonly ConcurrentDictionary<(PhiType, string), int> _surrogates = new();
    private readonly ConcurrentDictionary<PhiType, int> _next = new();
    private readonly ConcurrentDictionary<string, PhiType> _known = new(StringComparer.OrdinalIgnoreCase);
    private KeyValuePair<string, PhiType>[]? _knownInOrder;

    /// <summary>Creates a redactor.</summary>
    /// <param name="scanner">The scanner.</param>
    /// <param name="mode">Redact or surrogate.</param>
    /// <param name="report">Counts go here.</param>
    public TextRedactor(PhiScanner scanner, FreeTextMode mode, DeidentificationReport report)
    {
        _scanner = scanner;
        _mode = mode;
        _report = report;
    }

    /// <summary>
    /// Adds a value known to identify someone in this data set (a patient's name from a structured field, say): it is
    /// replaced wherever it appears in free text as a whole word, whether or not a detector would have found it.
    /// </summary>
    /// <param name="type">The value's type.</param>
    /// <param name="value">The value; values shorter than three characters are ignored.</param>
    public void AddKnown(PhiType type, string value)
    {
        if (value is { Length: >= 3 } && _known.TryAdd(value.Trim(), type))
        {
            _knownInOrder = null;
        }
    }

    /// <summary>The text with every finding replaced.</summary>
    /// <param name="text">Free text.</param>
    /// <returns>The cleaned text (the same instance when nothing was found).</returns>
    public string Clean(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var findings = _scanner.Scan(text);
        if (findings.Count == 0)
        {
            return ReplaceKnown(text);
        }

        var result = new StringBuilder(text.Length);
        var at = 0;
        foreach (var f in findings)
        {
            result.Append(text, at, f.Start - at);
            result.Append(Replacement(f.Type, text.Substring(f.Start, f.Length)));
            _report.Count("text:" + PhiTypes.Name(f.Type));
            at = f.End;
        }

        result.Append(text, at, text.Length - at);
        return ReplaceKnown(result.ToString());
    }

    private string ReplaceKnown(string text)
    {
        if (_known.IsEmpty)
        {
            return text;
        }

        // Longest first, then in ordinal order: "Ruelas156" goes before "Ruelas", and the output never depends on hash order.
        var known = _knownInOrder ??= [.. _known.OrderByDescending(p => p.Key.Length).ThenBy(p => p.Key, StringComparer.OrdinalIgnoreCase).ThenBy(p => p.Key, StringComparer.Ordinal)];
        foreach (var (value, type) in known)
        {
            var at = 0;
            while ((at = text.IndexOf(value, at, StringComparison.OrdinalIgnoreCase)) >= 0)
            {
                var end = at + value.Length;
                var whole = (at == 0 || !char.IsLetterOrDigit(text[at - 1])) && (end == text.Length || !char.IsLetterOrDigit(text[end]));
                if (!whole)
                {
                    at = end;
                    continue;
                }

                var replacement = Replacement(type, value);
                text = string.Concat(text.AsSpan(0, at), replacement, text.AsSpan(end));
                _report.Count("text:" + PhiTypes.Name(type));
                at += replacement.Length;
            }
        }

        return text;
    }

    private string Replacement(PhiType type, string value)
    {
        if (type == PhiType.Date && SafeHarborRules.Year(value) is { } year)
        {
            return year.ToString(CultureInfo.InvariantCulture); // the year may stay (164.514(b)(2)(i)(C))
        }

        if (_mode == FreeTextMode.Redact)
        {
            return "[" + PhiTypes.Name(type) + "]";
        }

        var n = _surrogates.GetOrAdd((type, value.Trim().ToUpperInvariant()), _ => _next.AddOrUpdate(type, 1, (_, old) => old + 1));
        return string.Create(CultureInfo.InvariantCulture, $"[{PhiTypes.Name(type)}-{n}]");
    }
}
