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

    /// <summary>The text with every finding replaced.</summary>
    /// <param name="text">Free text.</param>
    /// <returns>The cleaned text (the same instance when nothing was found).</returns>
    public string Clean(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var findings = _scanner.Scan(text);
        if (findings.Count == 0)
        {
            return text;
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
        return result.ToString();
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
